"""No text can stop a render: zero-width, bidi and control characters in any shown string.

A team name typed or saved, a scenario's texts, a result file's team: each may hold
only characters that draw nothing, and pygame refuses to render those ("Text has
zero width"). `safe_text.drawable` is the filter; these tests drive the real app.
"""

import os
from pathlib import Path
from typing import Any

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.scenario.loader import load
from game.scenario.schema import Scenario
from game.session import game_run
from game.ui import draw
from game.ui.app import App
from game.ui.catalogue import ScenarioEntry
from game.ui.safe_text import PLACEHOLDER, drawable, name, one_line
from game.ui.screens import title as title_screen
from game.ui.theme import Style
from tests.helpers.ui_driver import button_named, click, key, make_app, pump, save_shot

ZERO_WIDTH = ("\u200b", "\u200d", "\u202e", "\u2066\u2069", "\ufeff", "\ufe0f", "\u034f")
HOSTILE = ("\u200b", "\u200d", "\u202e", "\u2067\u200f", "\x00", "\ud800")
# The scenario fields a player reads: titles, names, stories, labels, tooltips.
TEXT_FIELDS = frozenset(
    [
        "title",
        "summary",
        "story",
        "goal",
        "name",
        "role",
        "department",
        "cares_about",
        "label",
        "description",
        "text",
    ]
)


def hostile(model: Any, text: str) -> Any:
    """`model` with every text a player reads replaced by `text` (the loader may refuse
    such a scenario; a save or an older version might not)."""
    updates: dict[str, Any] = {}
    for field, value in model:
        if isinstance(value, BaseModel):
            updates[field] = hostile(value, text)
        elif isinstance(value, list):
            updates[field] = [hostile(v, text) if isinstance(v, BaseModel) else v for v in value]
        elif isinstance(value, str) and field in TEXT_FIELDS:
            updates[field] = text
    return model.model_copy(update=updates)


@pytest.fixture
def hostile_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every round the app starts plays a scenario whose texts are all U+200D."""

    def hostile_load(ref: str | Path) -> tuple[Scenario, Any]:
        scenario, params = load(ref)
        return hostile(scenario, "\u200d"), params

    monkeypatch.setattr(game_run, "load", hostile_load)


def font(bold: bool = False) -> pygame.font.Font:
    pygame.font.init()
    return Style((1280, 720)).font(16, bold)


# --- the filter ---------------------------------------------------------------------------
@pytest.mark.parametrize("invisible", (*ZERO_WIDTH, "\x00", "\ud800", "\x1b"))
def test_a_text_of_only_invisible_characters_becomes_the_placeholder(invisible: str) -> None:
    assert drawable(invisible) == PLACEHOLDER
    assert drawable(invisible * 3, "") == ""
    assert name(f" {invisible} ") == ""


def test_visible_text_keeps_its_letters_spaces_and_lines() -> None:
    assert drawable("Ma\u200bria\u202e Ö") == "Maria Ö"
    assert drawable("a\tb\nc\u2028d") == "a b\nc\nd"
    assert one_line("a\nb") == "a b"
    assert drawable("") == "" and drawable("  ") == "  "
    assert drawable("e\u0301 ✓ 日本 \U0001f986") == "e\u0301 ✓ 日本 \U0001f986"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_string_renders_through_the_draw_helpers(content: str) -> None:
    surface = pygame.Surface((200, 120))
    for f in (font(), font(bold=True)):
        draw.text(surface, content, f, (0, 0))
        draw.text(surface, content, f, (0, 0), width=60)
        draw.paragraph(surface, content, f, pygame.Rect(0, 0, 200, 120))
        assert draw.measure(content, f) >= 0


@pytest.mark.parametrize("invisible", (*ZERO_WIDTH, "\x00", "\ud800"))
def test_an_invisible_text_draws_a_visible_mark(invisible: str) -> None:
    surface = pygame.Surface((100, 40))
    rect = draw.text(surface, invisible, font(), (0, 0))
    assert rect.width > 0
    assert draw.text(surface, "", font(), (0, 0)).width == 0  # nothing given, nothing shown


# --- the app ------------------------------------------------------------------------------
def _through_every_screen(app: App) -> None:
    """Briefing, a turn, its report, help, pause, settings, and on to the debrief."""
    assert app.top.name == "briefing"
    key(app, pygame.K_RETURN)
    for overlay in ("help", "pause"):
        key(app, pygame.K_F1 if overlay == "help" else pygame.K_ESCAPE)
        assert app.top.name == overlay
        key(app, pygame.K_ESCAPE)
    while app.top.name in ("turn", "report"):
        key(app, pygame.K_RETURN)
        key(app, pygame.K_RETURN)
    assert app.top.name == "debrief"
    for chart in range(4):
        key(app, pygame.K_1 + chart)


@pytest.mark.parametrize(
    "team",
    # A zero-width and a bidi override in the inner loop; each round takes seconds.
    [t if t in ("\u200b", "\u202e") else pytest.param(t, marks=pytest.mark.slow) for t in HOSTILE],
)
def test_a_round_with_an_invisible_team_and_scenario_texts(
    team: str, hostile_scenarios: None
) -> None:
    app = make_app(scenario="tutorial", seed=3, team=team)
    _through_every_screen(app)
    assert app.running
    pump(app)
    app.draw()


def test_the_workshop_overlays_quote_invisible_event_titles(
    tmp_path: Path, hostile_scenarios: None
) -> None:
    app = make_app(
        scenario="crm-rollout", seed=7, team="\u202e", workshop=True, results_dir=tmp_path
    )
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn"
    ctrl_shift = pygame.KMOD_CTRL | pygame.KMOD_SHIFT
    key(app, pygame.K_e, ctrl_shift)
    assert app.top.name == "facilitator"
    click(app, button_named(app, PLACEHOLDER))  # the event's title, made visible
    app.draw()
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn"


def test_the_title_refuses_invisible_typing_and_pasting() -> None:
    app = make_app()
    title = app.top
    click(app, title.team_entry)
    for text in ("\u200b", "\u202e\u2066", "Blue\u200d", "\x00"):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text, window=None))
        pump(app)
    assert title.team_entry.get_text() == "Blue"
    pygame.scrap.put_text("\u200b\u202e")
    key(app, pygame.K_v, pygame.KMOD_CTRL)
    assert title.team_entry.get_text() == "Blue"
    title.team_entry.set_text("")
    title._remember_fields()
    assert title.team == ""


def test_a_team_of_invisible_characters_counts_as_no_team(hostile_scenarios: None) -> None:
    app = make_app(scenario="tutorial", seed=3, team="\u200b\u200d")
    key(app, pygame.K_ESCAPE)  # pause
    click(app, button_named(app, "Back to the title"))
    assert app.top.name == "title"
    assert app.top.team == "" and app.top.team_entry.get_text() == ""


def test_title_cards_with_invisible_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    def cards() -> list[ScenarioEntry]:
        shown = ("\u200b", "\u202e", "\x00")
        return [ScenarioEntry("tutorial", t, t, 8, "easy", "shipped", turn_label=t) for t in shown]

    monkeypatch.setattr(title_screen, "catalogue", cards)
    app = make_app()
    pump(app)
    app.draw()
    assert app.top.name == "title"


def test_screenshot_with_an_invisible_team(tmp_path: Path, hostile_scenarios: None) -> None:
    """For a look by eye (ODD_DUCK_SHOTS=folder keeps it): the marks are where texts were."""
    app = make_app(scenario="tutorial", seed=3, team="\u202eBlue\u200b")
    key(app, pygame.K_RETURN)
    folder = Path(os.environ.get("ODD_DUCK_SHOTS", tmp_path))
    assert save_shot(app, folder, "invisible-texts-turn").stat().st_size > 0


def test_the_file_dialog_leaves_out_names_it_cannot_draw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for file in ("\u200b", "\u202e", "\u200b.yaml", "plain.yaml"):
        (tmp_path / file).write_text("id: x\n", encoding="utf-8")
    (tmp_path / "\u2066").mkdir()
    monkeypatch.chdir(tmp_path)
    app = make_app()
    app.top.open_file_dialog()
    pump(app)
    app.draw()
    listed = [item[0] for item in app.top.dialog.current_file_list]
    assert "plain.yaml" in listed and "\u200b" not in listed and "\u2066" not in listed


def test_the_projector_view_in_a_tiny_window(tmp_path: Path) -> None:
    """Regression (monkey): at 100×100 the chart area was negative and matplotlib raised."""
    from game.policies import POLICIES
    from game.session.results import load_results, write_result
    from game.session.session import Session
    from game.ui.team_debrief import TeamDebriefView

    scenario, params = load("tutorial")
    for team in ("\u200b", "\u202eRed"):
        session = Session(scenario, params, 4, team=team)
        while not session.done:
            session.play(POLICIES["balanced"](session.observe(), params)[0])
        write_result(tmp_path, session, "tutorial", {})
    surface = pygame.display.set_mode((100, 100))
    view = TeamDebriefView(load_results(tmp_path), (100, 100))
    shown = []
    for _ in view.slides:
        view.draw(surface)
        shown.append(view.index)
        view.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0))
    # Every slide was drawn (the chart ones too), none was skipped for want of room.
    assert shown == list(range(len(view.slides))) and len(view.slides) > 1


def test_a_team_name_has_one_space_between_its_words() -> None:
    # Playtest 7: "Blue  Ducks of Room 4" was "Blue Ducks of Room 4" on the facilitator's
    # page (HTML folds spaces) and two spaces to the host.
    assert name("  Blue  Ducks\tof   Room 4 ") == "Blue Ducks of Room 4"
