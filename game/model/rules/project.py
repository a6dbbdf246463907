"""Project-wide stocks: sponsor support, fatigue, hype, budget, and the end of a game."""

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.params import Params
from game.model.rules.attribution import apportion
from game.model.rules.intensity import Intensity
from game.model.state import ACCEPTED, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


class SponsorTerm(IntEnum):
    """The terms of the sponsor rules: what a turn's change of sponsor support is made of
    (TurnLog.sponsor_parts, last axis)."""

    NEWS = 0  # an event (rules/events.py)
    COMPLAINT = 1  # unhappy stakeholders went to the sponsor (rules/stakeholders.py)
    SIGNOFF = 2  # value signed off
    STEERING = 3  # a steering update
    LATE = 4  # past the deadline
    OVER_BUDGET = 5  # the budget is spent
    FORCED = 6  # the team escalated: the sponsor's patience
    FADE = 7  # support fades a little every turn


N_SPONSOR_TERMS = len(SponsorTerm)


def update_project(state: State, params: Params, acts: Intensity, accepted_value: F64) -> F64:
    """Budget, sponsor support, fatigue and hype after this turn's work.

    Sponsor support fades a little every turn: steering updates and accepted packages
    renew it, escalations (the team's and the stakeholders') and a
    late or over-budget project drain it.

    `accepted_value` is the share of the project's value accepted this turn (N,). Returns
    the change of sponsor support in parts (N, N_SPONSOR_TERMS), for the players' "why".
    """
    c = params.coef
    overtime_cost = acts.overtime * params.overtime_cost
    state.budget_spent += (state.capacity + overtime_cost) * params.cost_per_point
    over_budget = state.budget_spent > params.budget
    late = state.turn >= params.deadline
    update = c.sponsor_update_gain * -np.expm1(-acts.project[:, Channel.SPONSOR])
    forced = (acts.stakeholder[Channel.ESCALATE] > 0).sum(axis=1)
    # The sponsor's patience runs out: the k-th escalation (from 0) costs 1 + growth x k
    # times the first, so this turn's `forced` ones, after `state.forced` earlier, cost:
    earlier = state.forced
    steps = forced * earlier + forced * (forced - 1) / 2
    patience = c.escalate_sponsor_cost * (forced + c.escalate_sponsor_growth * steps)
    state.forced = state.forced + forced
    sponsor = (
        state.sponsor
        + c.sponsor_delivery_gain * accepted_value
        + update * (1.0 - state.sponsor)
        - c.late_sponsor_drain * late
        - c.over_budget_drain * over_budget
        - patience
        - c.sponsor_fade
    )
    parts = np.stack(
        [
            np.zeros_like(sponsor),  # NEWS: told by rules/events.py
            np.zeros_like(sponsor),  # COMPLAINT: told by rules/stakeholders.py
            c.sponsor_delivery_gain * accepted_value,
            update * (1.0 - state.sponsor),
            -c.late_sponsor_drain * late,
            -c.over_budget_drain * over_budget,
            -patience,
            np.full_like(sponsor, -c.sponsor_fade),
        ],
        axis=-1,
    )
    before = state.sponsor
    state.sponsor = np.clip(sponsor, 0.0, 1.0)
    tiredness = c.fatigue_gain * acts.overtime / np.maximum(state.capacity, 1.0)
    rest = c.fatigue_recovery * state.fatigue * (acts.overtime <= 0)
    state.fatigue = np.clip(state.fatigue + tiredness - rest, 0.0, 1.0)
    state.hype = np.clip(state.hype * (1.0 - c.hype_decay), 0.0, 1.0)
    return apportion(parts, state.sponsor - before)


def end_turn(state: State, params: Params, active: B8) -> B8:
    """Advance the clock and end games that are cancelled, complete, or out of time.

    Returns the games cancelled this turn (N,).
    """
    newly_cancelled = active & (state.sponsor <= 0.0)
    state.cancelled |= newly_cancelled
    state.turn += active
    complete = (state.status == ACCEPTED).all(axis=1)
    finished = active & (state.cancelled | complete | (state.turn >= params.turns))
    state.end_turn = np.where(finished, state.turn, state.end_turn)
    state.done |= finished
    return newly_cancelled
