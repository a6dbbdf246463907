"""Plans: capacity points per action and target, shape (N, A, T).

`plan[n, a, t]` is the number of points game n spends on action a aimed at target t
(a package, a stakeholder, or target 0 for project-wide actions). Points must be
whole uses of the action (multiples of its cost), legal for its target kind, and
within the turn's capacity. An action with an overtime effect *adds* capacity:
its points are extra hours worked, not spent. A plan that breaks a rule is an
error, never silently repaired.

The check needs only what the player already sees (which games still run, and each
game's capacity), so the window asks it about the Observation and the model's step
asks it about the true State: one rule, the same answer (tests/test_plan_view.py).
"""

from typing import Protocol

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.linalg import contract
from game.model.params import Params

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]

_EPS = 1e-9
_MAX_POINTS = 1e9  # far above any capacity; also rejects infinity


class PlanLimits(Protocol):
    """What a plan is checked against, shapes (N,): both `State` and `Observation` have it.

    The player's view holds the same values as the truth here, so a plan legal in the
    window is legal in the model.
    """

    @property
    def done(self) -> B8:
        """Games that have ended: their rows are ignored."""
        ...

    @property
    def capacity(self) -> F64:
        """Points each game may spend this turn, before overtime."""
        ...


class PlanError(ValueError):
    """A plan that the rules do not allow; the message names game, action and target.

    `row` is the offending game's row in the batch (None for shape errors), so that a
    caller that knows the batch's game ids can name the game.
    """

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row


def empty_plan(n_games: int, params: Params) -> F64:
    """An all-zero plan for `n_games` games."""
    return np.zeros((n_games, params.n_actions, params.n_targets), dtype=np.float64)


def overtime_points(totals: F64, params: Params) -> F64:
    """Extra capacity each game buys this turn (N,), from points per action (N, A)."""
    per_use = params.action_effect[:, Channel.OVERTIME]
    return contract(totals / params.action_cost, per_use)


def regular_points(totals: F64, params: Params) -> F64:
    """Points spent on every action that is not overtime (N,), from points per action."""
    is_regular = params.action_effect[:, Channel.OVERTIME] <= 0
    # Points are whole numbers, so this sum is exact in any order.
    result: F64 = totals @ is_regular.astype(np.float64)
    return result


def _fail(params: Params, bad: npt.NDArray[np.bool_], what: str) -> None:
    """Raise for the first True of `bad`, if there is one."""
    where = np.argwhere(bad)
    if where.size:
        n, a, t = (int(v) for v in where[0])
        raise PlanError(f"game {n}: action {a}, target {t}: {what}", row=n)


def validate_plan(plan: F64, limits: PlanLimits, params: Params) -> tuple[F64, F64]:
    """Raise PlanError unless `plan` is legal for every running game of `limits`.

    `limits` is the true `State` (the model's step) or the player's `Observation` (the
    window's planner): only `done` and `capacity` are read, and both carry the same ones.

    Returns the plan with the rows of finished games set to zero (step ignores them,
    whatever they hold) and the points per action (N, A), ready to resolve. Each
    action's legal targets are 0 .. count - 1, so the checks run on those small
    blocks and on the (normally empty) rest, not on the whole (N, A, T) array.
    """
    done, capacity = limits.done, limits.capacity
    n_games = done.shape[0]
    expected = (n_games, params.n_actions, params.n_targets)
    if plan.shape != expected:
        raise PlanError(f"plan has shape {plan.shape}, expected {expected}")
    if plan.dtype != np.float64:
        raise PlanError(f"plan has dtype {plan.dtype}, expected float64")
    if done.any():
        plan = np.where(done[:, None, None], 0.0, plan)
    totals = np.zeros((n_games, params.n_actions))
    used = (plan != 0).any(axis=(0, 2))  # an unused action passes every check: skip it
    for a, count in enumerate(params.legal_count):
        if not used[a]:
            continue
        block = plan[:, a, :count]
        if plan[:, a, count:].any():
            _fail(
                params,
                (plan != 0) & ~params.legal[None, :, :],
                "this action cannot take this target",
            )
        # One cheap pass catches NaN, infinities and negatives; the details only on failure.
        if not ((block >= 0) & (block <= _MAX_POINTS)).all():
            _fail(params, ~np.isfinite(plan), "points are not finite")
            _fail(params, plan < 0, "points are negative")
            _fail(params, plan > _MAX_POINTS, "points are not finite")
        uses = block * (1.0 / params.action_cost[a])
        if (np.abs(uses - np.rint(uses)) > _EPS).any():
            partial = np.zeros(plan.shape, dtype=np.bool_)
            partial[:, a, :count] = np.abs(uses - np.rint(uses)) > _EPS
            _fail(params, partial, "points are not a whole number of uses (multiples of its cost)")
        totals[:, a] = block.sum(axis=1)
    extra = overtime_points(totals, params)
    too_much_overtime = (extra > params.max_overtime + _EPS) & ~done
    if too_much_overtime.any():
        n = int(np.argmax(too_much_overtime))
        raise PlanError(
            f"game {n}: {extra[n]:g} overtime points, at most {params.max_overtime:g} allowed",
            row=n,
        )
    spent = regular_points(totals, params)
    over = (spent > capacity + extra + _EPS) & ~done
    if over.any():
        n = int(np.argmax(over))
        raise PlanError(
            f"game {n}: plan spends {spent[n]:g} points, capacity is {capacity[n] + extra[n]:g}",
            row=n,
        )
    return plan, totals
