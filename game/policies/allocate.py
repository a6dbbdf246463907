"""Vectorised allocation helpers shared by the built-in policies."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.observe import Observation
from game.model.params import Params, owner_sum
from game.model.state import AWAITING

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


def greedy(priority: F64, cost: F64, budget: F64) -> B8:
    """Pick candidates in order of priority while they fit in the budget (N, K).

    Candidates with priority <= 0 are never picked; one that does not fit is
    skipped and cheaper ones after it may still be taken.
    """
    order = np.argsort(-priority, axis=1, kind="stable")
    p_sorted = np.take_along_axis(priority, order, axis=1)
    c_sorted = np.take_along_axis(np.broadcast_to(cost, priority.shape), order, axis=1)
    left = budget.astype(np.float64).copy()
    take_sorted = np.zeros(priority.shape, dtype=np.bool_)
    for k in range(priority.shape[1]):  # a loop over candidates, never over games
        fits = (p_sorted[:, k] > 0) & (c_sorted[:, k] <= left + 1e-9)
        take_sorted[:, k] = fits
        left -= c_sorted[:, k] * fits
    take = np.zeros_like(take_sorted)
    np.put_along_axis(take, order, take_sorted, axis=1)
    return take


def fill_packages(obs: Observation, uses: F64, priority: F64, per_use: float = 1.0) -> F64:
    """Spread whole uses of the build action over buildable packages by priority (N, P).

    Each package gets at most the uses its known remaining work needs (`per_use`
    points of work each); leftover uses stay unassigned.
    """
    need = np.ceil(obs.package_remaining / per_use - 0.05) * obs.buildable
    prio = np.where(obs.buildable, priority, -np.inf)
    order = np.argsort(-prio, axis=1, kind="stable")
    need_sorted = np.take_along_axis(need, order, axis=1)
    before = np.cumsum(need_sorted, axis=1) - need_sorted
    give_sorted = np.clip(uses[:, None] - before, 0.0, need_sorted)
    give = np.zeros_like(give_sorted)
    np.put_along_axis(give, order, give_sorted, axis=1)
    result: F64 = np.floor(give)
    return result


def stakeholder_share(obs: Observation, params: Params, per_package: F64) -> F64:
    """Size-weighted mean of a per-package quantity over each stakeholder's packages."""
    sizes = params.size @ params.owner_onehot
    result: F64 = owner_sum(per_package * params.size, params) / sizes
    return result


def urgency(obs: Observation) -> F64:
    """Build priority: finish what is nearly done, then the biggest remaining (N, P)."""
    result: F64 = obs.package_reported + 0.01 * obs.package_remaining
    return result


def waiting_for_signoff(obs: Observation, params: Params) -> B8:
    """Stakeholders with a package waiting for their sign-off (N, S).

    A package seen waiting at the start of a week was handed over in an earlier week, so
    it has waited at least one turn by the time this week's decisions are made.
    """
    awaiting = (obs.package_status == AWAITING).astype(np.float64)
    result: B8 = owner_sum(awaiting, params) > 0
    return result


def longest_wait(obs: Observation, params: Params) -> F64:
    """Turns each stakeholder's longest-waiting hand-over has waited for sign-off (N, S),
    0 with none waiting (`Observation.package_waiting`)."""
    waits = obs.package_waiting[:, None, :] * params.owner_onehot.T[None, :, :]
    result: F64 = np.max(waits, axis=2).astype(np.float64)
    return result


def max_overtime_uses(params: Params, action: int) -> float:
    """Uses of an overtime action that buy as much overtime as the scenario allows."""
    per_use = float(params.action_effect[action, Channel.OVERTIME])
    return float(np.floor(params.max_overtime / per_use + 1e-9))
