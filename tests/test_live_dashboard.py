"""The facilitator's dashboard end to end: a real `run_game.py host` on loopback, teams
through the real client, and the page in a real headless Chromium, under its own strict
Content-Security-Policy (docs/LIVE-PROTOCOL.md, docs/WORKSHOP.md "The live way")."""

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from game.live import bot
from game.live.client import TeamClient, week_report
from game.policies import POLICIES
from game.session.session import Session
from tests.helpers.live_dash import (
    CHROMIUM,
    SIZES,
    SKIP_REASON,
    browser,
    open_dashboard,
    overlaps,
    row_names,
    until,
)
from tests.helpers.live_host import Host, call, start_host

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON),
]
HOST_ARGS = ("--scenario", "tutorial", "--seed", "11", "--turn-timer", "60")
HOSTILE = '<script>alert(1)</script><b>Hi</b>&"'
# Everything on screen that must not overlap: the header, every control, every cell's text.
LAYOUT = (
    "h1, #scenario, #link, #join, #controls label, #controls .label, #controls button,"
    " #controls select, #controls input, .views button, #rows td > *"
)


@dataclass
class Team:
    client: TeamClient
    session: Session

    def state(self) -> Any:
        return self.client.state()


@dataclass
class Workshop:
    host: Host
    chromium: Any
    teams: dict[str, Team] = field(default_factory=dict)

    def join(self, name: str) -> Team:
        client = TeamClient(self.host.url, timeout=10.0, retries=2, backoff=0.2)
        self.teams[name] = Team(client, bot.join(client, self.host.code, name))
        return self.teams[name]

    def dashboard(self, size: str = "720p") -> Any:
        page = open_dashboard(self.chromium, self.host.url, self.host.token, size)
        until(lambda: page.locator("#main").is_visible(), what="the dashboard")
        until(lambda: sorted(row_names(page)) == sorted(self.teams), what="the teams' rows")
        return page


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as running:
        yield running


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[Workshop]:
    host = start_host(tmp_path_factory.mktemp("dash") / "ws", *HOST_ARGS)
    ws = Workshop(host, chromium)
    try:
        for name in ("Blue", "Green", "Orange"):
            ws.join(name)
        yield ws
    finally:
        host.stop()


def _click_for(page: Any, button: str, team: str | None = None) -> None:
    page.select_option("#target", "" if team is None else team)
    page.click(button)


def test_without_a_token_or_with_a_wrong_one_the_page_says_so_and_the_api_refuses(
    workshop: Workshop,
) -> None:
    host = workshop.host
    page = open_dashboard(workshop.chromium, host.url, None)
    until(lambda: page.locator("#gate").is_visible(), what="the token form")
    assert page.locator("#gate-title").text_content() == "Facilitator token needed"
    assert not page.locator("#main").is_visible()
    page.close()
    page = open_dashboard(workshop.chromium, host.url, "not-the-token")
    until(lambda: page.locator("#gate").is_visible(), what="the wrong-token state")
    assert page.locator("#gate-title").text_content() == "Wrong facilitator token"
    assert "token wrong" in (page.locator("#link").text_content() or "")
    assert not page.locator("#rows tr").count()
    # Typing the right token into the form opens the dashboard (and keeps it for the tab).
    page.fill("#gate-token", host.token)
    page.press("#gate-token", "Enter")
    until(lambda: page.locator("#main").is_visible(), what="the dashboard after the form")
    page.close()
    for path in ("/api/teams", "/api/workshop"):
        assert call(host.url, "GET", path)[0] == 401
        assert call(host.url, "GET", path, token="not-the-token")[0] == 401
    assert call(host.url, "POST", "/api/debrief", {})[0] == 401


def test_the_page_is_strict_and_keeps_the_token_out_of_the_address_bar(
    workshop: Workshop,
) -> None:
    with urllib.request.urlopen(workshop.host.url + "/", timeout=10) as answer:
        policy = answer.headers["Content-Security-Policy"]
        page_text = answer.read().decode()
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "default-src 'none'" in policy
    assert "<script>" not in page_text and "http" not in page_text.replace("http-equiv", "")
    page = workshop.dashboard()
    assert "token" not in page.url  # moved from the fragment into sessionStorage
    assert page.problems == []


def test_teams_appear_live_and_a_name_with_html_shows_as_text(workshop: Workshop) -> None:
    page = workshop.dashboard()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    workshop.join(HOSTILE)
    workshop.join("Late")
    until(lambda: sorted(row_names(page)) == sorted(workshop.teams), what="the new rows")
    assert HOSTILE in row_names(page)
    assert page.locator("#rows script, #rows b").count() == 0  # text, not markup
    assert page.locator("#target option", has_text="<b>Hi</b>").count() == 1
    assert dialogs == [] and page.problems == []
    # Nothing overlaps or leaves the window, on a small and a large projector.
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        assert overlaps(page, LAYOUT) == [], size


def test_the_timer_from_the_page_steers_every_team_or_one(workshop: Workshop) -> None:
    page = workshop.dashboard()
    teams = workshop.teams
    _click_for(page, "#timer-start")
    until(lambda: all(t.state().timer.state == "running" for t in teams.values()), what="start")
    _click_for(page, "#timer-pause")
    until(lambda: all(t.state().timer.state == "paused" for t in teams.values()), what="pause")
    before = {name: t.state().timer.seconds_left for name, t in teams.items()}
    _click_for(page, "#timer-add")
    until(
        lambda: all(
            t.state().timer.seconds_left == pytest.approx(before[n] + 60) for n, t in teams.items()
        ),
        what="one more minute for every team",
    )
    _click_for(page, "#timer-start", "Green")  # one team only
    until(lambda: teams["Green"].state().timer.state == "running", what="Green's start")
    assert {n: t.state().timer.state for n, t in teams.items() if n != "Green"} == dict.fromkeys(
        [n for n in teams if n != "Green"], "paused"
    )
    until(lambda: "running" in page.locator("#rows tr", has_text="Green").inner_text())
    _click_for(page, "#timer-pause", "Green")
    until(lambda: teams["Green"].state().timer.state == "paused", what="Green's pause")
    assert page.problems == []


def test_an_event_fired_for_one_team_reaches_only_it(workshop: Workshop) -> None:
    page = workshop.dashboard()
    event = page.locator("#event option").first.get_attribute("value")
    page.select_option("#event", event)
    _click_for(page, "#fire", "Orange")
    until(lambda: [e.event for e in workshop.teams["Orange"].state().events] == [event])
    for name, team in workshop.teams.items():
        if name != "Orange":
            assert team.state().events == [], name
    until(lambda: "Orange" in (page.locator("#feedback").text_content() or ""))
    until(lambda: "1 event" in page.locator("#rows tr", has_text="Orange").inner_text())


def test_a_message_to_all_reaches_every_team_as_plain_text(workshop: Workshop) -> None:
    page = workshop.dashboard()
    text = "Break: back in 5 <b>minutes</b> & bring coffee"
    page.select_option("#target", "")
    page.fill("#message", text)
    page.press("#message", "Enter")  # the keyboard sends it
    until(
        lambda: all(text in [m.text for m in t.state().messages] for t in workshop.teams.values()),
        what="the message on every team",
    )
    until(lambda: page.locator("#message").input_value() == "")


def _play(team: Team, weeks: int) -> None:
    policy = POLICIES["balanced"]
    for _ in range(weeks):
        team.session.play(policy(team.session.observe(), team.session.params)[0], [])
        team.client.report(team.session.turn, week_report(team.session, team.session.turn))


def test_after_ending_the_round_the_debrief_is_served(tmp_path: Path, chromium: Any) -> None:
    host = start_host(tmp_path / "ws", *HOST_ARGS)
    try:
        ws = Workshop(host, chromium)
        for name, weeks in (("Red", 3), (HOSTILE, 2), ("Idle", 0)):
            _play(ws.join(name), weeks)
        page = ws.dashboard("1080p")
        assert call(host.url, "POST", "/api/debrief", {}, token=host.token)[0] == 409
        assert page.locator("#show-debrief").is_disabled()
        page.click("#end")
        assert not call(host.url, "GET", "/api/workshop", token=host.token)[1]["ended"]
        page.click("#end-yes")  # the confirmation
        frame = page.wait_for_selector("#debrief-frame[src*='/debrief/']", state="attached")
        src = frame.get_attribute("src") or ""
        board = page.frame_locator("#debrief-frame").locator("#leaderboard")
        until(lambda: board.count() and board.is_visible(), timeout=60, what="the debrief")
        cells = board.locator("td.team").all()
        names = [
            (c.text_content() or "")[len(c.locator(".mark").text_content() or "") :] for c in cells
        ]
        assert sorted(names) == sorted(["Red", HOSTILE])  # the team without a week: left out
        assert board.locator("b, script").count() == 0  # the name is text there too
        assert call(host.url, "GET", "/api/workshop", token=host.token)[1]["ended"]
        with urllib.request.urlopen(host.url + src.split("?")[0], timeout=10) as answer:
            policy = answer.headers["Content-Security-Policy"]
            assert answer.status == 200 and "default-src 'none'" in policy
            assert "unsafe-inline" not in policy
        for wrong in ("/debrief/wrong-key/index.html", src.split("?")[0] + "/../../x"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(host.url + wrong, timeout=10)
            assert refused.value.code == 404
        slides = page.locator("#slides").text_content() or ""
        assert "--show" in slides and str(tmp_path / "ws" / "results") in slides
        assert len(list((tmp_path / "ws" / "results").glob("*.json"))) == 2
        assert page.problems == []
    finally:
        host.stop()
