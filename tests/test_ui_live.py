"""The game window in a live workshop: joined from the command line, its weeks reach the
host, the facilitator's clock, events and messages reach the window, and a crashed
laptop reconnects on Continue. A real host on loopback; the window driven by events."""

import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.cli.main import main
from game.live.client import TeamClient
from game.ui.app import App
from tests.helpers.live_host import Host, call, start_host, teams
from tests.helpers.ui_driver import key, make_app, pump

WAIT = 30.0  # seconds: generous, the machine is shared


@pytest.fixture
def host(tmp_path: Path):  # type: ignore[no-untyped-def]
    served = start_host(tmp_path / "state", "--scenario", "tutorial", "--turn-timer", "120")
    yield served
    served.stop()


def until(app: App, done: Callable[[], bool], what: str) -> None:
    """Run frames (the link polled at once) until `done()`; fail after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not done():
        assert time.monotonic() < deadline, f"waited in vain for {what}"
        if app.live is not None:
            app.live.link.poke()
        pump(app, 1)
        time.sleep(0.02)


def joined_app(host: Host, team: str = "Blue Ducks") -> App:
    joined = TeamClient(host.url).join(host.code, team)
    app = make_app(joined=(host.url, joined))
    assert app.top.name == "briefing" and app.live is not None
    key(app, pygame.K_RETURN)  # the briefing's "Start"
    if app.top.name == "coach":
        key(app, pygame.K_ESCAPE)
    assert app.top.name == "turn"
    return app


def end_week(app: App) -> None:
    key(app, pygame.K_RETURN)  # an empty plan: the first Enter warns, the second plays it
    key(app, pygame.K_RETURN)
    assert app.top.name == "report"
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn"


def test_a_joined_team_plays_and_the_host_follows_its_weeks_clock_events_and_messages(host):
    app = joined_app(host)
    session = app.game.session
    assert session.team == "Blue Ducks" and session.scenario.id == "tutorial"
    # The facilitator has not started the clock: the round's timer stands.
    until(app, lambda: app.live.state is not None, "the host's first answer")
    assert app.workshop is not None and app.workshop.paused and app.workshop.waiting
    key(app, pygame.K_RETURN)  # the week cannot end before the facilitator starts the clock
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn" and session.turn == 0
    assert "not started the clock" in app.top.message
    assert call(host.url, "POST", "/api/timer", {"action": "start"}, host.token)[0] == 200
    until(app, lambda: not app.workshop.paused, "the clock to start")
    assert not app.workshop.waiting
    assert 100 < app.workshop.left() <= 120

    end_week(app)
    until(app, lambda: teams(host)["Blue Ducks"]["week"] == 1, "the host to have week 1")

    # An event for this team fires with its next week, once.
    event = session.scenario.events[0].id
    fired = call(
        host.url, "POST", "/api/events", {"event": event, "team": "Blue Ducks"}, host.token
    )
    assert fired[0] == 200, fired
    until(app, lambda: app.workshop.pending_events == [0], "the event to arrive")
    end_week(app)
    assert session.fired_by_hand[-1] == [0]
    until(app, lambda: teams(host)["Blue Ducks"]["week"] == 2, "the host to have week 2")
    end_week(app)  # not fired again
    assert session.fired_by_hand[-1] == []
    until(app, lambda: teams(host)["Blue Ducks"]["week"] == 3, "the host to have week 3")

    # A message reaches the plan's message line.
    text = "Five minutes to the break"
    assert call(host.url, "POST", "/api/messages", {"text": text}, host.token)[0] == 200
    until(app, lambda: text in (app.top.message or ""), "the message on screen")

    # The facilitator ends the round: the clock stands and no week is played any more.
    assert call(host.url, "POST", "/api/end", {}, host.token)[0] == 200
    until(app, lambda: bool(app.live.hold()), "the end of the round")
    assert app.workshop.paused
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn" and session.turn == 3


def test_a_crashed_laptop_continues_and_hands_in_the_weeks_the_host_missed(host, tmp_path):
    app = joined_app(host, "Green")
    until(app, lambda: app.live.state is not None, "the host's first answer")
    app.live.close()  # the network goes: the weeks stay on the laptop
    app.live = None
    end_week(app)
    end_week(app)
    assert teams(host)["Green"]["week"] == 0
    # The game is gone (crash); the team runs the same join command again: it continues.
    again = make_app(resume=True)
    assert again.live is not None and again.game.session.turn == 2
    until(again, lambda: teams(host)["Green"]["week"] == 2, "the missed weeks to arrive")


def test_join_errors_are_one_message(host, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--join", host.url, "--team", "Red"]) == 2
    assert "--code" in capsys.readouterr().err
    assert main(["play", "--join", host.url, "--code", "WRONG", "--team", "Red"]) == 2
    assert "refused" in capsys.readouterr().err
    assert main(["play", "--join", "http://127.0.0.1:9", "--code", "X", "--team", "Red"]) == 2
    assert "cannot reach" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_address:
        main(["play", "--join", "ftp://x", "--code", "X", "--team", "Red"])
    assert bad_address.value.code == 2
    assert "is not the host's address" in capsys.readouterr().err


def test_the_title_joins_a_workshop_and_says_why_it_cannot(host) -> None:
    app = make_app()
    title = app.top
    title.team_entry.set_text("Purple")
    title.join_workshop()
    join = app.top
    assert join.name == "join"
    address, code, team = join.entries
    assert team.get_text() == "Purple"
    address.set_text(host.url.removeprefix("http://"))  # as the facilitator reads it out
    code.set_text("WRONG1")
    join.join()
    until(app, lambda: not join.joining, "the host's answer")
    assert app.top is join and "did not let you in" in join.problem
    join.entries[1].set_text(host.code.lower())  # codes are not case-sensitive
    join.join()
    until(app, lambda: app.top.name == "briefing", "the round to start")
    assert app.live is not None and app.game.session.team == "Purple"
    until(app, lambda: "Purple" in teams(host), "the host to list the team")
