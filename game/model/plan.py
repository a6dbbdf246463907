"""Plans: capacity points per action and target, shape (N, A, T).

`plan[n, a, t]` is the number of points game n spends on action a aimed at target t
(a package, a stakeholder, or target 0 for project-wide actions). Points must be
whole uses of the action (multiples of its cost), legal for its target kind, and
within the turn's capacity. An action with an overtime effect *adds* capacity:
its points are extra hours worked, not spent. A plan that breaks a rule is an
error, never silently repaired.

The check needs only what the player already sees (which games still run, and each
game's capacity), so the window asks it about the Observation and the model's step
asks it about the true State (checking each game's row as it resolves it,
`rules.intensity.resolve_checked`, with the same `check_game` and `check_budget`): one
rule, the same answer (tests/test_plan_view.py).
"""

from typing import Protocol

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import Params
from game.model.scalar import row_sum

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]

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
    """Extra capacity each game buys this turn (...), from points per action (..., A)."""
    return _per_game(totals, params, overtime=True)


def regular_points(totals: F64, params: Params) -> F64:
    """Points spent on every action that is not overtime (...), from points per action."""
    return _per_game(totals, params, overtime=False)


def _per_game(totals: F64, params: Params, overtime: bool) -> F64:
    rows = np.ascontiguousarray(totals, dtype=np.float64).reshape(-1, params.n_actions)
    out = _points_all(rows, params.action_cost, overtime_per_use(params), overtime)
    result: F64 = out.reshape(np.shape(totals)[:-1])
    return result


def overtime_per_use(params: Params) -> F64:
    """(A,) the extra capacity one use of each action buys (0 for all but overtime):
    an action is overtime where this is above 0."""
    return np.ascontiguousarray(params.action_effect[:, Channel.OVERTIME])


@kernel("f8[::1](f8[:, ::1], f8[::1], f8[::1], b1)")
def _points_all(totals: F64, action_cost: F64, per_use: F64, overtime: bool) -> F64:
    """`overtime_of` or `regular_of` of every row of points per action."""
    out = np.empty(totals.shape[0])
    for g in range(totals.shape[0]):
        if overtime:
            out[g] = overtime_of(totals[g], action_cost, per_use)
        else:
            out[g] = regular_of(totals[g], per_use)
    return out


@kernel("f8(f8[::1], f8[::1], f8[::1])")
def overtime_of(totals: F64, action_cost: F64, per_use: F64) -> float:
    """One game's `overtime_points`, summed in action order (linalg.py)."""
    extra = 0.0
    for a in range(totals.shape[0]):
        if per_use[a] != 0:
            extra += (totals[a] / action_cost[a]) * per_use[a]
    return extra


@kernel("f8(f8[::1], f8[::1])")
def regular_of(totals: F64, per_use: F64) -> float:
    """One game's `regular_points`. Points are whole uses, so this sum is exact in any order."""
    spent = 0.0
    for a in range(totals.shape[0]):
        spent += totals[a] * (per_use[a] <= 0)
    return spent


# What `_check` finds wrong with a plan, by code: the messages of PlanError.
_PROBLEMS = (
    "",
    "this action cannot take this target",
    "points are not finite",
    "points are negative",
    "points are not a whole number of uses (multiples of its cost)",
)
_OVERTIME, _CAPACITY = len(_PROBLEMS), len(_PROBLEMS) + 1


def validate_plan(plan: F64, limits: PlanLimits, params: Params) -> tuple[F64, F64]:
    """Raise PlanError unless `plan` is legal for every running game of `limits`.

    `limits` is the true `State` (the model's step, through `rules.intensity.resolve_checked`,
    which checks as it resolves) or the player's `Observation` (the window's planner): only
    `done` and `capacity` are read, and both carry the same ones.

    Returns the plan as a contiguous array and the points per action (N, A), ready to resolve: zero
    for a finished game, whatever its row of the plan holds (step ignores it). The first
    problem is reported: of the points, in the order of games, actions and targets, then
    of overtime, then of capacity.
    """
    plan = as_plan(plan, limits.done.shape[0], params)
    capacity = np.ascontiguousarray(limits.capacity, dtype=np.float64)
    totals = np.zeros((plan.shape[0], params.n_actions))
    where = np.zeros(4, dtype=np.int64)
    _check(
        plan,
        limits.done,
        capacity,
        params.legal_count,
        params.action_cost,
        overtime_per_use(params),
        params.max_overtime,
        totals,
        where,
    )
    refuse_problem(where, totals, capacity, params)
    return plan, totals


def as_plan(plan: F64, n_games: int, params: Params) -> F64:
    """`plan` as a contiguous array, if it has the shape and type of a plan for `n_games`
    games; else PlanError."""
    expected = (n_games, params.n_actions, params.n_targets)
    if plan.shape != expected:
        raise PlanError(f"plan has shape {plan.shape}, expected {expected}")
    if plan.dtype != np.float64:
        raise PlanError(f"plan has dtype {plan.dtype}, expected float64")
    return np.ascontiguousarray(plan)


def refuse_problem(where: I64, totals: F64, capacity: F64, params: Params) -> None:
    """Raise PlanError for the problem a check found (`where`: code, game, action, target,
    as `check_game` and `check_budget` write it); nothing for code 0."""
    problem, n, a, t = (int(v) for v in where)
    if not problem:
        return
    per_use = overtime_per_use(params)
    if problem == _OVERTIME:
        extra = overtime_of(totals[n], params.action_cost, per_use)
        raise PlanError(
            f"game {n}: {extra:g} overtime points, at most {params.max_overtime:g} allowed",
            row=n,
        )
    if problem == _CAPACITY:
        extra = overtime_of(totals[n], params.action_cost, per_use)
        spent = regular_points(totals[n], params)
        raise PlanError(
            f"game {n}: plan spends {spent:g} points, capacity is {capacity[n] + extra:g}",
            row=n,
        )
    raise PlanError(f"game {n}: action {a}, target {t}: {_PROBLEMS[problem]}", row=n)


@kernel("void(f8[:, :, ::1], b1[::1], f8[::1], i8[::1], f8[::1], f8[::1], f8, f8[:, ::1], i8[::1])")
def _check(
    plan: F64,
    done: B8,
    capacity: F64,
    legal_count: I64,
    action_cost: F64,
    per_use: F64,
    max_overtime: float,
    totals: F64,
    where: I64,
) -> None:
    """Points per action into `totals`; the first problem into `where` (code, game,
    action, target; code 0: none)."""
    inverse = 1.0 / action_cost  # uses per point, once a call
    for g in range(plan.shape[0]):
        if not done[g] and check_game(g, plan, legal_count, inverse, totals, where):
            return
    check_budget(done, capacity, totals, action_cost, per_use, max_overtime, where)


@kernel("b1(i8, f8[:, :, ::1], i8[::1], f8[::1], f8[:, ::1], i8[::1])")
def check_game(g: int, plan: F64, legal_count: I64, inverse: F64, totals: F64, where: I64) -> bool:
    """Game g's points per action into `totals[g]`; True, with its first problem in `where`
    (code, game, action, target), if its points break a rule. `inverse`: uses per point."""
    for a in range(plan.shape[1]):
        count = legal_count[a]
        # Most of a plan is zero, legal anywhere (-0.0 too), and sums to +0.0: a scan
        # without branches (vectorised) finds the rows with anything to check.
        used = False
        for t in range(plan.shape[2]):
            used |= plan[g, a, t] != 0
        if not used:
            continue  # totals[g, a] stays 0.0
        for t in range(plan.shape[2]):
            points = plan[g, a, t]
            if points == 0:
                continue
            problem = 0
            if t >= count:
                problem = 1
            elif not (points >= 0 and points <= _MAX_POINTS):
                problem = 2 if not np.isfinite(points) else (3 if points < 0 else 2)
            elif abs(points * inverse[a] - np.rint(points * inverse[a])) > _EPS:
                problem = 4
            if problem:
                where[0], where[1], where[2], where[3] = problem, g, a, t
                return True
        totals[g, a] = row_sum(plan[g, a, :count])
    return False


@kernel("void(b1[::1], f8[::1], f8[:, ::1], f8[::1], f8[::1], f8, i8[::1])")
def check_budget(
    done: B8,
    capacity: F64,
    totals: F64,
    action_cost: F64,
    per_use: F64,
    max_overtime: float,
    where: I64,
) -> None:
    """After every game's points passed `check_game`: the first game over its overtime,
    else the first over its capacity, into `where` (every overtime problem comes first)."""
    n = totals.shape[0]
    extra = np.empty(n)  # each game's overtime
    for g in range(n):
        extra[g] = 0.0 if done[g] else overtime_of(totals[g], action_cost, per_use)
        if not done[g] and extra[g] > max_overtime + _EPS:
            where[0], where[1] = _OVERTIME, g
            return
    for g in range(n):
        if not done[g] and regular_of(totals[g], per_use) > capacity[g] + extra[g] + _EPS:
            where[0], where[1] = _CAPACITY, g
            return
