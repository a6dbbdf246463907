"""Drawing primitives shared by the screens: text that fits, cards, bars.

These only paint; they never change what they are given. Text goes through
`safe_text` first, so no string a scenario or a player brings can stop a render.

Text that does not fit its room is cut with an ellipsis. A cut word is a bug unless
the full text can be read another way (a tooltip, a scrolling list, another screen):
the caller then says where with `full_text_elsewhere`. Every cut can be watched with
`observe_cuts` (tests do, at each window and text size); nobody watches in play, so
it costs one `is None` check per label.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.i18n import tr
from game.ui.safe_text import PLACEHOLDER, drawable, one_line
from game.ui.theme import ACCENT, BORDER, CARD, FAINT, INK, PANEL, TRACK, Colour

ELLIPSIS = "…"


@dataclass(frozen=True)
class Cut:
    """Text that did not fit where it was drawn."""

    full: str  # what was meant to show
    shown: str  # what showed (the kept lines joined by " / " for wrapped text)
    width: int  # the room it had, in pixels
    where: str  # who drew it: "file.py:function:line", the nearest callers first
    elsewhere: str  # where the full text can be read instead; "" = nowhere (a bug)


CutObserver = Callable[[Cut], None]
_cut_observer: CutObserver | None = None


@contextmanager
def observe_cuts(observer: CutObserver) -> Iterator[None]:
    """Call `observer` with every cut made while inside (one observer at a time)."""
    global _cut_observer
    before, _cut_observer = _cut_observer, observer
    try:
        yield
    finally:
        _cut_observer = before


def _report(full: str, shown: str, width: int, elsewhere: str) -> None:
    """Tell the observer (if any) about a cut, naming the first callers outside this file."""
    if _cut_observer is None:
        return
    callers: list[str] = []
    frame = sys._getframe(1)
    while frame is not None and len(callers) < 2:
        if frame.f_globals.get("__name__") != __name__:
            short = "/".join(Path(frame.f_code.co_filename).parts[-2:])
            callers.append(f"{short}:{frame.f_code.co_name}:{frame.f_lineno}")
        frame = frame.f_back  # type: ignore[assignment]
    _cut_observer(Cut(full, shown, width, " < ".join(callers), elsewhere))


def measure(text: str, font: pygame.font.Font) -> int:
    """How wide `text` is when drawn (made drawable, on one line), in pixels."""
    return font.size(one_line(text))[0]


def fit(text: str, font: pygame.font.Font, width: int, full_text_elsewhere: str = "") -> str:
    """`text` made drawable on one line, cut with an ellipsis to at most `width` pixels.

    A cut is reported to `observe_cuts`; say in `full_text_elsewhere` where the whole
    text can still be read (e.g. "tooltip"), or better, give it the room it needs."""
    full = one_line(text)
    shown = _cut(full, font, width)
    if shown != full:
        _report(full, shown, width, full_text_elsewhere)
    return shown


def _cut(text: str, font: pygame.font.Font, width: int) -> str:
    """One drawable line cut with an ellipsis to `width` (not reported: callers do).

    It ends after a whole word where one fits ("Shop-floor…", not "Shop-floor termi…"):
    a half word reads as a different word; only a single word too long is cut inside."""
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    if lo < len(text) and not text[lo].isspace():  # the cut falls inside a word
        space = text.rfind(" ", 0, lo)
        if space > 0 and text[:space].strip():
            lo = space
    return text[:lo].rstrip() + ELLIPSIS


def fits(text: str, font: pygame.font.Font, width: int) -> bool:
    """Whether `text` shows whole on one line of `width` pixels."""
    return font.size(one_line(text))[0] <= width


def lines_needed(text: str, font: pygame.font.Font, width: int) -> int:
    """How many lines `wrap` needs to show all of `text` in `width` pixels (for layout:
    give a label that many lines of room rather than cutting it)."""
    return len(_wrapped(text, font, width))


def wrap(
    text: str,
    font: pygame.font.Font,
    width: int,
    max_lines: int = 99,
    full_text_elsewhere: str = "",
) -> list[str]:
    """Word-wrap `text` (made drawable) to `width`; the last allowed line ends in an
    ellipsis if cut, and so does a word wider than `width`. Cuts are reported like `fit`'s."""
    whole = _wrapped(text, font, width)
    lines = list(whole)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _cut(lines[-1] + " " + ELLIPSIS, font, width)
    lines = [_cut(line, font, width) for line in lines]
    if lines != whole:
        _report(" / ".join(whole), " / ".join(lines), width, full_text_elsewhere)
    return lines


def _wrapped(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """All the lines of `text` (made drawable) word-wrapped to `width`, none left out."""
    lines: list[str] = []
    for paragraph in drawable(text).split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def block(
    surface: pygame.Surface,
    content: str,
    font: pygame.font.Font,
    rect: pygame.Rect,
    colour: Colour = INK,
    align: str = "left",
    spacing: float = 1.0,
    full_text_elsewhere: str = "",
) -> pygame.Rect:
    """A label of one or more lines: `content` word-wrapped into `rect`, as many lines as
    its height holds, centred vertically; `align` is "left", "center" or "right". Use it
    where a one-line label would be cut: the words wrap instead. Lines that still do not
    fit are cut and reported like `fit`'s. Returns the rectangle the text covers."""
    step = round(font.get_linesize() * spacing)
    max_lines = max(1, (rect.height - font.get_height()) // step + 1)
    lines = wrap(content, font, rect.width, max_lines, full_text_elsewhere)
    height = font.get_height() + step * (len(lines) - 1)
    y = rect.top + (rect.height - height) // 2
    side = {"left": "left", "center": "centerx", "right": "right"}[align]
    covered: pygame.Rect | None = None
    for line in lines:
        image = _rendered(line, font, tuple(colour), None)[0]
        place = image.get_rect(top=y, **{side: getattr(rect, side)})
        surface.blit(image, place)
        covered = place if covered is None else covered.union(place)
        y += step
    return covered if covered is not None else pygame.Rect(rect.topleft, (0, 0))


def text(
    surface: pygame.Surface,
    content: str,
    font: pygame.font.Font,
    pos: tuple[int, int],
    colour: Colour = INK,
    anchor: str = "topleft",
    width: int | None = None,
    full_text_elsewhere: str = "",
) -> pygame.Rect:
    """Draw one line, made drawable (and cut to `width` if given); return the rectangle
    it covers. Any string is safe here: see `safe_text.drawable`. A cut is reported to
    `observe_cuts` unless `full_text_elsewhere` says where the whole text can be read."""
    image, shown = _rendered(content, font, tuple(colour), width)
    if _cut_observer is not None and width is not None:  # cached images are cut once
        full = one_line(content)
        if shown != full:
            _report(full, shown, width, full_text_elsewhere)
    rect = image.get_rect(**{anchor: pos})
    if _cut_observer is not None and not surface.get_clip().contains(rect):
        # Drawn partly off its surface (or outside the area the screen clips it to):
        # the edge cuts it as surely as an ellipsis would.
        room = rect.clip(surface.get_clip()).width
        _report(one_line(content), "(partly outside its surface)", room, full_text_elsewhere)
    surface.blit(image, rect)
    return rect


_RENDERED: dict[
    tuple[str, int, tuple[int, ...], int | None], tuple[pygame.font.Font, pygame.Surface, str]
] = {}
_RENDERED_MAX = 4096  # a few screens' worth of labels; cleared whole when full


def _rendered(
    content: str, font: pygame.font.Font, colour: tuple[int, ...], width: int | None
) -> tuple[pygame.Surface, str]:
    """The line as an image, cut to `width`, and the text it shows: most labels are the
    same from frame to frame, and cutting (a binary search over text widths) and
    rendering them is the bulk of a repaint. Each entry keeps its font alive, so a
    font's id cannot be reused for another font while the entry exists. The images
    are shared: callers only blit them."""
    key = (content, id(font), colour, width)
    entry = _RENDERED.get(key)
    if entry is None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        shown = one_line(content)
        if width is not None:
            shown = _cut(shown, font, width)
        image = font.render(shown, True, colour)
        if font.size(shown)[0] == 0 and shown:  # marks this font has no width for
            image = font.render(PLACEHOLDER, True, colour)
        entry = _RENDERED[key] = (font, image, shown)
    return entry[1], entry[2]


def paragraph(
    surface: pygame.Surface,
    content: str,
    font: pygame.font.Font,
    rect: pygame.Rect,
    colour: Colour = INK,
    spacing: float = 1.25,
    full_text_elsewhere: str = "",
) -> int:
    """Wrapped text inside `rect` (lines that do not fit are left out, and reported like
    `fit`'s cuts); returns its bottom."""
    step = round(font.get_linesize() * spacing)
    max_lines = max(1, rect.height // step)
    y = rect.top
    for line in wrap(content, font, rect.width, max_lines, full_text_elsewhere):
        surface.blit(_rendered(line, font, tuple(colour), None)[0], (rect.left, y))
        y += step
    return y


def card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    radius: int,
    stripe: Colour | None = None,
    fill: Colour = CARD,
    border: Colour = BORDER,
) -> None:
    """A rounded card, with the owner's colour as a stripe down its left edge."""
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if stripe is not None:
        band = pygame.Rect(rect.left, rect.top, max(4, radius // 2 + 2), rect.height)
        pygame.draw.rect(
            surface, stripe, band, border_top_left_radius=radius, border_bottom_left_radius=radius
        )
    pygame.draw.rect(surface, border, rect, width=1, border_radius=radius)


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    value: float,
    colour: Colour,
    vague: bool = False,
    marker: float | None = None,
) -> None:
    """A horizontal bar filled to `value` (0..1).

    A vague bar (a stakeholder IT has not spoken to lately) has a soft, striped end
    instead of an exact edge, so the player cannot read a precise number from it.
    `marker` draws a thin tick, e.g. what someone expects beside what they have seen.
    """
    value = min(1.0, max(0.0, value))
    radius = rect.height // 2
    pygame.draw.rect(surface, TRACK, rect, border_radius=radius)
    filled = rect.copy()
    filled.width = round(rect.width * value)
    if vague:
        fuzz = max(6, rect.width // 6)
        filled.width = max(0, filled.width - fuzz // 2)
        _fuzzy_end(surface, rect, filled.right, fuzz, colour)
    if filled.width > 0:
        pygame.draw.rect(surface, colour, filled, border_radius=radius)
    if marker is not None:
        x = rect.left + round(rect.width * min(1.0, max(0.0, marker)))
        pygame.draw.line(surface, INK, (x, rect.top - 2), (x, rect.bottom + 1), 2)
    pygame.draw.rect(surface, FAINT, rect, width=1, border_radius=radius)


def _fuzzy_end(
    surface: pygame.Surface, track: pygame.Rect, x: int, fuzz: int, colour: Colour
) -> None:
    """Fading stripes after `x`: the edge of a value nobody has checked lately."""
    steps = 5
    for k in range(steps):
        alpha = 200 - k * 40
        left = x + k * fuzz // steps
        stripe = pygame.Rect(left, track.top, max(1, fuzz // steps - 1), track.height)
        stripe = stripe.clip(track)
        if stripe.width <= 0:
            continue
        layer = pygame.Surface(stripe.size, pygame.SRCALPHA)
        layer.fill((*colour, alpha))
        surface.blit(layer, stripe)


# Every pip meter has this many blocks: trust on a card, budget, sponsor and hype in the
# top bar (a playtest counted 6 in one and 5 in another, issue 10).
METER_SEGMENTS = 5


def pips(
    surface: pygame.Surface,
    rect: pygame.Rect,
    value: float,
    colour: Colour,
    count: int = METER_SEGMENTS,
    vague: bool = False,
) -> None:
    """A value as a row of filled and empty blocks (▮▮▮▯▯): readable from far away. The
    block the value ends in is filled in part, so a move of a few points shows (a trust
    meter in whole blocks of 20 % hid every week's change). A `vague` meter (someone IT
    has not spoken to lately) is drawn faded: what IT remembers, not what it sees."""
    if vague:
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        pips(layer, layer.get_rect(), value, colour, count)
        layer.set_alpha(140)
        surface.blit(layer, rect)
        return
    gap = max(2, rect.height // 4)
    width = (rect.width - gap * (count - 1)) // count
    filled = min(1.0, max(0.0, value)) * count
    for k in range(count):
        block = pygame.Rect(rect.left + k * (width + gap), rect.top, width, rect.height)
        share = min(1.0, max(0.0, filled - k))
        if share < 1.0:
            pygame.draw.rect(surface, FAINT, block, width=1, border_radius=2)
        if share >= 1.0:
            pygame.draw.rect(surface, colour, block, border_radius=2)
        elif share > 0.0:  # square on its open side: one block, part filled, not two
            part = block.copy()
            part.width = max(1, round(block.width * share))
            pygame.draw.rect(
                surface, colour, part, border_top_left_radius=2, border_bottom_left_radius=2
            )


def toast(
    surface: pygame.Surface, rect: pygame.Rect, content: str, font: pygame.font.Font, radius: int
) -> None:
    """A message in a framed box over whatever is below it (it goes with the next change)."""
    pygame.draw.rect(surface, PANEL, rect, border_radius=radius)
    pygame.draw.rect(surface, ACCENT, rect, width=max(1, radius // 4), border_radius=radius)
    paragraph(surface, content, font, rect.inflate(-2 * radius, -3 * radius // 2), INK, 1.0)


def fade_out(
    surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int], height: int
) -> None:
    """The bottom `height` pixels of `rect` fade into `colour`: a list that goes on below."""
    height = max(1, min(height, rect.height))
    veil = pygame.Surface((rect.width, height), pygame.SRCALPHA)
    for row in range(height):
        alpha = round(255 * (row + 1) / height)
        pygame.draw.line(veil, (*colour, alpha), (0, row), (rect.width - 1, row))
    surface.blit(veil, (rect.left, rect.bottom - height))


def scroll_note(
    surface: pygame.Surface,
    font: pygame.font.Font,
    topright: tuple[int, int],
    above: int,
    below: int,
) -> None:
    """'2 more below (scroll)' under a list, when some of it is out of view: only the
    directions that hold more ('1 more above, 2 below' when both do)."""
    if above and below:
        note = tr("turn.more", above=above, below=below)
    elif above or below:
        note = tr("turn.more.above" if above else "turn.more.below", n=above or below)
    else:
        return
    text(surface, note, font, topright, FAINT, "topright")
