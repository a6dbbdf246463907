"""Where a batch's chunks are played: in this process, on local worker processes, or on a
Dask cluster (game.batch.dask_backend).

One abstraction, so that the chunk loop exists once (run.py) and `batch`, `balance` and
sweeps all take the same thing. A backend is given a function, the data every call shares
(the compiled scenarios: sent to each worker once, not with every chunk) and the calls'
items, and yields the results *in item order* with a bounded number in flight. In order,
because a run's progress is a prefix of its chunks (what the checkpoint saves and
`--resume` continues) and games.csv is written in that order; bounded, because memory must
not grow with the number of games.
"""

from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from game.batch.pool import worker_pool

S = TypeVar("S")  # what every call shares
T = TypeVar("T")  # one call's item
R = TypeVar("R")  # one call's result

IN_FLIGHT_PER_WORKER = 4  # enough queued that no worker waits, few enough to keep memory flat


class BackendError(RuntimeError):
    """A backend that cannot be used or was lost (no cluster extra, an unreachable
    scheduler, a cluster that lost a chunk too often); the message says what to do."""


class Backend(Protocol):
    """Plays calls of one function, in order, on some workers."""

    @property
    def workers(self) -> int:
        """How many calls run at once (recorded in summary.json as `workers`)."""
        ...

    @property
    def name(self) -> str:
        """What summary.json records as `backend`: "processes" or "dask"."""
        ...

    def map_ordered(
        self, work: Callable[[S, T], R], shared: S, items: Iterable[T]
    ) -> Generator[R, None, None]:
        """`work(shared, item)` for every item, yielded in item order. Closing the generator
        early (an interruption, an error) stops the calls still running."""
        ...


_SHARED: list[Any] = []  # in a worker process: the data every call of this run shares


def _install(shared: Any) -> None:
    _SHARED[:] = [shared]


def _call(work: Callable[[Any, Any], Any], item: Any) -> Any:
    return work(_SHARED[0], item)


class LocalBackend:
    """This process (one worker) or a pool of local processes that never outlive the run
    (game.batch.pool): `--workers K`."""

    name = "processes"

    def __init__(self, workers: int = 1) -> None:
        self._workers = max(workers, 1)

    @property
    def workers(self) -> int:
        return self._workers

    def map_ordered(
        self, work: Callable[[S, T], R], shared: S, items: Iterable[T]
    ) -> Generator[R, None, None]:
        if self._workers <= 1:
            for item in items:
                yield work(shared, item)
            return
        with worker_pool(self._workers, _install, (shared,)) as pool:
            # Yielded in submission order: a chunk that finishes early waits in the window.
            window: deque[Future[R]] = deque()
            for item in items:
                window.append(pool.submit(_call, work, item))
                if len(window) >= IN_FLIGHT_PER_WORKER * self._workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
