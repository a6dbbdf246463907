"""A first-timer: how a newcomer plays the tutorial by following its briefing.

The tutorial's story introduces two friendly, busy managers who "both have an idea of what
'simple' means", and its how-to-play lines say to build, to spend time with the people who
will use it, and that people you neglect drift away. A newcomer reads that as: say hello to
everyone first, talk requirements through before building each package, show something now
and then, and build the rest. It plays any scenario the same way.
"""

import numpy as np
import numpy.typing as npt

from game.model.observe import Observation
from game.model.params import Params, owner_sum
from game.model.plan import empty_plan
from game.policies.allocate import stakeholder_share
from game.policies.zoo.plans import action_of, add_uses, capacity, rebuild
from game.policies.zoo.transforms import named

F64 = npt.NDArray[np.float64]

HELLO_WEEKS = 2  # check in with everyone in the first weeks
DEMO_EVERY = 3  # a demo every third week
PEOPLE_SHARE = 0.5  # a newcomer still builds with at least half of the week


def _hello(obs: Observation, params: Params) -> F64:
    """A check-in with everyone in the first weeks (N, S)."""
    early = obs.turn < HELLO_WEEKS
    return np.repeat(early[:, None], params.n_stakeholders, axis=1).astype(np.float64)


def _before_start(obs: Observation, params: Params) -> F64:
    """A workshop with each owner of a package that can start but has not (N, S)."""
    not_started = obs.buildable & (obs.package_reported <= 0.0)
    return (owner_sum(not_started.astype(np.float64), params) > 0).astype(np.float64)


def _now_and_then(obs: Observation, params: Params) -> F64:
    """Every third week, a demo to whoever has most built by IT's count (N, S)."""
    built = stakeholder_share(obs, params, obs.package_reported)
    best = np.argmax(built, axis=1)  # ties: the first listed
    due = ((obs.turn + 1) % DEMO_EVERY == 0) & (built.max(axis=1) > 0)
    chosen = np.arange(params.n_stakeholders)[None, :] == best[:, None]
    result: F64 = (chosen & due[:, None]).astype(np.float64)
    return result


def _first_timer(obs: Observation, params: Params) -> F64:
    plan = empty_plan(obs.turn.shape[0], params)
    left = np.floor(PEOPLE_SHARE * capacity(obs))
    wanted = [
        ("check_in", _hello(obs, params)),
        ("workshop", _before_start(obs, params)),
        ("demo", _now_and_then(obs, params)),
    ]
    for job, uses in wanted:
        action = action_of(params, job)
        if action is not None:
            left = add_uses(plan, params, action, uses, left)
    return rebuild(obs, params, plan)


first_timer = named(
    "first_timer",
    "The tutorial's briefing, followed: hello to everyone early, a workshop before each"
    " package starts, a demo every third week, the rest built.",
    _first_timer,
)
