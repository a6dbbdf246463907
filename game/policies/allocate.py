"""Allocation helpers shared by the built-in policies: for all N games (numpy arrays in and
out), each also written for one game (`greedy_one`, `fill_one`) for the compiled policies."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.observe import Observation
from game.model.params import Params, owner_sum
from game.model.scalar import maximum, minimum
from game.model.state import AWAITING

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


def greedy(priority: F64, cost: F64, budget: F64) -> B8:
    """Pick candidates in order of priority while they fit in the budget (N, K).

    Candidates with priority <= 0 are never picked; one that does not fit is
    skipped and cheaper ones after it may still be taken.
    """
    take = np.zeros(priority.shape, dtype=np.bool_)
    _greedy_all(
        np.ascontiguousarray(priority, dtype=np.float64),
        np.broadcast_to(cost, priority.shape[-1:]).astype(np.float64),
        np.ascontiguousarray(budget, dtype=np.float64),
        take,
    )
    return take


@kernel("void(f8[:, ::1], f8[::1], f8[::1], b1[:, ::1])")
def _greedy_all(priority: F64, cost: F64, budget: F64, take: B8) -> None:
    order = np.empty(priority.shape[1], dtype=np.int64)
    for g in range(priority.shape[0]):
        greedy_one(priority[g], cost, budget[g], order, take[g])


@kernel("void(f8[::1], f8[::1], f8, i8[::1], b1[::1])")
def greedy_one(priority: F64, cost: F64, budget: float, order: I64, take: B8) -> None:
    """One game's `greedy` (K,), for kernels; `order` is room for K indices.

    Only candidates with a positive priority are ordered (the others are never taken),
    highest first and, on a tie, in catalogue order, as a stable sort orders them."""
    ranked = 0
    for j in range(priority.shape[0]):
        take[j] = False
        if priority[j] > 0:
            ranked = _rank(order, ranked, priority, j)
    left = budget
    for i in range(ranked):
        j = order[i]
        fits = cost[j] <= left + 1e-9
        take[j] = fits
        left -= cost[j] * fits


def fill_packages(obs: Observation, uses: F64, priority: F64, per_use: float = 1.0) -> F64:
    """Spread whole uses of the build action over buildable packages by priority (N, P).

    Each package gets at most the uses its known remaining work needs (`per_use`
    points of work each); leftover uses stay unassigned.
    """
    give = np.empty(obs.package_remaining.shape)
    _fill_all(
        obs.package_remaining,
        obs.buildable,
        np.ascontiguousarray(priority, dtype=np.float64),
        np.ascontiguousarray(uses, dtype=np.float64),
        float(per_use),
        give,
    )
    return give


@kernel("void(f8[:, ::1], b1[:, ::1], f8[:, ::1], f8[::1], f8, f8[:, ::1])")
def _fill_all(
    remaining: F64, buildable: B8, priority: F64, uses: F64, per_use: float, give: F64
) -> None:
    order = np.empty(remaining.shape[1], dtype=np.int64)
    for g in range(remaining.shape[0]):
        fill_one(remaining[g], buildable[g], priority[g], uses[g], per_use, order, give[g])


@kernel("void(f8[::1], b1[::1], f8[::1], f8, f8, i8[::1], f8[::1])")
def fill_one(
    remaining: F64,
    buildable: B8,
    priority: F64,
    uses: float,
    per_use: float,
    order: I64,
    give: F64,
) -> None:
    """One game's `fill_packages` (P,), for kernels; `order` is room for P indices.

    Buildable packages by priority, highest first (on a tie in package order), then the
    others in package order, as a stable sort puts them; each takes what it needs of the
    uses the packages before it left."""
    p = remaining.shape[0]
    ranked = 0
    for j in range(p):
        if buildable[j]:
            ranked = _rank(order, ranked, priority, j)
    for j in range(p):
        if not buildable[j]:
            order[ranked] = j
            ranked += 1
    taken = 0.0  # the running sum of what the packages before needed
    for i in range(p):
        j = order[i]
        need = np.ceil(remaining[j] / per_use - 0.05) * buildable[j]
        taken = need if i == 0 else taken + need
        # np.clip with an array of bounds: a tie gives the bound (its scalar form keeps x)
        give[j] = np.floor(minimum(maximum(uses - (taken - need), 0.0), need))


@kernel("i8(i8[::1], i8, f8[::1], i8)")
def _rank(order: I64, ranked: int, priority: F64, j: int) -> int:
    """Put candidate j into `order[:ranked]`, kept by priority, highest first, after those of
    equal priority (a stable sort's order); returns how many are ranked now."""
    i = ranked
    while i > 0 and priority[order[i - 1]] < priority[j]:
        order[i] = order[i - 1]
        i -= 1
    order[i] = j
    return ranked + 1


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
