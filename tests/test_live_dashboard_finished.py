"""Issue 10: on the facilitator's dashboard a team that has finished its round has no
running clock. A real host on loopback, a bot team through the real client, the page in
the real headless Chromium (as tests/test_live_dashboard.py)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.live import bot
from game.live.client import TeamClient, week_report
from game.policies import POLICIES
from tests.helpers.live_dash import (
    CHROMIUM,
    SKIP_REASON,
    browser,
    open_dashboard,
    row_names,
    until,
)
from tests.helpers.live_host import call, start_host

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON),
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as running:
        yield running


def _clock(page: Any, team: str) -> tuple[str, str]:
    """The team's clock cell: the time shown, and the word under it."""
    cell = page.locator("#rows tr", has_text=team).locator("td.num")
    return cell.locator(".clock").inner_text(), cell.locator(".small").inner_text()


def test_a_finished_team_has_no_running_clock(tmp_path: Path, chromium: Any) -> None:
    host = start_host(
        tmp_path / "ws", "--scenario", "tutorial", "--seed", "5", "--turn-timer", "60"
    )
    try:
        clients = {name: TeamClient(host.url, timeout=10.0) for name in ("Bot", "Blue", "Red")}
        sessions = {name: bot.join(c, host.code, name) for name, c in clients.items()}
        finished, policy = sessions["Bot"], POLICIES["balanced"]
        while not finished.done:
            finished.play(policy(finished.observe(), finished.params)[0], [])
            clients["Bot"].report(finished.turn, week_report(finished, finished.turn))
        red = sessions["Red"]  # one week ahead of Blue
        red.play(policy(red.observe(), red.params)[0], [])
        clients["Red"].report(red.turn, week_report(red, red.turn))
        assert call(host.url, "POST", "/api/timer", {"action": "start"}, host.token)[0] == 200

        page = open_dashboard(chromium, host.url, host.token)
        until(lambda: sorted(row_names(page)) == ["Blue", "Bot", "Red"], what="the teams' rows")
        until(lambda: "finished" in _clock(page, "Bot")[1], what="Bot finished on the page")
        # Blue's week is running; Bot has nothing left to time, whatever the host counts.
        until(lambda: _clock(page, "Blue")[1] == "running", what="Blue's clock")
        assert ":" in _clock(page, "Blue")[0]
        assert _clock(page, "Bot") == ("–", "finished")
        # A finished team is no pace to be behind (playtest 9: "2 / 13 · 15 weeks behind"
        # beside a finished team's "16"; playtest 11: "14 weeks behind" in a 13-week
        # round): the front team still planning has its weeks left to the deadline, the
        # others how far they are behind it.
        weeks = {
            name: page.locator("#rows tr", has_text=name).locator("td").nth(1).inner_text()
            for name in ("Bot", "Blue", "Red")
        }
        red_week, deadline = (int(n) for n in weeks["Red"].split()[0:3:2])
        assert "behind" not in weeks["Red"], weeks
        assert f"{deadline - red_week + 1} weeks left" in weeks["Red"], weeks
        assert "1 week behind" in weeks["Blue"], weeks
        # A finished team that has gone quiet is done, not lost (no alarm colour).
        seen = page.locator("#rows tr", has_text="Bot").locator(".seen")
        assert "on" in (seen.get_attribute("class") or "") or "done" in (seen.inner_text())
        low = page.locator("#rows tr", has_text="Bot").locator(".clock.low")
        assert low.count() == 0
        assert page.problems == []
    finally:
        host.stop()


def test_a_teams_last_key_moment_opens_whole_on_a_click_and_stays_open(
    tmp_path: Path, chromium: Any
) -> None:
    # A playtest: the bots' last key moments were cut at two lines, with no way to read
    # them on a projector (a title needs a hovering mouse).
    host = start_host(tmp_path / "ws", "--scenario", "tutorial", "--seed", "5")
    try:
        client = TeamClient(host.url, timeout=10.0)
        session, policy = bot.join(client, host.code, "Bot"), POLICIES["delivery_first"]
        while not session.done:
            session.play(policy(session.observe(), session.params)[0], [])
            client.report(session.turn, week_report(session, session.turn))
        page = open_dashboard(chromium, host.url, host.token)
        until(lambda: row_names(page) == ["Bot"], what="the team's row")
        moment = page.locator("#rows tr", has_text="Bot").locator(".moment")
        until(lambda: moment.count() == 1, what="its last key moment")

        def whole() -> bool:
            return bool(moment.evaluate("m => m.scrollHeight <= m.clientHeight + 1"))

        moment.evaluate("m => { m.style.width = '12em'; }")  # narrow: surely cut
        assert not whole()
        moment.click()
        until(lambda: "whole" in (moment.get_attribute("class") or ""), what="opened")
        assert whole() and moment.get_attribute("aria-expanded") == "true"
        # The table is drawn again with every update: it stays open.
        call(host.url, "POST", "/api/messages", {"text": "redraw"}, host.token)
        page.wait_for_timeout(2500)
        assert "whole" in (moment.get_attribute("class") or "")
        moment.press("Enter")
        until(lambda: "whole" not in (moment.get_attribute("class") or ""), what="folded")
        assert page.problems == []
    finally:
        host.stop()


def test_an_ended_rounds_controls_are_disabled(tmp_path: Path, chromium: Any) -> None:
    # Playtest 8: after the end, Timer, Fire and Send were still enabled and did nothing.
    host = start_host(
        tmp_path / "ws", "--scenario", "tutorial", "--seed", "5", "--turn-timer", "60"
    )
    try:
        bot.join(TeamClient(host.url, timeout=10.0), host.code, "Blue")
        page = open_dashboard(chromium, host.url, host.token)
        until(lambda: row_names(page) == ["Blue"], what="the team's row")
        steering = ["#timer-start", "#timer-pause", "#timer-add", "#fire", "#message", "#send"]
        assert all(page.locator(s).is_enabled() for s in steering)
        assert call(host.url, "POST", "/api/end", {}, host.token)[0] == 200
        until(lambda: page.locator("#end").inner_text() == "Round ended", what="the end")
        assert not any(page.locator(s).is_enabled() for s in steering)
        assert page.locator("#fire").get_attribute("title") == "The round has ended"
        assert page.locator("#link").inner_text() == "● connected · round ended"
        assert page.problems == []
    finally:
        host.stop()


def test_without_the_host_no_team_reads_connected(tmp_path: Path, chromium: Any) -> None:
    # Playtest 9: "● connected" stayed on a team's row under "host unreachable".
    host = start_host(tmp_path / "ws", "--scenario", "tutorial", "--seed", "5")
    stopped = False
    try:
        client = TeamClient(host.url, timeout=10.0)
        bot.join(client, host.code, "Blue")  # heard from: connected for a few seconds
        page = open_dashboard(chromium, host.url, host.token)
        until(lambda: row_names(page) == ["Blue"], what="the team's row")
        seen = page.locator("#rows tr", has_text="Blue").locator(".seen")
        until(lambda: "connected" in seen.inner_text(), what="Blue connected")
        host.stop()
        stopped = True
        link = page.locator("#link")
        until(lambda: link.inner_text() == "host unreachable", timeout=30.0, what="down")
        assert "connected" not in seen.inner_text()
        assert "host unreachable" in seen.inner_text()
    finally:
        if not stopped:
            host.stop()
