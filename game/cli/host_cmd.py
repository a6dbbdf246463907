"""`run_game.py host --scenario X [--seed S] [--bind ADDR] [--port P] [--state DIR]
[--turn-timer SECONDS]`: serve a live workshop to the teams' laptops (game/live).

The work is game.live.host.run; this parses, picks the defaults that need the layers
above it (the data folder, the workshop's default seed) and turns HostError into one
message and exit status 2. Ctrl+C or SIGTERM stop the host cleanly (status 0): the
workshop is in the state folder, and the same command resumes it.
"""

import argparse
import ipaddress
import time
from collections.abc import Callable
from typing import Any

from game.cli.options import SEED, bounded, path_arg
from game.cli.play_cmd import DEFAULT_TIMER, workshop_seed
from game.local.paths import data_dir
from game.scenario.loader import as_ref

DEFAULT_PORT = 8765
PORT = bounded(int, 0, 65535)
SECONDS = bounded(float, 0.0, 3600.0, "seconds")


def address(text: str) -> str:
    """An argparse type: an IP address this machine may listen on ('localhost' is 127.0.0.1)."""
    if text.strip().lower() == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text[:60]}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every network)"
        ) from None


def add_parser(sub: Any) -> None:
    """Register `host` on the subcommand parsers."""
    p = sub.add_parser(
        "host",
        help="host a live workshop: the teams' laptops join over the room's network",
        description=(
            "Serve a live workshop (docs/LIVE-PROTOCOL.md). Prints the address and join code"
            " for the teams and the facilitator's token, and keeps the workshop in --state,"
            " so the same command resumes it after a stop or a crash."
        ),
    )
    p.add_argument("--scenario", default=None, help="shipped id or YAML path (new workshops)")
    p.add_argument(
        "--seed", type=SEED, default=None,
        help="the luck every team shares (default: the scenario's workshop seed, as play"
        " --workshop uses)",
    )  # fmt: skip
    p.add_argument(
        "--bind", type=address, default=None, metavar="ADDR",
        help="the address to listen on (default: this machine's address on the local"
        " network; 127.0.0.1 keeps the workshop on this machine)",
    )  # fmt: skip
    p.add_argument(
        "--port", type=PORT, default=DEFAULT_PORT,
        help=f"the port (default {DEFAULT_PORT}; 0: any free port)",
    )  # fmt: skip
    p.add_argument(
        "--state", type=path_arg, default=None, metavar="DIR",
        help="the workshop's folder (default: a new folder under the data folder's workshops/)",
    )  # fmt: skip
    p.add_argument(
        "--turn-timer", type=SECONDS, default=DEFAULT_TIMER, metavar="SECONDS",
        help=f"time per week (default {DEFAULT_TIMER:g}; 0: no timer)",
    )  # fmt: skip


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    # Imported here: the web server's packages load only for the command that serves.

    state = args.state
    if state is None:
        if args.scenario is None:
            return fail("give --scenario for a new workshop (or --state DIR to resume one)")
        state = data_dir() / "workshops" / time.strftime("workshop-%Y%m%d-%H%M%S")
    elif state.exists() and not state.is_dir():
        return fail(f"--state {state} is a file, not a folder")
    # The server's libraries load only for this command: every other command (the
    # window above all) starts without them.
    from game.live.host import HostError, HostOptions
    from game.live.host import run as run_host

    options = HostOptions(
        scenario=None if args.scenario is None else as_ref(args.scenario),
        seed=args.seed,
        bind=args.bind,
        port=args.port,
        state=state,
        turn_timer=args.turn_timer or None,
        default_seed=workshop_seed,
    )
    try:
        run_host(options, lambda line: print(line, flush=True))
    except HostError as exc:
        return fail(str(exc))
    return 0
