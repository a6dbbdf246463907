"""The menu (Esc) opens the briefing again, read-only, and it returns to where the team was."""

import pygame

from game.policies import POLICIES
from game.ui import flow
from tests.helpers.ui_driver import button_named, click, key, make_app


def test_the_briefing_is_read_again_from_the_menu_and_returns_to_the_turn() -> None:
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    click(app, button_named(app, "Begin"))
    assert app.top.name == "turn"
    turn = app.top
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    click(app, button_named(app, "Briefing"))
    assert app.top.name == "briefing" and app.top.read_only
    labels = [b.text for b in app.top.clicks]
    assert labels == ["Back to the round"]  # read-only: no Begin, no way to the title
    click(app, button_named(app, "Back to the round"))
    assert app.top is turn and [s.name for s in app.stack] == ["turn"]

    key(app, pygame.K_ESCAPE)
    click(app, button_named(app, "Briefing"))
    key(app, pygame.K_ESCAPE)  # Esc goes back too, not to another menu
    assert app.top is turn


def test_the_briefing_can_be_read_from_the_debrief_menu() -> None:
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    game = app.game
    while not game.session.done:
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    flow.show_current_turn(app)
    debrief = app.top
    key(app, pygame.K_ESCAPE)
    click(app, button_named(app, "Briefing"))
    assert app.top.name == "briefing"
    click(app, button_named(app, "Back to the debrief"))  # the round is over: say where
    assert app.top is debrief
