"""Every screen at every supported window size: widgets inside the window, none overlapping."""

import itertools

import pygame
import pytest

from game.policies import POLICIES
from game.ui import flow
from game.ui.app import App
from game.ui.screens.report import ReportScreen
from game.ui.settings import Settings
from tests.ui_driver import make_app, pump

SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]
SCREENS = ["title", "briefing", "turn", "report", "debrief", "help", "pause", "settings"]


def _play(app: App, weeks: int) -> None:
    game = app.game
    assert game is not None
    for _ in range(weeks):
        if game.session.done:
            break
        game.play(POLICIES["delivery_first"](game.session.observe(), game.session.params)[0])


def open_screen(app: App, name: str) -> None:
    """Bring the app to screen `name` the way play would (the rounds are played headless)."""
    if name == "title":
        flow.to_title(app)
        return
    flow.start_game(app, "lan-migration", 3, "Blue")  # the scenario with the most people
    if name == "briefing":
        return
    _play(app, 30 if name == "debrief" else 4)
    flow.show_current_turn(app)
    if name == "report":
        app.replace_all(ReportScreen(app, len(app.game.session.logs) - 1))
    elif name == "help":
        flow.open_help(app)
    elif name == "pause":
        flow.open_pause(app)
    elif name == "settings":
        flow.open_settings(app)


def problems(app: App) -> list[str]:
    width, height = app.surface.get_size()
    window = pygame.Rect(0, 0, width, height)
    found = []
    elements = app.top.elements()
    for e in elements:
        if not window.contains(e.rect):
            found.append(f"{type(e).__name__} {e.rect} is outside the window {window.size}")
    for a, b in itertools.combinations(elements, 2):
        if a.rect.colliderect(b.rect):
            found.append(f"{type(a).__name__} {a.rect} overlaps {type(b).__name__} {b.rect}")
    for name, rect in getattr(app.top, "regions", dict)().items():
        if not window.contains(rect):
            found.append(f"region {name} {rect} is outside the window")
    regions = list(getattr(app.top, "regions", dict)().items())
    for (na, ra), (nb, rb) in itertools.combinations(regions, 2):
        if ra.colliderect(rb):
            found.append(f"region {na} {ra} overlaps {nb} {rb}")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_after_a_resize(size: tuple[int, int]) -> None:
    app = make_app()
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
    pump(app, 1)
    assert app.surface.get_size() == size
    for name in SCREENS:
        open_screen(app, name)
        pump(app, 1)
        assert app.top.name == name
        assert problems(app) == [], name


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=["1280x720", "1024x600"])
def test_projector_text_size_still_fits(size: tuple[int, int]) -> None:
    app = make_app(window=size)
    app.apply_settings(Settings(text_size=1.5))
    for name in SCREENS:
        open_screen(app, name)
        pump(app, 1)
        assert problems(app) == [], name
