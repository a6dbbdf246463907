"""The real app, played from the title to the debrief with the keyboard and with the mouse."""

import numpy as np
import pygame
import pytest

from game.local import paths
from game.model import outcome
from game.session.game_run import GameRun
from tests.helpers.ui_driver import button_named, click, key, make_app, pump


def _pixels_vary(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    """More than a flat fill: a drawn chart has many distinct colours."""
    area = pygame.surfarray.array3d(surface.subsurface(rect))
    colours = np.unique(area.reshape(-1, 3), axis=0)
    return len(colours) > 50


@pytest.mark.slow  # the mouse-only round below takes a third of the time
def test_keyboard_only_round_of_the_tutorial() -> None:
    app = make_app()
    assert app.top.name == "title"
    title = app.top
    # Walk the focus ring to the tutorial card and choose it, then to Start.
    for _ in range(len(title.focus.items)):
        if (
            title.focus.current.action is not None
            and title.card_rects[0][0].center == title.focus.current.element.rect.center
        ):
            break
        key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)
    assert title.entries[title.selected].ref == "tutorial"
    while app.top.focus.current.element.text != "Start the round":
        key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn"
    session = app.game.session
    weeks = 0
    while app.top.name == "turn":
        turn = app.top
        # Down to the first build row, fill it; then a check-in for person 1.
        for _ in range(3):
            key(app, pygame.K_RIGHT)
        key(app, pygame.K_1)
        key(app, pygame.K_RIGHT)
        assert turn.planner.plan.sum() > 0
        key(app, pygame.K_RETURN)
        if turn.planner.left() > 0:  # the first press only warns about unplanned points
            assert app.top is turn and "not planned yet" in turn.message
            key(app, pygame.K_RETURN)
        weeks += 1
        assert app.top.name == "report"
        key(app, pygame.K_RETURN)
    assert app.top.name == "debrief"
    assert session.done and len(session.plans) == weeks
    # Every played week is on disk: the autosave replays to the same end.
    restored = GameRun.resume(paths.autosave_path()).session
    assert restored.plans and np.array_equal(np.stack(restored.plans), np.stack(session.plans))
    debrief = app.top
    app.draw()
    assert _pixels_vary(app.surface, debrief.chart_rect)
    for chart in range(4):
        key(app, pygame.K_1 + chart)
        app.draw()
        assert debrief.chart == chart
        assert _pixels_vary(app.surface, debrief.chart_rect)


def test_mouse_only_round_of_the_tutorial() -> None:
    app = make_app()
    title = app.top
    ghosts = [
        item.element
        for item in title.focus.items
        if item.element.rect.collidepoint(title.card_rects[0][0].center)
    ]
    click(app, ghosts[0])
    assert title.entries[title.selected].ref == "tutorial"
    click(app, button_named(app, "Start the round"))
    assert app.top.name == "briefing"
    click(app, button_named(app, "Begin"))
    session = app.game.session
    while app.top.name == "turn":
        turn = app.top
        plus = [up for _, (_, _, up) in sorted(turn.row_widgets.items())]
        click(app, plus[0])
        click(app, plus[0])
        assert turn.planner.plan.sum() > 0
        click(app, button_named(app, "End"))
        if app.top is turn:  # points left over: a warning first, the second click ends the week
            assert "not planned yet" in turn.message
            click(app, button_named(app, "End"))
        assert app.top.name == "report"
        click(app, button_named(app, "Plan" if not session.done else "See the debrief"))
    assert app.top.name == "debrief"
    assert session.done
    result = outcome(session.state, session.params)
    assert np.isfinite(result.score[0])


def test_autoplay_through_the_real_screens_matches_the_policy() -> None:
    """The pilot presses what a player would; the round equals the policy played headless."""
    from game.session.debrief import compare_policies

    app = make_app(scenario="tutorial", seed=11, autoplay="balanced", pace=0.0)
    for _ in range(400):
        pump(app, 1)
        if app.top.name == "debrief":
            break
    assert app.top.name == "debrief"
    session = app.game.session
    balanced = compare_policies(session, ("balanced",))[0]
    assert outcome(session.state, session.params).score[0] == balanced.score


@pytest.mark.parametrize("overlay", ["help", "pause", "settings"])
def test_overlays_open_and_close_from_the_turn_screen(overlay: str) -> None:
    app = make_app(scenario="tutorial", seed=2)
    key(app, pygame.K_RETURN)
    assert app.top.name == "turn"
    if overlay == "help":
        key(app, pygame.K_F1)
    elif overlay == "pause":
        key(app, pygame.K_ESCAPE)
    else:
        key(app, pygame.K_ESCAPE)
        click(app, button_named(app, "Settings"))
    assert app.top.name == overlay
    key(app, pygame.K_ESCAPE)
    assert app.top.name in ("turn", "pause")
