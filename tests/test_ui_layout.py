"""Every screen at every supported window size: widgets inside the window, none overlapping."""

import pygame
import pytest

from game.local.settings import Settings
from tests.helpers.ui_checks import SCREENS, open_screen, problems
from tests.helpers.ui_driver import make_app, pump

SLOW = pytest.mark.slow  # the big windows take seconds each: the same layout code, drawn larger
SIZES = [
    (1024, 600),
    (1280, 720),
    pytest.param((1920, 1080), marks=SLOW),
    pytest.param((3840, 2160), marks=SLOW),
]


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


@pytest.mark.parametrize(
    "size", [pytest.param((1280, 720), marks=SLOW), (1024, 600)], ids=["1280x720", "1024x600"]
)
def test_projector_text_size_still_fits(size: tuple[int, int]) -> None:
    app = make_app(window=size)
    app.apply_settings(Settings(text_size=1.5))
    for name in SCREENS:
        open_screen(app, name)
        pump(app, 1)
        assert problems(app) == [], name
