"""`run_game.py handout --scenario X --out DIR`: the printable handout of a scenario.

Writes DIR/handout.html with the portraits beside it in DIR/portraits/, and DIR/handout.pdf
printed by headless Chromium where it is installed (without it, says so and keeps the
HTML). The portraits are drawn here, in the command line's layer: the faces are the
window's art (pygame), and the facilitator's pages are headless. An unknown scenario is a
ScenarioError (exit 2 via main); an --out that cannot be written is one line and exit 2.
"""

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli.options import DEFAULT_SCENARIO, out_folder_error, path_arg
from game.cli.pdf import print_pdf
from game.scenario.loader import as_ref, load_scenario
from game.scenario.schema import Scenario

PORTRAITS = "portraits"
PORTRAIT_PX = 256  # printed at 28 mm: about 230 dpi
NEUTRAL = 2  # the mood index of a neutral face


def add_parser(sub: Any) -> None:
    """Register `handout` on the subcommand parsers."""
    p = sub.add_parser(
        "handout",
        help="write a printable handout of a scenario (HTML, and PDF when Chromium is installed)",
        description=(
            "Write the story and goal, one card per person, the rules on one page and the"
            " facilitator's run-sheet as an A4 page to print: DIR/handout.html and, where"
            " Chromium is installed, DIR/handout.pdf."
        ),
    )
    p.add_argument(
        "--scenario",
        default=DEFAULT_SCENARIO,
        help=f"shipped id or YAML path (default {DEFAULT_SCENARIO})",
    )
    p.add_argument("--out", type=path_arg, required=True, help="folder for the handout")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML only")


def write_portraits(sc: Scenario, folder: Path) -> dict[int, str]:
    """Each person's neutral face as folder/<index>.png; returns index -> path relative to
    the page. Files are named by index: an id is the author's text, never a file name."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame  # the window's art; only this command needs it

    from game.ui.art.portraits import load_portraits

    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, person in enumerate(sc.stakeholders):
        face = load_portraits(person.id, PORTRAIT_PX)[NEUTRAL]
        pygame.image.save(face, str(folder / f"{i + 1}.png"))
        out[i] = f"{folder.name}/{i + 1}.png"
    return out


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    scenario = load_scenario(as_ref(args.scenario))  # ScenarioError goes up to main: exit 2
    out: Path = args.out
    problem = out_folder_error(out)
    if problem:
        return fail(problem)
    from game.facilitator.handout import write_handout

    try:
        portraits = write_portraits(scenario, out / PORTRAITS)
        page = write_handout(scenario, out, portraits)
    except OSError as exc:
        return fail(f"cannot write the handout into {out}: {exc.strerror or exc}")
    print(page.resolve())
    if args.no_pdf:
        return 0
    pdf = page.with_suffix(".pdf")
    why_not = print_pdf(page, pdf)
    print(why_not or pdf.resolve())
    return 0
