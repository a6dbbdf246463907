"""The first week's tips (coach marks): shown to a first-time team once, skippable, harmless."""

import pygame
import pytest

from game.local import paths
from game.local.settings import Settings, load_settings
from game.ui import draw, flow
from game.ui.app import App, PlayOptions
from game.ui.screens.coach import CoachOverlay
from game.ui.screens.turn import TurnScreen
from tests.helpers.ui_checks import gui_cuts
from tests.helpers.ui_driver import click, key, pump


def _first_turn(settings: Settings | None = None, window: tuple[int, int] = (1280, 720)) -> App:
    """A round started as on a fresh machine: settings from the (empty) data folder."""
    app = App(PlayOptions(window=window), settings)
    flow.open_first_screen(app)
    flow.start_game(app, "tutorial", 3, "Blue")
    key(app, pygame.K_RETURN)  # past the briefing
    pump(app)
    return app


def _coach(app: App) -> CoachOverlay:
    coach = app.top
    assert isinstance(coach, CoachOverlay), app.top.name
    return coach


def test_a_fresh_machine_has_not_been_coached() -> None:
    assert not paths.settings_path().exists()
    assert load_settings(paths.settings_path()).coached is False
    assert Settings().coached is True  # settings made in code never interrupt


def test_the_tips_show_on_a_first_round_and_never_on_the_next() -> None:
    app = _first_turn()
    coach = _coach(app)
    turn = app.stack[-2]
    assert isinstance(turn, TurnScreen)
    assert 3 <= len(coach.marks) <= 5
    window = pygame.Rect((0, 0), app.surface.get_size())
    regions = turn.regions().values()
    for step in range(len(coach.marks)):
        assert coach.step == step
        mark = coach.mark
        assert window.contains(mark.target)
        # Each tip points at a real part of the turn screen.
        assert any(r.contains(mark.target) for r in (*regions, turn.list_area))
        assert window.contains(coach.callout())
        key(app, pygame.K_RETURN)
    assert app.top is turn
    assert app.settings.coached and load_settings(paths.settings_path()).coached

    again = _first_turn()  # the next round on this machine
    assert again.top.name == "turn"


def test_esc_skips_the_tips_and_they_stay_skipped() -> None:
    app = _first_turn()
    _coach(app)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "turn"  # not the pause menu: Esc only ended the tips
    assert load_settings(paths.settings_path()).coached


def test_skip_button_and_clicks_go_on() -> None:
    app = _first_turn()
    coach = _coach(app)
    click(app, coach.next_button)
    assert coach.step == 1
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 700), button=1, touch=False)
    )
    pump(app)
    assert coach.step == 2
    click(app, coach.skip_button)
    assert app.top.name == "turn"


@pytest.mark.parametrize("window", [(1280, 720), (1024, 600)])
def test_the_plan_cannot_change_while_a_tip_shows(window: tuple[int, int]) -> None:
    app = _first_turn(window=window)
    coach = _coach(app)
    turn = app.stack[-2]
    assert isinstance(turn, TurnScreen)
    person = turn.person
    for code in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_2, pygame.K_DELETE):
        key(app, code)
    _, _, plus = next(iter(turn.row_widgets.values()))
    for _ in range(3):  # clicks where the + buttons are only move through the tips
        click(app, plus)
    assert turn.planner.is_empty() and turn.person == person
    assert not turn.session.logs and app.top is coach


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("window", [(1280, 720), (1024, 600)])
def test_every_tip_reads_whole_at_projector_size(window: tuple[int, int], language: str) -> None:
    app = _first_turn(Settings(text_size=1.5, language=language, coached=False), window)
    coach = _coach(app)
    cuts: list[draw.Cut] = []
    with draw.observe_cuts(cuts.append):
        for _ in coach.marks:
            app.frame([], 1 / 60)
            assert gui_cuts(app) == []
            key(app, pygame.K_RETURN)
    assert [c for c in cuts if not c.elsewhere] == []
    app.frame([], 1 / 60)
    assert gui_cuts(app) == []  # the turn screen's own buttons: Undo, Clear plan, End week
