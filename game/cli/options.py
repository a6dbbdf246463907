"""What the commands share on the command line: one bounded-number type, and the options
that mean the same in several commands, as argparse parent parsers (the world, the games,
and where they are played: local processes or a Dask cluster).

A parent parser is made afresh for each command (argparse shares a parent's option
objects with every child, so one command's default would otherwise change another's).
"""

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from game.batch.backend import Backend, LocalBackend
from game.batch.dask_backend import DaskTarget, dask_backend, parse_target
from game.scenario.characters import quoted

N = TypeVar("N", int, float)

DEFAULT_SCENARIO = "crm-rollout"
MAX_SEED = 2**64 - 1  # the model's seeds are 64-bit
MAX_COUNT = 10**9  # games, iterations...: above this a count is a typo


def _shown(value: float) -> str:
    """A bound or a value as a message shows it: 100,000 and 2.5, never 2.5000000001."""
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def bounded(kind: type[N], low: N, high: N | None = None, unit: str = "") -> Callable[[str], N]:
    """An argparse type: a number of `kind` (int or float) from `low` to `high` (no upper
    bound when None), in `unit` when given ("seconds").

    A bad value is an `argparse.ArgumentTypeError`, which argparse reports as
    "argument --games: 0 is outside 1 to 1,000" with exit status 2.
    """
    noun = "a whole number" if kind is int else "a number"
    of = f" of {unit}" if unit else ""
    tail = f" {unit}" if unit else ""

    def parse(text: str) -> N:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{quoted(text, 40)}' is not {noun}{of}") from None
        if high is None and not low <= value:
            raise argparse.ArgumentTypeError(f"{_shown(value)} is less than {_shown(low)}{tail}")
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{_shown(value)} is outside {_shown(low)} to {_shown(high)}{tail}"
            )
        return value

    return parse


SEED = bounded(int, 0, MAX_SEED)
GAME_ID = bounded(int, 0, 2**63 - 1)  # a game id within a run
COUNT = bounded(int, 1, MAX_COUNT)  # games, iterations, chunks: one or more


def _parent() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(add_help=False)


def world(
    scenario: str | None = DEFAULT_SCENARIO, seed: int | None = 1, why: str = ""
) -> argparse.ArgumentParser:
    """`--scenario` and `--seed`: the world a command plays and its luck.

    Args:
        scenario: the default scenario (None: the command decides, e.g. the title screen).
        seed: the default seed (None: the command picks one, e.g. at random).
        why: what giving `--scenario` does besides, appended to its help.
    """
    p = _parent()
    shown = f" (default {scenario})" if scenario else ""
    p.add_argument("--scenario", default=scenario, help=f"shipped id or YAML path{why}{shown}")
    p.add_argument(
        "--seed",
        type=SEED,
        default=seed,
        help="a whole number from 0; the same seed gives the same luck"
        f" (default {'random' if seed is None else seed})",
    )
    return p


def many_games(games: int, per: str, out: str) -> argparse.ArgumentParser:
    """`--games` and `--out` of a command that plays many games into an output folder.

    Args:
        games: the default number of games.
        per: what the number counts games for ("built-in policy").
        out: where the folder goes when `--out` is not given, as the help says it.
    """
    p = _parent()
    p.add_argument(
        "--games", type=COUNT, default=games, help=f"games per {per} (default {games:,})"
    )
    p.add_argument("--out", type=path_arg, default=None, help=f"output folder (default {out})")
    return p


def path_arg(text: str) -> Path:
    """An argparse type for a file or folder: never empty ('' would quietly mean the current
    folder, and a command would write its files there)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty")
    return Path(text)


def out_folder_error(out: Path, flag: str = "--out") -> str | None:
    """Why `out` cannot take a command's outputs, or None. Makes the folder if missing and
    tries a write: checked before the work, so that a long run never fails at its end."""
    if out.exists() and not out.is_dir():
        return f"{flag} {out} is a file, not a folder (hint: give a folder; it is made if missing)"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        return f"cannot write to {flag} {out}: {exc.strerror or exc}"
    return None


MAX_WORKERS = 64  # above this a number is a typo: each worker is a process with its own memory


def available_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def local_workers(requested: int, cpus: int) -> tuple[int, str]:
    """The local processes to use for `--workers requested` on `cpus` CPUs, and a note for
    the terminal ("" when none). Raises ValueError past the cap, with the CPUs to use."""
    if requested > MAX_WORKERS:
        raise ValueError(
            f"--workers {requested:,} is over the cap of {MAX_WORKERS} (hint: this machine"
            f" has {_cpus(cpus)}: try --workers {cpus}; more workers than CPUs add memory,"
            " not speed)"
        )
    workers = min(requested, cpus)
    if workers == requested:
        return workers, ""
    # Capped rather than refused: the results are the same with any number of workers, so
    # a command written on a bigger machine still runs here, only slower.
    return workers, (
        f"run_game.py: note: --workers {requested} is more than the {_cpus(workers)}"
        f" here; using {workers} (the results are the same)"
    )


def _cpus(n: int) -> str:
    return f"{n} CPU" if n == 1 else f"{n} CPUs"


def dask_arg(text: str) -> DaskTarget:
    """An argparse type for `--dask`: `local`, `local:N` or `tcp://HOST:PORT`."""
    try:
        return parse_target(text, available_cpus())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def where_to_play(what: str = "results are identical") -> argparse.ArgumentParser:
    """`--workers`, `--dask` and `--dask-scheduler-file`: where the games are played, one of
    them at most (a Dask cluster brings its own workers). See docs/BATCH.md."""
    p = _parent()
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--workers",
        # No upper bound here: the command refuses past MAX_WORKERS with a hint naming the CPUs.
        type=bounded(int, 1),
        default=None,
        help=f"processes on this machine, at most the CPUs (default 1; {what})",
    )
    group.add_argument(
        "--dask",
        type=dask_arg,
        default=None,
        metavar="local[:N]|tcp://HOST:PORT",
        help="play on a Dask cluster: N local worker processes, or a running scheduler"
        " (needs the cluster extra)",
    )
    group.add_argument(
        "--dask-scheduler-file",
        type=path_arg,
        default=None,
        metavar="FILE",
        help="play on the Dask cluster whose scheduler wrote FILE (dask scheduler"
        " --scheduler-file FILE)",
    )
    return p


def dask_target(args: argparse.Namespace) -> DaskTarget | None:
    """The Dask cluster the command line asks for, or None to play on local processes."""
    if args.dask_scheduler_file is not None:
        return DaskTarget(scheduler_file=args.dask_scheduler_file)
    target: DaskTarget | None = args.dask
    return target


def announce(args: argparse.Namespace, backend: Backend) -> None:
    """Say on which Dask cluster the games are played, and where its dashboard is (nothing
    for local processes)."""
    if backend.name == "processes":
        return
    count = backend.workers
    dashboard = getattr(backend, "dashboard", "")
    print(
        f"run_game.py: playing on the Dask cluster at {dask_target(args)}"
        f" ({count} {'worker' if count == 1 else 'workers'})"
        + (f"; dashboard: {dashboard}" if dashboard else ""),
        file=sys.stderr,
    )


@contextlib.contextmanager
def open_backend(args: argparse.Namespace, workers: int) -> Iterator[Backend]:
    """Where the games are played, from `where_to_play`'s options: a Dask cluster (started
    here for `local`, closed on the way out; an existing one is only disconnected from) or
    `workers` local processes. Raises BackendError with one clear message."""
    target = dask_target(args)
    if target is None:
        yield LocalBackend(workers)
        return
    if target.local_workers and not getattr(args, "quiet", False):
        # A Ctrl+C in these seconds is ignored (dask_backend._sigint_ignored): say why.
        count = target.local_workers
        print(
            f"run_game.py: starting a local Dask cluster of {count} worker"
            f" {'process' if count == 1 else 'processes'} (Ctrl+C is ignored until it is up)…",
            file=sys.stderr,
        )
    with dask_backend(target) as backend:
        yield backend
