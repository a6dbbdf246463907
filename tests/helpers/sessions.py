"""Whole rounds played headless by a built-in policy, and hand-made plans for one week."""

from typing import Any

import numpy as np
import numpy.typing as npt

from game.model import empty_plan
from game.policies import POLICIES
from game.session.session import Session
from tests.helpers.scenarios import loaded


def played(team: str, policy: str = "balanced", seed: int = 5) -> Session:
    """A finished round of the tutorial, `team` playing `policy` from `seed`."""
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, seed, team=team)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return session


def plan_of(
    session: Session, ids: list[str], **points: tuple[int, float]
) -> npt.NDArray[np.float64]:
    """One week's (A, T) plan: `action_id=(target, points)` for each action used."""
    plan = empty_plan(1, session.params)[0]
    for action, (target, n) in points.items():
        plan[ids.index(action), target] = n
    return plan


def round_of(ref: str, policy: str, seed: int, turns: int = 99, **kw: Any) -> Session:
    """`ref`'s round from `seed`, `policy` playing at most `turns` weeks (default: all);
    `kw` goes to the Session (team, game_id...)."""
    scenario, params = loaded(ref)
    session = Session(scenario, params, seed=seed, **kw)
    while not session.done and session.turn < turns:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return session
