"""`run_game.py play`: the game window (with no arguments: the title screen)."""

import argparse
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import i18n
from game.cli.options import bounded, out_folder_error, path_arg, world
from game.policies import POLICIES
from game.scenario.loader import load

DEFAULT_PACE = 2.5
DEFAULT_TIMER = 180.0


def _window(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not WIDTHxHEIGHT, e.g. 1280x720") from None
    if not (1024 <= w <= 7680 and 600 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"{w}x{h} is outside 1024x600 to 7680x4320")
    return w, h


_pace = bounded(float, 0.0, 60.0, "seconds")  # an autoplay step a room can still follow
_seconds = bounded(float, 0.0, 3600.0, "seconds")  # a workshop turn


def workshop_seed(scenario_id: str) -> int:
    """The seed every team gets unless told otherwise: fixed per scenario, so the teams
    meet the same luck and differences come from their decisions."""
    return zlib.crc32(scenario_id.encode("utf-8")) % 100_000


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "play",
        help="open the game window (the default when no command is given)",
        description="Play Odd Duck in a window. Without options: the title screen.",
        parents=[world(scenario=None, seed=None, why=": skip the title screen")],
    )
    p.add_argument("--team", default="", help="team name shown in the round and its exports")
    p.add_argument("--resume", action="store_true", help="continue the autosaved round")
    p.add_argument(
        "--autoplay",
        metavar="POLICY",
        help="let a built-in policy play through the screens: " + ", ".join(sorted(POLICIES)),
    )
    p.add_argument("--fast", action="store_true", help="autoplay without pauses")
    p.add_argument(
        "--exit-at-debrief",
        action="store_true",
        help="with --autoplay: close the window when the round reaches its debrief (a"
        " workshop's result file is written by then)",
    )
    p.add_argument(
        "--pace", type=_pace, default=DEFAULT_PACE, help="seconds per autoplay step (default 2.5)"
    )
    p.add_argument(
        "--screenshot",
        type=path_arg,
        metavar="DIR",
        help="play a seeded round (autoplay, balanced by default) and save a PNG of every screen",
    )
    p.add_argument("--window", type=_window, default=(1280, 720), help="WIDTHxHEIGHT")
    p.add_argument(
        "--lang",
        choices=i18n.available(),
        default="",
        help="the window's language for this run (default: the saved setting, else the"
        " scenario's language if there is a catalogue for it, else English)",
    )
    w = p.add_argument_group("workshop mode (docs/WORKSHOP.md)")
    w.add_argument("--workshop", action="store_true", help="a team's round in a workshop")
    w.add_argument(
        "--turn-timer",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help=f"time per turn in a workshop (default {DEFAULT_TIMER}; 0: no timer)",
    )
    w.add_argument(
        "--their-eyes",
        action="store_true",
        help="a second round: the team may look through the line managers' eyes while it"
        " plans (the facilitator's Ctrl+Shift+V switches it during a round)",
    )
    w.add_argument(
        "--results",
        type=path_arg,
        default=Path("results"),
        metavar="DIR",
        help="where the team's result file is written at the end (default results/)",
    )


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    if args.autoplay is not None and args.autoplay not in POLICIES:
        return fail(f"unknown policy '{args.autoplay}' (known: {', '.join(sorted(POLICIES))})")
    if args.exit_at_debrief and args.autoplay is None:
        return fail("--exit-at-debrief is for --autoplay rounds")
    if args.resume and args.scenario:
        return fail("--resume continues the saved round; leave out --scenario")
    if args.workshop and not args.resume and not (args.scenario and args.team.strip()):
        return fail("--workshop needs --scenario and --team (or --resume after a crash)")
    if args.turn_timer is not None and not args.workshop:
        return fail("--turn-timer is for --workshop rounds")
    if args.their_eyes and not args.workshop:
        return fail("--their-eyes is for --workshop rounds")
    scenario, seed = args.scenario, args.seed
    if scenario is not None:
        if Path(scenario).is_file():
            scenario = str(Path(scenario).resolve())
        sc, _ = load(scenario)  # a bad scenario is reported here, before a window opens
        if args.workshop and seed is None:
            seed = workshop_seed(sc.id)
    timer = DEFAULT_TIMER if args.turn_timer is None else args.turn_timer
    if args.workshop:  # checked now: a team must not learn at its debrief that it was lost
        problem = out_folder_error(args.results, "--results")
        if problem:
            return fail(problem)
        print(
            f"Workshop round: team {args.team.strip() or '(from the save)'}, seed {seed},"
            f" {f'{timer:g} s per turn' if timer else 'no timer'}; the result goes to"
            f" {args.results.resolve()}"
        )
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import App, PlayOptions

    options = PlayOptions(
        scenario=scenario,
        seed=seed,
        team=args.team.strip()[:40],
        resume=args.resume,
        autoplay=args.autoplay,
        pace=0.0 if args.fast else args.pace,
        screenshot_dir=args.screenshot,
        window=args.window,
        workshop=args.workshop,
        turn_timer=(timer or None) if args.workshop else None,
        their_eyes=args.their_eyes,
        results_dir=args.results.resolve(),
        language=args.lang,
        exit_at_debrief=args.exit_at_debrief,
    )
    if args.screenshot is not None and args.pace == DEFAULT_PACE and not args.fast:
        options = PlayOptions(**{**options.__dict__, "pace": 0.0})
    try:
        app = App(options)
    except pygame.error as exc:  # no display, or SDL cannot open a window here
        return fail(f"cannot open the game window: {exc} (is there a display?)")
    return app.run()
