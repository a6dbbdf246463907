"""Command line: `run_game.py COMMAND ...` (play, scenarios, validate, simulate, batch, ...).

Every user error (bad scenario, unknown id, bad argument) prints one clear
message and exits with status 2; no traceback reaches the user.
"""

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence

from game.batch.resume import Interrupted, Stop
from game.cli import (
    balance_cmd,
    batch_cmd,
    bot_cmd,
    check_balance,
    debrief_cmd,
    handout_cmd,
    host_cmd,
    new_scenario_cmd,
    play_cmd,
    preview_cmd,
    seeds_cmd,
)
from game.cli.options import GAME_ID, world
from game.model import compiled
from game.policies import POLICIES
from game.scenario.characters import escape
from game.scenario.errors import InputError, ScenarioError, short_file_name
from game.scenario.loader import (
    as_ref,
    load,
    load_scenario,
    load_with_warnings,
    shipped_dir,
    shipped_ids,
)
from game.scenario.schema import scenario_json_schema

EXIT_USAGE = 2
MAX_MESSAGE = 400  # characters of one error line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="run_game.py",
        description="Odd Duck: a serious game about the people side of IT projects.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("scenarios", help="list the shipped scenarios")
    validate = sub.add_parser("validate", help="check scenario files (exit 0 when all are valid)")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="YAML files or shipped ids")
    validate.add_argument(
        "--check-balance",
        action="store_true",
        help="also play a quick balance smoke test of each valid file"
        " (exit 1 when the lesson may not come across, 2 when a file is invalid)",
    )
    validate.add_argument(
        "--games",
        type=check_balance.GAMES,
        default=check_balance.DEFAULT_GAMES,
        help=f"games per policy for --check-balance (default {check_balance.DEFAULT_GAMES})",
    )
    sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    sim = sub.add_parser(
        "simulate",
        help="play one headless game and print its transcript",
        parents=[world()],
    )
    sim.add_argument(
        "--policy",
        default="balanced",
        metavar="POLICY",
        # Everything resolve_policy (game.batch.policyload) accepts: built-ins, zoo, a file.
        help=f"a built-in policy ({', '.join(sorted(POLICIES))}; default balanced),"
        " a strategy of the zoo (e.g. lean; run_game.py balance plays them all, docs/BATCH.md"
        " lists them) or FILE.py:FUNCTION (runs that file's code)",
    )
    sim.add_argument("--game", type=GAME_ID, default=0, help="game id within the run")
    sim.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY.PATH=VALUE",
        help="override a scenario key, as a batch sweep point does (repeatable)",
    )
    batch_cmd.add_parser(sub)
    balance_cmd.add_parser(sub)
    play_cmd.add_parser(sub)
    new_scenario_cmd.add_parser(sub)
    debrief_cmd.add_parser(sub)
    seeds_cmd.add_parser(sub)
    handout_cmd.add_parser(sub)
    preview_cmd.add_parser(sub)
    host_cmd.add_parser(sub)
    bot_cmd.add_parser(sub)
    return parser


def _os_problem(exc: OSError) -> str:
    """An operating system's refusal in one line: which file, and why."""
    what = exc.strerror or str(exc)
    if exc.filename is None:
        return what
    return f"{short_file_name(os.fsdecode(exc.filename))}: {what} (check the path you gave)"


def _fail(message: str) -> int:
    # Messages quote what the user typed: invisible characters are shown escaped (an RTL
    # override would reorder the line) and a huge argument is cut in the middle.
    message = escape(message)
    if len(message) > MAX_MESSAGE:
        message = f"{message[: MAX_MESSAGE // 2]}…{message[-MAX_MESSAGE // 2 :]}"
    print(f"run_game.py: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_scenarios() -> int:
    if not shipped_dir().is_dir():
        return _fail(
            f"the scenario folder {shipped_dir()} does not exist (check ODD_DUCK_SCENARIOS)"
        )
    for sid in shipped_ids():
        try:
            sc = load_scenario(sid)
        except ScenarioError as exc:
            print(f"{escape(sid):16s} (invalid: {exc.diagnostics[0]})")
            continue
        print(f"{sid:16s} {sc.title} ({sc.turns} {sc.turn_label}s, {sc.difficulty})")
        print(f"{'':16s} {sc.summary}")
    print(f"\nfolder: {shipped_dir()}")
    return 0


def cmd_validate(
    paths: Sequence[str], balance: bool = False, games: int = check_balance.DEFAULT_GAMES
) -> int:
    status = 0
    for ref in paths:
        if not ref.strip():
            print("run_game.py: error: an empty path was given", file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            sc, warnings = load_with_warnings(as_ref(ref))
        except ScenarioError as exc:
            _print_problems(exc)
            status = EXIT_USAGE
            continue
        # Warnings are printed as errors are, but the file is valid: the status stays 0.
        _print_problems(InputError(warnings))
        counted = f", {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""
        print(
            f"{ref}: ok ({sc.id}: {len(sc.stakeholders)} stakeholders,"
            f" {len(sc.packages)} packages, {sc.turns} turns{counted})"
        )
        if balance:
            status = max(status, check_balance.run_check(ref, games))
    return status


def cmd_schema() -> int:
    print(json.dumps(scenario_json_schema(), indent=2))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.batch.policyload import PolicySpecError, resolve_policy
    from game.batch.sweep import SweepError, parse_sweep
    from game.session.runner import play
    from game.session.transcript import transcript

    try:
        policy = resolve_policy(args.policy)
        overrides = {}
        for item in args.set:
            key, values = parse_sweep(item)
            if len(values) != 1:
                return _fail(f"--set {item}: give one value")
            overrides[key] = values[0]
    except (PolicySpecError, SweepError) as exc:
        return _fail(str(exc))
    scenario, params = load(as_ref(args.scenario), overrides=overrides)
    run = play(params, policy, [args.game], seed=args.seed)
    header = (
        f"{scenario.title} ({scenario.id}) · policy {args.policy} · seed {args.seed}"
        f" · game {args.game}"
    )
    sys.stdout.write(transcript(run, scenario, params, 0, header=header))
    return 0


def _print_problems(exc: InputError) -> None:
    for line in exc.lines():
        print(line, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    # A terminal or file that cannot show a character gets a '?', never a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    # SIGTERM ends a headless command as Ctrl+C does: one line, 128 + the signal. The window
    # is left to SDL, which turns both signals into a Quit event the game closes on.
    stop = contextlib.nullcontext() if args.command in ("play", None) else Stop()
    try:
        with stop:
            if args.command in _PLAYS_GAMES or getattr(args, "check_balance", False):
                _prepare_model()
            return _dispatch(parser, args)
    except InputError as exc:
        _print_problems(exc)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path no file system takes, a folder that refuses, a full disk
        return _fail(_os_problem(exc))
    except Interrupted as exc:
        print(f"run_game.py: interrupted ({exc})", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("run_game.py: interrupted", file=sys.stderr)
        return 130


# The headless commands that play games (the window prepares the model itself, showing it).
_PLAYS_GAMES = frozenset(
    {"simulate", "batch", "balance", "debrief", "seeds", "handout", "preview", "host", "bot"}
)


def _prepare_model() -> None:
    """Ready the kernels of the model and the built-in policies before the command's work:
    compiled, with a line of progress on stderr, the first time after installing; loaded
    from the cache later (under a second), with Ctrl+C and SIGTERM held until they are in:
    a stop in the middle of loading left the compiler's half-made objects complaining on
    stderr. (The first compile can be stopped at once.)"""
    if compiled.is_cached():
        with _stops_held():
            compiled.prepare()
        return
    live = sys.stderr.isatty()
    print("run_game.py: preparing the game for this computer (once after installing)", end="",
          file=sys.stderr, flush=True)  # fmt: skip

    def tell(done: int, total: int) -> None:
        if live:
            print(f"\r\033[Krun_game.py: preparing the game for this computer: {done} of {total}",
                  end="", file=sys.stderr, flush=True)  # fmt: skip

    compiled.prepare(tell)
    print(file=sys.stderr)


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Ctrl+C and SIGTERM wait until the block is done (where the system can hold them)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "scenarios":
        return cmd_scenarios()
    if args.command == "validate":
        return cmd_validate(args.paths, args.check_balance, args.games)
    if args.command == "schema":
        return cmd_schema()
    if args.command == "simulate":
        return cmd_simulate(args)
    if args.command == "batch":
        return batch_cmd.run(args, _fail)
    if args.command == "balance":
        return balance_cmd.run(args, _fail)
    if args.command == "debrief":
        return debrief_cmd.run(args, _fail)
    if args.command == "new-scenario":
        return new_scenario_cmd.run(args, _fail)
    if args.command == "seeds":
        return seeds_cmd.run(args, _fail)
    if args.command == "handout":
        return handout_cmd.run(args, _fail)
    if args.command == "preview":
        return preview_cmd.run(args, _fail)
    if args.command == "host":
        return host_cmd.run(args, _fail)
    if args.command == "bot":
        return bot_cmd.run(args, _fail)
    if args.command is None:
        args = parser.parse_args(["play"])
    return play_cmd.run(args, _fail)
