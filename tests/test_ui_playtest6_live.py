"""Issue 10, a fifth newcomer playtest of the live round: an ended round stays ended after a
restart, the clock's messages and its box follow the host's clock, a facilitator's message
does not swallow the "points not planned" warning, and the menu says what is true. The real
app driven by synthetic events; the host in process (tests/helpers/live_room.py)."""

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pygame
import pytest
from starlette.testclient import TestClient

from game.i18n import set_language, tr
from game.live.protocol import Joined, Message, TeamState, Timer
from game.live.room import Room
from game.live.team_file import load_team
from game.local import paths
from game.local.settings import Settings
from game.session.workshop import Workshop
from game.ui import draw, flow
from game.ui.app import App, PlayOptions
from game.ui.live import LiveRound
from game.ui.screens import report as report_screen
from game.ui.theme import Style
from game.ui.widgets.clock import timer_width
from tests.helpers.live_room import Clock, InProcessClient, bearer, new_room, served
from tests.helpers.ui_driver import key, make_app, pump, turn_after

UNREACHABLE = "http://127.0.0.1:9"  # the host, as the team file keeps it (stopped here)


class SyncLink:
    """The window's link to the in-process host, one round trip per `poke` (no thread, so
    the test decides when the host is asked)."""

    def __init__(self, client: InProcessClient) -> None:
        self.client = client
        self.latest: TeamState | None = None
        self.problem = ""
        self.session: object = None

    def offer(self, session: object) -> None:
        self.session = session

    def poke(self) -> None:
        if self.session is not None:
            self.client.catch_up(self.session)  # type: ignore[arg-type]
        self.latest = self.client.state()

    def flush(self, wait: float = 3.0) -> bool:
        self.poke()
        return True

    def close(self, wait: float = 1.0) -> None:
        pass


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[Room, str, TestClient]]:
    workshop, token = new_room(tmp_path, turn_timer=120.0, clock=Clock())
    with served(workshop) as client:
        yield workshop, token, client


def _joined_app(room: Room, client: TestClient, team: str = "Blue") -> tuple[App, SyncLink]:
    answer = client.post("/api/join", json={"code": room.workshop.code, "team": team})
    joined = Joined.model_validate(answer.json())
    app = make_app()
    flow.start_live_game(app, UNREACHABLE, joined)
    assert app.live is not None
    app.live.link.close()
    link = SyncLink(InProcessClient(client, joined.token))
    app.live.link = link  # type: ignore[assignment]
    key(app, pygame.K_RETURN)  # the briefing's "Start"
    if app.top.name == "coach":
        key(app, pygame.K_ESCAPE)
    assert app.top.name == "turn"
    return app, link


def _host_answers(app: App, link: SyncLink) -> None:
    pump(app, 1)  # the week offered
    link.poke()
    pump(app)


def _facilitator(client: TestClient, token: str, path: str, body: dict[str, object]) -> None:
    assert client.post(path, json=body, headers=bearer(token)).status_code == 200


def test_an_ended_live_round_stays_ended_after_a_restart_without_its_host(room) -> None:
    workshop, token, client = room
    app, link = _joined_app(workshop, client)
    _facilitator(client, token, "/api/timer", {"action": "start"})
    _host_answers(app, link)
    key(app, pygame.K_RETURN)  # an empty plan: warned
    key(app, pygame.K_RETURN)  # played
    key(app, pygame.K_RETURN)  # the report read
    assert app.top.name == "turn" and app.game.session.turn == 1
    key(app, pygame.K_RIGHT)  # a point planned before the end
    assert app.top.planner.plan.sum() > 0
    _facilitator(client, token, "/api/end", {})
    _host_answers(app, link)
    assert app.workshop.ended and tr("live.hold.ended") in app.top.message
    # The plan says so at once: its end button no longer offers a week.
    assert not app.top.end_button.is_enabled
    assert app.top.end_button.text == tr("turn.end.ended")
    before = app.top.planner.plan.copy()
    key(app, pygame.K_RIGHT)  # and the plan no longer changes
    key(app, pygame.K_DELETE)
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert (app.top.planner.plan == before).all()
    # Nor does any of its controls look as if it could (playtest 8).
    steppers = [b for _, down, up in app.top.row_widgets.values() for b in (down, up)]
    assert steppers and not any(b.is_enabled for b in steppers)
    assert not app.top.undo_button.is_enabled and not app.top.clear_button.is_enabled
    key(app, pygame.K_ESCAPE)  # its menu: nothing is paused any more
    assert app.top.name == "pause" and app.top.title == tr("pause.title.done")
    key(app, pygame.K_ESCAPE)
    saved = load_team(paths.live_dir())
    assert saved is not None and saved.ended  # remembered on disk, beside the autosave

    # Back to the title; the host stops; the game closes; later the team presses Continue.
    flow.to_title(app)
    again = make_app()
    title = again.top
    assert "ended this workshop's round" in title.continue_button.tool_tip_text
    assert title.continue_button.text.startswith("Ended live round: ")
    assert flow.continue_game(again)
    pump(again)
    turn = again.top
    assert turn.name == "turn" and again.live is not None and again.workshop is not None
    assert again.workshop.ended and again.workshop.paused
    assert tr("live.hold.ended") in turn.message
    assert "Lost touch" not in turn.message
    for _ in range(3):
        key(again, pygame.K_RETURN)
    assert again.top.name == "turn" and again.game.session.turn == 1  # no week 2


def test_a_facilitators_message_stays_beside_the_pause_notice_and_in_the_news(
    room, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Playtests 6 and 8: the pause notice replaced the message before the team had read
    # it, and a message that came in silently was easy to miss.
    workshop, token, client = room
    app, link = _joined_app(workshop, client)
    played: list[str] = []
    monkeypatch.setattr(app.sounds, "play", played.append)
    _facilitator(client, token, "/api/timer", {"action": "start"})
    _host_answers(app, link)
    _facilitator(client, token, "/api/messages", {"text": "Coffee at 11"})
    _facilitator(client, token, "/api/timer", {"action": "pause"})
    _host_answers(app, link)
    said = tr("live.message", text="Coffee at 11")
    assert said in app.top.message
    assert played == ["signoff"]  # the message is heard across the room, once
    key(app, pygame.K_RETURN)  # the week is held: the pause notice comes first, both stay
    both = tr("turn.message.both", first=tr("live.hold.paused"), second=said)
    assert app.top.message == both
    key(app, pygame.K_RETURN)
    assert app.top.message == both and app.game.session.turn == 0
    assert app.top.news_lines()[0] == said
    # Next week's news is next week's: the message was this week's.
    _facilitator(client, token, "/api/timer", {"action": "start"})  # runs on
    _host_answers(app, link)
    assert app.top.message == said  # the hold has gone, the message stays
    for _ in range(3):
        key(app, pygame.K_RETURN)
    assert app.game.session.turn == 1 and app.top.name == "turn"
    assert said not in app.top.news_lines()


def test_continue_says_it_rejoins_a_live_workshop(room) -> None:
    workshop, _, client = room
    app, _ = _joined_app(workshop, client)
    flow.to_title(app)
    title = make_app().top
    assert "live workshop" in title.continue_button.tool_tip_text
    assert title.continue_button.text.startswith("Rejoin the live round: ")


@dataclass
class StubHost:
    """The host's answers as the window reads them, set by hand."""

    latest: TeamState | None = None
    problem: str = ""
    messages: list[Message] = field(default_factory=list)

    def says(self, app: App, timer: str, seconds: float = 100.0, week: int | None = None) -> None:
        """The host's answer about `week` (the team's current one unless said)."""
        self.latest = TeamState(
            team="Blue", week=app.game.session.turn if week is None else week, done=False,
            timer=Timer(state=timer, seconds_left=seconds),  # type: ignore[arg-type]
            events=[], messages=list(self.messages), ended=False,
        )  # fmt: skip
        pump(app)

    def offer(self, session: object) -> None:
        pass

    def close(self) -> None:
        pass


def _stub_live_app(tmp_path: Path, window: tuple[int, int] = (1280, 720)) -> tuple[App, StubHost]:
    app = make_app(window=window, scenario="tutorial", seed=3, team="Blue")
    key(app, pygame.K_RETURN)
    if app.top.name == "coach":
        key(app, pygame.K_ESCAPE)
    assert app.top.name == "turn"
    host = StubHost()
    app.workshop = Workshop(120.0, tmp_path)
    app.live = LiveRound(host, "Blue")  # type: ignore[arg-type]
    app.top.rebuild()  # the top bar makes room for the clock, as when a round is joined
    return app, host


def test_the_clocks_hold_messages_go_when_the_clock_runs(tmp_path: Path) -> None:
    app, host = _stub_live_app(tmp_path)
    screen = app.top
    host.says(app, "idle", 120.0)
    key(app, pygame.K_RETURN)
    assert "not started the clock" in screen.message
    host.says(app, "running", 118.0)
    assert "not started the clock" not in screen.message
    host.says(app, "paused", 90.0)
    key(app, pygame.K_RETURN)
    assert "paused the clock" in screen.message
    host.says(app, "running", 90.0)
    assert "paused the clock" not in screen.message
    assert app.game.session.turn == 0


def test_a_facilitators_message_does_not_swallow_the_unplanned_points_warning(
    tmp_path: Path,
) -> None:
    app, host = _stub_live_app(tmp_path)
    screen = app.top
    host.says(app, "running")  # the first answer: what it holds was said before
    key(app, pygame.K_RETURN)  # an empty plan: warned about the points left
    assert screen.warned_unspent
    host.messages.append(Message(id=1, text="Two minutes to the break", at=0.0))
    host.says(app, "running", 90.0)
    assert "Two minutes to the break" in screen.message
    key(app, pygame.K_RETURN)  # warns again: the warning had gone off screen
    assert app.top is screen and app.game.session.turn == 0
    assert "not planned yet" in screen.message and screen.warned_unspent
    key(app, pygame.K_RETURN)  # now confirmed, with the warning seen
    assert app.game.session.turn == 1


@pytest.mark.parametrize("window", [(1280, 720), (1024, 600)])
def test_a_live_rounds_report_shows_the_clock_that_runs_on(
    tmp_path: Path, window: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The host starts the next week's time when it has this one: the report says so."""
    app, host = _stub_live_app(tmp_path, window)
    app.apply_settings(Settings(text_size=1.5))
    host.says(app, "running")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # confirmed: the week is played
    assert app.top.name == "report"
    report = app.top
    host.says(app, "running", 100.0)
    painted: list[pygame.Rect] = []
    monkeypatch.setattr(
        report_screen, "draw_timer", lambda surface, s, rect, workshop: painted.append(rect)
    )
    texts: list[pygame.Rect] = []
    words: list[str] = []
    real_text = draw.text

    def recording(surface, content, font, pos, *args, **kwargs):  # type: ignore[no-untyped-def]
        rect = real_text(surface, content, font, pos, *args, **kwargs)
        texts.append(rect)
        words.append(content)
        return rect

    monkeypatch.setattr(draw, "text", recording)
    assert report.update(0.0)  # redrawn while the clock runs
    app.draw()
    [clock] = painted
    assert app.surface.get_rect().contains(clock)
    assert not any(clock.colliderect(t) for t in texts)  # the week's title stays clear of it
    # Whose time it is, beside it (playtest 9 read the report on the next week's time).
    assert "time left to plan week 2" in words


def test_a_solo_rounds_report_shows_no_clock() -> None:
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    key(app, pygame.K_RETURN)
    if app.top.name == "coach":
        key(app, pygame.K_ESCAPE)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "report" and app.top.live_clock() is None


def test_the_live_menu_does_not_say_paused_while_the_hosts_clock_runs(tmp_path: Path) -> None:
    app, host = _stub_live_app(tmp_path)
    host.says(app, "running")
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    menu = app.top
    assert menu.title == tr("pause.title.done") and menu.clock_runs_on  # "Menu", and the line
    assert tr("pause.title.live") != menu.title  # under it says the clock keeps running
    labels = [b.text for b in menu.manager.get_sprite_group().sprites() if hasattr(b, "text")]
    assert tr("pause.title_screen") in labels  # the line under the title pushed no button out


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("window", [(1280, 720), (1024, 600)])
@pytest.mark.parametrize("text_size", [1.0, 1.5])
def test_the_timer_box_holds_its_longest_word(
    language: str, window: tuple[int, int], text_size: float
) -> None:
    """Playtest 5 saw "not…" in the box before the facilitator started the clock."""
    make_app()  # pygame and its fonts ready
    set_language(language)
    try:
        s = Style(window, text_size)
        inner = timer_width(s) - s.px(8)  # the box's text is drawn this wide (draw_timer)
        for word in ("turn.timer.waiting", "turn.timer.paused", "turn.timer.ended"):
            assert s.font(16, bold=True).size(tr(word))[0] <= inner, word
    finally:
        set_language("en")


def test_after_a_live_round_the_title_chooses_the_shipped_scenario_once(room) -> None:
    """The host's copy of a shipped scenario is that scenario: no second card "opened
    file", and after a restart the title keeps it chosen (playtest 5 fell back to the
    tutorial's neighbour)."""
    workshop, _, client = room
    app, _ = _joined_app(workshop, client)
    flow.to_title(app)
    for title in (app.top, make_app().top):  # back from the round; after a restart
        refs = [e.ref for e in title.entries]
        assert refs.count(workshop.scenario.id) == 1
        assert all(e.source != "file" for e in title.entries)
        assert title.entries[title.selected].ref == workshop.scenario.id


def test_the_menu_offers_the_debrief_only_over_the_debrief(tmp_path: Path) -> None:
    from game.policies import POLICIES
    from game.ui.screens.report import ReportScreen

    app = make_app()
    flow.start_game(app, "tutorial", 3, "Blue")
    game = app.game
    while not game.session.done:
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    app.replace_all(ReportScreen(app, len(game.session.logs) - 1))  # the last week's report
    pump(app)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    labels = [b.text for b in app.top.manager.get_sprite_group().sprites() if hasattr(b, "text")]
    assert tr("pause.resume.done") not in labels and tr("pause.resume") in labels


@pytest.mark.parametrize("window", [(1280, 720), (1024, 600)])
def test_a_scenario_cards_tooltip_is_by_the_pointer_and_does_not_repeat_the_card(
    window: tuple[int, int],
) -> None:
    """Playtest 5, projector text size: the tooltip sat over the logo in the top-left
    corner and only repeated the card's blurb."""
    app = App(PlayOptions(window=window), Settings(text_size=1.5))
    flow.open_first_screen(app)
    title = app.top
    rect, card = title.card_rects[0]
    assert card is not None
    pointer = (rect.centerx, rect.centery)
    pygame.mouse.set_pos(pointer)
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=pointer, rel=(1, 1), buttons=(0, 0, 0), touch=False
        )
    )
    pump(app, 1)
    for _ in range(8):
        app.frame([], 0.25)  # long frames: the tooltip's delay passes without waiting
    tips = [g.tool_tip for g in title.card_ghosts if g.tool_tip is not None]
    assert len(tips) == 1
    assert card.blurb not in str(title.card_ghosts[0].tool_tip_text)
    near = tips[0].rect.inflate(2 * title.style.px(40), 2 * title.style.px(40))
    assert near.collidepoint(pointer)  # by the pointer, on the card: not in a corner


def test_the_briefing_opens_on_the_story() -> None:
    """At projector size the rules move into the story's box: after the story (playtest
    5 opened the briefing on "How to play")."""
    app = make_app(window=(1024, 600))
    app.apply_settings(Settings(text_size=1.5))
    flow.start_game(app, "lan-migration", 3, "Blue")
    briefing = app.top
    assert briefing.name == "briefing" and briefing.how_in_box
    text = briefing.story.html_text
    story = app.game.session.scenario.story.split("\n\n")[0].strip()[:30]
    assert text.index(html.escape(story)) < text.index(tr("briefing.how"))


def test_a_cards_tooltip_says_what_closes_a_gap_of_expectations() -> None:
    """A playtest read a card's orange "expects 26%, seen 0%" as a call for an honest talk,
    which trimmed nothing: the card's tooltip says what closes such a gap."""
    app = turn_after(make_app(), 2)
    turn = app.top
    tips = [
        button.tool_tip_text
        for button in turn.manager.get_sprite_group().sprites()
        for rect, _ in turn.card_rects
        if getattr(button, "rect", None) == rect and getattr(button, "tool_tip_text", None)
    ]
    assert tips and all("demo" in tip and "honest talk" in tip for tip in tips)


def test_the_report_hands_over_to_the_plan_at_the_time_warning(tmp_path: Path) -> None:
    """Playtest 6: the next week's clock ran out while the team read the report; a second
    after "Plan week 2" the week ended with nothing planned. At the warning the report
    gives way to the plan, with the warning and the seconds left to decide."""
    app, host = _stub_live_app(tmp_path)
    host.says(app, "running")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # confirmed: the week is played
    assert app.top.name == "report" and app.game.session.turn == 1
    host.says(app, "paused", 20.0)  # a paused clock keeps the report where it is
    assert app.top.name == "report"
    host.says(app, "running", 40.0)  # not yet within the warning's 30 seconds
    assert app.top.name == "report"
    host.says(app, "running", 25.0)
    assert app.top.name == "turn" and app.game.session.turn == 1  # nothing handed in
    pump(app)
    assert 0.0 < app.workshop.left() <= 25.0  # the host's time, not a fresh two minutes
    assert "30 seconds" in app.top.message


def test_a_week_the_clock_ended_shows_its_report_with_the_next_weeks_clock(
    tmp_path: Path,
) -> None:
    """Playtest 7: a week ended by the clock skipped its report: the report read the ended
    week's clock (0:00, past its warning) and gave way to the plan at once."""
    app, host = _stub_live_app(tmp_path)
    host.says(app, "running", 0.0)  # time is up: the clock ends the week
    pump(app)
    assert app.top.name == "report" and app.game.session.turn == 1
    # The host answers about the ended week until it has the team's report of it.
    host.says(app, "running", 0.0, week=0)
    pump(app, 10)
    assert app.top.name == "report"
    assert app.workshop.left() > app.workshop.warn_seconds  # the next week's time runs
    host.says(app, "running", 110.0)  # the host has the week: its clock for week 2
    assert app.top.name == "report" and 100.0 < app.workshop.left() <= 110.0
    host.says(app, "running", 25.0)
    assert app.top.name == "turn" and app.game.session.turn == 1


def test_the_clocks_say_what_they_count(tmp_path: Path) -> None:
    # Playtest 7: the report's clock was already next week's, and nothing said so.
    app, host = _stub_live_app(tmp_path)
    host.says(app, "running", 100.0)

    def tip_at(rect: pygame.Rect) -> str:
        return next(
            e.tool_tip_text
            for e in app.top.manager.get_sprite_group().sprites()
            if getattr(e, "rect", None) == rect and getattr(e, "tool_tip_text", None)
        )

    assert "At 0:00 the week ends" in tip_at(app.top.timer_rect)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # played
    assert app.top.name == "report"
    assert tip_at(app.top._clock_rect()).startswith("The time of week 2: ")


def test_a_facilitators_message_stays_beside_the_links_notices(tmp_path: Path) -> None:
    # Playtest 9: after a host restart "Back in touch with the workshop's host" took the
    # place of a message the team had not read yet.
    app, host = _stub_live_app(tmp_path)
    screen = app.top
    host.says(app, "running")  # the first answer: what it holds was said before
    host.messages.append(Message(id=1, text="Coffee break at 11", at=0.0))
    host.says(app, "running", 90.0)
    said = tr("live.message", text="Coffee break at 11")
    assert screen.message == said
    host.problem = "connection refused"
    pump(app)
    assert tr("live.down") in screen.message and said in screen.message
    host.problem = ""
    host.says(app, "running", 80.0)
    assert tr("live.back") in screen.message and said in screen.message


def test_a_paused_week_keeps_the_warning_of_build_points_with_nothing_to_build(
    tmp_path: Path,
) -> None:
    # Playtest 11: while paused, End week's hold notice took the place of "… would have
    # nothing to build", so the over-planned points went unwarned.
    app, host = _stub_live_app(tmp_path)
    screen = app.top
    host.says(app, "paused", 90.0)
    builds = [r for r in screen.rows() if not isinstance(r, str) and r.section == "build"]
    row = min(builds, key=lambda r: screen.planner.needs(r.target))
    while not screen.planner.warning() and screen.planner.can_add(row):
        screen.change(row, +1)
    warning = screen.planner.warning()
    assert warning and screen.message == warning
    key(app, pygame.K_RETURN)
    assert screen.message == tr("turn.message.both", first=tr("live.hold.paused"), second=warning)
    host.says(app, "running", 90.0)
    assert screen.message == warning  # the hold has gone, the warning stays


def test_losing_the_host_while_paused_does_not_say_play_on(tmp_path: Path) -> None:
    # Playtest 11: "Lost touch …: play on, your weeks go out when it is back" under a
    # paused clock, and End week refused.
    app, host = _stub_live_app(tmp_path)
    host.says(app, "paused", 90.0)
    host.problem = "connection refused"
    pump(app)
    assert "play on" not in app.top.message
    assert app.top.message.startswith("Lost touch with the workshop's host; as it last said: ")
    assert tr("live.hold.paused") in app.top.message
    host.problem = ""
    pump(app)
    assert tr("live.back") in app.top.message
