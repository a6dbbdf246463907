"""Plans: capacity points per action and target, shape (N, A, T).

`plan[n, a, t]` is the number of points game n spends on action a aimed at target t
(a package, a stakeholder, or target 0 for project-wide actions). Points must be
whole uses of the action (multiples of its cost), legal for its target kind, and
within the turn's capacity. An action with an overtime effect *adds* capacity:
its points are extra hours worked, not spent. A plan that breaks a rule is an
error, never silently repaired.
"""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.linalg import contract
from game.model.params import Params
from game.model.state import State

F64 = npt.NDArray[np.float64]

_EPS = 1e-9


class PlanError(ValueError):
    """A plan that the rules do not allow; the message names game, action and target."""


def empty_plan(n_games: int, params: Params) -> F64:
    """An all-zero plan for `n_games` games."""
    return np.zeros((n_games, params.n_actions, params.n_targets), dtype=np.float64)


def overtime_points(plan: F64, params: Params) -> F64:
    """Extra capacity each game buys this turn, shape (N,)."""
    per_use = params.action_effect[:, Channel.OVERTIME]
    return contract(plan.sum(axis=2) / params.action_cost, per_use)


def regular_points(plan: F64, params: Params) -> F64:
    """Points spent on every action that is not overtime, shape (N,)."""
    is_regular = params.action_effect[:, Channel.OVERTIME] <= 0
    return contract(plan.sum(axis=2), is_regular.astype(np.float64))


def _fail(params: Params, bad: npt.NDArray[np.bool_], what: str) -> None:
    where = np.argwhere(bad)
    n, a, t = (int(v) for v in where[0])
    raise PlanError(f"game {n}: action {a}, target {t}: {what}")


def validate_plan(plan: F64, state: State, params: Params) -> None:
    """Raise PlanError unless `plan` is legal for every running game of `state`."""
    expected = (state.n_games, params.n_actions, params.n_targets)
    if plan.shape != expected:
        raise PlanError(f"plan has shape {plan.shape}, expected {expected}")
    if plan.dtype != np.float64:
        raise PlanError(f"plan has dtype {plan.dtype}, expected float64")
    running = ~state.done[:, None, None]
    # Rows of finished games are ignored by step, whatever they hold.
    not_finite = ~np.isfinite(plan) & running
    if not_finite.any():
        _fail(params, not_finite, "points are not finite")
    negative = (plan < 0) & running
    if negative.any():
        _fail(params, negative, "points are negative")
    illegal = (plan > 0) & ~params.legal[None, :, :] & running
    if illegal.any():
        _fail(params, illegal, "this action cannot take this target")
    uses = plan / params.action_cost[None, :, None]
    partial = (np.abs(uses - np.round(uses)) > _EPS) & running
    if partial.any():
        _fail(params, partial, "points are not a whole number of uses (multiples of its cost)")
    extra = overtime_points(plan, params)
    too_much_overtime = (extra > params.max_overtime + _EPS) & ~state.done
    if too_much_overtime.any():
        n = int(np.argmax(too_much_overtime))
        raise PlanError(
            f"game {n}: {extra[n]:g} overtime points, at most {params.max_overtime:g} allowed"
        )
    over = (regular_points(plan, params) > state.capacity + extra + _EPS) & ~state.done
    if over.any():
        n = int(np.argmax(over))
        raise PlanError(
            f"game {n}: plan spends {regular_points(plan, params)[n]:g} points,"
            f" capacity is {state.capacity[n] + extra[n]:g}"
        )
