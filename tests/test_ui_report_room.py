"""The week report uses its room: where the next story does not fit whole, its first lines
show, fading out, above the note that counts it as below (issue 10, playtest 8 at
projector size saw two stories and then an empty band)."""

import pygame
import pytest

from game.local.settings import Settings
from game.policies import POLICIES
from game.ui import draw, flow
from game.ui.screens.report import ReportScreen
from tests.helpers.ui_driver import make_app


def test_the_next_story_shows_its_first_lines_where_it_does_not_fit_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(window=(1280, 720))
    app.apply_settings(Settings(text_size=1.5))
    flow.start_game(app, "crm-rollout", 1, "Blue")
    game = app.game
    for _ in range(4):
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    drawn: list[tuple[str, pygame.Rect]] = []
    real = draw.text

    def spy(surface, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        rect = real(surface, text, *args, **kwargs)
        drawn.append((text, rect))
        return rect

    partial = 0
    for week in range(4):
        screen = ReportScreen(app, week)
        app.replace_all(screen)
        drawn.clear()
        monkeypatch.setattr(draw, "text", spy)
        app.draw()
        monkeypatch.setattr(draw, "text", real)
        items = [
            i
            for i in screen.report.items
            if i.text.rstrip(".…") != screen.report.headline.rstrip(".…")
        ]
        shown = len(items) - screen.first_item - screen.items_below
        if not screen.items_below:
            continue
        following = items[shown]
        font = screen.style.font(16)
        width = screen.story.width - screen.style.text_px(18) - screen.style.px(32)
        first_line = draw.wrap(following.text, font, width)[0]
        texts = [t for t, _ in drawn]
        note = [r for t, r in drawn if "more below" in t]
        assert note
        if first_line in texts:
            # Its first line lies above the note, inside the story column.
            [line] = [r for t, r in drawn if t == first_line]
            assert line.bottom <= note[0].top and screen.story.contains(line)
            partial += 1
    assert partial
