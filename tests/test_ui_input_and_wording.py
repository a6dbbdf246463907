"""Issue 10: text fields own the keys, possessives, the debrief's menu, the late weeks."""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game import i18n
from game.local.settings import Settings
from game.policies import POLICIES
from game.ui import flow
from game.ui.app import App
from game.ui.widgets.topbar import turn_chip
from tests.helpers.scenarios import loaded
from tests.helpers.ui_checks import problems
from tests.helpers.ui_driver import button_named, click, key, make_app, pump, save_shot, turn_after


def type_text(app: App, text: str) -> None:
    """Type as a keyboard does: a key press, then the character it makes."""
    for char in text:
        code = pygame.K_SPACE if char == " " else pygame.key.key_code(char.lower())
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=char, scancode=0)
        )
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char, window=None))
        pygame.event.post(
            pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode=char, scancode=0)
        )
        pump(app, 1)
    pump(app)


def test_a_space_in_the_team_field_types_a_space_and_presses_no_button() -> None:
    app = make_app()
    title = app.top
    assert title.focus.current is not None
    assert isinstance(title.focus.current.element, pygame_gui.elements.UIButton)
    click(app, title.team_entry)  # the mouse puts the caret in the field; a button had focus
    type_text(app, "Blue Ducks")
    assert app.top is title and len(app.stack) == 1
    assert title.team_entry.get_text() == "Blue Ducks"
    type_text(app, " Team?")  # "?" opens the help elsewhere
    assert app.top is title and title.team_entry.get_text() == "Blue Ducks Team?"


def test_every_key_a_field_can_type_stays_in_the_seed_field() -> None:
    app = make_app()
    title = app.top
    click(app, title.seed_entry)
    title.seed_entry.set_text("")
    type_text(app, "12 3")
    for code in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_q, pygame.K_s):
        key(app, code)
    assert app.top is title and len(app.stack) == 1
    assert title.seed_entry.get_text() == "123"


def test_tab_leaves_the_field_and_enter_submits_it() -> None:
    app = make_app()
    title = app.top
    click(app, title.team_entry)
    type_text(app, "Blue Ducks")
    key(app, pygame.K_RETURN)  # submits the field: the name is kept, the focus moves on
    assert app.top is title and title.team == "Blue Ducks"
    assert title.focus.current is not None
    assert title.focus.current.element is title.seed_entry
    key(app, pygame.K_TAB)
    assert not title.seed_entry.is_focused


def test_enter_in_the_seed_field_goes_to_start_and_a_second_enter_starts() -> None:
    # Playtest 9: Enter after the seed went to the first scenario card, and the next Enter
    # chose the tutorial instead of starting the chosen round.
    app = make_app()
    title = app.top
    chosen = title.selected
    click(app, title.seed_entry)
    title.seed_entry.set_text("")
    type_text(app, "42")
    key(app, pygame.K_RETURN)
    assert title.focus.current is not None
    assert title.focus.current.element is title.start_button
    assert title.selected == chosen and title.seed_text == "42"
    key(app, pygame.K_RETURN)
    assert app.top.name in ("briefing", "coach", "turn") and app.game is not None
    assert app.game.session.seed == 42


# --- possessives ---------------------------------------------------------------------------
@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("name", "owned"),
    [
        ("Sales", "Sales'"),
        ("Facilities", "Facilities'"),
        ("Finance", "Finance's"),
        ("Anna", "Anna's"),
        ("AWS", "AWS's"),
        ("", ""),
    ],
)
def test_the_english_possessive(name: str, owned: str) -> None:
    assert i18n.possessive(name) == owned


@pytest.mark.parametrize(
    ("name", "owned"),
    [
        ("Anna", "Annas"),
        ("Klaus", "Klaus'"),
        ("Max", "Max'"),
        ("Fritz", "Fritz'"),
        ("Strauß", "Strauß'"),
        ("Team 3", "Team 3'"),
    ],
)
def test_the_german_possessive(german: None, name: str, owned: str) -> None:
    assert i18n.possessive(name) == owned


def test_the_week_report_and_the_debrief_say_sales_not_saless() -> None:
    assert i18n.tr("week.unclear", department="Sales", clarity="40%").startswith(
        "Sales' requirements were unclear"
    )
    assert i18n.tr("week.bar.trust", name="Facilities") == "Facilities' trust"
    assert i18n.tr("week.bar.trust", name="Finance") == "Finance's trust"
    assert (
        i18n.tr("moment.forced", name="Chris")
        == "You escalated over Chris' head to force a decision"
    )
    every = i18n.catalogue("en").values()
    assert not [t for t in every if re.search(r"\}'s", t)], 'a name gets "\'s" unconditionally'


# --- the debrief's menu --------------------------------------------------------------------
def _finished_round(app: App) -> None:
    turn_after(app, None, "tutorial", seed=3)


def test_the_menu_over_the_debrief_is_not_called_paused() -> None:
    app = make_app()
    _finished_round(app)
    assert app.top.name == "debrief"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    assert app.top.title == "Menu"
    assert button_named(app, "Back to the debrief")
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "debrief"


def test_the_menu_during_the_round_still_says_paused() -> None:
    app = make_app()
    flow.start_game(app, "tutorial", 3, "Blue")
    flow.show_current_turn(app)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause" and app.top.title == "Paused"
    assert button_named(app, "Resume")


# --- late weeks ----------------------------------------------------------------------------
def test_the_top_bar_of_a_late_week_says_how_far_past_the_deadline() -> None:
    scenario, _ = loaded("tutorial")
    assert scenario.deadline == 8
    assert turn_chip(scenario, 3) == (scenario.title.upper(), "Week 3 of 8")
    assert turn_chip(scenario, 8) == (scenario.title.upper(), "Week 8 of 8")
    assert turn_chip(scenario, 9) == ("1 WEEK PAST THE DEADLINE", "Week 9")
    assert turn_chip(scenario, 10) == ("2 WEEKS PAST THE DEADLINE", "Week 10")


def test_the_late_top_bar_in_german(german: None) -> None:
    scenario, _ = loaded("tutorial")
    assert turn_chip(scenario, 9) == ("1 WOCHE ÜBER DER FRIST", "Woche 9")
    assert turn_chip(scenario, 11) == ("3 WOCHEN ÜBER DER FRIST", "Woche 11")


def _late_week(app: App) -> None:
    flow.start_game(app, "tutorial", 3, "Blue")
    game = app.game
    assert game is not None
    while len(game.session.plans) < 8:
        game.play(POLICIES["delivery_first"](game.session.observe(), game.session.params)[0])
    assert not game.session.done
    flow.show_current_turn(app)
    pump(app)


@pytest.mark.parametrize("text_size", [1.0, 1.5], ids=["normal", "projector"])
def test_a_late_week_and_the_typed_title_look_right(
    text_size: float, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Screenshots for a person to look at (SHOTS=folder keeps them); the late chip fits."""
    folder = Path(os.environ.get("SHOTS", tmp_path))
    app = make_app()
    app.apply_settings(Settings(text_size=text_size))
    title = app.top
    click(app, title.team_entry)
    type_text(app, "Blue Ducks")
    assert title.team_entry.get_text() == "Blue Ducks"
    save_shot(app, folder, f"title-{request.node.callspec.id}")
    _late_week(app)
    assert app.top.name == "turn"
    save_shot(app, folder, f"late-week-{request.node.callspec.id}")
    assert problems(app) == []


def test_where_the_long_line_does_not_fit_the_chip_says_only_past_the_deadline() -> None:
    scenario, _ = loaded("tutorial")
    assert turn_chip(scenario, 9, lambda text: len(text) < 20) == ("PAST THE DEADLINE", "Week 9")


def test_a_wheel_notch_scrolls_three_lines_of_help_at_every_text_size():
    from dataclasses import replace

    from game.ui import flow
    from game.ui.screens.base import WHEEL_LINES

    for size in (1.0, 1.5):
        app = make_app(window=(1024, 600))
        app.apply_settings(replace(app.settings, text_size=size))
        flow.open_help(app)
        boxes = [
            e
            for e in app.top.manager.get_sprite_group().sprites()
            if isinstance(e, pygame_gui.elements.UITextBox)
        ]
        bars = [b.scroll_bar for b in boxes if b.scroll_bar is not None]
        assert bars, "Help fits without scrolling: nothing to check"
        line = app.top.style.text_px(18)
        assert all(b.scroll_wheel_speed == WHEEL_LINES * line for b in bars)


def test_the_titles_focus_goes_in_reading_order() -> None:
    # Playtest 10: Tab went from Quit to "New seed", then to the team's name.
    title = make_app().top
    order = [item.element for item in title.focus.items]
    seed = order.index(title.seed_entry)
    assert order[seed - 1] is title.team_entry and order[seed + 1] is title.random_button
    assert order.index(title.random_button) < order.index(title.start_button)
    assert order.index(title.start_button) < order.index(title.quit_button)
