"""Play many strategies on the same games, several side by side in one batch.

The model costs most per game when a batch is small (fixed costs per turn) or very large
(arrays that no longer fit the CPU cache), so strategies are stacked side by side into
plays of about GAMES_PER_PLAY games: strategy k plans for its own block of games, as a
batch of its own, through the one turn loop (`game.session.runner.play`). Game i of a
batch equals the same game alone, so the scores are those of separate plays.
"""

from collections.abc import Iterator, Sequence
from dataclasses import fields

import numpy as np
import numpy.typing as npt

from game.batch.backend import Backend
from game.model import Observation, Params, empty_plan, outcome
from game.policies import POLICIES, Policy
from game.policies.zoo import ZOO
from game.session.runner import play

F64 = npt.NDArray[np.float64]
GAMES_PER_PLAY = 1000  # games stepped together: past a few thousand the cache runs out
Task = tuple[tuple[str, ...], int, int, int]  # (strategies, first game id, stop, seed)


def policy_named(name: str) -> Policy:
    """A built-in policy or a zoo strategy, by name (workers look names up themselves)."""
    return POLICIES[name] if name in POLICIES else ZOO[name]


def block(obs: Observation, rows: slice) -> Observation:
    """The observation of a block of consecutive games."""
    return Observation(**{f.name: getattr(obs, f.name)[rows] for f in fields(obs)})


def side_by_side(policies: Sequence[Policy], size: int) -> Policy:
    """A policy where policies[k] plans for games k*size .. (k+1)*size - 1 of the batch."""

    def policy(obs: Observation, params: Params) -> F64:
        plan = empty_plan(obs.turn.shape[0], params)
        for k, each in enumerate(policies):
            rows = slice(k * size, (k + 1) * size)
            if not obs.done[rows].all():  # a block whose games have all ended plans nothing
                plan[rows] = each(block(obs, rows), params)
        return plan

    return policy


def tasks(names: Sequence[str], games: int, seed: int, chunk: int) -> list[Task]:
    """Chunks of at most `chunk` game ids, with as many strategies side by side as fit."""
    size = min(chunk, games)
    per_play = max(1, GAMES_PER_PLAY // size)
    groups = [tuple(names[k : k + per_play]) for k in range(0, len(names), per_play)]
    return [(g, a, min(a + size, games), seed) for a in range(0, games, size) for g in groups]


def play_task(params: Params, task: Task) -> dict[str, tuple[F64, F64]]:
    """Scores and wins (as 0/1) per strategy of one task."""
    names, first, stop, seed = task
    size = stop - first
    ids = np.tile(np.arange(first, stop), len(names))
    policy = side_by_side([policy_named(n) for n in names], size)
    result = outcome(play(params, policy, ids, seed, record=False).final, params)
    won = result.won.astype(np.float64)
    return {
        n: (result.score[k * size : (k + 1) * size], won[k * size : (k + 1) * size])
        for k, n in enumerate(names)
    }


def play_all(
    params: Params, todo: list[Task], backend: Backend
) -> Iterator[dict[str, tuple[F64, F64]]]:
    """Each task's results, in task order, on `backend` (local processes or a Dask
    cluster: the compiled scenario goes to each worker once)."""
    yield from backend.map_ordered(play_task, params, todo)
