"""Run many games headless: policies x sweep points x chunks, on one or more processes or
a Dask cluster (backend.py).

Games are cut into chunks of `chunk` consecutive game ids; each chunk is
played on its own and returns integer tallies (see aggregate.py), so the
results do not depend on the chunk size or the number of workers. All policies
of a run play the same game ids with the same seed: they meet the same luck.
"""

import contextlib
import itertools
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from game.batch.aggregate import Tally
from game.batch.backend import Backend, LocalBackend
from game.batch.policyload import PolicySpecError, portable, resolve_policy
from game.model import Observation, Params, PlanError, State, TurnLog
from game.model.rules.discovery import progress as both_progress
from game.session.runner import Turn, play

F64 = npt.NDArray[np.float64]

# Per-game columns of games.csv, in order.
GAME_COLUMNS = (
    "score",
    "grade",
    "won",
    "cancelled",
    "late_turns",
    "value_delivered",
    "quality",
    "verdict",
    "rework_share",
    "true_progress",
    "reported_progress",
    "turns_played",
)


@dataclass(frozen=True)
class Job:
    """One chunk of one policy at one sweep point."""

    point: int
    policy: str
    first: int  # first game id
    stop: int  # one past the last game id


@dataclass
class ChunkResult:
    job: Job
    tally: Tally
    game_turns: int
    rows: dict[str, F64] | None = None  # per-game columns, when asked for


@dataclass
class BatchResult:
    tallies: dict[tuple[int, str], Tally]
    game_turns: int
    elapsed_s: float
    points: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Progress:
    """What a run has done: the first `done` games in job order (sweep point, policy, game
    id), always whole chunks, so a run can stop and later continue where it stopped."""

    tallies: dict[tuple[int, str], Tally]
    game_turns: int = 0
    done: int = 0
    elapsed_s: float = 0.0

    @classmethod
    def start(cls, params: Sequence[Params], policies: Sequence[str]) -> "Progress":
        """Nothing done yet: an empty tally per sweep point and policy."""
        tallies = {
            (point, policy): Tally(p.turns, p.n_stakeholders)
            for point, p in enumerate(params)
            for policy in policies
        }
        return cls(tallies)

    def add(self, chunk: ChunkResult) -> None:
        self.tallies[(chunk.job.point, chunk.job.policy)].merge(chunk.tally)
        self.game_turns += chunk.game_turns
        self.done += chunk.job.stop - chunk.job.first


class BatchError(RuntimeError):
    """A policy that failed or made an illegal plan; the message names policy, game and turn."""


class _Chunk:
    """One chunk's play through the turn loop: its policy, told failures in terms of game
    ids and turns, and its tally, added to turn by turn."""

    def __init__(self, params: Params, spec: str, job: Job, source: str = "") -> None:
        self.params, self.spec, self.job = params, spec, job
        try:
            self.policy = resolve_policy(source or spec)
        except PolicySpecError as exc:  # checked here before the run: a worker elsewhere
            raise BatchError(f"{exc}, on the worker at {socket.gethostname()}") from None
        self.tally = Tally(params.turns, params.n_stakeholders)
        self.turns = 0  # turns played so far
        self.last: TurnLog | None = None

    def where(self) -> str:
        return f"policy '{self.spec}', turn {self.turns + 1}"

    def plan(self, obs: Observation, params: Params) -> F64:
        """The policy's plan; a failure is reported, not crashed on (it is the policy's code)."""
        try:
            plan = self.policy(obs, params)
        except Exception as exc:
            # A policy plays a chunk's games at once: the chunk's game ids say which.
            raise BatchError(
                f"{self.where()}: the policy raised {type(exc).__name__}: {exc}"
                f" (in games {self.job.first}–{self.job.stop - 1})"
            ) from None
        if not isinstance(plan, np.ndarray):
            raise BatchError(
                f"{self.where()}: the policy returned {type(plan).__name__}, not an array"
            )
        return plan

    def on_turn(self, turn: Turn) -> None:
        if turn.number == 1:
            state = turn.before
            reported, truth = both_progress(state)
            progress = np.stack([truth, reported], axis=1)
            self.tally.add_start(state, progress)
        self.turns, self.last = turn.number, turn.log
        self.tally.add_turn(turn.number, turn.state, turn.log)

    def play(self, seed: int) -> State:
        """Play the chunk to the end; the tally then has every turn up to `params.turns`."""
        try:
            final = play(
                self.params,
                self.plan,
                np.arange(self.job.first, self.job.stop),
                seed,
                record=False,
                on_turn=self.on_turn,
            ).final
        except PlanError as exc:
            game = "" if exc.row is None else f", game {self.job.first + exc.row}"
            detail = str(exc).split(": ", 1)[-1] if exc.row is not None else str(exc)
            raise BatchError(f"{self.where()}{game}: illegal plan: {detail}") from None
        assert self.last is not None
        # Every game ended early: later turns repeat the final state, with no points spent.
        idle = _idle(self.last)
        for t in range(self.turns + 1, self.params.turns + 1):
            self.tally.add_turn(t, final, idle)
        return final


def play_chunk(
    params: Params, policy_spec: str, job: Job, seed: int, per_game: bool, source: str = ""
) -> ChunkResult:
    """Play one chunk to the end and tally it (pure: same inputs, same result). The policy
    is loaded from `source` when given (policyload.portable's form of the spec)."""
    chunk = _Chunk(params, policy_spec, job, source)
    state = chunk.play(seed)
    result = chunk.tally.add_final(state, params)
    rows = None
    if per_game:
        rows = {
            name: np.asarray(getattr(result, name), dtype=np.float64)
            for name in GAME_COLUMNS
            if hasattr(result, name)
        }
        rows["turns_played"] = state.end_turn.astype(np.float64)
    return ChunkResult(job, chunk.tally, int(state.end_turn.sum()), rows)


def _idle(log: TurnLog) -> TurnLog:
    zero = np.zeros_like(log.points_build)
    return replace(log, points_build=zero, points_relations=zero, points_project=zero)


def jobs(
    n_points: int, policies: Sequence[str], games: int, chunk: int, done: int = 0
) -> Iterator[Job]:
    """Every chunk of the run, in a fixed order, made as needed (a run of 10⁹ one-game chunks
    holds a window of them, never a list); the first `done` games of that order are skipped."""
    for index, (point, policy) in enumerate(itertools.product(range(n_points), policies)):
        for first in range(max(done - index * games, 0), games, chunk):
            yield Job(point, policy, first, min(first + chunk, games))


def _play_job(params: list[Params], args: tuple[Job, str, int, bool]) -> ChunkResult:
    """One chunk, wherever the backend plays it: `params` is every sweep point's scenario,
    sent to each worker once (backend.py); the policy comes from `source`, its spec with an
    absolute file path (a worker may run in another folder)."""
    job, source, seed, per_game = args
    return play_chunk(params[job.point], job.policy, job, seed, per_game, source)


def run_batch(
    params: list[Params],
    policies: Sequence[str],
    games: int,
    seed: int,
    chunk: int = 1000,
    workers: int = 1,
    per_game: bool = False,
    on_chunk: Callable[[ChunkResult], None] | None = None,
    progress: Progress | None = None,
    hold: Callable[[], AbstractContextManager[Any]] = contextlib.nullcontext,
    backend: Backend | None = None,
) -> BatchResult:
    """Play `games` games per policy and sweep point; `on_chunk` sees each chunk in order.

    The chunks are played by `backend` (a Dask cluster, say), or else on `workers` local
    processes; either way the result is the same, bit for bit. `progress`, when given, is a
    run's work so far: only the games after its `done` are played, and it is updated chunk
    by chunk, so that when the run is interrupted it still holds a whole prefix of the
    games. Each chunk is merged and handed to `on_chunk` inside `hold()`, which a caller
    uses to keep a signal from landing half-way through. On any exception the chunks still
    running are stopped (local workers terminated, Dask futures cancelled) before it
    propagates.
    """
    if progress is None:
        progress = Progress.start(params, policies)
    if backend is None:
        backend = LocalBackend(workers)
    todo = jobs(len(params), policies, games, chunk, progress.done)
    sources = {policy: portable(policy) for policy in policies}
    args = ((job, sources[job.policy], seed, per_game) for job in todo)
    started, before = time.perf_counter(), progress.elapsed_s
    with contextlib.closing(backend.map_ordered(_play_job, params, args)) as results:
        for result in results:
            with hold():
                progress.add(result)
                progress.elapsed_s = before + time.perf_counter() - started
                if on_chunk is not None:
                    on_chunk(result)
    return BatchResult(progress.tallies, progress.game_turns, progress.elapsed_s)
