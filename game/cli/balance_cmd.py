"""`run_game.py balance`: a designer's report on whether a scenario teaches its lesson."""

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from game.cli.options import (
    COUNT,
    announce,
    available_cpus,
    local_workers,
    many_games,
    open_backend,
    out_folder_error,
    where_to_play,
    world,
)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "balance",
        help="report whether a scenario's lesson holds (policy search, zoo, sensitivity)",
        description="Built-in policies with confidence intervals, a search for degenerate"
        " strategies, a zoo of cynical strategies, a coefficient sensitivity (tornado) and win"
        " rates, as report.md.",
        parents=[
            world(seed=2026),
            many_games(1000, "built-in policy", "reports/ID"),
            where_to_play("the report is the same"),
        ],
    )
    p.add_argument("--search-games", type=COUNT, default=200, help="games per search candidate")
    p.add_argument("--iterations", type=COUNT, default=8, help="cross-entropy iterations")
    p.add_argument(
        "--sensitivity-games",
        type=COUNT,
        default=300,
        help="games per policy for each coefficient change",
    )
    p.add_argument("--no-sensitivity", action="store_true", help="skip the tornado")
    p.add_argument(
        "--no-zoo", action="store_true", help="skip the strategy zoo (cynical strategies)"
    )


def run(args: argparse.Namespace, fail: Any) -> int:
    from game.batch.backend import BackendError
    from game.batch.balance import balance
    from game.batch.balance_report import write
    from game.scenario.loader import load_scenario

    ref = Path(args.scenario) if Path(args.scenario).is_file() else args.scenario
    # The folder is checked before the minutes of analysis, not after them.
    out: Path = args.out or Path("reports") / load_scenario(ref).id
    error = out_folder_error(out)
    if error:
        return int(fail(error))
    try:
        workers, note = local_workers(args.workers or 1, available_cpus())
    except ValueError as exc:
        return int(fail(str(exc)))
    if note:
        print(note, file=sys.stderr)
    with contextlib.ExitStack() as stack:
        try:
            backend = stack.enter_context(open_backend(args, workers))
        except BackendError as exc:
            return int(fail(str(exc)))
        announce(args, backend)
        try:
            report = balance(
                ref,
                games=args.games,
                seed=args.seed,
                search_games=args.search_games,
                iterations=args.iterations,
                sensitivity_games=args.sensitivity_games,
                sensitivity=not args.no_sensitivity,
                zoo=not args.no_zoo,
                backend=backend,
            )
        except BackendError as exc:  # a cluster lost mid-run
            return int(fail(str(exc)))
    path = write(report, out)
    print(
        f"{report.scenario.id}: "
        + ("DEGENERATE STRATEGY FOUND" if report.degenerate else "no degenerate strategy found")
        + f" · {path}"
    )
    if report.workload is not None:
        print(f"  workload: {report.workload.sentence()}")
    for lever in report.levers:
        print(f"  change first: {lever}")
    for flag in report.flags:
        print(f"  ! {flag}")
    for note in report.notes:
        print(f"  - {note}")
    return 0
