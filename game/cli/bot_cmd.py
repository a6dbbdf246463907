"""`run_game.py bot --join URL --code CODE --team NAME --policy POLICY [--pace SECONDS]`:
a headless team in a live workshop, played by a policy (game/live/bot.py).

A rehearsal without hands, a room's missing team, or load for the host. With no event
fired by hand, the bot's game equals `simulate --policy POLICY --seed S` (S the
workshop's seed). A join the host refuses (wrong code, a taken name) or a host that
cannot be reached is one message and exit status 2; a host that refuses a week later
(it should not) is exit status 1.
"""

import argparse
from collections.abc import Callable
from typing import Any

from game.batch.policyload import PolicySpecError, resolve_policy
from game.cli.options import bounded
from game.live import bot
from game.live.client import HostRefusedError, LinkDownError, TeamClient
from game.live.protocol import MAX_NAME

PACE = bounded(float, 0.0, 600.0, "seconds")


def url(text: str) -> str:
    """An argparse type: the host's address as its start-up lines print it."""
    text = text.strip()
    if not text.startswith(("http://", "https://")) or len(text) > 300:
        raise argparse.ArgumentTypeError(f"'{text[:60]}' is not an http:// address")
    return text


def add_parser(sub: Any) -> None:
    """Register `bot` on the subcommand parsers."""
    p = sub.add_parser(
        "bot",
        help="play a live workshop as a headless team (a policy plays it)",
        description="Join a live workshop (run_game.py host) and play it with a policy.",
    )
    p.add_argument("--join", type=url, required=True, metavar="URL", help="the host's address")
    p.add_argument("--code", required=True, help="the workshop's join code")
    p.add_argument("--team", required=True, help=f"the team's name (up to {MAX_NAME} characters)")
    p.add_argument(
        "--policy", default="balanced",
        help="a built-in policy, a zoo strategy, or FILE.py:FUNCTION (default balanced)",
    )  # fmt: skip
    p.add_argument(
        "--pace", type=PACE, default=1.0,
        help="seconds a week at least (default 1; the host's timer may end it sooner)",
    )  # fmt: skip


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    try:
        policy = resolve_policy(args.policy)
    except PolicySpecError as exc:
        return fail(str(exc))
    client = TeamClient(args.join)
    try:
        session = bot.join(client, args.code, args.team)
    except HostRefusedError as exc:
        return fail(f"the host refused to let '{args.team}' join: {exc.message}")
    except (LinkDownError, ValueError) as exc:
        return fail(str(exc))
    print(f"{session.team}: joined {args.join}, seed {session.seed}", flush=True)
    say = lambda line: print(line, flush=True)  # noqa: E731
    try:
        result = bot.play(client, session, policy, args.pace, say)
    except HostRefusedError as exc:
        print(f"run_game.py: error: the host refused a week: {exc.message}")
        return 1
    except LinkDownError as exc:
        print(f"run_game.py: error: {exc}")
        return 1
    score = "" if result.score is None else f", score {result.score:.1f}"
    print(f"{session.team}: the host has {result.host_week} weeks{score}", flush=True)
    return 0
