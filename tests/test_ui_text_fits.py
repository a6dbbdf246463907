"""No label cuts its text: every screen, at every supported window and text size.

Painted text is watched through `draw.observe_cuts` (every `fit`, `wrap`, `paragraph`
and `text(width=...)` that had to cut); pygame_gui buttons and labels are measured with
their own font against the room inside their border (`ui_checks.gui_cuts`). A cut is
allowed only where the whole text stays readable another way: painted text says where
with `full_text_elsewhere=...`, a button by repeating its text in its tooltip.
"""

from collections.abc import Callable, Mapping
from functools import partial
from typing import NamedTuple

import pytest

from game.local.settings import TEXT_SIZES, Settings
from game.ui import draw, flow
from game.ui.app import App
from game.ui.screens.facilitator import FacilitatorOverlay
from game.ui.theme import DESIGN_SIZE, MIN_SIZE
from tests.helpers.ui_checks import SCREENS, gui_cuts, open_screen
from tests.helpers.ui_driver import make_app, pump

WINDOWS = sorted({DESIGN_SIZE, MIN_SIZE})
LANGUAGES = ["en", "de"]  # German words are longer: the harder test of the same layouts
SLOW = pytest.mark.slow


class Found(NamedTuple):
    screen: str  # the first screen it showed on (an overlay also paints the screen below)
    text: str  # the whole text
    what: str  # the text, what showed of it, and the room it had
    where: str  # the code that drew it (file:function:line), or the pygame_gui element


def cuts_on_every_screen(window: tuple[int, int], text_size: float, language: str) -> list[Found]:
    """Every cut on every screen with no other way to read the whole text, each once."""
    app = make_app(window=window)
    app.apply_settings(Settings(text_size=text_size, language=language))
    return _cuts(app, {name: partial(open_screen, app, name) for name in SCREENS})


def cuts_for_the_facilitator(
    window: tuple[int, int], text_size: float, language: str
) -> list[Found]:
    """The same for the facilitator's workshop overlays (pause, a minute more, an event)."""
    app = make_app(window=window, workshop=True)
    app.apply_settings(Settings(text_size=text_size, language=language))
    open_screen(app, "turn")

    def overlay(command: str, pick: bool = False) -> None:
        flow.show_current_turn(app)
        app.push(FacilitatorOverlay(app, command))
        if pick:  # the event with the most to say
            events = app.game.session.scenario.events  # type: ignore[union-attr]
            longest = max(range(len(events)), key=lambda e: len(events[e].title + events[e].text))
            app.top.pick(longest)  # type: ignore[attr-defined]

    steps = {f"facilitator {c}": partial(overlay, c) for c in ("pause", "minute", "event")}
    steps["facilitator event chosen"] = partial(overlay, "event", pick=True)
    return _cuts(app, steps)


def _cuts(app: App, steps: Mapping[str, Callable[[], None]]) -> list[Found]:
    """Take each step (it opens a screen), draw a frame, and collect the cuts."""
    found: dict[tuple[str, str], Found] = {}
    screen = ""

    def record(cut: draw.Cut) -> None:
        if not cut.elsewhere:
            what = f"'{cut.full}' shown as '{cut.shown}' in {cut.width}px"
            found.setdefault((what, cut.where), Found(screen, cut.full, what, cut.where))

    with draw.observe_cuts(record):
        for screen, step in steps.items():
            step()
            pump(app, 1)
            for label, what, element in gui_cuts(app):
                found.setdefault((what, element), Found(screen, label, what, element))
    return list(found.values())


def _params() -> list[object]:
    """Every combination; the projector size and the default text size run in the fast
    suite (the whole walk is ~2.5 s per combination), the in-between size only in CI."""

    def fast(text_size: float, language: str) -> bool:
        return text_size == 1.5 or (text_size == 1.0 and language == "en")

    return [
        pytest.param(
            w, t, lang, id=f"{w[0]}x{w[1]}-text{t:g}-{lang}", marks=() if fast(t, lang) else SLOW
        )
        for w in WINDOWS
        for t in TEXT_SIZES
        for lang in LANGUAGES
    ]


@pytest.mark.parametrize(("window", "text_size", "language"), _params())
def test_no_label_cuts_its_text(window: tuple[int, int], text_size: float, language: str) -> None:
    cuts = cuts_on_every_screen(window, text_size, language)
    lines = [f"{c.screen}: {c.what} by {c.where}" for c in cuts]
    assert not cuts, f"{len(cuts)} texts cut with no other way to read them:\n" + "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
def test_no_facilitator_text_is_cut_at_projector_size(
    window: tuple[int, int], language: str
) -> None:
    cuts = cuts_for_the_facilitator(window, 1.5, language)
    lines = [f"{c.screen}: {c.what} by {c.where}" for c in cuts]
    assert not cuts, f"{len(cuts)} texts cut with no other way to read them:\n" + "\n".join(lines)
