"""Random legal plans for property tests (test-only randomness, seeded explicitly)."""

import numpy as np
import numpy.typing as npt

from game.model import Channel, Params, State, empty_plan

F64 = npt.NDArray[np.float64]


def random_plan(state: State, params: Params, rng: np.random.Generator) -> F64:
    """A plan that respects every rule: whole uses, legal targets, capacity, overtime cap."""
    n = state.n_games
    plan = empty_plan(n, params)
    overtime = params.action_effect[:, Channel.OVERTIME] > 0
    extra = np.zeros(n)
    for a in np.flatnonzero(overtime):
        uses = rng.integers(0, int(params.max_overtime // params.action_cost[a]) + 1, size=n)
        uses = np.minimum(uses, np.floor((params.max_overtime - extra) / params.action_cost[a]))
        plan[:, a, 0] = uses * params.action_cost[a]
        extra += plan[:, a, 0] * params.action_effect[a, Channel.OVERTIME]
    left = np.floor(state.capacity + extra)
    slots = [tuple(s) for s in np.argwhere(params.legal) if not overtime[s[0]]]
    for k in rng.permutation(len(slots)):
        a, t = slots[k]
        cost = params.action_cost[a]
        uses = rng.integers(0, 3, size=n)
        uses = np.minimum(uses, np.floor(left / cost))
        plan[:, a, t] += uses * cost
        left -= uses * cost
    return plan
