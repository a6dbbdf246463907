"""What the built-in policies would have scored on the player's own luck.

The comparison replays the whole round three times (a noticeable pause at the end of a
round on a workshop laptop), yet it depends only on the scenario, the seed and the game
id, never on the player's plans. So the window asks for it ahead of time
(`compare_ahead`, on a worker thread) and the debrief's `compare_policies` then finds it
ready, or waits for the run already under way instead of starting another.
"""

import threading
from concurrent.futures import Future
from dataclasses import dataclass

from game.model import Params, outcome
from game.policies import POLICIES
from game.session.runner import play
from game.session.session import Session

BUILT_IN = ("balanced", "delivery_first", "relationship_first")
KEPT = 4  # comparisons remembered: the round in play and a few it replaced


@dataclass(frozen=True)
class Comparison:
    """What a built-in policy scored on the same seed and game id."""

    policy: str
    score: float
    grade: str


def compare_policies(session: Session, policies: tuple[str, ...] = BUILT_IN) -> list[Comparison]:
    """Each named built-in policy played to the end on the session's seed and game id.

    The model is deterministic, so a policy that the session itself followed scores
    exactly what the session scored. Uses (or waits for) a `compare_ahead` of the same
    round; raises what the comparison raised.
    """
    ahead = _AHEAD.find(session, policies)
    if ahead is not None:
        return list(ahead.result())
    return _compare(session.params, session.seed, session.game_id, policies)


def compare_ahead(
    session: Session, policies: tuple[str, ...] = BUILT_IN
) -> "Future[list[Comparison]]":
    """Start the comparison on a worker thread (once per round); its future.

    Safe to call every turn: a comparison already done or under way is returned.
    """
    return _AHEAD.start(session, policies)


def _compare(
    params: Params, seed: int, game_id: int, policies: tuple[str, ...]
) -> list[Comparison]:
    out = []
    for name in policies:
        run = play(params, POLICIES[name], [game_id], seed, record=False)
        result = outcome(run.final, params)
        grade = params.scoring.grade_name(result.grade[0])
        out.append(Comparison(name, float(result.score[0]), grade))
    return out


@dataclass(frozen=True)
class _Job:
    params: Params  # held, and compared by identity: a round's params are never copied
    seed: int
    game_id: int
    policies: tuple[str, ...]
    future: "Future[list[Comparison]]"

    def matches(self, session: Session, policies: tuple[str, ...]) -> bool:
        return self.params is session.params and (self.seed, self.game_id, self.policies) == (
            session.seed,
            session.game_id,
            policies,
        )


class _Ahead:
    """The comparisons asked for ahead of time, the newest last (a few, never growing)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: list[_Job] = []

    def find(
        self, session: Session, policies: tuple[str, ...]
    ) -> "Future[list[Comparison]] | None":
        with self._lock:
            job = next((j for j in self._jobs if j.matches(session, policies)), None)
        return job.future if job is not None else None

    def start(self, session: Session, policies: tuple[str, ...]) -> "Future[list[Comparison]]":
        with self._lock:
            job = next((j for j in self._jobs if j.matches(session, policies)), None)
            if job is not None:
                return job.future
            future: Future[list[Comparison]] = Future()
            job = _Job(session.params, session.seed, session.game_id, policies, future)
            self._jobs = [*self._jobs[-(KEPT - 1) :], job]
        # A daemon thread: a window closed mid-comparison must not wait for it.
        threading.Thread(target=_run, args=(job,), daemon=True, name="compare-ahead").start()
        return future


def _run(job: _Job) -> None:
    try:
        job.future.set_result(_compare(job.params, job.seed, job.game_id, job.policies))
    except BaseException as exc:  # handed to whoever asks for the result
        job.future.set_exception(exc)


_AHEAD = _Ahead()
