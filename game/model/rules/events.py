"""Scenario events: scheduled, random within a window, or conditional on state."""

import numpy as np
import numpy.typing as npt

from game.model.linalg import contract
from game.model.params import Params
from game.model.rules.discovery import reported_progress, true_progress
from game.model.rules.stakeholders import EXPECT_MAX
from game.model.state import OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]

N_PLAIN_VARS = 6  # the CONDITION_VARS that need no stakeholder index


def condition_values(state: State, params: Params) -> F64:
    """Every variable an event condition can test, shape (N, 6 + 2 S)."""
    plain = np.stack(
        [
            state.hype,
            state.sponsor,
            state.fatigue,
            reported_progress(state),
            true_progress(state),
            params.budget - state.budget_spent,
        ],
        axis=1,
    )
    return np.concatenate([plain, state.trust, state.satisfaction], axis=1)


def fire(state: State, params: Params, draws: F64, active: B8, forced: B8 | None = None) -> B8:
    """Decide which events fire this turn and apply their effects; returns (N, E).

    `forced` (N, E): events fired by hand this turn (a facilitator's "the CFO is
    replaced"), on top of those their triggers fire.
    """
    ev = params.events
    if params.n_events == 0:
        return np.zeros((state.n_games, 0), dtype=np.bool_)
    fired = _by_trigger(state, params, draws, active)
    if forced is not None and forced.any():
        fired |= forced & ~(ev.once & state.event_fired) & active[:, None]
        state.event_fired |= fired
    apply_effects(state, params, fired.astype(np.float64))
    return fired


def _by_trigger(state: State, params: Params, draws: F64, active: B8) -> B8:
    """The events whose own triggers fire this turn (marked as fired in `state`)."""
    ev = params.events
    s = params.n_stakeholders
    column = np.where(
        ev.cond_var < N_PLAIN_VARS,
        ev.cond_var,
        N_PLAIN_VARS + (ev.cond_var - N_PLAIN_VARS) * s + ev.cond_index,
    )
    turn = state.turn[:, None]
    # Manual events (probability 0) never fire by themselves: leave them out early.
    in_window = (turn >= ev.start) & (turn <= ev.end) & (ev.probability > 0)
    if not in_window.any():
        return np.zeros((state.n_games, params.n_events), dtype=np.bool_)
    if (ev.cond_var >= 0).any():
        values = condition_values(state, params)[:, np.maximum(column, 0)]
        condition_met = (ev.cond_var < 0) | (ev.cond_sign * (values - ev.cond_value) >= 0)
    else:
        condition_met = np.ones((1, params.n_events), dtype=np.bool_)
    eligible = in_window & condition_met & ~(ev.once & state.event_fired) & active[:, None]
    fired: B8 = eligible & (draws < ev.probability)
    state.event_fired |= fired
    return fired


def apply_effects(state: State, params: Params, fired: F64) -> None:
    """Add the effects of the fired events (N, E as 0/1) to the state."""
    if not fired.any():
        return  # adding nothing; skipping it changes no bit
    ev = params.events
    project = contract(fired, ev.project)
    state.hype = np.clip(state.hype + project[:, 0], 0.0, 1.0)
    state.sponsor = np.clip(state.sponsor + project[:, 1], 0.0, 1.0)
    state.fatigue = np.clip(state.fatigue + project[:, 2], 0.0, 1.0)
    state.budget_spent -= project[:, 3]
    state.capacity = np.maximum(state.capacity + project[:, 4], 0.0)
    state.trust = np.clip(
        state.trust + contract(fired, ev.trust), params.coef.trust_floor, state.ceiling
    )
    state.expectation = np.clip(
        state.expectation + contract(fired, ev.expectation), 0.0, EXPECT_MAX
    )
    state.clarity = np.clip(state.clarity + contract(fired, ev.clarity), 0.0, 1.0)
    # Scope changes reach only packages still being built; what was handed over stays handed over.
    extra = contract(fired, ev.scope) * (state.status == OPEN)
    state.work_new += extra
    state.scope += extra
