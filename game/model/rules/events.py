"""Scenario events: scheduled, random within a window, or conditional on state."""

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel
from game.model.params import CoefRow, Params
from game.model.rules.discovery import progress_of
from game.model.rules.stakeholders import EXPECT_MAX
from game.model.scalar import clip, maximum
from game.model.state import OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


def fire(state: State, params: Params, draws: F64, active: B8, forced: B8 | None = None) -> B8:
    """Decide which events fire this turn and apply their effects; returns (N, E).

    `forced` (N, E): events fired by hand this turn (a facilitator's "the CFO is
    replaced"), on top of those their triggers fire.
    """
    n, e = state.n_games, params.n_events
    fired = np.zeros((n, e), dtype=np.bool_)
    if e == 0:
        return fired
    ev = params.events
    _by_trigger(
        state.turn,
        state.hype,
        state.sponsor,
        state.fatigue,
        state.budget_spent,
        state.correct,
        state.hidden,
        state.defects,
        state.scope,
        state.trust,
        state.satisfaction,
        state.event_fired,
        active,
        draws,
        forced if forced is not None else fired,
        ev.start,
        ev.end,
        ev.probability,
        ev.once,
        ev.cond_var,
        ev.cond_index,
        ev.cond_sign,
        ev.cond_value,
        params.budget,
        fired,
    )
    apply_effects(state, params, fired.astype(np.float64))
    return fired


@kernel(
    "void(i8[::1], f8[::1], f8[::1], f8[::1], f8[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], b1[:, ::1], b1[::1], f8[:, :], b1[:, ::1], i8[::1],"
    " i8[::1], f8[::1], b1[::1], i8[::1], i8[::1], f8[::1], f8[::1], f8, b1[:, ::1])"
)
def _by_trigger(
    turn: I64,
    hype: F64,
    sponsor: F64,
    fatigue: F64,
    budget_spent: F64,
    correct: F64,
    hidden: F64,
    defects: F64,
    scope: F64,
    trust: F64,
    satisfaction: F64,
    event_fired: B8,
    active: B8,
    draws: F64,
    forced: B8,
    start: I64,
    end: I64,
    probability: F64,
    once: B8,
    cond_var: I64,
    cond_index: I64,
    cond_sign: F64,
    cond_value: F64,
    budget: float,
    fired: B8,
) -> None:
    """The events whose own triggers fire this turn, and those fired by hand."""
    for g in range(turn.shape[0]):
        if not active[g]:
            continue
        for e in range(start.shape[0]):
            spent = once[e] and event_fired[g, e]
            # Manual events (probability 0) never fire by themselves.
            in_window = start[e] <= turn[g] <= end[e] and probability[e] > 0
            if in_window and not spent and draws[g, e] < probability[e]:
                var = cond_var[e]
                if var < 0:
                    fired[g, e] = True
                else:
                    value = _condition(
                        var,
                        cond_index[e],
                        g,
                        hype,
                        sponsor,
                        fatigue,
                        budget_spent,
                        correct,
                        hidden,
                        defects,
                        scope,
                        trust,
                        satisfaction,
                        budget,
                    )
                    fired[g, e] = cond_sign[e] * (value - cond_value[e]) >= 0
            fired[g, e] = fired[g, e] or (forced[g, e] and not spent)
            event_fired[g, e] = event_fired[g, e] or fired[g, e]


@kernel(
    "f8(i8, i8, i8, f8[::1], f8[::1], f8[::1], f8[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8)"
)
def _condition(
    var: int,
    index: int,
    g: int,
    hype: F64,
    sponsor: F64,
    fatigue: F64,
    budget_spent: F64,
    correct: F64,
    hidden: F64,
    defects: F64,
    scope: F64,
    trust: F64,
    satisfaction: F64,
    budget: float,
) -> float:
    """Game g's value of the condition variable `var` (CONDITION_VARS; `index`: whose)."""
    value: float
    if var == 0:
        value = hype[g]
    elif var == 1:
        value = sponsor[g]
    elif var == 2:
        value = fatigue[g]
    elif var == 3 or var == 4:
        done = np.empty(correct.shape[1])
        reported, truth = progress_of(correct[g], hidden[g], defects[g], scope[g], done)
        value = reported if var == 3 else truth
    elif var == 5:
        value = budget - budget_spent[g]
    else:
        value = trust[g, index] if var == 6 else satisfaction[g, index]
    return value


def apply_effects(state: State, params: Params, fired: F64) -> None:
    """Add the effects of the fired events (N, E as 0/1) to the state."""
    ev = params.events
    _apply_effects(
        state.hype,
        state.sponsor,
        state.fatigue,
        state.budget_spent,
        state.capacity,
        state.trust,
        state.ceiling,
        state.expectation,
        state.clarity,
        state.work_new,
        state.scope,
        state.status,
        np.ascontiguousarray(fired, dtype=np.float64),
        ev.project,
        ev.trust,
        ev.expectation,
        ev.clarity,
        ev.scope,
        params.coef_row,
    )


@kernel(
    "void(f8[::1], f8[::1], f8[::1], f8[::1], f8[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], CoefRow)"
)
def _apply_effects(
    hype: F64,
    sponsor: F64,
    fatigue: F64,
    budget_spent: F64,
    capacity: F64,
    trust: F64,
    ceiling: F64,
    expectation: F64,
    clarity: F64,
    work_new: F64,
    scope: F64,
    status: I64,
    fired: F64,
    project: F64,
    to_trust: F64,
    to_expectation: F64,
    to_clarity: F64,
    to_scope: F64,
    coef: CoefRow,
) -> None:
    c = coef[0]
    live_project, live_to_trust = _has_effect(project), _has_effect(to_trust)
    live_to_expectation, live_to_clarity = _has_effect(to_expectation), _has_effect(to_clarity)
    live_to_scope = _has_effect(to_scope)
    for g in range(fired.shape[0]):
        if not fired[g].any():
            continue  # adding nothing; skipping it changes no bit
        hype[g] = clip(hype[g] + _effect(fired, g, project, live_project, 0), 0.0, 1.0)
        sponsor[g] = clip(sponsor[g] + _effect(fired, g, project, live_project, 1), 0.0, 1.0)
        fatigue[g] = clip(fatigue[g] + _effect(fired, g, project, live_project, 2), 0.0, 1.0)
        budget_spent[g] -= _effect(fired, g, project, live_project, 3)
        capacity[g] = maximum(capacity[g] + _effect(fired, g, project, live_project, 4), 0.0)
        for k in range(trust.shape[1]):
            moved = trust[g, k] + _effect(fired, g, to_trust, live_to_trust, k)
            trust[g, k] = clip(moved, c.trust_floor, ceiling[g, k])
            moved = expectation[g, k] + _effect(fired, g, to_expectation, live_to_expectation, k)
            expectation[g, k] = clip(moved, 0.0, EXPECT_MAX)
        for k in range(clarity.shape[1]):
            moved = clarity[g, k] + _effect(fired, g, to_clarity, live_to_clarity, k)
            clarity[g, k] = clip(moved, 0.0, 1.0)
            # Scope changes reach only packages still being built; what was handed over
            # stays handed over.
            extra = _effect(fired, g, to_scope, live_to_scope, k) * (status[g, k] == OPEN)
            work_new[g, k] += extra
            scope[g, k] += extra


@kernel("b1[::1](f8[:, ::1])")
def _has_effect(table: F64) -> B8:
    """Which events (rows) of an effect table change anything in it (E,)."""
    out = np.empty(table.shape[0], dtype=np.bool_)
    for e in range(table.shape[0]):
        out[e] = table[e].any()
    return out


@kernel("f8(f8[:, ::1], i8, f8[:, ::1], b1[::1], i8)")
def _effect(fired: F64, g: int, table: F64, live: B8, column: int) -> float:
    """Game g's sum of the fired events' effects on one column of an effect table, in
    event order; an event with no effect anywhere in the table (`live` false, from
    `_has_effect`) adds nothing (linalg.py). Given the batch and g, not the game's row: a
    row is a new array, and making one for every number costs more than the sum."""
    total = 0.0
    for e in range(fired.shape[1]):
        if live[e]:
            total += fired[g, e] * table[e, column]
    return total
