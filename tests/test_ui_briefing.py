"""The briefing shows every person and every line at any text size: pages, not cuts."""

import pygame

from game.local.settings import Settings
from game.ui import flow
from tests.helpers.ui_driver import click, key, make_app


def _briefing(window: tuple[int, int], text_size: float, language: str = "en"):  # type: ignore[no-untyped-def]
    app = make_app(window=window)
    app.apply_settings(Settings(text_size=text_size, language=language))
    flow.start_game(app, "lan-migration", 3, "Blue")  # the scenario with the most people
    return app


def test_every_person_is_on_one_page_and_the_pages_turn() -> None:
    app = _briefing((1024, 600), 1.5, "de")
    screen = app.top
    pages = screen.people_pages
    assert len(pages) > 1
    shown = [k for page in pages for k, _ in page]
    assert shown == list(range(len(app.game.session.scenario.stakeholders)))
    for page in pages:  # the cards of a page stay in the people column
        for _, rect in page:
            assert screen.right.contains(rect)

    previous, following = app.top.pagers
    assert not previous.is_enabled and following.is_enabled  # page 1: nothing before it
    key(app, pygame.K_PAGEDOWN)
    assert app.top.people_page == 1 and previous.is_enabled
    for _ in pages:
        key(app, pygame.K_PAGEDOWN)  # never past the last page
    assert app.top.people_page == len(pages) - 1 and not following.is_enabled
    click(app, following)  # disabled: nothing happens
    assert app.top.people_page == len(pages) - 1
    click(app, previous)
    assert app.top.people_page == len(pages) - 2 and following.is_enabled


def test_how_to_play_moves_into_the_story_box_when_it_has_no_room() -> None:
    small = _briefing((1024, 600), 1.5).top
    assert small.how_in_box and "How to play" in small.story.html_text
    roomy = _briefing((1280, 720), 1.0).top
    assert not roomy.how_in_box and not roomy.goal_in_box
    assert "How to play" not in roomy.story.html_text
