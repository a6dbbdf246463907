"""`run_game.py play`: the game window (with no arguments: the title screen)."""

import argparse
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import i18n
from game.cli.options import bounded, out_folder_error, path_arg, world
from game.live.client import HostRefusedError, LinkDownError, TeamClient, host_url
from game.live.protocol import Joined
from game.live.team_file import load_team
from game.local import paths
from game.policies import POLICIES
from game.scenario.errors import InputError
from game.scenario.loader import load
from game.session import savefile

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
    live = p.add_argument_group("a live workshop (docs/WORKSHOP.md, 'The live way')")
    live.add_argument(
        "--join",
        metavar="URL",
        type=_host_url,
        help="join the workshop the facilitator's host serves at URL (with --code and --team)",
    )
    live.add_argument("--code", default="", help="the workshop's join code")
    w.add_argument(
        "--results",
        type=path_arg,
        default=Path("results"),
        metavar="DIR",
        help="where the team's result file is written at the end (default results/)",
    )


def _host_url(text: str) -> str:
    try:
        return host_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _join(args: argparse.Namespace, fail: Callable[[str], int]) -> tuple[str, Joined] | int:
    """Join the live workshop before a window opens (a wrong code or a host out of reach
    is one message); or, when this laptop already joined it as this team (the game was
    closed or crashed), go on with the saved round: the host would refuse the name twice."""
    team = args.team.strip()
    if not team or not args.code.strip():
        return fail("--join needs --code (the workshop's join code) and --team")
    if args.scenario or args.resume or args.workshop:
        return fail("--join plays the host's scenario: leave out --scenario, --resume, --workshop")
    saved = load_team(paths.live_dir())
    if saved is not None and saved.url == args.join and saved.team.casefold() == team.casefold():
        args.resume = True
        return 0
    try:
        return args.join, TeamClient(args.join).join(args.code, team)
    except HostRefusedError as exc:
        return fail(f"the workshop at {args.join} refused to let '{team}' join: {exc.message}")
    except LinkDownError as exc:
        return fail(f"{exc} (is the host running, and is this laptop on the room's network?)")


def _tell_set_aside() -> None:
    """A new round replaces the autosave's round (GameRun.start keeps it aside). The title
    asks first; a command cannot, so it says where an unfinished round goes."""
    autosave = paths.autosave_path()
    if not autosave.is_file():
        return
    try:
        done = savefile.restore(autosave).session.done
    except InputError:
        return  # kept as autosave-unreadable-N.json; the title tells about such a file
    if not done:
        print(
            f"Your unfinished round is set aside: it is kept in {autosave.parent} as"
            f" autosave-previous-N.json (the first free N). To go on with it later, copy it"
            f" over {autosave.name} and run `play --resume`."
        )


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    joined = None
    if args.join is not None:
        outcome = _join(args, fail)
        if isinstance(outcome, int):
            if outcome:
                return outcome
        else:
            joined = outcome
            team, seed = outcome[1].team, outcome[1].seed
            print(f"Joined the workshop at {args.join} as {team} (seed {seed}).")
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
    if joined is not None or (scenario is not None and not args.resume):
        _tell_set_aside()
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
        joined=joined,
    )
    if args.screenshot is not None and args.pace == DEFAULT_PACE and not args.fast:
        options = PlayOptions(**{**options.__dict__, "pace": 0.0})
    try:
        app = App(options)
    except pygame.error as exc:  # no display, or SDL cannot open a window here
        return fail(f"cannot open the game window: {exc} (is there a display?)")
    return app.run()
