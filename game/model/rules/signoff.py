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
from game.model.params import Params, owner_sum
from game.model.rules.intensity import Intensity
from game.model.state import ACCEPTED, AWAITING, OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


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
    waited = state.turn[:, None] - state.handover_turn
    result: B8 = (state.status == AWAITING) & (waited >= params.coef.escalate_fair_wait)
    return result


def fair_escalation(state: State, params: Params) -> B8:
    """Stakeholders over whom an escalation would be a fair last resort (N, S): a package
    of theirs is overdue for sign-off."""
    result: B8 = owner_sum(overdue(state, params).astype(np.float64), params) > 0
    return result


def sign_off(
    state: State,
    params: Params,
    acts: Intensity,
    favour: B8,
    u_decide: F64,
    u_reject: F64,
) -> SignOff:
    """Decide on packages awaiting sign-off (N, P)."""
    c = params.coef
    owner = params.owner
    owner_trust = state.trust[:, owner]
    favoured = favour[:, owner]
    forced = acts.stakeholder[Channel.ESCALATE][:, owner] > 0
    willing = 1.0 - c.friction_signoff * state.friction[:, owner]
    p_decide = np.clip(c.signoff_base + c.signoff_trust * owner_trust, 0.0, 1.0) * willing
    p_decide = np.where(favoured, np.maximum(p_decide, c.favour_signoff), p_decide)
    # The sponsor backs a forced decision only as far as they support the project; an
    # overdue sign-off they decide anyway (escalate_fair_decide): that is their job.
    backing = np.where(
        overdue(state, params),
        np.maximum(state.sponsor[:, None], c.escalate_fair_decide),
        state.sponsor[:, None],
    )
    p_decide = np.where(forced, np.maximum(p_decide, backing), p_decide)
    deciding = (state.status == AWAITING) & (u_decide < p_decide)
    found = state.hidden * c.acceptance_find * deciding
    defect_share = found / state.scope
    p_reject = c.reject_scale * defect_share * (1.0 - c.reject_trust_soften * owner_trust)
    p_reject = np.clip(p_reject * (1.0 - c.favour_fair * favoured), 0.0, c.reject_max)
    rejected = deciding & (u_reject < p_reject)
    accepted = deciding & ~rejected
    cause = state.hidden_clarity.copy()
    # Rejected: the defects found go back to the team as rework at the full late cost;
    # hearing why clarifies the need. Accepted: the package goes live with the defects
    # found as known issues (no longer hidden, never fixed: they cost value).
    redo = found * rejected
    state.hidden -= found
    state.defects += found * accepted
    redo_work = redo * (1.0 + c.late_cost)
    state.work_redo += redo_work
    state.scope += redo * c.late_cost
    state.rework_found += found
    state.rejections += rejected
    state.clarity += c.reject_clarity_gain * (1.0 - state.clarity) * rejected
    state.status = np.where(rejected, OPEN, np.where(accepted, ACCEPTED, state.status))
    state.accept_turn = np.where(accepted, state.turn[:, None], state.accept_turn)
    return SignOff(accepted, rejected, found, cause, owner_trust, redo_work)
