"""The menu (Esc) opens the briefing again, read-only, and it returns to where the team was."""

import pygame

from game.policies import POLICIES
from game.ui import flow
from game.ui.app import App
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


def _at_the_debrief() -> App:
    """A tutorial round played to its end by the balanced policy, on its debrief."""
    app = make_app(scenario="tutorial", seed=3, team="Blue")
    game = app.game
    assert game is not None
    while not game.session.done:
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    flow.show_current_turn(app)
    return app


def test_the_briefing_can_be_read_from_the_debrief_menu() -> None:
    app = _at_the_debrief()
    debrief = app.top
    key(app, pygame.K_ESCAPE)
    click(app, button_named(app, "Briefing"))
    assert app.top.name == "briefing"
    click(app, button_named(app, "Back to the debrief"))  # the round is over: say where
    assert app.top is debrief


def test_a_screen_rebuilt_under_an_overlay_keeps_its_buttons() -> None:
    """Playtest: after the text size changed in Settings (over the menu, over the turn
    screen), the turn screen's '?', 'Menu' and −/+ were gone until the overlays closed; and
    the menu's panel showed through behind Settings."""
    from dataclasses import replace

    from game.local.settings import Settings
    from game.ui import flow
    from tests.helpers.ui_driver import key, make_app, pump

    app = make_app()
    app.apply_settings(Settings(coached=True))
    flow.start_game(app, "crm-rollout", 1, "Blue")
    key(app, pygame.K_RETURN)  # past the briefing
    turn = app.top
    flow.open_pause(app)
    flow.open_settings(app)
    app.apply_settings(replace(app.settings, text_size=1.5))
    pump(app)
    drawn: list[str] = []
    for screen in app.stack:
        real = screen.manager.draw_ui

        def spy(surface: pygame.Surface, name: str = screen.name, real=real) -> None:  # type: ignore[no-untyped-def]
            drawn.append(name)
            real(surface)

        screen.manager.draw_ui = spy  # type: ignore[method-assign]
    app.draw()
    assert drawn == ["turn", "settings"]  # not the menu between them
    # The turn screen's manager paints its rebuilt buttons (it had no update of its own).
    help_button = next(
        e for e in turn.manager.get_sprite_group().sprites() if getattr(e, "text", "") == "?"
    )
    bare, with_ui = pygame.Surface(app.surface.get_size()), pygame.Surface(app.surface.get_size())
    turn.draw(bare)
    turn.draw(with_ui)
    turn.manager.draw_ui(with_ui)
    area = help_button.rect
    pixels = [
        (x, y) for x in range(area.left, area.right, 2) for y in range(area.top, area.bottom, 2)
    ]
    assert any(bare.get_at(p) != with_ui.get_at(p) for p in pixels)


def test_a_finished_rounds_menu_offers_to_quit_and_to_play_again_not_to_save_or_lose() -> None:
    # Playtest 8: the debrief's menu offered "Save and quit" and "Restart this round"
    # ("this round is lost" on the second press) for a round that was over and kept.
    app = _at_the_debrief()
    key(app, pygame.K_ESCAPE)
    labels = [b.text for b in app.top.clicks]
    assert "Save and quit" not in labels and "Restart this round" not in labels
    assert "Quit" in labels
    click(app, button_named(app, "Play it again from the start"))  # at once: nothing is lost
    assert app.top.name != "pause" and not app.game.session.done
    assert app.game.session.turn == 0 and len(app.game.attempts) == 1
