"""Balanced play, once, measured for the quick balance check: how it spends its points
per action, when it has built everything, and what it scores (game ids 0..games-1).

One play serves two questions of a facilitator: is there time to spare (the week the last
package is first built, game.batch.workload) and which actions good play leans on
(game.batch.custom_actions). The game ids and seed are the lesson's, so the scores pair
with every other strategy played on them.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model import Params, outcome
from game.policies import POLICIES
from game.session.runner import Turn, TurnHook, play

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
NEVER = -1  # the finish week of a game that never built every package


@dataclass(frozen=True)
class BalancedPlay:
    """Balanced play over `games` shared games."""

    games: int
    points: F64  # (games, A): points each game planned per action
    finish_week: I64  # (games,): the week (1-based) every package had been built once, or NEVER
    scores: F64  # (games,)
    won: npt.NDArray[np.bool_]  # (games,)


def _counting(points: F64) -> TurnHook:
    """A turn hook adding the points each running game planned per action to `points`."""

    def count(turn: Turn) -> None:
        points[:] += (turn.plan * ~turn.observation.done[:, None, None]).sum(axis=2)

    return count


def play_balanced(params: Params, games: int, seed: int) -> BalancedPlay:
    """Play balanced on game ids 0..games-1 and keep what the quick check reads."""
    ids = np.arange(games)
    points = np.zeros((games, params.n_actions))
    final = play(
        params, POLICIES["balanced"], ids, seed, record=False, on_turn=_counting(points)
    ).final
    finish = final.finish_turn  # (games, P): first turn (0-based) each package was built
    last = np.where((finish >= 0).all(axis=1), finish.max(axis=1) + 1, NEVER).astype(np.int64)
    result = outcome(final, params)
    return BalancedPlay(games, points, last, result.score, result.won.astype(bool))
