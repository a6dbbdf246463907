"""Random legal plans for property tests: from a seeded generator, or drawn by hypothesis."""

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from game.model import Channel, Params, PlanError, State, empty_plan, validate_plan

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


@st.composite
def legal_plans(draw: st.DrawFn, state: State, params: Params, clicks: int = 16) -> F64:
    """The (A, T) plan of game 0 of `state`, built click by click as the planner builds it.

    Each click adds one use of an action on one of its legal targets and stays only when
    the model's own validate_plan accepts the result, so the plan is legal by the rule
    itself, not by a copy of it here. Shrinks towards the empty plan.
    """
    slots = [(int(a), int(t)) for a, t in np.argwhere(params.legal)]
    plan = empty_plan(1, params)
    for a, t in draw(st.lists(st.sampled_from(slots), max_size=clicks)):
        candidate = plan.copy()
        candidate[0, a, t] += params.action_cost[a]
        try:
            validate_plan(candidate, state, params)
        except PlanError:
            continue
        plan = candidate
    return plan[0]
