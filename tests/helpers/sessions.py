"""Whole rounds played headless by a built-in policy."""

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
