"""What the commands share on the command line: one bounded-number type, and the options
that mean the same in several commands, as argparse parent parsers.

A parent parser is made afresh for each command (argparse shares a parent's option
objects with every child, so one command's default would otherwise change another's).
"""

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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
