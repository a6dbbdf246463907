"""Worker processes that never outlive the run that started them.

`concurrent.futures.ProcessPoolExecutor` as every headless command uses it, with
two guarantees added. An interrupted or failed run ends its workers at once
rather than after the chunks they are playing (on SIGINT, SIGTERM or an error in
the parent), and a worker whose parent dies without a word (SIGKILL, a crash)
is ended by the kernel on Linux instead of waiting for ever on a queue nobody
reads. Ctrl+C reaches the whole process group: workers ignore it, and the parent
decides what to do.
"""

import contextlib
import ctypes
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1  # prctl option, <linux/prctl.h>
WORKER_END_S = 5.0  # a terminated worker is gone in milliseconds; this bounds the wait


def _start_worker(initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Drop the parent's handlers (inherited through fork): terminating a worker ends it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def worker_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers are terminated unless the block finishes normally."""
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(initializer, initargs))
    finished = False
    try:
        yield pool
        finished = True
    finally:
        if not finished:  # interrupted, a failed task, or the caller stopped reading
            stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes now, not after the tasks they are running (Python 3.14's
    `terminate_workers` does this).

    A worker ended while it was sending a result (a chunk's tallies are some 100 kB, more
    than a pipe holds) leaves half a message in the pool's result pipe, and the pool's
    manager thread would wait for the rest for ever, and `shutdown` and Python's exit with
    it. Once the workers are gone, this process's own end of that pipe is the last writer:
    closed, the thread reads the end of the pipe instead and gives up the pool as broken."""
    processes = list((pool._processes or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(WORKER_END_S)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()
