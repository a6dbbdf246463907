"""A headless team: joins the host, plays a policy week by week, obeys the host's timer and
fires the events the facilitator sends, and reports every week (docs/LIVE-PROTOCOL.md).

Its game is the team's own Session, exactly as `simulate` plays it (game id 0, the
workshop's seed): with no event fired by hand, a bot's weeks and score equal
`run_game.py simulate --scenario X --policy P --seed S`. When the host cannot be reached
the bot plays on (without timer or events) and catches up when it is back.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from game.live.client import HostRefusedError, LinkDownError, TeamClient, scenario_of, week_report
from game.live.protocol import Reported, TeamState, WeekReport
from game.policies import Policy
from game.scenario.compile import compile_scenario
from game.session.session import Session

POLL = 0.2  # seconds between asks while the timer is paused or not started
GIVE_UP = 120.0  # seconds the bot keeps trying to hand in its last weeks
Say = Callable[[str], None]


class Host(Protocol):
    """What the bot needs of the host: TeamClient's calls (a test may give another)."""

    def state(self, since: int = 0) -> TeamState: ...
    def report(self, week: int, report: WeekReport) -> Reported: ...
    def catch_up(self, session: Session) -> Reported | None: ...


@dataclass
class BotResult:
    session: Session
    host_week: int  # weeks the host has of this bot's team at the end
    score: float | None  # as the host computed it (None if it never heard the end)
    ended_by_host: bool  # the facilitator ended the round before the game was over


def join(client: TeamClient, code: str, team: str) -> Session:
    """Join and set up the team's own game from what the host sent."""
    joined = client.join(code, team)
    scenario = scenario_of(joined.scenario)
    return Session(scenario, compile_scenario(scenario), joined.seed, joined.game_id, team)


def play(
    client: Host,
    session: Session,
    policy: Policy,
    pace: float = 0.0,
    say: Say = lambda line: None,
    sleep: Callable[[float], None] = time.sleep,
) -> BotResult:
    """Play `session` to its end (or the facilitator's end of the round), reporting each week."""
    used: set[int] = set()  # the facilitator's event sends already fired
    ended = False
    while not session.done:
        state = _ask(client)
        if state is not None and state.ended:
            ended = True
            break
        if state is not None and state.timer.state in ("idle", "paused"):
            sleep(POLL)  # the facilitator holds the clock: no week ends now
            continue
        left = state.timer.seconds_left if state is not None else None
        sleep(min(pace, left) if left is not None else pace)
        state = _ask(client) or state
        sends = [e for e in state.events if e.id not in used] if state else []
        used.update(e.id for e in sends)
        ids = [e.id for e in session.scenario.events]
        plan = policy(session.observe(), session.params)
        session.play(plan[0], sorted({ids.index(e.event) for e in sends}))
        try:
            client.catch_up(session)
        except LinkDownError:
            say(f"{session.team}: host unreachable, playing on (week {session.turn})")
    reported = _hand_in(client, session, sleep)
    score = reported.score if reported is not None else None
    say(f"{session.team}: {'finished' if session.done else 'stopped'} after week {session.turn}")
    return BotResult(session, _host_week(client), score, ended)


def _ask(client: Host) -> TeamState | None:
    try:
        return client.state()
    except LinkDownError:
        return None


def _hand_in(client: Host, session: Session, sleep: Callable[[float], None]) -> Reported | None:
    """Send the weeks the host is missing, trying for up to GIVE_UP seconds; the host's
    answer to the last week (resent: the host counts it once), None before any week."""
    deadline = time.monotonic() + GIVE_UP
    while True:
        try:
            client.catch_up(session)
            if not session.turn:
                return None
            return client.report(session.turn, week_report(session, session.turn))
        except LinkDownError:
            if time.monotonic() > deadline:
                raise
            sleep(1.0)


def _host_week(client: Host) -> int:
    try:
        return client.state().week
    except (LinkDownError, HostRefusedError):
        return -1
