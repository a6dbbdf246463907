"""Turn a plan into channel intensities: what the team's points amount to."""

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel, Target
from game.model.compiled import kernel
from game.model.params import Params
from game.model.plan import (
    PlanLimits,
    as_plan,
    check_budget,
    check_game,
    overtime_of,
    overtime_per_use,
    refuse_problem,
)
from game.model.scalar import row_sum

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Intensity:
    """A plan resolved into effects per channel."""

    build: F64  # (N, P) build effort points per package
    stakeholder: F64  # (C, N, S) channel intensity per stakeholder (preferences applied)
    project: F64  # (N, C) project-wide channel intensity
    contacted: B8  # (N, S) any relationship action this turn
    overtime: F64  # (N,) extra capacity points
    points_build: F64  # (N,) points on package actions
    points_relations: F64  # (N,) points on stakeholder actions
    points_project: F64  # (N,) points on project actions other than overtime


@kernel("f8(f8)")
def saturated(intensity: float) -> float:
    """1 - exp(-intensity): contact saturates within a turn; spamming one action pays less."""
    return -math.expm1(-intensity)


def point_split(totals: F64, params: Params) -> tuple[F64, F64, F64]:
    """Points on building, on people and on the project (overtime aside), from points per
    action (..., A): each shaped (...). The one place that sorts actions into the three."""
    rows = np.ascontiguousarray(totals, dtype=np.float64).reshape(-1, params.n_actions)
    out = np.empty((3, rows.shape[0]))
    _split_all(rows, params.action_target, overtime_per_use(params), out)
    shape = np.shape(totals)[:-1]
    return out[0].reshape(shape), out[1].reshape(shape), out[2].reshape(shape)


@kernel("void(f8[:, ::1], i8[::1], f8[::1], f8[:, ::1])")
def _split_all(totals: F64, kind: I64, per_use: F64, out: F64) -> None:
    for row in range(totals.shape[0]):
        out[0, row], out[1, row], out[2, row] = split_of(totals[row], kind, per_use)


@kernel("UniTuple(f8, 3)(f8[::1], i8[::1], f8[::1])")
def split_of(totals: F64, kind: I64, per_use: F64) -> tuple[float, float, float]:
    """One game's `point_split`, summed in action order (points are whole uses: exact)."""
    build = people = project = 0.0
    for a in range(totals.shape[0]):
        if totals[a] == 0:
            continue  # adds nothing
        if kind[a] == Target.PACKAGE:
            build += totals[a]
        elif kind[a] == Target.STAKEHOLDER:
            people += totals[a]
        elif kind[a] == Target.PROJECT and not per_use[a] > 0:  # overtime buys capacity
            project += totals[a]
    return build, people, project


def resolve(plan: F64, totals: F64, params: Params) -> Intensity:
    """Resolve a validated plan (N, A, T), with its points per action (N, A)."""
    return _resolved(np.ascontiguousarray(plan), totals, None, params)


def resolve_checked(plan: F64, limits: PlanLimits, params: Params) -> Intensity:
    """`validate_plan` and `resolve` in one pass over the plan (the model's step): the same
    PlanError for the same plan, or the same effects. Each game's row is resolved as soon as
    it is checked, while it is at hand."""
    plan = as_plan(plan, limits.done.shape[0], params)
    totals = np.zeros((plan.shape[0], params.n_actions))
    return _resolved(plan, totals, limits, params)


def _resolved(plan: F64, totals: F64, limits: PlanLimits | None, params: Params) -> Intensity:
    """The effects of a contiguous `plan`; checked against `limits` first if given (then
    `totals`, zeros, receives the points per action)."""
    n, s, p = plan.shape[0], params.n_stakeholders, params.n_packages
    effect = params.action_effect
    build, project = np.zeros((n, p)), np.zeros((n, effect.shape[1]))
    stakeholder = np.zeros((effect.shape[1], n, s))
    contacted = np.zeros((n, s), dtype=np.bool_)
    points = np.empty((4, n))  # on building, people, the project (overtime aside); overtime
    where = np.zeros(4, dtype=np.int64)
    done, capacity = np.zeros(n, dtype=np.bool_), np.zeros(n)
    if limits is not None:
        done, capacity = limits.done, np.ascontiguousarray(limits.capacity, dtype=np.float64)
    _resolve(
        plan,
        limits is not None,
        done,
        capacity,
        params.max_overtime,
        totals,
        params.action_target,
        params.legal_count,
        params.action_cost,
        effect,
        params.preference,
        overtime_per_use(params),
        build,
        stakeholder,
        project,
        contacted,
        points,
        where,
    )
    refuse_problem(where, totals, capacity, params)
    return Intensity(
        build=build,
        stakeholder=stakeholder,
        project=project,
        contacted=contacted,
        overtime=points[3],
        points_build=points[0],
        points_relations=points[1],
        points_project=points[2],
    )


@kernel(
    "void(f8[:, :, ::1], b1, b1[::1], f8[::1], f8, f8[:, ::1], i8[::1], i8[::1], f8[::1],"
    " f8[:, ::1], f8[:, ::1], f8[::1], f8[:, ::1], f8[:, :, ::1], f8[:, ::1], b1[:, ::1],"
    " f8[:, ::1], i8[::1])"
)
def _resolve(
    plan: F64,
    check: bool,
    done: B8,
    capacity: F64,
    max_overtime: float,
    totals: F64,
    kind: I64,
    legal_count: I64,
    action_cost: F64,
    effect: F64,
    preference: F64,
    per_use: F64,
    build: F64,
    stakeholder: F64,
    project: F64,
    contacted: B8,
    points: F64,
    where: I64,
) -> None:
    """The plan's effects into `build`, `stakeholder`, `project` and `contacted` (zeros
    when called); into `points` (4, N) its points as `point_split` sorts them and the
    overtime it buys (`per_use`: capacity per use of each action, as `overtime_points`).
    With `check`, each game that is not `done` is checked first (`plan.check_game`, its
    points per action into `totals`), a finished game is left at zero, and the first
    problem goes into `where` as `validate_plan` finds it; else `totals` are given."""
    channels = effect.shape[1]
    inverse = 1.0 / action_cost  # uses per point, once a call
    # Talking to someone counts as contact; going over their head does not.
    personal = np.empty(effect.shape[0], dtype=np.bool_)
    others = np.empty(channels - 1)  # an action's effects but escalation's, in order
    # The channels each action touches, in order: adding +0.0 elsewhere would change no bit.
    touched, n_touched = np.empty(effect.shape, dtype=np.int64), np.zeros(effect.shape[0], np.int64)
    for a in range(effect.shape[0]):
        for c in range(channels):
            if effect[a, c] != 0:
                touched[a, n_touched[a]] = c
                n_touched[a] += 1
        for c in range(channels - 1):
            others[c] = effect[a, c + (c >= Channel.ESCALATE)]
        personal[a] = row_sum(others) > 0
    for g in range(plan.shape[0]):
        if check:
            if done[g]:
                points[0, g] = points[1, g] = points[2, g] = points[3, g] = 0.0
                continue  # as the zero totals of a finished game resolve
            if check_game(g, plan, legal_count, inverse, totals, where):
                return
        points[0, g], points[1, g], points[2, g] = split_of(totals[g], kind, per_use)
        points[3, g] = overtime_of(totals[g], action_cost, per_use)
        # One action at a time, in catalogue order, so the sums do not depend on the batch.
        for a in range(plan.shape[1]):
            if totals[g, a] == 0:
                continue  # not used: adding zeros would change no bit
            if kind[a] == Target.PROJECT:
                if n_touched[a] > 0:  # as linalg.contract: a row of zeros adds nothing
                    for c in range(channels):
                        project[g, c] += (totals[g, a] * inverse[a]) * effect[a, c]
                continue
            for t in range(legal_count[a]):
                uses = plan[g, a, t] * inverse[a]
                if kind[a] == Target.PACKAGE:
                    build[g, t] += uses * effect[a, Channel.BUILD]
                    continue
                weighted = uses * preference[t, a]
                for i in range(n_touched[a]):
                    c = touched[a, i]
                    stakeholder[c, g, t] += weighted * effect[a, c]
                if personal[a] and uses > 0:
                    contacted[g, t] = True
    if check:
        check_budget(done, capacity, totals, action_cost, per_use, max_overtime, where)
