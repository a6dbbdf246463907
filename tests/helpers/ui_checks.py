"""What a screen must satisfy, checked on the real app: it fits, and every glyph exists."""

import itertools
from pathlib import Path

import pygame
import pygame_gui

from game.policies import POLICIES
from game.ui import flow
from game.ui.app import App
from game.ui.screens.report import ReportScreen

SCREENS = ["title", "briefing", "turn", "report", "debrief", "help", "pause", "settings"]
MISSING_PROBE = "\U000f0000"  # a private-use character no font has: its box is the reference


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
    """Every widget or region of the top screen outside the window or overlapping another."""
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


def noto(weight: str = "Regular", size: int = 16) -> pygame.font.Font:
    """The UI's font (pygame_gui's Noto Sans) at `size`."""
    pygame.font.init()
    data = Path(pygame_gui.__file__).parent / "data"
    return pygame.font.Font(str(data / f"NotoSans-{weight}.ttf"), size)


def missing(font: pygame.font.Font, text: str) -> set[str]:
    """The characters of `text` that `font` draws as the missing-glyph box."""
    box = font.metrics(MISSING_PROBE)[0]
    chars = {c for c in text if not c.isspace()}
    return {
        c
        for c, m in zip(sorted(chars), font.metrics("".join(sorted(chars))), strict=True)
        if m is None or m == box
    }


def gui_cuts(app: App) -> list[tuple[str, str, str]]:
    """Every pygame_gui button or label of the top screen whose text is wider than the
    room inside its border: pygame_gui clips such text mid-word. A text box scrolls and a
    text entry line scrolls, so they never hide text. A cut is allowed only when the
    element's tooltip repeats the whole text (the reader can hover to read it).
    Each cut is (the text, what: the text and the room, where: the element)."""
    found = []
    for element in app.top.manager.get_sprite_group().sprites():
        if not isinstance(element, pygame_gui.elements.UIButton | pygame_gui.elements.UILabel):
            continue
        text = element.text
        if not text.strip() or not element.visible or element.font is None:
            continue
        shape = getattr(element, "drawable_shape", None)
        view = getattr(shape, "text_view_rect", None)
        room = view.width if view is not None and view.width > 0 else element.rect.width
        needed = element.font.get_rect(text).width
        tip = getattr(element, "tool_tip_text", None) or ""
        if needed > room and text not in tip:
            what = f"'{text}' needs {needed}px, has {room}px"
            found.append(
                (text, what, f"{type(element).__name__} {element.object_ids} {element.rect}")
            )
    return found
