"""Issue 10, a newcomer playtest: joining a workshop asks before it sets a solo round aside,
the time warning follows the host's clock, tooltips and highlights only where the mouse
moved, and the title remembers the seed. The real app, driven by synthetic events."""

from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.live.protocol import TeamState, Timer
from game.local import paths
from game.local.settings import Settings, load_settings
from game.policies import POLICIES
from game.session.workshop import Workshop
from game.ui import flow
from game.ui.app import App, PlayOptions
from game.ui.live import LiveRound
from game.ui.theme import FOCUS
from tests.helpers.ui_driver import FRAME, button_named, click, key, make_app, pump


def _type(app: App, field: pygame_gui.elements.UITextEntryLine, text: str) -> None:
    """Click into `field`, empty it, and type `text` as a player would."""
    click(app, field)
    for _ in range(len(field.get_text())):
        key(app, pygame.K_BACKSPACE)
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    pump(app)


def _move_mouse(app: App, pos: tuple[int, int]) -> None:
    pygame.mouse.set_pos(pos)  # pygame_gui hovers where the real mouse is
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0), touch=False)
    )
    pump(app, 1)


def _wait_for_tooltips(app: App, seconds: float = 2.0) -> None:
    for _ in range(round(seconds / 0.25)):
        app.frame([], 0.25)  # long frames: the tooltip's delay passes without waiting


def _tooltips(app: App) -> list[object]:
    sprites = app.top.manager.get_sprite_group().sprites()
    return [e.tool_tip for e in sprites if getattr(e, "tool_tip", None) is not None]


def _hovered(app: App) -> list[object]:
    return [e for e in app.top.manager.get_sprite_group().sprites() if getattr(e, "hovered", 0)]


# --- 1. Joining asks before it sets an unfinished solo round aside ---------------------------


def test_joining_over_an_unfinished_round_asks_first_and_cancel_keeps_it() -> None:
    app = make_app(scenario="tutorial", seed=3, team="Solo")
    game = app.game
    assert game is not None
    game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    flow.to_title(app)
    pump(app)
    autosave = paths.autosave_path()
    before = autosave.read_bytes()

    click(app, button_named(app, "Join a workshop"))
    join = app.top
    assert join.name == "join"
    address, code, team = join.entries
    assert team.get_text() == "Solo"  # the team name comes along from the title
    _type(app, address, "127.0.0.1:9")  # nobody listens there
    _type(app, code, "K7Q2M9")
    click(app, button_named(app, "Join"))
    # Not joined yet: the team is told what happens to its round, and how to go back.
    assert app.top is join and not join.joining
    assert "unfinished round" in join.problem and "Solo" in join.problem
    assert "Cancel" in join.problem and "autosave-previous" in join.problem
    assert join.entries == []  # the question fills the panel, with its own answer
    assert button_named(app, "Join anyway").is_enabled
    assert autosave.read_bytes() == before
    assert not list(autosave.parent.glob("autosave-previous-*.json"))

    click(app, button_named(app, "Cancel"))
    assert app.top.name == "title"
    assert app.top.continue_button.is_enabled  # the round is still there to continue
    assert autosave.read_bytes() == before

    # Asked and answered: the second Join goes ahead (to a host that is not there).
    click(app, button_named(app, "Join a workshop"))
    join = app.top
    _type(app, join.entries[0], "127.0.0.1:9")
    _type(app, join.entries[1], "K7Q2M9")
    click(app, button_named(app, "Join"))
    click(app, button_named(app, "Join anyway"))
    assert "Cannot reach" in join.problem and len(join.entries) == 3  # the fields again
    assert autosave.read_bytes() == before  # a join that failed sets nothing aside


def test_joining_without_a_saved_round_asks_nothing() -> None:
    app = make_app()
    click(app, button_named(app, "Join a workshop"))
    join = app.top
    _type(app, join.entries[0], "127.0.0.1:9")
    _type(app, join.entries[1], "K7Q2M9")
    _type(app, join.entries[2], "Blue")
    click(app, button_named(app, "Join"))
    assert "Cannot reach" in join.problem


# --- 2. The time warning follows the host's clock -----------------------------------------


@dataclass
class StubLink:
    """The host's side as the window reads it: the latest answer, no network."""

    latest: TeamState | None = None
    problem: str = ""

    def offer(self, session: object) -> None:
        pass

    def close(self) -> None:
        pass


def _host_says(app: App, link: StubLink, state: str, seconds: float) -> None:
    link.latest = TeamState(
        team="Blue",
        week=0,
        done=False,
        timer=Timer(state=state, seconds_left=seconds),  # type: ignore[arg-type]
        events=[],
        messages=[],
        ended=False,
    )
    pump(app)


def test_the_time_warning_follows_the_hosts_clock(tmp_path: Path) -> None:
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    key(app, pygame.K_RETURN)  # the briefing's "Begin"
    assert app.top.name == "turn"
    link = StubLink()
    app.workshop = Workshop(120.0, tmp_path)
    app.live = LiveRound(link, "Blue")  # type: ignore[arg-type]
    screen = app.top

    _host_says(app, link, "running", 20.0)
    warning = "30 seconds left"
    assert warning in screen.message
    _host_says(app, link, "running", 80.0)  # the facilitator added a minute
    assert warning not in screen.message
    _host_says(app, link, "running", 25.0)  # and the time runs short again
    assert warning in screen.message
    _host_says(app, link, "paused", 24.0)  # a discussion break: nothing is urgent
    assert warning not in screen.message
    _host_says(app, link, "running", 24.0)  # the clock runs on inside the warning
    assert warning in screen.message


def test_a_local_minute_more_takes_the_warning_away(tmp_path: Path) -> None:
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    key(app, pygame.K_RETURN)
    now = [0.0]
    app.workshop = Workshop(60.0, tmp_path, clock=lambda: now[0])
    app.workshop.start_turn()
    screen = app.top
    now[0] = 45.0
    pump(app)
    assert "30 seconds left" in screen.message
    app.workshop.add_minute()  # the facilitator's Ctrl+Shift+T, confirmed
    pump(app)
    assert screen.message == ""


# --- 3 and 5. Tooltips and highlights only where the mouse moved --------------------------


def test_a_resting_mouse_shows_no_tooltip_on_the_title() -> None:
    app = make_app()
    title = app.top
    card = title.card_rects[1][0]
    pygame.mouse.set_pos(card.center)  # the pointer rests there as the title appears
    _wait_for_tooltips(app)
    assert _tooltips(app) == [] and _hovered(app) == []

    _move_mouse(app, (card.centerx + 3, card.centery))  # the team points at the card
    _wait_for_tooltips(app)
    assert len(_tooltips(app)) == 1

    key(app, pygame.K_TAB)  # the keyboard takes over: the tooltip goes, and stays gone
    _wait_for_tooltips(app)
    assert _tooltips(app) == [] and _hovered(app) == []
    key(app, pygame.K_RETURN)  # a card chosen by key: the title is laid out again
    _wait_for_tooltips(app)
    assert _tooltips(app) == [] and _hovered(app) == []


def _ring_drawn(app: App) -> bool:
    """Whether the keyboard's focus ring is on screen (in its colour, above the element)."""
    app.draw()
    current = app.top.focus.current
    if current is None:
        return False
    width = app.style.px(3)
    ring = current.element.rect.inflate(2 * width + 2, 2 * width + 2)
    band = [app.surface.get_at((ring.centerx, ring.top + dy))[:3] for dy in range(width)]
    return tuple(FOCUS) in band


def _highlights(app: App) -> int:
    """How many buttons of the top screen look highlighted: hovered, or in the focus ring."""
    return len(_hovered(app)) + int(_ring_drawn(app))


@pytest.mark.parametrize("close", ["done", "escape"])
def test_after_settings_the_debrief_menu_has_one_highlight(close: str) -> None:
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    game = app.game
    assert game is not None
    while not game.session.done:
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    flow.show_current_turn(app)
    pump(app)
    key(app, pygame.K_ESCAPE)
    menu = app.top
    assert menu.name == "pause"
    click(app, button_named(app, "Settings"))
    assert app.top.name == "settings"
    done = button_named(app, "Done")
    _move_mouse(app, done.rect.center)
    if close == "done":
        click(app, done)
    else:
        key(app, pygame.K_ESCAPE)
    assert app.top is menu
    _wait_for_tooltips(app)
    assert _highlights(app) <= 1
    key(app, pygame.K_DOWN)  # the keyboard: its ring is the one highlight
    assert _highlights(app) == 1 and _hovered(app) == []


# --- 4. The title remembers the seed -------------------------------------------------------


def test_the_title_remembers_the_seed_typed_last() -> None:
    app = make_app()
    _type(app, app.top.seed_entry, "4711")
    click(app, button_named(app, "Start the round"))
    assert app.top.name == "briefing"
    assert load_settings(paths.settings_path()).last_seed == "4711"
    flow.to_title(app)
    assert app.top.seed_entry.get_text() == "4711"

    # The next start of the game, with the settings it reads from the data folder.
    again = App(PlayOptions(window=(1280, 720)), load_settings(paths.settings_path()))
    flow.open_first_screen(again)
    again.frame([], FRAME)
    assert again.top.name == "title" and again.top.seed_entry.get_text() == "4711"


def test_a_damaged_seed_in_the_settings_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"last_seed": "12ab", "text_size": 1.5}')
    assert load_settings(path) == Settings(text_size=1.5)
    path.write_text('{"last_seed": "0815"}')
    assert load_settings(path).last_seed == "0815"
