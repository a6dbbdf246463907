"""Project-wide stocks: sponsor support, fatigue, hype, budget, and the end of a game."""

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import CoefRow, Params
from game.model.rules.attribution import apportion
from game.model.rules.intensity import Intensity, saturated
from game.model.scalar import clip, maximum, row_sum
from game.model.state import ACCEPTED, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


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


def update_project(state: State, params: Params, acts: Intensity, accepted: B8) -> F64:
    """Budget, sponsor support, fatigue and hype after this turn's work.

    Sponsor support fades a little every turn: steering updates and accepted packages
    renew it, escalations (the team's and the stakeholders') and a
    late or over-budget project drain it.

    `accepted` marks the packages accepted this turn (N, P): the share of the project's value
    they carry renews support. Returns
    the change of sponsor support in parts (N, N_SPONSOR_TERMS), for the players' "why".
    """
    before = state.sponsor.copy()
    parts = np.zeros((before.shape[0], N_SPONSOR_TERMS))
    _update_project(
        state.done,
        state.budget_spent,
        state.sponsor,
        state.fatigue,
        state.hype,
        state.forced,
        state.capacity,
        state.turn,
        acts.overtime,
        acts.project,
        acts.stakeholder[Channel.ESCALATE],
        accepted,
        params.value,
        params.value.sum(),
        params.overtime_cost,
        params.cost_per_point,
        params.budget,
        params.deadline,
        params.coef_row,
        parts,
    )
    return apportion(parts, state.sponsor - before)


@kernel(
    "void(b1[::1],"
    " f8[::1], f8[::1], f8[::1], f8[::1], i8[::1], f8[::1], i8[::1], f8[::1], f8[:, ::1],"
    " f8[:, ::1], b1[:, ::1], f8[::1], f8, f8, f8, f8, i8, CoefRow, f8[:, ::1])"
)
def _update_project(
    ended: B8,
    budget_spent: F64,
    sponsor: F64,
    fatigue: F64,
    hype: F64,
    forced_before: I64,
    capacity: F64,
    turn: I64,
    overtime: F64,
    project: F64,
    escalate: F64,
    accepted: B8,
    value: F64,
    total_value: float,
    overtime_cost: float,
    cost_per_point: float,
    budget: float,
    deadline: int,
    coef: CoefRow,
    parts: F64,
) -> None:
    c = coef[0]
    accepted_values = np.empty(value.shape[0])
    for g in range(sponsor.shape[0]):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(value.shape[0]):
            accepted_values[k] = accepted[g, k] * value[k]
        # The share of the project's value accepted this turn (as numpy sums a row).
        accepted_value = row_sum(accepted_values) / total_value
        budget_spent[g] += (capacity[g] + overtime[g] * overtime_cost) * cost_per_point
        over_budget = budget_spent[g] > budget
        late = turn[g] >= deadline
        update = c.sponsor_update_gain * saturated(project[g, Channel.SPONSOR])
        forced = 0
        for k in range(escalate.shape[1]):
            forced += escalate[g, k] > 0
        # The sponsor's patience runs out: the k-th escalation (from 0) costs 1 + growth x k
        # times the first, so this turn's `forced` ones, after the earlier ones, cost:
        steps = forced * forced_before[g] + forced * (forced - 1) / 2
        patience = c.escalate_sponsor_cost * (forced + c.escalate_sponsor_growth * steps)
        forced_before[g] += forced
        parts[g, SponsorTerm.SIGNOFF] = c.sponsor_delivery_gain * accepted_value
        parts[g, SponsorTerm.STEERING] = update * (1.0 - sponsor[g])
        parts[g, SponsorTerm.LATE] = -c.late_sponsor_drain * late
        parts[g, SponsorTerm.OVER_BUDGET] = -c.over_budget_drain * over_budget
        parts[g, SponsorTerm.FORCED] = -patience
        parts[g, SponsorTerm.FADE] = -c.sponsor_fade
        moved = (
            sponsor[g]
            + c.sponsor_delivery_gain * accepted_value
            + update * (1.0 - sponsor[g])
            - c.late_sponsor_drain * late
            - c.over_budget_drain * over_budget
            - patience
            - c.sponsor_fade
        )
        sponsor[g] = clip(moved, 0.0, 1.0)
        tiredness = c.fatigue_gain * overtime[g] / maximum(capacity[g], 1.0)
        rest = c.fatigue_recovery * fatigue[g] * (overtime[g] <= 0)
        fatigue[g] = clip(fatigue[g] + tiredness - rest, 0.0, 1.0)
        hype[g] = clip(hype[g] * (1.0 - c.hype_decay), 0.0, 1.0)


def end_turn(state: State, params: Params, active: B8) -> B8:
    """Advance the clock and end games that are cancelled, complete, or out of time.

    Returns the games cancelled this turn (N,).
    """
    newly_cancelled = np.zeros(active.shape, dtype=np.bool_)
    _end_turn(
        state.sponsor,
        state.status,
        state.cancelled,
        state.turn,
        state.end_turn,
        state.done,
        active,
        params.turns,
        newly_cancelled,
    )
    return newly_cancelled


@kernel("void(f8[::1], i8[:, ::1], b1[::1], i8[::1], i8[::1], b1[::1], b1[::1], i8, b1[::1])")
def _end_turn(
    sponsor: F64,
    status: I64,
    cancelled: B8,
    turn: I64,
    end_turn: I64,
    done: B8,
    active: B8,
    turns: int,
    newly_cancelled: B8,
) -> None:
    for g in range(sponsor.shape[0]):
        if not active[g]:
            continue
        newly_cancelled[g] = sponsor[g] <= 0.0
        cancelled[g] |= newly_cancelled[g]
        turn[g] += 1
        complete = True
        for k in range(status.shape[1]):
            complete = complete and status[g, k] == ACCEPTED
        if cancelled[g] or complete or turn[g] >= turns:
            end_turn[g] = turn[g]
            done[g] = True
