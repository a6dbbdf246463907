"""Chunks on a Dask cluster: `--dask local[:N]`, `--dask tcp://HOST:8786`,
`--dask-scheduler-file FILE` (the `[cluster]` extra).

Dask's scheduler does the scheduling, the retries and the dashboard; this module only
submits the chunks run.py asks for and hands the results back in order (backend.py says
why). What it adds:

- the shared data (the compiled scenarios) is scattered to every worker once, and each
  chunk names it by its future, so a chunk carries only its job;
- a bounded number of futures in flight, taken as they complete (`as_completed`): the
  client's memory does not grow with the number of games;
- a worker that dies mid-run costs its chunk a retry on another worker (Dask reschedules
  it), not the run, and the result is the same since a chunk is pure;
- an interrupted run cancels its own futures and closes its own client; a cluster it
  connected to is never closed, and one it started (`local`) is.

`dask` and `distributed` are imported here only when a Dask backend is opened, so the core
install runs without them.
"""

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from game.batch.backend import IN_FLIGHT_PER_WORKER, BackendError

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

MAX_LOCAL_WORKERS = 64  # as --workers: above this a number is a typo
CONNECT_TIMEOUT_S = 10.0  # a scheduler that does not answer in this time is reported
WORKERS_TIMEOUT_S = 30.0  # a scheduler with no worker after this is reported
RETRIES = 2  # an exception in a chunk is tried again this often (a chunk is pure)
ADDRESS_SCHEMES = ("tcp://", "tls://")
INSTALL_HINT = (
    "--dask needs the cluster extra: pip install -c constraints.txt -e '.[cluster]'"
    " (or pip install 'odd-duck[cluster]')"
)


@dataclass(frozen=True)
class DaskTarget:
    """Which cluster: one started here with `local_workers` processes, or an existing
    scheduler by `address` or by the `scheduler_file` its `dask scheduler` wrote."""

    local_workers: int = 0
    address: str = ""
    scheduler_file: Path | None = None

    def __str__(self) -> str:
        if self.scheduler_file is not None:
            return f"the scheduler in {self.scheduler_file}"
        return self.address or f"local:{self.local_workers}"


def parse_target(text: str, cpus: int) -> DaskTarget:
    """`--dask`'s value: `local`, `local:N` or a scheduler address `tcp://HOST:PORT`.

    `local` alone starts one worker process per CPU (`cpus`). Raises ValueError with the
    message the command line shows.
    """
    text = text.strip()
    if text == "local":
        return DaskTarget(local_workers=max(cpus, 1))
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or not 1 <= int(count) <= MAX_LOCAL_WORKERS:
            raise ValueError(
                f"'{text[:40]}': the workers of local:N are a whole number from 1 to"
                f" {MAX_LOCAL_WORKERS}"
            )
        return DaskTarget(local_workers=int(count))
    if text.startswith(ADDRESS_SCHEMES) and len(text) > len("tcp://"):
        return DaskTarget(address=text)
    raise ValueError(
        f"'{text[:60]}' is not local, local:N or a scheduler address such as tcp://HOST:8786"
    )


class DaskBackend:
    """A connected Dask client as a backend (see backend.Backend)."""

    name = "dask"

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def workers(self) -> int:
        """The threads of the cluster's workers now (a cluster may grow or shrink later)."""
        threads: dict[str, int] = self.client.nthreads()
        return max(sum(threads.values()), 1)

    def map_ordered(
        self, work: Callable[[S, T], R], shared: S, items: Iterable[T]
    ) -> Generator[R, None, None]:
        from distributed import as_completed

        client = self.client
        # Wrapped in a list so that Dask sends the object whole rather than each element.
        [shared_future] = client.scatter([shared], broadcast=True, hash=False)
        window = IN_FLIGHT_PER_WORKER * self.workers
        todo = enumerate(items)
        in_flight: dict[Any, int] = {}  # future -> index of its item
        arrived: dict[int, R] = {}  # results that came before an earlier one
        completed = as_completed(loop=client.loop)
        next_index = 0

        def top_up() -> None:
            # In flight and waiting together stay within the window: memory stays flat even
            # when one slow chunk holds back the results after it.
            while len(in_flight) + len(arrived) < window:
                item = next(todo, None)
                if item is None:
                    return
                future = client.submit(work, shared_future, item[1], retries=RETRIES, pure=False)
                in_flight[future] = item[0]
                completed.add(future)

        try:
            top_up()
            for future in completed:
                index = in_flight.pop(future)
                arrived[index] = _result(future)
                top_up()
                while next_index in arrived:
                    yield arrived.pop(next_index)
                    next_index += 1
                    top_up()
        finally:
            # Interrupted, failed or finished: nothing of ours stays on the cluster.
            with contextlib.suppress(Exception):
                client.cancel([*in_flight, shared_future], force=True)


def _result(future: Any) -> Any:
    """A chunk's result; the cluster's own failures become one BackendError (an error of
    the chunk itself, e.g. a policy's BatchError, goes up as it is)."""
    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    try:
        return future.result()
    except KilledWorker as exc:
        raise BackendError(
            f"the Dask cluster lost the workers playing a chunk too often ({exc});"
            " check the workers' memory and logs"
        ) from None
    except CommClosedError as exc:
        raise BackendError(f"lost the connection to the Dask scheduler ({exc})") from None
    except Exception as exc:
        if type(exc).__name__ == "CancelledError":  # the scheduler forgot our futures
            raise BackendError(
                "the Dask scheduler cancelled the run's chunks (was it restarted?)"
            ) from None
        raise


@contextlib.contextmanager
def dask_backend(target: DaskTarget) -> Iterator[DaskBackend]:
    """Connect to (or start) the cluster; on the way out close the client, and the cluster
    only if it was started here. Raises BackendError with one clear message."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BackendError(INSTALL_HINT) from None
    with contextlib.ExitStack() as stack:
        if target.local_workers:
            # Loopback only (the dashboard too, on a free port), quiet unless it matters.
            # Ctrl+C reaches the whole process group: the workers are started ignoring it
            # (a disposition their Python keeps), and this process stops them in order.
            with _sigint_ignored():
                started = LocalCluster(
                    n_workers=target.local_workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.ERROR,
                )
            cluster = stack.enter_context(started)
            client = stack.enter_context(Client(cluster, set_as_default=False))
        else:
            client = stack.enter_context(_connect(Client, target))
            _wait_for_workers(client, target)
        yield DaskBackend(client)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored in this process meanwhile, so that the processes started now ignore it
    for good (Python keeps an inherited SIG_IGN). A Ctrl+C in these seconds of start-up is
    lost; the next one stops the run."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _connect(client_type: Any, target: DaskTarget) -> Any:
    if target.scheduler_file is not None:
        # Dask would wait for a missing file to appear; a typo deserves an answer now.
        if not target.scheduler_file.is_file():
            raise BackendError(
                f"--dask-scheduler-file {target.scheduler_file}: no such file (start the"
                " scheduler with: dask scheduler --scheduler-file FILE)"
            )
        where = {"scheduler_file": os.fspath(target.scheduler_file)}
    else:
        where = {"address": target.address}
    try:
        return client_type(**where, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BackendError(
            f"cannot reach the Dask scheduler at {target} ({str(exc)[:160]}); is"
            " `dask scheduler` running there, and is the port open?"
        ) from None


def _wait_for_workers(client: Any, target: DaskTarget) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except (TimeoutError, OSError):
        raise BackendError(
            f"the Dask scheduler at {target} has no workers after {WORKERS_TIMEOUT_S:g} s"
            " (start some with: dask worker ADDRESS)"
        ) from None
