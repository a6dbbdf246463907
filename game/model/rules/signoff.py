"""Sign-off: the owner's acceptance test finds what is left of the hidden rework.

The chance of a decision each turn rises with trust (low trust means delays) and
falls with friction; a rejection is probabilistic and softened by trust, so it
cannot loop on a fixed threshold. Favours (personal power) and escalation
(positional power) both speed it, differently: a favour buys a quick and fair
test, done together; an escalation forces a decision only as far as the sponsor
backs the team, and leaves friction behind (rules/friction.py). Once a hand-over has
waited `escalate_fair_wait` turns, personal means have had their fair chance: then
deciding is what a sponsor is for, and an escalation is a last resort, not a power play.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import Coefficients, CoefRow, Params, owners_with
from game.model.rng import Slots, draw
from game.model.rules.intensity import Intensity
from game.model.scalar import clip, maximum
from game.model.state import ACCEPTED, AWAITING, OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class SignOff:
    accepted: B8  # (N, P)
    rejected: B8  # (N, P)
    found: F64  # (N, P) rework the acceptance test found
    cause_clarity: F64  # (N, P) clarity at which that work was built
    owner_trust: F64  # (N, P) the owner's trust when deciding
    redo: F64  # (N, P) work a rejection put back to redo (found late: at the full late cost)


def overdue(state: State, params: Params) -> B8:
    """Hand-overs that have waited `escalate_fair_wait` turns or more for sign-off (N, P).

    In real projects a sign-off held up well past a fair wait is a governance problem:
    taking it to the sponsor is what the steering structure is for, and colleagues see it
    as fair process rather than someone being overruled.
    """
    result: B8 = _overdue_all(state.status, state.handover_turn, state.turn, params.coef_row)
    return result


@kernel("b1[:, ::1](i8[:, ::1], i8[:, ::1], i8[::1], CoefRow)")
def _overdue_all(status: I64, handover_turn: I64, turn: I64, coef: CoefRow) -> B8:
    c = coef[0]
    n, p = status.shape
    out = np.empty((n, p), dtype=np.bool_)
    for g in range(n):
        for k in range(p):
            out[g, k] = _overdue(status[g, k], handover_turn[g, k], turn[g], c)
    return out


@kernel("b1(i8, i8, i8, Coef)")
def _overdue(status: int, handover_turn: int, turn: int, c: Coefficients) -> bool:
    return status == AWAITING and (turn - handover_turn) >= c.escalate_fair_wait


def fair_escalation(state: State, params: Params) -> B8:
    """Stakeholders over whom an escalation would be a fair last resort (N, S): a package
    of theirs is overdue for sign-off."""
    return owners_with(overdue(state, params), params)


def sign_off(
    state: State,
    params: Params,
    acts: Intensity,
    favour: B8,
    decide: Slots,
    reject: Slots,
) -> SignOff:
    """Decide on packages awaiting sign-off (N, P), drawing from `decide` whether the owner
    decides on one this turn and from `reject` whether they turn it down."""
    n, p = state.status.shape
    accepted, rejected = np.zeros((n, p), dtype=np.bool_), np.zeros((n, p), dtype=np.bool_)
    found, redo, owner_trust = np.zeros((n, p)), np.zeros((n, p)), np.zeros((n, p))
    cause = np.zeros((n, p))
    # Its draws: as plain Python (NUMBA_DISABLE_JIT) uint64 wraps too.
    with np.errstate(over="ignore"):
        _sign_off(
            state.done,
            state.hidden,
            state.defects,
            state.work_redo,
            state.scope,
            state.rework_found,
            state.rejections,
            state.clarity,
            state.status,
            state.accept_turn,
            state.handover_turn,
            state.turn,
            state.trust,
            state.friction,
            state.sponsor,
            acts.stakeholder[Channel.ESCALATE],
            favour,
            *decide.kernel_args(),
            reject.first,
            state.hidden_clarity,
            params.owner,
            params.coef_row,
            accepted,
            rejected,
            found,
            redo,
            owner_trust,
            cause,
        )
    return SignOff(accepted, rejected, found, cause, owner_trust, redo)


@kernel(
    "void(b1[::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], f8[:, ::1],"
    " i8[:, ::1], i8[:, ::1], i8[:, ::1], i8[::1], f8[:, ::1], f8[:, ::1], f8[::1], f8[:, ::1],"
    " b1[:, ::1], u8[::1], i8[::1], u8, i8, i8, f8[:, ::1], i8[::1], CoefRow, b1[:, ::1],"
    " b1[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1])"
)
def _sign_off(
    ended: B8,
    hidden: F64,
    defects: F64,
    work_redo: F64,
    scope: F64,
    rework_found: F64,
    rejections: I64,
    clarity: F64,
    status: I64,
    accept_turn: I64,
    handover_turn: I64,
    turn: I64,
    trust: F64,
    friction: F64,
    sponsor: F64,
    escalate: F64,
    favour: B8,
    keys: U64,
    turns: I64,
    stream: np.uint64,
    decide_slot: int,
    reject_slot: int,
    hidden_clarity: F64,
    owner: I64,
    coef: CoefRow,
    accepted: B8,
    rejected: B8,
    found: F64,
    redo: F64,
    owner_trust: F64,
    cause: F64,
) -> None:
    """The decisions into `accepted` and `rejected`, what the owner's test found into
    `found`, what it costs into `redo`, the owner's trust at the decision and the clarity
    the found work was built at into `owner_trust` and `cause`: zeros when called, left so
    for a game that had ended. Draws only for packages awaiting sign-off."""
    c = coef[0]
    n, p = status.shape
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(p):
            o = owner[k]
            owner_trust[g, k] = trust[g, o]
            favoured = favour[g, o]
            willing = 1.0 - c.friction_signoff * friction[g, o]
            p_decide = clip(c.signoff_base + c.signoff_trust * trust[g, o], 0.0, 1.0) * willing
            if favoured:
                p_decide = maximum(p_decide, c.favour_signoff)
            # The sponsor backs a forced decision only as far as they support the project;
            # an overdue sign-off they decide anyway (escalate_fair_decide): their job.
            backing = sponsor[g]
            if _overdue(status[g, k], handover_turn[g, k], turn[g], c):
                backing = maximum(sponsor[g], c.escalate_fair_decide)
            if escalate[g, o] > 0:
                p_decide = maximum(p_decide, backing)
            awaiting = status[g, k] == AWAITING
            deciding = awaiting and draw(keys[g], turns[g], stream, decide_slot + k) < p_decide
            seen = hidden[g, k] * c.acceptance_find * deciding
            defect_share = seen / scope[g, k]
            p_reject = c.reject_scale * defect_share * (1.0 - c.reject_trust_soften * trust[g, o])
            p_reject = clip(p_reject * (1.0 - c.favour_fair * favoured), 0.0, c.reject_max)
            no = deciding and draw(keys[g], turns[g], stream, reject_slot + k) < p_reject
            yes = deciding and not no
            # Rejected: the defects found go back to the team as rework at the full late
            # cost; hearing why clarifies the need. Accepted: the package goes live with the
            # defects found as known issues (no longer hidden, never fixed: they cost value).
            back = seen * no
            hidden[g, k] -= seen
            defects[g, k] += seen * yes
            redo_work = back * (1.0 + c.late_cost)
            work_redo[g, k] += redo_work
            scope[g, k] += back * c.late_cost
            rework_found[g, k] += seen
            rejections[g, k] += no
            clarity[g, k] += c.reject_clarity_gain * (1.0 - clarity[g, k]) * no
            if no:
                status[g, k] = OPEN
            elif yes:
                status[g, k] = ACCEPTED
                accept_turn[g, k] = turn[g]
            accepted[g, k], rejected[g, k] = yes, no
            found[g, k], redo[g, k], cause[g, k] = seen, redo_work, hidden_clarity[g, k]
