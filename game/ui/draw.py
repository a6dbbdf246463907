"""Drawing primitives shared by the screens: text that fits, cards, bars.

These only paint; they never change what they are given. Text goes through
`safe_text` first, so no string a scenario or a player brings can stop a render.
"""

import pygame

from game.i18n import tr
from game.ui.safe_text import PLACEHOLDER, drawable, one_line
from game.ui.theme import ACCENT, BORDER, CARD, FAINT, INK, PANEL, TRACK, Colour

ELLIPSIS = "…"


def measure(text: str, font: pygame.font.Font) -> int:
    """How wide `text` is when drawn (made drawable, on one line), in pixels."""
    return font.size(one_line(text))[0]


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """`text` made drawable on one line, cut with an ellipsis to at most `width` pixels."""
    text = one_line(text)
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def wrap(text: str, font: pygame.font.Font, width: int, max_lines: int = 99) -> list[str]:
    """Word-wrap `text` (made drawable) to `width`; the last allowed line ends in an
    ellipsis if cut."""
    lines: list[str] = []
    for paragraph in drawable(text).split("\n"):
        words = paragraph.split()
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(lines[-1] + " " + ELLIPSIS, font, width)
    return [fit(line, font, width) for line in lines]


def text(
    surface: pygame.Surface,
    content: str,
    font: pygame.font.Font,
    pos: tuple[int, int],
    colour: Colour = INK,
    anchor: str = "topleft",
    width: int | None = None,
) -> pygame.Rect:
    """Draw one line, made drawable (and cut to `width` if given); return the rectangle
    it covers. Any string is safe here: see `safe_text.drawable`."""
    image = _rendered(content, font, tuple(colour), width)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


_RENDERED: dict[
    tuple[str, int, tuple[int, ...], int | None], tuple[pygame.font.Font, pygame.Surface]
] = {}
_RENDERED_MAX = 4096  # a few screens' worth of labels; cleared whole when full


def _rendered(
    content: str, font: pygame.font.Font, colour: tuple[int, ...], width: int | None
) -> pygame.Surface:
    """The line as an image, cut to `width`: most labels are the same from frame to frame,
    and cutting (a binary search over text widths) and rendering them is the bulk of a
    repaint. Each entry keeps its font alive, so a font's id cannot be reused for another
    font while the entry exists. The images are shared: callers only blit them."""
    key = (content, id(font), colour, width)
    entry = _RENDERED.get(key)
    if entry is None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        shown = fit(content, font, width) if width is not None else one_line(content)
        if font.size(shown)[0] == 0 and shown:  # marks this font has no width for
            shown = PLACEHOLDER
        entry = _RENDERED[key] = (font, font.render(shown, True, colour))
    return entry[1]


def paragraph(
    surface: pygame.Surface,
    content: str,
    font: pygame.font.Font,
    rect: pygame.Rect,
    colour: Colour = INK,
    spacing: float = 1.25,
) -> int:
    """Wrapped text inside `rect` (lines that do not fit are left out); returns its bottom."""
    step = round(font.get_linesize() * spacing)
    max_lines = max(1, rect.height // step)
    y = rect.top
    for line in wrap(content, font, rect.width, max_lines):
        surface.blit(_rendered(line, font, tuple(colour), None), (rect.left, y))
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


def pips(
    surface: pygame.Surface, rect: pygame.Rect, value: float, colour: Colour, count: int = 5
) -> None:
    """A value as a row of filled and empty blocks (▮▮▮▯▯): readable from far away."""
    gap = max(2, rect.height // 4)
    width = (rect.width - gap * (count - 1)) // count
    filled = round(min(1.0, max(0.0, value)) * count)
    for k in range(count):
        block = pygame.Rect(rect.left + k * (width + gap), rect.top, width, rect.height)
        if k < filled:
            pygame.draw.rect(surface, colour, block, border_radius=2)
        else:
            pygame.draw.rect(surface, FAINT, block, width=1, border_radius=2)


def toast(
    surface: pygame.Surface, rect: pygame.Rect, content: str, font: pygame.font.Font, radius: int
) -> None:
    """A message in a framed box over whatever is below it (it goes with the next change)."""
    pygame.draw.rect(surface, PANEL, rect, border_radius=radius)
    pygame.draw.rect(surface, ACCENT, rect, width=max(1, radius // 4), border_radius=radius)
    paragraph(surface, content, font, rect.inflate(-2 * radius, -3 * radius // 2), INK, 1.0)


def scroll_note(
    surface: pygame.Surface,
    font: pygame.font.Font,
    topright: tuple[int, int],
    above: int,
    below: int,
) -> None:
    """'1 more above, 2 below (scroll)' under a list, when some of it is out of view."""
    if above or below:
        text(surface, tr("turn.more", above=above, below=below), font, topright, FAINT, "topright")
