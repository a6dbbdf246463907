"""Chunks on a Dask cluster: `--dask local[:N]`, `--dask tcp://HOST:8786`,
`--dask-scheduler-file FILE` (the `[cluster]` extra).

Dask's scheduler does the scheduling, the retries and the dashboard; this module only
submits the chunks run.py asks for and hands the results back in order (backend.py says
why). What it adds:

- the shared data (the compiled scenarios) goes to the cluster once, as a task of its own
  that returns it, and each chunk names it by its future, so a chunk carries only its job.
  Not `scatter`: scattered data lost with its worker cannot be recomputed, and Dask's
  active memory manager keeps one copy of a broadcast (dask/dask#11148), so a killed worker
  could take the run's only copy with it (dask/distributed#3149); a task's result the
  scheduler recomputes from the task;
- a bounded number of futures in flight, taken as they complete (`as_completed`): the
  client's memory does not grow with the number of games;
- a worker that dies mid-run costs its chunk a retry on another worker (Dask reschedules
  it), not the run, and the result is the same since a chunk is pure;
- an interrupted run cancels its own futures and closes its own client; a cluster it
  connected to is never closed, and one it started (`local`) is.

`dask` and `distributed` are imported here only when a Dask backend is opened, so the core
install runs without them.
"""

import concurrent.futures
import contextlib
import hashlib
import json
import logging
import signal
import socket
import threading
import traceback
import uuid
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
SHARED_KEY_PREFIX = "odd-duck-shared-"  # the key of a run's shared data on the cluster
ADDRESS_SCHEMES = ("tcp://", "tls://")
RULES_SOURCES = ("model", "policies")  # the source that decides a chunk's numbers
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
    if text.startswith(ADDRESS_SCHEMES):
        check_address(text)
        return DaskTarget(address=text)
    raise ValueError(
        f"'{text[:60]}' is not local, local:N or a scheduler address such as tcp://HOST:8786"
    )


def check_address(address: str) -> tuple[str, int]:
    """The host and port of a scheduler address `tcp://HOST:PORT` (or tls://; an IPv6 host in
    brackets). Raises ValueError with the command line's message: Dask itself would accept
    a missing port only to fail later, after a 20-second wait in its client's clean-up."""
    rest = address.split("://", 1)[1]
    host, sep, port = rest.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"'{address[:60]}' needs a host and a port number, e.g. tcp://HOST:8786")
    return host, int(port)


class DaskBackend:
    """A connected Dask client as a backend (see backend.Backend)."""

    name = "dask"

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def dashboard(self) -> str:
        """The address of the cluster's dashboard ("" when it has none)."""
        return str(getattr(self.client, "dashboard_link", "") or "")

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
        # A task, not scattered data: if its worker dies the scheduler computes it again.
        shared_future = client.submit(
            _the, shared, key=f"{SHARED_KEY_PREFIX}{uuid.uuid4().hex}", pure=False
        )
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


def _the(shared: S) -> S:
    """The task whose result is a run's shared data (see the module's docstring)."""
    return shared


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
        # The scheduler forgot our futures (distributed raises a subclass of its own).
        if isinstance(exc, concurrent.futures.CancelledError):
            raise BackendError(
                "the Dask scheduler cancelled the run's chunks (was it restarted?)"
            ) from None
        raise


@contextlib.contextmanager
def dask_backend(target: DaskTarget) -> Iterator[DaskBackend]:
    """Connect to (or start) the cluster; on the way out close the client, and the cluster
    only if it was started here. Raises BackendError with one clear message."""
    local = target.local_workers > 0
    with contextlib.ExitStack() as stack:
        stack.enter_context(_interrupt_noise_filtered())  # left last, after the client
        # Ctrl+C reaches the whole process group: a local cluster's workers are started
        # ignoring it (a disposition their Python keeps), and this process stops them in
        # order.
        with _sigint_ignored() if local else contextlib.nullcontext():
            try:
                import distributed
            except ImportError:
                raise BackendError(INSTALL_HINT) from None
            if local:
                cluster = stack.enter_context(
                    distributed.LocalCluster(
                        n_workers=target.local_workers,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",  # loopback only, the dashboard too (a free port)
                        dashboard_address="127.0.0.1:0",
                        silence_logs=logging.ERROR,
                    )
                )
        if local:
            client = stack.enter_context(distributed.Client(cluster, set_as_default=False))
        else:
            client = stack.enter_context(_connect(distributed.Client, target))
            _wait_for_workers(client, target)
        check_rules(client)
        yield DaskBackend(client)


class _InterruptNoise(logging.Filter):
    """Drops one known, harmless error of distributed's own: a Ctrl+C that lands while a
    client call is starting makes the cancel callback of `distributed.utils.sync` read a
    variable not yet set, and tornado logs the NameError with its traceback. The run is
    interrupted cleanly all the same (its futures are cancelled, its checkpoint kept), so
    the traceback would only alarm the person who pressed Ctrl+C."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, NameError) or error.__traceback__ is None:
            return True
        frames = traceback.extract_tb(error.__traceback__)
        return not (frames[-1].name == "cancel" and "distributed" in frames[-1].filename)


@contextlib.contextmanager
def _interrupt_noise_filtered() -> Iterator[None]:
    logger = logging.getLogger("tornado.application")
    noise = _InterruptNoise()
    logger.addFilter(noise)
    try:
        yield
    finally:
        logger.removeFilter(noise)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored in this process meanwhile, so that the processes started now ignore it
    for good (Python keeps an inherited SIG_IGN). A Ctrl+C in these seconds of start-up is
    lost (the command says that it is starting a cluster, and docs/BATCH.md says this); the
    next one stops the run. Blocking the signal instead would not keep it: threads that
    numpy's libraries start at import take a process's signal and drop it as ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _connect(client_type: Any, target: DaskTarget) -> Any:
    """A client of the target's scheduler. The address is checked and its port tried first:
    a Dask client that fails to connect leaves an object whose clean-up waits 20 seconds
    and prints a traceback, so only a scheduler that answers gets a client."""
    address = target.address
    where = str(target)
    if target.scheduler_file is not None:
        address = scheduler_file_address(target.scheduler_file)
        where = f"{address} (from {target.scheduler_file})"
    try:
        host, port = check_address(address)
    except ValueError as exc:
        raise BackendError(str(exc)) from None
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S):
            pass
    except socket.gaierror:
        raise BackendError(
            f"cannot reach the Dask scheduler at {where}: the host name '{host}' does not"
            " resolve (check the spelling, or give its IP address)"
        ) from None
    except TimeoutError:
        raise BackendError(
            f"cannot reach the Dask scheduler at {where}: no answer after"
            f" {CONNECT_TIMEOUT_S:g} s (is the port open?)"
        ) from None
    except OSError as exc:
        raise BackendError(
            f"cannot reach the Dask scheduler at {where} ({exc.strerror or exc}); is"
            " `dask scheduler` running there, and is the port open?"
        ) from None
    try:
        return client_type(address=address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BackendError(
            f"cannot reach the Dask scheduler at {where} ({str(exc)[:160]}); is"
            " `dask scheduler` running there, and is the port open?"
        ) from None


def scheduler_file_address(path: Path) -> str:
    """The scheduler address in the file `dask scheduler --scheduler-file` wrote; a missing,
    unreadable or damaged file is one BackendError (Dask would wait for a missing file to
    appear, and fail on a damaged one with an assertion)."""
    start = "start the scheduler with: dask scheduler --scheduler-file FILE"
    if path.is_dir():
        raise BackendError(f"--dask-scheduler-file {path} is a folder, not a file ({start})")
    if not path.is_file():
        raise BackendError(f"--dask-scheduler-file {path}: no such file ({start})")
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        content = None
    address = content.get("address") if isinstance(content, dict) else None
    if not isinstance(address, str) or not address.startswith(ADDRESS_SCHEMES):
        raise BackendError(
            f"the scheduler file {path} holds no scheduler address (is it the file that"
            f" `dask scheduler --scheduler-file` wrote? {start})"
        )
    return address


def _wait_for_workers(client: Any, target: DaskTarget) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except (TimeoutError, OSError):
        raise BackendError(
            f"the Dask scheduler at {target} has no workers after {WORKERS_TIMEOUT_S:g} s"
            " (start some with: dask worker ADDRESS)"
        ) from None


def rules_here() -> dict[str, Any]:
    """Which rules this process's `game` package plays: RULES_VERSION, a hash of the source
    of the rules and the built-in policies (game/model, game/policies: what a chunk runs
    that decides its numbers), and where the package lives. Run on every worker by
    `check_rules`, so it must stay importable and cheap."""
    import game
    from game.model import RULES_VERSION

    root = Path(game.__file__).resolve().parent
    digest = hashlib.sha256()
    for folder in RULES_SOURCES:
        for file in sorted((root / folder).rglob("*.py")):
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return {"rules": RULES_VERSION, "source": digest.hexdigest(), "path": str(root)}


def check_rules(client: Any) -> None:
    """Refuse a cluster whose workers play other rules than this process: a worker started
    with another checkout (an edited rule, another PYTHONPATH) would give other numbers
    without a word. Workers that join later are not checked."""
    mine = rules_here()
    try:
        theirs: dict[str, Any] = client.run(rules_here)
    except Exception as exc:  # an old `game` without rules_here, a worker that fails
        raise BackendError(
            "cannot check which rules the Dask workers play"
            f" ({type(exc).__name__}: {str(exc)[:120]}); start them with this Odd Duck"
            " on their Python path"
        ) from None
    # The package's path may differ (another machine); its rules may not.
    wanted = (mine["rules"], mine["source"])
    odd = {w: got for w, got in theirs.items() if (got.get("rules"), got.get("source")) != wanted}
    if not odd:
        return
    worker, got = sorted(odd.items())[0]
    others = f" and {len(odd) - 1} more" if len(odd) > 1 else ""
    what = (
        f"rules version {got.get('rules')} there, {mine['rules']} here"
        if got.get("rules") != mine["rules"]
        else "the same rules version but other rule code"
    )
    raise BackendError(
        f"the Dask worker {worker}{others} plays other rules ({what}; its game package is"
        f" {got.get('path')}, this one {mine['path']}): start the workers with this Odd Duck"
        " on their Python path"
    )
