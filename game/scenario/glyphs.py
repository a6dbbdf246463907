"""Characters the game's font can draw, for a warning about those it cannot.

The game draws every text with pygame_gui's bundled NotoSans (Regular and Bold cover
the same characters); a character outside it shows as an empty box on screen. The
scenario layer runs without pygame, so the font's coverage is kept here as code point
ranges, read from the font's character map (NotoSans-Regular.ttf of pygame_gui 0.6:
Latin, Greek, Cyrillic, Devanagari, general punctuation, currency and letter-like
symbols; no arrows, no box drawing, no emoji). tests/test_validate_font.py reads the
font with fontTools and fails if this table drifts from it.
"""

import bisect
import unicodedata

# Inclusive (first, last) code point ranges of NotoSans-Regular.ttf's character map.
# fmt: off
DRAWN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0000), (0x000D, 0x000D), (0x0020, 0x007E), (0x00A0, 0x0377),
    (0x037A, 0x037F), (0x0384, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1),
    (0x03A3, 0x03E1), (0x03F0, 0x052F), (0x0900, 0x097F), (0x10FB, 0x10FB),
    (0x1AB0, 0x1AC0), (0x1AC5, 0x1AC5), (0x1AC7, 0x1ACE), (0x1C80, 0x1C88),
    (0x1D00, 0x1DF9), (0x1DFB, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45),
    (0x1F48, 0x1F4D), (0x1F50, 0x1F57), (0x1F59, 0x1F59), (0x1F5B, 0x1F5B),
    (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FC4),
    (0x1FC6, 0x1FD3), (0x1FD6, 0x1FDB), (0x1FDD, 0x1FEF), (0x1FF2, 0x1FF4),
    (0x1FF6, 0x1FFE), (0x2000, 0x2064), (0x2066, 0x2071), (0x2074, 0x208E),
    (0x2090, 0x209C), (0x20A0, 0x20C0), (0x20F0, 0x20F0), (0x2100, 0x215F),
    (0x2183, 0x2184), (0x2189, 0x2189), (0x2212, 0x2212), (0x25CC, 0x25CC),
    (0x2C60, 0x2C7F), (0x2DE0, 0x2E5D), (0xA640, 0xA69F), (0xA700, 0xA7CA),
    (0xA7D0, 0xA7D1), (0xA7D3, 0xA7D3), (0xA7D5, 0xA7D9), (0xA7F2, 0xA7FF),
    (0xA8FF, 0xA8FF), (0xA92E, 0xA92E), (0xAB30, 0xAB6B), (0xFB00, 0xFB06),
    (0xFE00, 0xFE00), (0xFE20, 0xFE2F), (0xFEFF, 0xFEFF), (0xFFFC, 0xFFFD),
    (0x10780, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BA), (0x1DF00, 0x1DF1E),
)
# fmt: on
_FIRSTS = [first for first, _ in DRAWN_RANGES]
# Never drawn as a glyph of their own: line breaks, and marks that only modify the
# character before them (an emoji's variation selector): that character is named.
_NOT_DRAWN = {"\n", "\t"}
_MODIFIERS = {"Mn", "Me", "Cf"}


def can_draw(char: str) -> bool:
    """Whether the game's font has a glyph for `char`."""
    code = ord(char)
    at = bisect.bisect_right(_FIRSTS, code) - 1
    return at >= 0 and DRAWN_RANGES[at][0] <= code <= DRAWN_RANGES[at][1]


def undrawable(text: str) -> list[str]:
    """The distinct characters of `text` the font cannot draw, in order of appearance."""
    if text.isascii():  # the common case, and all of it is drawn
        return []
    found: list[str] = []
    for char in text:
        if char in found or char in _NOT_DRAWN or can_draw(char):
            continue
        if unicodedata.category(char) not in _MODIFIERS:
            found.append(char)
    return found


def name_of(char: str) -> str:
    """'🚀' -> "'🚀' (U+1F680 ROCKET)": the character, and its name for when it is a box."""
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')})"
