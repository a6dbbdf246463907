"""Driving the real app with synthetic pygame events, as a player would (dummy SDL drivers)."""

from pathlib import Path

import pygame
import pygame_gui

from game.local.settings import Settings
from game.policies import POLICIES
from game.session.game_run import GameRun
from game.ui import flow
from game.ui.app import App, PlayOptions

FRAME = 1 / 60


def make_app(window: tuple[int, int] = (1280, 720), **options: object) -> App:
    """The app with its first screen open, default settings (never the user's)."""
    app = App(PlayOptions(window=window, **options), Settings())  # type: ignore[arg-type]
    flow.open_first_screen(app)
    app.frame([], FRAME)
    return app


def turn_after(
    app: App,
    weeks: int | None,
    scenario: str = "crm-rollout",
    seed: int = 7,
    policy: str = "balanced",
) -> App:
    """`app` on the turn screen of a new round of `scenario`, after `weeks` weeks that
    `policy` played headless (None: the whole round, so on the debrief)."""
    flow.start_game(app, scenario, seed, "Blue")
    game = app.game
    assert game is not None
    while not game.session.done and (weeks is None or len(game.session.logs) < weeks):
        game.play(POLICIES[policy](game.session.observe(), game.session.params)[0])
    flow.show_current_turn(app)
    pump(app)
    assert app.top.name == ("debrief" if game.session.done else "turn")
    return app


def pump(app: App, frames: int = 3) -> None:
    """Run a few frames so that posted events and the UI events they cause are handled."""
    for _ in range(frames):
        app.frame(pygame.event.get(), FRAME)
        if not app.running:
            return


def key(app: App, code: int, mod: int = 0, unicode: str = "") -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=unicode, scancode=0)
    )
    pygame.event.post(
        pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode=unicode, scancode=0)
    )
    pump(app)


def click(app: App, element: pygame_gui.core.UIElement) -> None:
    """A left click at the element's centre: down, then up."""
    click_at(app, element.rect.center)


def click_at(app: App, pos: tuple[int, int]) -> None:
    """A left click at `pos`, after the mouse moved there (pygame_gui hovers first)."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    )
    pump(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    pump(app)


def button_named(app: App, text: str) -> pygame_gui.elements.UIButton:
    """The top screen's enabled button whose label starts with `text`."""
    for element in app.top.manager.get_sprite_group().sprites():
        if isinstance(element, pygame_gui.elements.UIButton) and element.text.startswith(text):
            return element
    labels = [
        e.text
        for e in app.top.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIButton)
    ]
    raise AssertionError(f"no button '{text}' on {app.top.name}: {labels}")


def save_shot(app: App, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    app.capture(path)
    return path


def finish_round(run: GameRun | None, policy: str = "delivery_first") -> None:
    assert run is not None
    params = run.session.params
    while not run.session.done:
        run.play(POLICIES[policy](run.session.observe(), params)[0])


def debrief_app(
    window: tuple[int, int] = (1280, 720),
    text_size: float = 1.0,
    scenario: str = "crm-rollout",
    replayed: bool = True,
) -> App:
    """The debrief of a finished round; with `replayed`, the second try (replayed from week 4)."""
    app = make_app(window=window, scenario=scenario, seed=1, team="Blue")
    if text_size != 1.0:
        app.apply_settings(Settings(text_size=text_size))
    finish_round(app.game)
    flow.show_current_turn(app)
    if replayed:
        app.top.replay_turn = 3
        app.top.replay()
        finish_round(app.game, "balanced")
        flow.show_current_turn(app)
    pump(app)
    assert app.top.name == "debrief"
    return app
