"""The debrief screen as a team sees it on a projector: why the score, the key moments page
by page, earlier tries beside the score, one outline, a status line that covers nothing."""

import numpy as np
import pygame
import pytest

from game.ui import draw
from game.ui.theme import ACCENT, FOCUS
from tests.helpers.ui_checks import problems
from tests.helpers.ui_driver import (
    button_named,
    click,
    debrief_app,
    key,
)

PROJECTOR = ((1024, 600), 1.5)


def _colour_near(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> bool:
    """Whether `colour` is painted in a band a few pixels around `rect` (an outline)."""
    pixels = pygame.surfarray.array3d(surface)
    band = rect.inflate(12, 12).clip(surface.get_rect())
    inner = rect.inflate(-6, -6)
    area = pixels[band.left : band.right, band.top : band.bottom].copy()
    area[
        inner.left - band.left : inner.right - band.left,
        inner.top - band.top : inner.bottom - band.top,
    ] = 0
    return bool((np.abs(area.astype(int) - np.array(colour)).sum(axis=2) < 30).any())


def test_the_score_breakdown_is_the_first_view_and_the_keys_switch_views() -> None:
    app = debrief_app()
    screen = app.top
    assert screen.chart == 0 and screen.tabs[0].text.startswith("Why")
    assert screen.why_box.visible
    for k in range(1, 5):
        key(app, pygame.K_1 + k)
        assert screen.chart == k and not screen.why_box.visible
    key(app, pygame.K_1)
    assert screen.chart == 0 and screen.why_box.visible
    assert (
        "defects\u00a0−" in screen.why_box.html_text or "not finished" in screen.why_box.html_text
    )


def test_one_outline_only_the_chosen_tab_is_marked_another_way() -> None:
    app = debrief_app()
    screen = app.top
    app.keyboard_used = True
    key(app, pygame.K_2)  # the progress chart; then the focus goes on to the bottom bar
    for _ in range(4):
        key(app, pygame.K_TAB)
    app.draw()
    focused = screen.focus.current.element
    assert focused is not screen.tabs[1]
    assert not _colour_near(app.surface, screen.tabs[1].rect, FOCUS)
    assert not _colour_near(app.surface, screen.tabs[1].rect, ACCENT)
    assert _colour_near(app.surface, focused.rect, FOCUS)


def test_the_export_message_goes_to_the_status_line_and_covers_no_chart(tmp_path) -> None:
    app = debrief_app()
    screen = app.top
    key(app, pygame.K_2)
    app.draw()
    chart = pygame.surfarray.array3d(app.surface.subsurface(screen.chart_rect)).copy()
    click(app, button_named(app, "Export round"))
    assert screen.message.startswith("Saved")
    app.draw()
    after = pygame.surfarray.array3d(app.surface.subsurface(screen.chart_rect))
    assert np.array_equal(chart, after)
    assert not screen.status.colliderect(screen.chart_rect)
    assert not screen.status.colliderect(screen.moments_rect)
    assert problems(app) == []


@pytest.mark.parametrize(("window", "text_size"), [((1280, 720), 1.0), PROJECTOR])
def test_key_moments_page_through_all_of_them_never_two_at_a_time(window, text_size) -> None:
    app = debrief_app(window, text_size, replayed=False)
    screen = app.top
    shown = [len(page) for page in screen.pages]
    assert sum(shown) == len(screen.moments) > 3
    assert all(n >= 3 for n in shown[:-1]), shown  # only the last page may hold fewer
    assert screen.page == 0 and not screen.page_earlier.is_enabled
    if len(shown) > 1:
        key(app, pygame.K_PAGEDOWN)
        assert screen.page == 1
        click(app, screen.page_earlier)
        assert screen.page == 0


@pytest.mark.parametrize(("window", "text_size"), [((1280, 720), 1.0), PROJECTOR])
def test_earlier_tries_sit_beside_the_score_and_nothing_is_cut(window, text_size) -> None:
    app = debrief_app(window, text_size)
    screen = app.top
    assert [t[0] for t in screen.tries] == [screen.tries[0][0]]
    assert screen.tries[0][0].startswith("Your try 1: ")
    assert screen.head.contains(screen.tries_rect)
    cuts: list[draw.Cut] = []
    with draw.observe_cuts(lambda cut: cuts.append(cut) if not cut.elsewhere else None):
        app.draw()
    assert [c.full for c in cuts] == []
    assert problems(app) == []


def test_through_their_eyes_opens_the_role_swap() -> None:
    pytest.importorskip("game.ui.screens.eyes")
    app = debrief_app(replayed=False)
    click(app, button_named(app, "Through their eyes"))
    assert app.top.name == "eyes"
