"""Where the turn screen's panels go: pure geometry from the Style, computed on every rebuild."""

from dataclasses import dataclass

import pygame

from game.i18n import tr
from game.ui import draw
from game.ui.theme import Style
from game.ui.widgets import topbar


@dataclass(frozen=True)
class Layout:
    """The panels: the top bar, the people (left), the board and the news (middle), the plan."""

    top: pygame.Rect
    people_area: pygame.Rect
    board_area: pygame.Rect
    news: pygame.Rect
    plan_area: pygame.Rect


def lay_out(s: Style) -> Layout:
    """The panels for the window `s.window`: three columns under the top bar."""
    w, h = s.window
    g = s.px(16)
    top = pygame.Rect(0, 0, w, topbar.height(s))
    body_top = top.bottom + g
    usable = w - 4 * g
    left_w, right_w = round(usable * 0.28), round(usable * 0.28)
    mid_w = usable - left_w - right_w
    news_h = 2 * s.font(15).get_linesize() + s.px(16)
    people_area = pygame.Rect(g, body_top, left_w, h - g - body_top)
    news = pygame.Rect(people_area.right + g, h - g - news_h, mid_w, news_h)
    board_area = pygame.Rect(news.left, body_top, mid_w, news.top - g - body_top)
    plan_area = pygame.Rect(board_area.right + g, body_top, right_w, h - g - body_top)
    return Layout(top, people_area, board_area, news, plan_area)


def note_height(s: Style) -> int:
    """Room under a scrolling list for its 'more below' note."""
    return s.font(13).get_linesize() + s.px(4)


def header_height(s: Style) -> int:
    return s.font(14, bold=True).get_linesize() + s.px(8)


def scroll_to_show(line: int, scroll: int, fits: int, total: int) -> int:
    """The first visible line of a list `fits` lines high, moved as little as needed to
    show `line` (with the line above it when scrolling up), within 0 .. total - fits."""
    if line < scroll:
        scroll = max(0, line - 1)
    elif line >= scroll + fits:
        scroll = line - fits + 1
    return max(0, min(scroll, max(0, total - fits)))


@dataclass(frozen=True)
class Toast:
    """The plan's message as it is shown: its box, its lines, and whether they are all of
    it (else the last line says that a click opens the whole message)."""

    rect: pygame.Rect
    lines: list[str]
    whole: bool
    message: str  # the message laid out


def toast_layout(
    s: Style, message: str, area: pygame.Rect, bottom: int, max_height: int
) -> Toast | None:
    """The plan's message in a box ending at `bottom` across `area`, at most `max_height`
    high (never below two lines); None without a message. The words wrap over as many
    lines as they need (a facilitator's message is read in full, issue 10); a message
    longer than the room shows its first lines and a last line saying how to read it all."""
    if not message:
        return None
    font = toast_font(s)
    step = font.get_linesize()
    width = area.width - 2 * toast_pad(s)
    fits = max(2, (max_height - 2 * toast_pad(s)) // step)
    lines = draw.wrap(message, font, width)
    whole = len(lines) <= fits
    if not whole:
        lines = draw.wrap(message, font, width, fits - 1, "the message overlay (a click)")
        lines.append(tr("turn.message.more"))
    height = max(2, len(lines)) * step + 2 * toast_pad(s)
    rect = pygame.Rect(area.left, bottom - height, area.width, height)
    return Toast(rect, lines, whole, message)


def toast_pad(s: Style) -> int:
    return s.px(8)


def toast_font(s: Style) -> pygame.font.Font:
    return s.font(15, bold=True)
