"""Generic transforms: a policy with one job removed, added, limited or switched by phase.

Most zoo strategies are "balanced, but ...". Writing each as a transform of the current
`balanced` (looked up at call time, so a rewrite of it reaches the zoo) keeps one rule per
idea and makes the test of each idea a test of one transform.
"""

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from game.model.observe import Observation
from game.model.params import Params
from game.policies.catalogue import catalogue
from game.policies.zoo.plans import (
    PEOPLE_JOBS,
    action_of,
    add_overtime,
    add_uses,
    aims_at_people,
    free_points,
    is_overtime,
    rebuild,
)

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
Policy = Callable[[Observation, Params], F64]
# Extra uses to add: (action or None when the scenario lacks it, uses per target (N, k)).
Extra = Callable[[Observation, Params], Sequence[tuple[int | None, F64]]]
Transform = Callable[[Policy], Policy]


def balanced(obs: Observation, params: Params) -> F64:
    """The built-in `balanced`, looked up now: whoever rewrites it, the zoo follows."""
    from game.policies import POLICIES  # at call time, and without an import cycle

    plan: F64 = POLICIES["balanced"](obs, params)
    return plan


def named(name: str, doc: str, policy: Policy) -> Policy:
    """Give a composed policy a name and a one-line docstring for reports and tracebacks."""
    policy.__name__ = policy.__qualname__ = name
    policy.__doc__ = doc
    return policy


def without(*jobs: str) -> Transform:
    """Drop every point of the named jobs' actions; the freed points go to building."""

    def transform(policy: Policy) -> Policy:
        def wrapped(obs: Observation, params: Params) -> F64:
            plan = policy(obs, params).copy()
            for job in jobs:
                action = action_of(params, job)
                if action is not None:
                    plan[:, action, :] = 0.0
            return rebuild(obs, params, plan)

        return wrapped

    return transform


def only_with(select: Callable[[Params], B8]) -> Transform:
    """Keep person-aimed work only for the stakeholders `select(params)` (S,) marks."""

    def transform(policy: Policy) -> Policy:
        def wrapped(obs: Observation, params: Params) -> F64:
            plan = policy(obs, params).copy()
            dropped = ~select(params)
            s = params.n_stakeholders
            for job in PEOPLE_JOBS:
                action = action_of(params, job)
                if action is not None and aims_at_people(params, action):
                    plan[:, action, :s] *= ~dropped
            return rebuild(obs, params, plan)

        return wrapped

    return transform


def plus(*extras: Extra, at_least: bool = False) -> Transform:
    """Add the extras' uses on top of the policy's plan, paid for by building.

    With `at_least`, an extra tops each target up to its uses instead (an escalation the
    policy already planned is not planned twice). Overtime extras add capacity (up to the
    scenario's maximum); any other extra takes points that would have gone to building,
    and is trimmed when there are too few.
    """

    def transform(policy: Policy) -> Policy:
        def wrapped(obs: Observation, params: Params) -> F64:
            plan = policy(obs, params).copy()
            cat = catalogue(params)
            plan[:, cat.build, :] = 0.0  # building is redone with what is left
            for extra in extras:
                for action, uses in extra(obs, params):
                    if action is None:
                        continue
                    if at_least:
                        have = plan[:, action, : uses.shape[1]] / params.action_cost[action]
                        uses = np.maximum(uses - have, 0.0)
                    if is_overtime(params, action):
                        add_overtime(plan, params, action, uses[:, 0])
                    else:
                        budget = np.maximum(free_points(obs, plan, params), 0.0)
                        add_uses(plan, params, action, uses, budget)
            return rebuild(obs, params, plan)

        return wrapped

    return transform


def phased(early: Policy, late: Policy, split: float = 0.5) -> Policy:
    """`early` before `split` of the deadline, `late` from then on."""

    def wrapped(obs: Observation, params: Params) -> F64:
        first = obs.turn < split * params.deadline
        # Games of a batch usually share the week: then only one policy needs to plan.
        if first.all():
            return early(obs, params)
        if not first.any():
            return late(obs, params)
        result: F64 = np.where(first[:, None, None], early(obs, params), late(obs, params))
        return result

    return wrapped


def no_people(policy: Policy) -> Policy:
    """The policy with every person-aimed job dropped: delivery with its project work."""
    return without(*PEOPLE_JOBS)(policy)
