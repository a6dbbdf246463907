"""Small plan arithmetic shared by the zoo: points left, whole uses, refilling the build.

Every helper works on all N games at once and reads only the Observation and the Params.
Loops run over targets or uses of one action (a number fixed by the scenario), never over
games, so game i of a batch plans exactly as it would alone.
"""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel, Target
from game.model.observe import Observation
from game.model.params import Params
from game.model.plan import overtime_points, regular_points
from game.policies.allocate import fill_packages, urgency
from game.policies.catalogue import Catalogue, catalogue

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]

_EPS = 1e-9

# The jobs a zoo strategy can spam, drop or add, in the catalogue's order.
JOBS = (
    "check_in",
    "workshop",
    "demo",
    "reset",
    "favour",
    "escalate",
    "quality",
    "testing",
    "overtime",
    "steering",
)
# The jobs aimed at a stakeholder: relationship work (escalation is positional power, but it
# is aimed at a person too, and a team that drops "people work" drops it as well).
PEOPLE_JOBS = ("check_in", "workshop", "demo", "reset", "favour", "escalate")


def action_of(params: Params, job: str) -> int | None:
    """The catalogue's action for `job` (one of JOBS), or None when the scenario has none."""
    action: int | None = getattr(catalogue(params), job)
    return action


def is_overtime(params: Params, action: int) -> bool:
    """An overtime action adds capacity instead of spending it."""
    return bool(params.action_effect[action, Channel.OVERTIME] > 0)


def targets(params: Params, action: int) -> int:
    """How many targets the action takes (targets 0 .. count - 1)."""
    return int(params.legal_count[action])


def aims_at_people(params: Params, action: int) -> bool:
    return bool(params.action_target[action] == Target.STAKEHOLDER)


def capacity(obs: Observation) -> F64:
    """Whole points of this week's regular capacity (N,)."""
    result: F64 = np.floor(obs.capacity)
    return result


def non_build_points(plan: F64, params: Params, cat: Catalogue) -> F64:
    """Regular points spent on anything but building (N,)."""
    totals = plan.sum(axis=2)
    totals[:, cat.build] = 0.0
    return regular_points(totals, params)


def free_points(obs: Observation, plan: F64, params: Params) -> F64:
    """Points a plan leaves for building (N,): capacity plus overtime, minus other work."""
    cat = catalogue(params)
    extra = overtime_points(plan.sum(axis=2), params)
    result: F64 = capacity(obs) + extra - non_build_points(plan, params, cat)
    return result


def rebuild(obs: Observation, params: Params, plan: F64) -> F64:
    """`plan` with its build row redone: every free point into packages, in whole uses.

    Packages are filled the way the built-in policies fill them (nearly done first), so a
    transform that only moves points between building and one action changes nothing else.
    Points no package can take stay unspent.
    """
    cat = catalogue(params)
    plan = plan.copy()
    plan[:, cat.build, :] = 0.0
    _trim(obs, params, plan)
    cost = float(params.action_cost[cat.build])
    per_use = float(params.action_effect[cat.build, Channel.BUILD])
    points = np.maximum(free_points(obs, plan, params), 0.0)
    uses = fill_packages(obs, np.floor(points / cost + _EPS), urgency(obs), per_use)
    plan[:, cat.build, : params.n_packages] = uses * cost
    return plan


def _trim(obs: Observation, params: Params, plan: F64) -> None:
    """Take whole uses off the last actions and targets until the plan fits its capacity.

    Only needed when a transform took away overtime that paid for other work.
    """
    over = np.maximum(-free_points(obs, plan, params), 0.0)
    if not over.any():  # the usual case: nothing to take off
        return
    for action in range(params.n_actions - 1, -1, -1):  # a loop over actions and targets
        if is_overtime(params, action):
            continue
        cost = float(params.action_cost[action])
        for t in range(targets(params, action) - 1, -1, -1):
            cut = np.minimum(plan[:, action, t], np.ceil(over / cost - _EPS) * cost)
            plan[:, action, t] -= cut
            over = np.maximum(over - cut, 0.0)


def add_uses(plan: F64, params: Params, action: int, uses: F64, budget: F64) -> F64:
    """Add whole uses of `action` per target (N, k), target 0 first, within `budget` (N,).

    Uses that do not fit are dropped. Returns the budget left. Changes `plan` in place.
    """
    cost = float(params.action_cost[action])
    left = budget.astype(np.float64).copy()
    for t in range(min(uses.shape[1], targets(params, action))):  # a loop over targets
        take = np.minimum(np.maximum(uses[:, t], 0.0), np.floor(left / cost + _EPS))
        take = np.maximum(take, 0.0)
        plan[:, action, t] += take * cost
        left -= take * cost
    return left


def add_overtime(plan: F64, params: Params, action: int, uses: F64) -> None:
    """Add up to `uses` (N,) uses of an overtime action, within the scenario's maximum."""
    per_use = float(params.action_effect[action, Channel.OVERTIME])
    already = overtime_points(plan.sum(axis=2), params)
    room = np.floor((params.max_overtime - already) / per_use + _EPS)
    take = np.clip(uses, 0.0, np.maximum(room, 0.0))
    plan[:, action, 0] += take * params.action_cost[action]


def round_robin(uses: F64, start: F64, n: int) -> F64:
    """Spread `uses` (N,) over n targets in turn, beginning at target `start` (N,) -> (N, n)."""
    base = np.floor(uses / n)
    rest = uses - base * n
    offset = (np.arange(n)[None, :] - start[:, None]) % n
    result: F64 = base[:, None] + (offset < rest[:, None])
    return result


def turns_left(obs: Observation, params: Params) -> npt.NDArray[np.int64]:
    """Turns until the deadline (N,): 1 in the last week before it, <= 0 after it."""
    result: npt.NDArray[np.int64] = params.deadline - obs.turn
    return result
