"""`run_game.py preview X [--out DIR]`: a scenario at a glance, as one HTML page.

The packages' dependency graph, the people, the events on a timeline and the expected
round length, written to DIR/preview.html (default: ./preview). An unknown scenario is a
ScenarioError (exit 2 via main); an --out that cannot be written is one line and exit 2.
"""

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli.options import out_folder_error, path_arg
from game.scenario.loader import as_ref, load_scenario

DEFAULT_OUT = Path("preview")


def add_parser(sub: Any) -> None:
    """Register `preview` on the subcommand parsers."""
    p = sub.add_parser(
        "preview",
        help="a scenario at a glance: dependency graph, people, events, round length (HTML)",
        description=(
            "Write one HTML page showing a scenario's packages and what they depend on, its"
            " people, its events over the turns and how long a first-time group needs."
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO", help="shipped id or YAML path")
    p.add_argument(
        "--out",
        type=path_arg,
        default=DEFAULT_OUT,
        help="folder for preview.html (default ./preview)",
    )


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    scenario = load_scenario(as_ref(args.scenario))  # ScenarioError goes up to main: exit 2
    out: Path = args.out
    problem = out_folder_error(out)
    if problem:
        return fail(problem)
    from game.facilitator.preview import write_preview

    try:
        page = write_preview(scenario, out)
    except OSError as exc:
        return fail(f"cannot write the preview into {out}: {exc.strerror or exc}")
    print(page.resolve())
    return 0
