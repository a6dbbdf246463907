"""Where the turn screen's panels go: pure geometry from the Style, computed on every rebuild."""

from dataclasses import dataclass

import pygame

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


def toast_rect(s: Style, message: str, area: pygame.Rect, bottom: int) -> pygame.Rect | None:
    """Room for the plan's message, ending at `bottom` across `area`; None without one.

    Two lines, or three when the words need them (German often does)."""
    if not message:
        return None
    font = toast_font(s)
    lines = len(draw.wrap(message, font, area.width - s.px(16), max_lines=3))
    height = max(2, lines) * font.get_linesize() + s.px(16)
    return pygame.Rect(area.left, bottom - height, area.width, height)


def toast_font(s: Style) -> pygame.font.Font:
    return s.font(15, bold=True)
