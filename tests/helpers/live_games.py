"""What the live tests compare against: the offline game, as `simulate` plays it."""

from functools import cache

from game.model import outcome
from game.policies import POLICIES
from game.scenario.loader import load
from game.session.runner import play


@cache
def offline(scenario: str, policy: str, seed: int) -> tuple[int, float]:
    """(weeks played, final score) of `simulate --scenario S --policy P --seed N` (game 0)."""
    _, params = load(scenario)
    run = play(params, POLICIES[policy], [0], seed=seed)
    return len(run.plans), float(outcome(run.final, params).score[0])
