"""Spam: balanced's relationship budget spent on one action, every week, whatever happens.

A spam strategy is the cynic's shortcut to "do the one thing that works". If any of them
comes close to balanced, that action needs a situation of its own (DESIGN.md: an action is
alive only if some state of the game makes it the best use of a point, and no more).
"""

import numpy as np
import numpy.typing as npt

from game.model.observe import Observation
from game.model.params import Params
from game.model.plan import empty_plan
from game.policies.allocate import max_overtime_uses
from game.policies.builtin import balanced_share
from game.policies.zoo.plans import (
    JOBS,
    action_of,
    add_overtime,
    add_uses,
    aims_at_people,
    capacity,
    is_overtime,
    rebuild,
    round_robin,
)
from game.policies.zoo.transforms import Policy, named

F64 = npt.NDArray[np.float64]

# What each job is called in a sentence.
JOB_WORDS = {
    "check_in": "check-ins",
    "workshop": "workshops",
    "demo": "demos",
    "reset": "expectation resets",
    "favour": "favours",
    "escalate": "escalations",
    "quality": "quality effort",
    "testing": "testing",
    "overtime": "overtime",
    "steering": "steering updates",
}


def _spread(obs: Observation, params: Params, action: int, uses: F64) -> F64:
    """`uses` (N,) spread over every target in turn, the rotation carried on week to week."""
    if not aims_at_people(params, action):
        return uses[:, None]
    s = params.n_stakeholders
    return round_robin(uses, (obs.turn * uses) % s, s)


def spam(job: str) -> Policy:
    """Balanced's non-build budget, all of it on `job`'s action; the rest is built.

    Overtime is the exception: the most overtime allowed, every week, all of it built.
    A scenario without the action builds with everything.
    """

    def policy(obs: Observation, params: Params) -> F64:
        plan = empty_plan(obs.turn.shape[0], params)
        action = action_of(params, job)
        if action is not None and is_overtime(params, action):
            uses = np.full(obs.turn.shape[0], max_overtime_uses(params, action))
            add_overtime(plan, params, action, uses)
        elif action is not None:
            budget = np.round(balanced_share(params) * capacity(obs))
            uses = np.floor(budget / params.action_cost[action])
            add_uses(plan, params, action, _spread(obs, params, action, uses), budget)
        return rebuild(obs, params, plan)

    if job == "overtime":
        doc = "The most overtime allowed every week, all of it built; no relationship work."
    else:
        doc = f"Balanced's relationship budget, all on {JOB_WORDS[job]} every week; the rest built."
    return named(f"spam_{job}", doc, policy)


SPAM: dict[str, str] = {f"spam_{job}": job for job in JOBS}
SPAM_POLICIES: dict[str, Policy] = {name: spam(job) for name, job in SPAM.items()}
