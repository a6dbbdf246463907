"""What each line manager expects, has seen, and feels; complaints and escalations."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.params import Params, owned_share, owner_sum
from game.model.rules.intensity import Intensity
from game.model.rules.relationships import tolerance
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
    result: F64 = owner_sum(state.correct, params) / owner_sum(state.scope, params)
    return result


def demo_strength(state: State, params: Params, acts: Intensity) -> F64:
    """How much a demo shows (N, S): nothing new to show, nothing gained."""
    new = true_share(state, params) - state.seen
    novelty = np.clip(new / params.coef.demo_novelty, 0.0, 1.0)
    result: F64 = acts.saturated(Channel.DEMO) * novelty
    return result


def signed_off_share(state: State, params: Params) -> F64:
    """Share of each stakeholder's scope (N, S) they have certainly seen working: the
    packages they accepted, less the defects found in them. IT knows it as well as they do."""
    working = 1.0 - np.clip(state.defects / state.scope, 0.0, 1.0)
    return owned_share(params.size * (state.status == ACCEPTED) * working, params)


def update_views(state: State, params: Params, acts: Intensity, demo: F64) -> F64:
    """Seen delivery, expectations (schedule, hype, demos, resets) and satisfaction.

    Returns what honest talks (resets) trimmed off expectations (N, S), for the players:
    expectations grow every turn, so a talk can leave them higher than before all the same.
    """
    c = params.coef
    truth = true_share(state, params)
    seen = np.maximum(state.seen, signed_off_share(state, params))
    seen = seen + c.demo_show * demo * np.maximum(truth - seen, 0.0)
    state.seen = np.clip(seen, 0.0, 1.0)
    before_deadline = (state.turn < params.deadline)[:, None]
    pace = c.expectation_pace / params.deadline
    hyped = params.hype_susceptibility * state.hype[:, None]
    # Hype speeds their mental schedule (which never passes the whole scope) and, as a
    # promise they believe, adds to it outright: more than the project will ever deliver.
    scheduled = state.expectation + pace * (1.0 + hyped) * before_deadline
    e = np.minimum(scheduled, np.maximum(state.expectation, 1.0))
    e = e + c.hype_expect * hyped * before_deadline
    e = e - c.demo_expect * demo * np.maximum(e - np.maximum(truth, state.seen), 0.0)
    reset = acts.saturated(Channel.RESET)
    trimmed: F64 = c.reset_rate * reset * np.maximum(e - np.maximum(truth, state.seen), 0.0)
    e = e - trimmed
    state.expectation = np.clip(e, 0.0, EXPECT_MAX)
    calming = -np.expm1(-acts.stakeholder[Channel.RESET].sum(axis=1))
    state.hype = state.hype * (1.0 - c.reset_hype * calming)
    state.satisfaction = satisfaction(state, params)
    return trimmed


# Clarity below which the owner of a package still being built feels misunderstood.
UNDERSTOOD = 0.65


def _held_against(state: State, params: Params) -> tuple[F64, F64, F64]:
    """Satisfaction lost to distance, misunderstanding and friction, each (N, S)."""
    c = params.coef
    distance = np.clip((state.since_contact - 1.0) / (2.0 * c.vague_after), 0.0, 1.0)
    pending = params.size * (state.status != ACCEPTED)
    weight = owner_sum(pending, params)
    clarity = np.divide(
        owner_sum(state.clarity * pending, params),
        weight,
        out=np.full_like(weight, UNDERSTOOD),
        where=weight > 0,
    )
    rejected = np.minimum(owner_sum(state.rejections.astype(np.float64), params), 2.0)
    misunderstood = np.clip(0.5 * rejected + 1.5 * np.maximum(UNDERSTOOD - clarity, 0.0), 0.0, 1.0)
    return c.sat_distance * distance, c.sat_unclear * misunderstood, c.sat_friction * state.friction


def grievances(state: State, params: Params) -> F64:
    """What each stakeholder holds against IT, one column per complaint (N, S, 4).

    Each is the satisfaction it costs, from its own state: distance (no contact),
    misunderstanding (unclear needs of work not yet accepted, rejections), friction
    (force and defects they met), and delivery behind what they expect beyond their
    tolerance.
    """
    c = params.coef
    distance, misunderstood, friction = _held_against(state, params)
    behind = c.sat_gap * np.maximum(state.expectation - state.seen - tolerance(params), 0.0)
    result: F64 = np.stack([distance, misunderstood, friction, behind], axis=2)
    return result


def satisfaction(state: State, params: Params) -> F64:
    """Satisfaction follows what they have seen against what they expect, and trust, less
    what distance, misunderstanding and friction cost them."""
    c = params.coef
    gap = state.seen - state.expectation + tolerance(params)
    base = 0.5 + c.sat_gap * gap + c.sat_trust * (state.trust - 0.5)
    distance, misunderstood, friction = _held_against(state, params)
    result: F64 = np.clip(base - distance - misunderstood - friction, 0.0, 1.0)
    return result


def complaints(state: State, params: Params) -> I64:
    """Each unhappy stakeholder's main complaint (N, S), or NO_COMPLAINT: the grievance
    that costs them the most satisfaction."""
    main = np.argmax(grievances(state, params), axis=2).astype(np.int64)
    below = state.satisfaction < params.coef.complaint_below
    result: I64 = np.where(below, main, NO_COMPLAINT)
    return result


def escalate(state: State, params: Params, u_escalate: F64, active: B8) -> B8:
    """Unhappy, influential stakeholders go to the sponsor (N, S)."""
    c = params.coef
    unhappiness = np.clip(
        (c.escalation_threshold - state.satisfaction) / c.escalation_threshold, 0.0, 1.0
    )
    chance = c.escalation_rate * params.influence * unhappiness
    escalated: B8 = (u_escalate < chance) & active[:, None]
    state.escalations += escalated
    hit = c.escalation_sponsor_hit * (escalated * params.influence).sum(axis=1)
    state.sponsor = np.clip(state.sponsor - hit, 0.0, 1.0)
    return escalated
