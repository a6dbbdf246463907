"""`run_game.py debrief DIR`: every team's result compared, as a static HTML report.

The report goes to `--out` (default: `debrief` in the current folder, like `batch`'s
`runs/`): index.html opens by double-click, offline, and the charts lie beside it in
charts/. Only those files are replaced when the report is made again. `--show` opens
the comparison in the game's window instead. A missing folder or a broken result file
raises ResultsError (an InputError): main prints every problem and exits with 2.
"""

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli.options import path_arg
from game.session.results import load_results

DEFAULT_OUT = Path("debrief")


def add_parser(sub: Any) -> None:
    """Register `debrief` on the subcommand parsers (`_number`, once the number type, is
    ignored: it is accepted so that callers of the old signature still work)."""
    p = sub.add_parser(
        "debrief",
        help="compare the teams' results: an HTML report for the projector",
        description=(
            "Compare every team's result file in DIR (written by play --workshop) on one "
            "page: leaderboard, charts, key moments and the debrief questions."
        ),
    )
    p.add_argument(
        "dir", type=path_arg, metavar="DIR", help="the folder of the teams' result files"
    )
    p.add_argument(
        "--out",
        type=path_arg,
        default=DEFAULT_OUT,
        help="report folder (default: ./debrief); only its index.html and charts/ are replaced",
    )
    p.add_argument(
        "--show", action="store_true", help="show the comparison in a window, write no report"
    )


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    results = load_results(args.dir)  # ResultsError goes up to main: one line per problem
    if args.show:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        from game.ui.team_debrief import show  # pygame only when a window is wanted

        return int(show(results))
    out: Path = args.out
    if out.exists() and not out.is_dir():
        return fail(f"--out {out} is a file, not a folder")
    from game.facilitator.report_html import build_report  # matplotlib costs ~0.4 s

    try:
        index = build_report(results, out)
    except OSError as exc:
        return fail(f"cannot write the report into {out}: {exc.strerror or exc}")
    print(index.resolve())
    return 0
