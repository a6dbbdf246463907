"""Type, scale and colours of the pygame screens (docs: ../shared/VISUAL.md); the colours
themselves are game.look.palette's, shared with the charts and the HTML report.

Every size on screen is a design size at 1280x720 multiplied by the window's scale;
text sizes are further multiplied by the player's text-size setting. pygame_gui's
theme (assets/theme.json) is scaled the same way, so widgets and drawn cards agree.
"""

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pygame

from game.data import THEME_FILE
from game.look import palette

DESIGN_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)

Colour = tuple[int, int, int]


def hex_colour(text: str) -> Colour:
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


# The palette as pygame wants it: RGB tuples of game.look.palette's colours.
BACKGROUND = hex_colour(palette.BACKGROUND)
PANEL = hex_colour(palette.PANEL)
CARD = hex_colour(palette.CARD)
CARD_HIGHLIGHT = hex_colour(palette.CARD_HIGHLIGHT)
BORDER = hex_colour(palette.BORDER)
INK = hex_colour(palette.INK)
MUTED = hex_colour(palette.MUTED)
FAINT = hex_colour(palette.FAINT)
ACCENT = hex_colour(palette.ACCENT)
FOCUS = hex_colour(palette.FOCUS)
GOOD = hex_colour(palette.GOOD)
BAD = hex_colour(palette.BAD)
WARN = hex_colour(palette.WARN)
TRACK = hex_colour(palette.TRACK)


def _font_file(bold: bool) -> str:
    import pygame_gui

    data = Path(pygame_gui.__file__).parent / "data"
    return str(data / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"))


@lru_cache(maxsize=128)
def _font(size: int, bold: bool) -> pygame.font.Font:
    return pygame.font.Font(_font_file(bold), size)


@dataclass(frozen=True)
class Style:
    """The scale of one window: layout sizes follow the window, text also the setting."""

    window: tuple[int, int]
    text_size: float = 1.0
    colour_blind: bool = True
    scale: float = field(init=False)

    def __post_init__(self) -> None:
        w, h = self.window
        # The smaller ratio keeps a wide or tall window from pushing things off-screen.
        ratio = min(w / DESIGN_SIZE[0], h / DESIGN_SIZE[1])
        object.__setattr__(self, "scale", max(0.75, ratio))

    def px(self, design: float) -> int:
        """A layout size (gutter, bar height) at this window's scale."""
        return max(1, round(design * self.scale))

    def text_px(self, design: float) -> int:
        """A text size at this window's scale and the text-size setting (never below 12)."""
        return max(12, round(design * self.scale * self.text_size))

    def font(self, design: float, bold: bool = False) -> pygame.font.Font:
        return _font(self.text_px(design), bold)

    def person_colour(self, index: int) -> Colour:
        return hex_colour(self.person_hex(index))

    def person_hex(self, index: int) -> str:
        """Person `index`'s colour (their card stripe, packages and chart lines)."""
        colours = palette.OKABE_ITO if self.colour_blind else palette.VIVID
        return colours[index % len(colours)]

    def gui_theme(self) -> dict[str, Any]:
        """assets/theme.json with every font size scaled like the drawn text."""
        theme = copy.deepcopy(_theme_file())
        for block in theme.values():
            font = block.get("font") if isinstance(block, dict) else None
            if isinstance(font, dict) and "size" in font:
                font["size"] = str(self.text_px(float(font["size"])))
            misc = block.get("misc") if isinstance(block, dict) else None
            if isinstance(misc, dict) and "rect_width" in misc:
                misc["rect_width"] = str(self.px(float(misc["rect_width"]) * self.text_size))
        return theme

    def gui_fonts(self) -> list[dict[str, Any]]:
        """The fonts to preload, so pygame_gui never warns on first use."""
        sizes = {self.text_px(s) for s in (14, 15, 16, 18, 20, 22, 28)}
        return [
            {"name": "noto_sans", "point_size": size, "style": style}
            for size in sorted(sizes)
            for style in ("regular", "bold", "italic")
        ]


@lru_cache(maxsize=1)
def _theme_file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(THEME_FILE.read_text(encoding="utf-8"))
    return data


def canvas(style: Style) -> "pygame.Rect":
    """The design-sized area (1280x720 scaled), centred: for screens laid out as one page."""
    w, h = style.window
    cw, ch = round(DESIGN_SIZE[0] * style.scale), round(DESIGN_SIZE[1] * style.scale)
    cw, ch = min(cw, w), min(ch, h)
    return pygame.Rect((w - cw) // 2, (h - ch) // 2, cw, ch)
