"""What each line manager expects, has seen, and feels; complaints and escalations."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import CoefRow, Params, owned, owned_scope
from game.model.rules.intensity import Intensity, saturated
from game.model.rules.relationships import tolerance_of
from game.model.scalar import clip, maximum, minimum, row_sum
from game.model.state import ACCEPTED, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]

# The four complaints of the theme, in this order (complaint codes 0-3; -1 = none).
COMPLAINTS = (
    "They live in their own world",
    "They don't understand what we really need",
    "They make it harder than it has to be",
    "They take too long to deliver",
)
NO_COMPLAINT = -1
# Hype can promise more than the whole scope; expectations stop growing here.
EXPECT_MAX = 1.5


def true_share(state: State, params: Params) -> F64:
    """Share of each stakeholder's scope that is truly done (N, S)."""
    return _shares_of(state, params)[0]


def signed_off_share(state: State, params: Params) -> F64:
    """Share of each stakeholder's scope (N, S) they have certainly seen working: the
    packages they accepted, less the defects found in them. IT knows it as well as they do."""
    return _shares_of(state, params)[1]


def _shares_of(state: State, params: Params) -> tuple[F64, F64]:
    """`true_share` and `signed_off_share`, (N, S) each."""
    truly_done, signed_off = np.empty(state.seen.shape), np.empty(state.seen.shape)
    _shares(state.correct, state.scope, state.defects, state.status, params.size,
            owned_scope(params), params.owner_slots, truly_done, signed_off)  # fmt: skip
    return truly_done, signed_off


@kernel(
    "void(f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], f8[::1], f8[::1], i8[:, ::1],"
    " f8[:, ::1], f8[:, ::1])"
)
def _shares(
    correct: F64,
    scope: F64,
    defects: F64,
    status: I64,
    size: F64,
    scope_of: F64,
    slots: I64,
    truly_done: F64,
    signed_off: F64,
) -> None:
    """`true_share` and `signed_off_share` of every game (N, S)."""
    n, p = correct.shape
    working = np.empty(p)
    for g in range(n):
        for j in range(p):
            working[j] = (
                size[j]
                * (status[g, j] == ACCEPTED)
                * (1.0 - clip(defects[g, j] / scope[g, j], 0.0, 1.0))
            )
        for k in range(truly_done.shape[1]):
            truly_done[g, k] = owned(correct[g], slots, k) / owned(scope[g], slots, k)
            signed_off[g, k] = owned(working, slots, k) / scope_of[k]


def demo_strength(state: State, params: Params, acts: Intensity) -> F64:
    """How much a demo shows (N, S): nothing new to show, nothing gained."""
    truth = true_share(state, params)
    result: F64 = _demo(truth, state.seen, acts.stakeholder[Channel.DEMO], params.coef_row)
    return result


@kernel("f8[:, ::1](f8[:, ::1], f8[:, ::1], f8[:, ::1], CoefRow)")
def _demo(truth: F64, seen: F64, demo: F64, coef: CoefRow) -> F64:
    c = coef[0]
    out = np.empty(truth.shape)
    for g in range(truth.shape[0]):
        for k in range(truth.shape[1]):
            novelty = clip((truth[g, k] - seen[g, k]) / c.demo_novelty, 0.0, 1.0)
            out[g, k] = saturated(demo[g, k]) * novelty
    return out


def update_views(state: State, params: Params, acts: Intensity, demo: F64) -> tuple[F64, F64]:
    """Seen delivery, expectations (schedule, hype, demos, resets) and satisfaction.

    Returns what honest talks (resets) trimmed off expectations (N, S), for the players:
    expectations grow every turn, so a talk can leave them higher than before all the same;
    and the grievances behind the new satisfaction (N, S, 4), as `grievances` gives them
    for every game, that had ended or not (the rest of the turn changes none of their
    causes: `step` takes the turn's complaints from them).
    """
    truth, signed_off = _shares_of(state, params)
    trimmed = np.zeros(state.seen.shape)
    _update_views(
        state.done,
        state.seen,
        state.expectation,
        state.hype,
        state.turn,
        truth,
        signed_off,
        demo,
        acts.stakeholder[Channel.RESET],
        params.hype_susceptibility,
        params.deadline,
        params.coef_row,
        trimmed,
    )
    state.satisfaction, held = _feelings(state, params, keep_ended=True)
    return trimmed, held


@kernel(
    "void(b1[::1], f8[:, ::1], f8[:, ::1], f8[::1], i8[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[::1], i8, CoefRow, f8[:, ::1])"
)
def _update_views(
    ended: B8,
    seen: F64,
    expectation: F64,
    hype: F64,
    turn: I64,
    truth: F64,
    signed_off: F64,
    demo: F64,
    reset: F64,
    hype_susceptibility: F64,
    deadline: int,
    coef: CoefRow,
    trimmed: F64,
) -> None:
    c = coef[0]
    n, s = seen.shape
    pace = c.expectation_pace / deadline
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        before_deadline = turn[g] < deadline
        for k in range(s):
            now = maximum(seen[g, k], signed_off[g, k])
            now = now + c.demo_show * demo[g, k] * maximum(truth[g, k] - now, 0.0)
            seen[g, k] = clip(now, 0.0, 1.0)
            hyped = hype_susceptibility[k] * hype[g]
            # Hype speeds their mental schedule (which never passes the whole scope) and, as
            # a promise they believe, adds to it outright: more than the project will deliver.
            scheduled = expectation[g, k] + pace * (1.0 + hyped) * before_deadline
            e = minimum(scheduled, maximum(expectation[g, k], 1.0))
            e = e + c.hype_expect * hyped * before_deadline
            shown = maximum(truth[g, k], seen[g, k])
            e = e - c.demo_expect * demo[g, k] * maximum(e - shown, 0.0)
            cut = c.reset_rate * saturated(reset[g, k]) * maximum(e - shown, 0.0)
            trimmed[g, k] = cut
            expectation[g, k] = clip(e - cut, 0.0, EXPECT_MAX)
        calming = saturated(row_sum(reset[g]))
        hype[g] = hype[g] * (1.0 - c.reset_hype * calming)


# Clarity below which the owner of a package still being built feels misunderstood.
UNDERSTOOD = 0.65


def _feelings(state: State, params: Params, keep_ended: bool = False) -> tuple[F64, F64]:
    """Satisfaction (N, S) and what each stakeholder holds against IT (N, S, 4); with
    `keep_ended` (in a turn), a game that had ended keeps its satisfaction."""
    n, s = state.seen.shape
    satisfied, held = state.satisfaction.copy(), np.empty((n, s, len(COMPLAINTS)))
    _feel(
        state.done if keep_ended else np.zeros(n, dtype=np.bool_),
        state.seen,
        state.expectation,
        state.trust,
        state.friction,
        state.since_contact,
        state.status,
        state.clarity,
        state.rejections,
        params.size,
        params.patience,
        params.owner_slots,
        params.coef_row,
        satisfied,
        held,
    )
    return satisfied, held


@kernel(
    "void(b1[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], i8[:, ::1],"
    " f8[:, ::1], i8[:, ::1], f8[::1], f8[::1], i8[:, ::1], CoefRow, f8[:, ::1], f8[:, :, ::1])"
)
def _feel(
    ended: B8,
    seen: F64,
    expectation: F64,
    trust: F64,
    friction: F64,
    since_contact: I64,
    status: I64,
    clarity: F64,
    rejections: I64,
    size: F64,
    patience: F64,
    slots: I64,
    coef: CoefRow,
    satisfied: F64,
    held: F64,
) -> None:
    """Distance (no contact), misunderstanding (unclear needs of work not yet accepted,
    rejections), friction (force and defects they met), and delivery behind what they
    expect beyond their tolerance: each the satisfaction it costs; and what is left."""
    c = coef[0]
    n, s = seen.shape
    p = status.shape[1]
    pending, unclear, rejected = np.empty(p), np.empty(p), np.empty(p)
    for g in range(n):
        for j in range(p):
            pending[j] = size[j] * (status[g, j] != ACCEPTED)
            unclear[j] = clarity[g, j] * pending[j]
            rejected[j] = rejections[g, j]
        for k in range(s):
            distance = clip((since_contact[g, k] - 1.0) / (2.0 * c.vague_after), 0.0, 1.0)
            weight = owned(pending, slots, k)
            understood = owned(unclear, slots, k) / weight if weight > 0 else UNDERSTOOD
            times = minimum(owned(rejected, slots, k), 2.0)
            missed = maximum(UNDERSTOOD - understood, 0.0)
            misunderstood = clip(0.5 * times + 1.5 * missed, 0.0, 1.0)
            tolerance = tolerance_of(patience[k], c)
            held[g, k, 0] = c.sat_distance * distance
            held[g, k, 1] = c.sat_unclear * misunderstood
            held[g, k, 2] = c.sat_friction * friction[g, k]
            behind = expectation[g, k] - seen[g, k] - tolerance
            held[g, k, 3] = c.sat_gap * maximum(behind, 0.0)
            gap = seen[g, k] - expectation[g, k] + tolerance
            base = 0.5 + c.sat_gap * gap + c.sat_trust * (trust[g, k] - 0.5)
            left = base - held[g, k, 0] - held[g, k, 1] - held[g, k, 2]
            # Passed only in a turn: a game that had ended keeps its satisfaction.
            if not ended[g]:
                satisfied[g, k] = clip(left, 0.0, 1.0)


def grievances(state: State, params: Params) -> F64:
    """What each stakeholder holds against IT, one column per complaint (N, S, 4).

    Each is the satisfaction it costs, from its own state: distance (no contact),
    misunderstanding (unclear needs of work not yet accepted, rejections), friction
    (force and defects they met), and delivery behind what they expect beyond their
    tolerance.
    """
    return _feelings(state, params)[1]


def satisfaction(state: State, params: Params) -> F64:
    """Satisfaction follows what they have seen against what they expect, and trust, less
    what distance, misunderstanding and friction cost them."""
    return _feelings(state, params)[0]


def complaints(state: State, params: Params, held: F64 | None = None) -> I64:
    """Each unhappy stakeholder's main complaint (N, S), or NO_COMPLAINT: the grievance
    that costs them the most satisfaction. `held`: the state's `grievances`, if known."""
    held = grievances(state, params) if held is None else held
    result = np.empty(state.satisfaction.shape, dtype=np.int64)
    _main_complaints(held, state.satisfaction, params.coef_row, result)
    return result


@kernel("void(f8[:, :, ::1], f8[:, ::1], CoefRow, i8[:, ::1])")
def _main_complaints(held: F64, satisfaction: F64, coef: CoefRow, out: I64) -> None:
    c = coef[0]
    for g in range(held.shape[0]):
        for k in range(held.shape[1]):
            # The first largest grievance, or the first NaN (numpy's argmax).
            main = 0
            for j in range(1, held.shape[2]):
                here, best = held[g, k, j], held[g, k, main]
                if here > best or (here != here and best == best):
                    main = j
            unhappy = satisfaction[g, k] < c.complaint_below
            out[g, k] = main if unhappy else NO_COMPLAINT


def escalate(state: State, params: Params, u_escalate: F64, active: B8) -> B8:
    """Unhappy, influential stakeholders go to the sponsor (N, S)."""
    escalated = np.zeros(state.satisfaction.shape, dtype=np.bool_)
    _escalate(
        state.satisfaction,
        state.escalations,
        state.sponsor,
        u_escalate,
        active,
        params.influence,
        params.coef_row,
        escalated,
    )
    return escalated


@kernel("void(f8[:, ::1], i8[:, ::1], f8[::1], f8[:, :], b1[::1], f8[::1], CoefRow, b1[:, ::1])")
def _escalate(
    satisfaction: F64,
    escalations: I64,
    sponsor: F64,
    u_escalate: F64,
    active: B8,
    influence: F64,
    coef: CoefRow,
    escalated: B8,
) -> None:
    c = coef[0]
    n, s = satisfaction.shape
    weight = np.empty(s)
    for g in range(n):
        if not active[g]:
            continue  # a game that had ended stays as it was
        for k in range(s):
            unhappiness = clip(
                (c.escalation_threshold - satisfaction[g, k]) / c.escalation_threshold, 0.0, 1.0
            )
            chance = c.escalation_rate * influence[k] * unhappiness
            went = u_escalate[g, k] < chance
            escalations[g, k] += went
            escalated[g, k] = went
            weight[k] = went * influence[k]
        hit = c.escalation_sponsor_hit * row_sum(weight)
        sponsor[g] = clip(sponsor[g] - hit, 0.0, 1.0)
