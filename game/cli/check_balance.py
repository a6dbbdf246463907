"""`run_game.py validate --check-balance FILE`: the quick balance check after validation.

What a facilitator reads first: the workload against the team's capacity, then the table,
then, when there is a warning, what to change first in their own terms (work, capacity,
weeks, people), and only then the findings with the model's coefficients
(game.batch.quick_check).

Exit status of `run_check`: 0 when there is no warning (the lesson comes across), 1 when
there are warnings (the lesson may not come across). An invalid file never gets here:
`load` raises InputError, which `main()` reports with exit status 2.
"""

import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, TextIO

from game.cli.options import bounded
from game.scenario.loader import load

if TYPE_CHECKING:  # the simulation is imported when a check runs, not with the parser
    from game.batch.smoke import SmokeResult
    from game.batch.workload import Workload

# Per policy: CIs narrow enough to warn on (tests/test_smoke.py judges every verdict at 200),
# and the whole command under 3 s for a shipped scenario (bench/quick_check.py).
DEFAULT_GAMES = 200
MIN_GAMES = 20  # fewer games make intervals so wide that no warning could be supported
MAX_GAMES = 100_000
EXIT_OK = 0
EXIT_WARNINGS = 1
WIDTH = 100
NAME = 26  # width of the policy column: the zoo's longest names fit
ZOO_SHOWN = 5  # the zoo strategies closest to balanced, listed under the table


GAMES = bounded(int, MIN_GAMES, MAX_GAMES)  # the argparse type of `validate --games`


def run_check(ref: str, games: int = DEFAULT_GAMES, out: TextIO | None = None) -> int:
    """Load `ref` (a YAML path or a shipped id), play the smoke test and print a table of
    the policies and the findings to `out` (default stdout). Returns EXIT_WARNINGS when
    there is a warning, else EXIT_OK; an invalid scenario raises InputError."""
    from game.batch.quick_check import quick_check

    stream = out if out is not None else sys.stdout
    path: str | Path = Path(ref) if Path(ref).exists() else ref
    scenario, params = load(path)
    start = perf_counter()
    checked = quick_check(params, scenario, games=games)
    stream.write(report(checked.result, perf_counter() - start, checked.workload, checked.levers))
    return EXIT_WARNINGS if checked.warnings else EXIT_OK


def _zoo_lines(result: "SmokeResult") -> list[str]:
    """The cynical strategies that came closest to balanced, on the same games."""
    if result.zoo is None:
        return []
    zoo = result.zoo
    closest = sorted(zoo.rows, key=lambda row: -row.ratio)[:ZOO_SHOWN]
    lines = [
        f"  strategy zoo: {len(zoo.rows)} cynical strategies, {zoo.games} of the same games"
        f" (balanced {zoo.balanced_mean:.1f}); the closest:"
    ]
    for row in closest:
        lines.append(
            f"  {row.name:<{NAME}} {row.mean:>10.1f} {row.win_rate:>9.0%}"
            f"   {row.ratio:.0%} of balanced"
        )
    return lines


def _wrapped(text: str, head: str) -> str:
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_on_hyphens=False,
    )


def _lever_lines(levers: Sequence[str]) -> list[str]:
    """What to change first, before the findings that name coefficients."""
    from game.batch.levers import DOCS

    if not levers:
        return []
    lines = ["  What to change first:"]
    lines += [_wrapped(lever, "    - ") for lever in levers]
    lines.append(
        _wrapped(
            f"The plain tables: {DOCS}. The findings below name model coefficients, for"
            " fine-tuning once these levers are right (docs/MODEL.md).",
            "  ",
        )
    )
    return lines


def report(
    result: "SmokeResult",
    elapsed: float | None = None,
    workload: "Workload | None" = None,
    levers: Sequence[str] = (),
) -> str:
    """The workload, the table, what to change first and the findings as text, warnings
    first, each wrapped to WIDTH."""
    timing = f", {elapsed:.1f} s" if elapsed is not None else ""
    lines = [
        f"{result.scenario_id}: balance smoke test, {result.games} games per policy"
        f" (seed {result.seed}{timing})",
    ]
    if workload is not None:
        lines.append(_wrapped(workload.sentence(), "  workload: "))
    lines.append(f"  {'policy':<{NAME}} {'mean score':>10} {'win rate':>9}")
    # Balanced first: the others are read against it.
    for policy in sorted(result.score, key=lambda p: p != "balanced"):
        score, wins = result.score[policy], result.win_rate[policy]
        lines.append(f"  {policy:<{NAME}} {score:>10.1f} {wins:>9.0%}")
    lines += _zoo_lines(result)
    lines += _lever_lines(levers)
    order = {"warning": 0, "ok": 1, "note": 2}
    for finding in sorted(result.findings, key=lambda f: order[f.level]):
        lines.append(_wrapped(finding.text, f"  {finding.level + ':':<9}"))
    count = len(result.warnings)
    lines.append(
        f"  {count} warning{'s' if count != 1 else ''}: the lesson may not come across."
        if count
        else "  No warnings: the lesson comes across."
    )
    return "\n".join(lines) + "\n"
