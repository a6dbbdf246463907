"""The demonstration pilot's plan for the week: a built-in policy, seeing what IT sees."""

import numpy as np
import numpy.typing as npt

from game.model import Observation, Params


def pilot_plan(policy_name: str, seen: Observation, params: Params) -> npt.NDArray[np.float64]:
    """The (A, T) plan the named built-in policy makes for the one game of `seen`."""
    from game.policies import get_policy  # the policies load only when a pilot plays

    plan: npt.NDArray[np.float64] = get_policy(policy_name)(seen, params)[0]
    return plan
