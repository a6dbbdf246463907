"""The Gymnasium spaces of Odd Duck: IT's view in, a week's plan out (docs/GYM.md).

Observation: a `spaces.Dict` with one float32 `Box` per field of the model's
`Observation` (the same names), so nothing is seen that the player could not see:
no truth, no random key. Per-game fields have shape (1,), per-package fields (P,),
per-stakeholder fields (S,). Counts, codes and flags are whole numbers stored as
floats (a flag is 0 or 1). Amounts of work points and money have no upper (money: no
lower) bound the rules guarantee, so their Box is open there.

Action: a `spaces.MultiDiscrete` of shape (A, T): `action[a, t]` is how many *uses*
of action a the week spends on target t (a package, a stakeholder, or target 0 for
project-wide actions), so the plan's points are `uses x action_cost[a]`, always
whole uses. A cell the action cannot take has one value, 0. The other bounds are the
most uses any week could afford; whether a plan fits *this* week's capacity is the
model's `validate_plan`, asked by the environment (see env.py for what happens when
it says no).
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from gymnasium import spaces

from game.model import Channel, Observation, Params, Target
from game.model.plan import overtime_points, regular_points
from game.model.rules.stakeholders import EXPECT_MAX

F64 = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]

# A comparison of sums of whole points against capacity, as the model's check makes it.
_EPS = 1e-9
INF = float("inf")


@dataclass(frozen=True)
class Field:
    """One observation field: its `Observation` attribute, its axis and its bounds."""

    name: str
    axis: str  # "game" (1,), "package" (P,) or "stakeholder" (S,)
    low: float
    high: float | str  # a number, or "turns" for the scenario's last turn
    meaning: str


# Every field of the observation, in the order of `spaces.flatten` (docs/GYM.md lists them).
FIELDS: tuple[Field, ...] = (
    Field("turn", "game", 0, "turns", "weeks already played"),
    Field("capacity", "game", 0, INF, "points the team may spend this week, before overtime"),
    Field("budget_left", "game", -INF, INF, "budget minus money spent (negative: overrun)"),
    Field("sponsor", "game", 0, 1, "the sponsor's support"),
    Field("hype", "game", 0, 1, "hype around the project"),
    Field("fatigue", "game", 0, 1, "the team's fatigue"),
    Field("reported_progress", "game", 0, 1, "progress IT reports, size-weighted"),
    Field("package_reported", "package", 0, 1, "share of the package IT believes is built"),
    Field("package_size", "package", 0, INF, "current size in points (rework, changes)"),
    Field("package_status", "package", 0, 2, "0 open, 1 awaiting sign-off, 2 accepted"),
    Field("package_remaining", "package", 0, INF, "work IT knows is left, points"),
    Field("package_redo", "package", 0, INF, "of which found rework to redo, points"),
    Field("package_defects", "package", 0, INF, "known defects it went live with, points"),
    Field("package_clarity", "package", 0, 1, "how well IT believes it understands the need"),
    Field("package_waiting", "package", 0, "turns", "weeks waiting for sign-off"),
    Field("rework_found", "package", 0, INF, "rework found so far, points"),
    Field("rejections", "package", 0, "turns", "times the owner rejected it"),
    Field("buildable", "package", 0, 1, "1 if the package can take build work now"),
    Field("trust", "stakeholder", 0, 1, "trust in IT (last seen when vague)"),
    Field("satisfaction", "stakeholder", 0, 1, "satisfaction (last seen when vague)"),
    Field("mood", "stakeholder", 0, 4, "the face: 0 furious .. 4 delighted"),
    Field("expectation", "stakeholder", 0, EXPECT_MAX, "share they expect to see working"),
    Field("seen", "stakeholder", 0, 1, "share they say they have seen working"),
    Field("since_contact", "stakeholder", 0, "turns", "weeks since IT last spoke to them"),
    Field("vague", "stakeholder", 0, 1, "1 if out of touch: the card shows old news"),
    Field("complaint", "stakeholder", -1, 3, "their main complaint about IT, -1 none"),
)


def _length(field: Field, params: Params) -> int:
    return {"game": 1, "package": params.n_packages, "stakeholder": params.n_stakeholders}[
        field.axis
    ]


def observation_space(params: Params) -> spaces.Dict:
    """The space of one game's observation (see FIELDS)."""
    boxes: list[tuple[str, spaces.Space[Any]]] = []
    for field in FIELDS:
        high = float(params.turns) if field.high == "turns" else float(field.high)
        shape = (_length(field, params),)
        boxes.append((field.name, spaces.Box(field.low, high, shape=shape, dtype=np.float32)))
    # A sequence keeps FIELDS' order (a dict would be sorted by name): flatten follows it.
    return spaces.Dict(boxes)


def observation_dict(obs: Observation, params: Params) -> dict[str, F32]:
    """The observations of N games as arrays (N, ...) keyed like `observation_space`."""
    n = obs.turn.shape[0]
    return {
        f.name: np.asarray(getattr(obs, f.name), dtype=np.float32).reshape(n, _length(f, params))
        for f in FIELDS
    }


def most_uses(params: Params) -> I64:
    """(A,) the most uses of each action alone that a week could ever afford.

    Capacity may grow through events (at most each positive capacity effect every week)
    and through overtime; an overtime action is limited by the overtime allowed.
    """
    gains = np.maximum(params.events.project[:, 4], 0.0).sum() if params.n_events else 0.0
    capacity = params.capacity + params.turns * gains + params.max_overtime
    uses = np.floor(capacity / params.action_cost + _EPS)
    per_use = params.action_effect[:, Channel.OVERTIME]
    overtime = per_use > 0
    uses[overtime] = np.floor(params.max_overtime / per_use[overtime] + _EPS)
    return uses.astype(np.int64)


def action_space(params: Params) -> spaces.MultiDiscrete:
    """Uses per action and target (A, T); a cell the action cannot take allows only 0."""
    nvec = np.where(params.legal, most_uses(params)[:, None] + 1, 1).astype(np.int64)
    return spaces.MultiDiscrete(nvec)


def plan_points(uses: npt.ArrayLike, params: Params) -> F64:
    """The model's plan (N, A, T) in points from uses (N, A, T): uses x each action's cost."""
    points: F64 = np.asarray(uses, dtype=np.float64) * params.action_cost[None, :, None]
    return points


def plan_uses(plan: F64, params: Params) -> I64:
    """Uses (N, A, T) from a model plan in points (a policy's): the inverse of plan_points."""
    uses: I64 = np.rint(plan / params.action_cost[None, :, None]).astype(np.int64)
    return uses


def action_mask(obs: Observation, params: Params) -> B8:
    """(N, A, T) where the window's planner lets a team add one use to an empty plan.

    The planner's offer (game.ui.planner): a target the action can take, a build only on
    a package that can take work now, and one use within this week's capacity, asked
    through the model's own plan arithmetic. A masked-out cell is not always illegal to
    the model (building a blocked package is allowed and wastes the points); a plan is
    judged by `validate_plan` alone. Finished games have an empty mask.
    """
    one_use = np.diag(params.action_cost)  # row a: one use of action a, nothing else
    extra = overtime_points(one_use, params)
    spent = regular_points(one_use, params)
    fits = (extra <= params.max_overtime + _EPS)[None, :] & (
        spent[None, :] <= obs.capacity[:, None] + extra[None, :] + _EPS
    )
    is_build = params.action_target == Target.PACKAGE
    open_target = np.ones((obs.turn.shape[0], params.n_targets), dtype=np.bool_)
    open_target[:, : params.n_packages] = obs.buildable
    target_ok = np.where(is_build[None, :, None], open_target[:, None, :], True)
    mask: B8 = params.legal[None] & fits[:, :, None] & target_ok & ~obs.done[:, None, None]
    return mask
