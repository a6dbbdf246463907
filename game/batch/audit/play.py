"""The audit's own plays: a policy with jobs dropped, the search's policy, complaints heard.

run_zoo plays the zoo; the audit also needs "the best policy known, without job X" for
every job, balanced on a scenario without its hype, and the complaints the built-in
policies hear each turn. Those are played here the way the zoo plays: on game ids
0..games-1 with the audit's seed, at most `chunk` games per policy at a time, several
policies side by side in one batch (game.batch.zoo_play), through the one turn loop
(game.session.runner.play), on `workers` processes. Policies travel to the workers by
name, since closures do not pickle:

- "balanced", "delivery_first", a zoo strategy: as game.batch.zoo_play names them;
- "search": the parametric policy with the search's best knobs (`Setting.knobs`);
- "NAME|job+job": NAME with those jobs dropped (game.policies.zoo.without), their
  points built.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.batch.backend import LocalBackend
from game.batch.search import Knobs, parametric
from game.batch.zoo import CHUNK
from game.batch.zoo_play import Task, policy_named, side_by_side, tasks
from game.model import Params, outcome
from game.model.rules.stakeholders import COMPLAINTS
from game.policies import Policy
from game.policies.zoo import without
from game.session.runner import Turn, TurnHook, play

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
SEARCH = "search"


@dataclass(frozen=True)
class Setting:
    """What every play of one batch shares: the scenario's Params, the search's knobs
    (1, DIM) if "search" is played, and whether to count complaints."""

    params: Params
    knobs: F64 | None = None
    complaints: bool = False


@dataclass(frozen=True)
class Played:
    """Per policy name its scores on game ids 0..games-1; with `Setting.complaints`, the
    complaints heard per game (every policy's games, (games x policies, 4)), else (0, 4)."""

    scores: dict[str, F64]
    complaints: I64


def dropping(base: str, *jobs: str) -> str:
    """The name of policy `base` with `jobs` dropped, their points built."""
    return f"{base}|{'+'.join(jobs)}"


def policy_for(name: str, size: int, knobs: F64 | None) -> Policy:
    """The policy a name stands for, for a batch of `size` games."""
    base, bar, dropped = name.partition("|")
    if base == SEARCH:
        if knobs is None:
            raise ValueError("'search' is played only with the search's knobs")
        policy = parametric(Knobs(knobs.repeat(size, axis=0)))
    else:
        policy = policy_named(base)
    return without(*dropped.split("+"))(policy) if bar and dropped else policy


def _counter(heard: I64) -> TurnHook:
    """A turn hook adding each running game's complaints, per stakeholder, to heard (N, 4)."""

    def count(turn: Turn) -> None:
        log = turn.log
        # A game that has ended still shows its last complaints: it is not heard any more.
        live = log.active[:, None] & (log.complaint >= 0)
        rows = np.broadcast_to(np.arange(log.complaint.shape[0])[:, None], live.shape)
        np.add.at(heard, (rows[live], log.complaint[live]), 1)

    return count


def play_task(setting: Setting, task: Task) -> tuple[dict[str, F64], I64]:
    """Scores per policy of one task, and its complaints per game (task's games, 4)."""
    names, first, stop, seed = task
    size = stop - first
    ids = np.tile(np.arange(first, stop), len(names))
    policy = side_by_side([policy_for(n, size, setting.knobs) for n in names], size)
    params = setting.params
    heard = np.zeros((ids.size if setting.complaints else 0, len(COMPLAINTS)), dtype=np.int64)
    hook = _counter(heard) if setting.complaints else None
    final = play(params, policy, ids, seed, record=False, on_turn=hook).final
    score = outcome(final, params).score
    return {n: score[k * size : (k + 1) * size] for k, n in enumerate(names)}, heard


def play_named(
    setting: Setting,
    names: Sequence[str],
    games: int,
    seed: int,
    workers: int = 1,
    chunk: int = CHUNK,
) -> Played:
    """Play every named policy on game ids 0..games-1 (see the module docstring)."""
    todo = tasks(list(names), games, seed, chunk)
    results = list(LocalBackend(workers).map_ordered(play_task, setting, todo))
    # Tasks run chunk by chunk in order of game ids, so concatenating keeps ids in order.
    scores = {n: np.concatenate([r[n] for r, _ in results if n in r]) for n in names}
    heard = np.concatenate([h for _, h in results]) if results else np.zeros((0, 4), np.int64)
    return Played(scores, heard)
