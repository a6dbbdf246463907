"""A keyboard-only team reads every long text: Help and "Why N?" scroll by keys (issue 10,
playtest 9: Help's key list and 11 of 13 "Why N?" lines were out of reach without a mouse)."""

import pygame

from game.ui.screens.debrief.base import WHY
from tests.helpers.ui_driver import debrief_app, key, make_app


def test_help_scrolls_by_keyboard_to_its_end_and_back() -> None:
    app = make_app(window=(1024, 600))
    key(app, pygame.K_F1)
    assert app.top.name == "help"
    bar = app.top.page_box.scroll_bar
    assert bar is not None  # at this size the text is longer than its box
    key(app, pygame.K_DOWN)
    moved = bar.start_percentage
    assert moved > 0
    key(app, pygame.K_END)
    assert bar.start_percentage > moved
    assert abs(bar.start_percentage + bar.visible_percentage - 1.0) < 0.02
    key(app, pygame.K_HOME)
    assert bar.start_percentage == 0
    assert app.top.name == "help"  # the keys scrolled; nothing closed


def test_why_scrolls_by_keyboard_and_page_keys_stay_the_key_moments() -> None:
    app = debrief_app(window=(1024, 600), text_size=1.5, replayed=False)
    debrief = app.top
    debrief.show_chart(WHY)
    bar = debrief.why_box.scroll_bar
    assert bar is not None
    focused = debrief.focus.index
    key(app, pygame.K_DOWN)
    assert bar.start_percentage > 0
    key(app, pygame.K_END)
    assert abs(bar.start_percentage + bar.visible_percentage - 1.0) < 0.02
    assert debrief.focus.index == focused  # Down scrolled, it did not move the focus
    key(app, pygame.K_PAGEDOWN)  # the key moments' next page, as before
    assert bar.start_percentage > 0 and app.top is debrief
