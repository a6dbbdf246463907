"""Flat UI glyphs: shipped as white PNGs in assets/icons, drawn with pygame.draw as a fallback.

Glyphs are drawn in unit coordinates at 4× the target size and smoothscaled down, which is
the cheapest way to get anti-aliased thick shapes out of pygame.draw.
"""

import itertools
import math
from collections.abc import Callable, Sequence
from functools import lru_cache

import pygame

from game.data import ICON_DIR

ICON_NAMES = (
    "check",
    "hourglass",
    "warning",
    "hammer",
    "handshake",
    "speech",
    "cross",
    "clock",
    "arrow_up",
    "arrow_down",
)
ICON_FILE_SIZE = 128
SUPERSAMPLE = 4

Colour = tuple[int, int, int] | tuple[int, int, int, int]
Point = tuple[float, float]
WHITE = (255, 255, 255)
# Drawing this "colour" on an SRCALPHA surface punches a hole (pygame.draw does not blend).
HOLE = (0, 0, 0, 0)


def stroke(surface: pygame.Surface, colour: Colour, points: Sequence[Point], width: float) -> None:
    """Draw a polyline `width` px thick with round caps and joins.

    pygame's own thick lines leave notches at the joints and thin out on diagonals, so each
    segment is a quad along its normal and every vertex gets a disc.
    """
    half = width / 2
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        nx, ny = -(y1 - y0) / length * half, (x1 - x0) / length * half
        quad = [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)]
        pygame.draw.polygon(surface, colour, quad)
    for x, y in points:
        pygame.draw.circle(surface, colour, (x, y), half)


def rounded_polygon(
    surface: pygame.Surface, colour: Colour, points: Sequence[Point], radius: float
) -> None:
    """A filled polygon whose outline is grown by `radius` with round corners."""
    pygame.draw.polygon(surface, colour, points)
    stroke(surface, colour, [*points, points[0]], radius * 2)


def _check(s: pygame.Surface, u: float) -> None:
    stroke(s, WHITE, [(0.18 * u, 0.54 * u), (0.41 * u, 0.76 * u), (0.82 * u, 0.28 * u)], 0.15 * u)


def _cross(s: pygame.Surface, u: float) -> None:
    stroke(s, WHITE, [(0.24 * u, 0.24 * u), (0.76 * u, 0.76 * u)], 0.15 * u)
    stroke(s, WHITE, [(0.76 * u, 0.24 * u), (0.24 * u, 0.76 * u)], 0.15 * u)


def _arrow_up(s: pygame.Surface, u: float) -> None:
    stroke(s, WHITE, [(0.5 * u, 0.82 * u), (0.5 * u, 0.4 * u)], 0.15 * u)
    head = [(0.5 * u, 0.16 * u), (0.8 * u, 0.48 * u), (0.2 * u, 0.48 * u)]
    rounded_polygon(s, WHITE, head, 0.04 * u)


def _arrow_down(s: pygame.Surface, u: float) -> None:
    up = pygame.Surface(s.get_size(), pygame.SRCALPHA)
    _arrow_up(up, u)
    s.blit(pygame.transform.flip(up, False, True), (0, 0))


def _clock(s: pygame.Surface, u: float) -> None:
    pygame.draw.circle(s, WHITE, (0.5 * u, 0.5 * u), 0.41 * u, round(0.1 * u))
    stroke(s, WHITE, [(0.5 * u, 0.27 * u), (0.5 * u, 0.5 * u), (0.67 * u, 0.6 * u)], 0.09 * u)


def _hourglass(s: pygame.Surface, u: float) -> None:
    for y in (0.1, 0.8):
        pygame.draw.rect(
            s, WHITE, pygame.Rect(0.2 * u, y * u, 0.6 * u, 0.1 * u), 0, round(0.04 * u)
        )
    glass = [(0.3, 0.2), (0.7, 0.2), (0.55, 0.5), (0.7, 0.8), (0.3, 0.8), (0.45, 0.5)]
    stroke(s, WHITE, [(x * u, y * u) for x, y in [*glass, glass[0]]], 0.07 * u)
    # Most of the sand has already run through: time is passing.
    pygame.draw.polygon(s, WHITE, [(0.36 * u, 0.8 * u), (0.64 * u, 0.8 * u), (0.5 * u, 0.6 * u)])
    pygame.draw.polygon(s, WHITE, [(0.4 * u, 0.3 * u), (0.6 * u, 0.3 * u), (0.5 * u, 0.42 * u)])


def _warning(s: pygame.Surface, u: float) -> None:
    rounded_polygon(
        s, WHITE, [(0.5 * u, 0.14 * u), (0.88 * u, 0.82 * u), (0.12 * u, 0.82 * u)], 0.07 * u
    )
    stroke(s, HOLE, [(0.5 * u, 0.4 * u), (0.5 * u, 0.6 * u)], 0.1 * u)
    pygame.draw.circle(s, HOLE, (0.5 * u, 0.73 * u), 0.055 * u)


def _hammer(s: pygame.Surface, u: float) -> None:
    stroke(s, WHITE, [(0.24 * u, 0.86 * u), (0.56 * u, 0.44 * u)], 0.13 * u)
    # The head sits across the handle's end: unit vectors along (d) and across (n) the handle.
    dx, dy = 0.6, -0.8
    nx, ny = 0.8, 0.6
    cx, cy = 0.62, 0.34
    corners = [
        (cx + sn * nx * 0.26 + sd * dx * 0.1, cy + sn * ny * 0.26 + sd * dy * 0.1)
        for sn, sd in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    rounded_polygon(s, WHITE, [(x * u, y * u) for x, y in corners], 0.03 * u)


def _semicircle(x0: float, y0: float, x1: float, y1: float, turn: int) -> list[Point]:
    """Half a circle from (x0, y0) to (x1, y1), turning clockwise (1) or anticlockwise (-1)."""
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, math.hypot(x1 - x0, y1 - y0) / 2
    start = math.atan2(y0 - cy, x0 - cx)
    return [
        (
            cx + r * math.cos(start + turn * math.pi * i / 8),
            cy + r * math.sin(start + turn * math.pi * i / 8),
        )
        for i in range(1, 9)
    ]


# A line drawing on a 24-unit grid, after the outline of Lucide's "handshake" icon (ISC
# licence): a solid silhouette of two hands turns into a blob at 24 px, an outline does not.
_HANDSHAKE: tuple[list[Point], ...] = (
    [(11, 17), (13, 19), *_semicircle(13, 19, 16, 16, -1)],
    [(14, 14), (16.5, 16.5), *_semicircle(16.5, 16.5, 19.5, 13.5, -1), (15.6, 9.6), (14.9, 9),
     (13.5, 8.7), (12.1, 9), (11.4, 9.6), (10.5, 10.5), *_semicircle(10.5, 10.5, 7.5, 7.5, 1),
     (10.3, 4.7), (12.1, 3.6), (13.7, 3.2), (15.6, 3.3), (17.4, 3.8), (17.8, 4.1), (19.3, 4.4),
     (21, 4)],
    [(21, 3), (22, 14), (20, 14)],
    [(3, 3), (2, 14), (8.5, 20.5), *_semicircle(8.5, 20.5, 11.5, 17.5, -1)],
    [(3, 4), (11, 4)],
)  # fmt: skip


def _handshake(s: pygame.Surface, u: float) -> None:
    k = u / 24 * 0.84
    for path in _HANDSHAKE:
        stroke(s, WHITE, [(0.08 * u + x * k, 0.12 * u + y * k) for x, y in path], 2.4 * k)


def _speech(s: pygame.Surface, u: float) -> None:
    pygame.draw.rect(
        s, WHITE, pygame.Rect(0.1 * u, 0.14 * u, 0.8 * u, 0.56 * u), 0, round(0.16 * u)
    )
    pygame.draw.polygon(s, WHITE, [(0.26 * u, 0.6 * u), (0.5 * u, 0.6 * u), (0.22 * u, 0.88 * u)])
    for x in (0.32, 0.5, 0.68):
        pygame.draw.circle(s, HOLE, (x * u, 0.42 * u), 0.06 * u)


_GLYPHS: dict[str, Callable[[pygame.Surface, float], None]] = {
    "check": _check,
    "hourglass": _hourglass,
    "warning": _warning,
    "hammer": _hammer,
    "handshake": _handshake,
    "speech": _speech,
    "cross": _cross,
    "clock": _clock,
    "arrow_up": _arrow_up,
    "arrow_down": _arrow_down,
}


def _check_name(name: str) -> None:
    if name not in _GLYPHS:
        raise ValueError(f"unknown icon {name!r}; known: {', '.join(ICON_NAMES)}")


def tint(surface: pygame.Surface, colour: tuple[int, int, int]) -> pygame.Surface:
    """A copy of a white-on-transparent surface in `colour`, keeping its alpha."""
    out = surface.copy()
    out.fill((*colour, 255), special_flags=pygame.BLEND_RGBA_MULT)
    return out


def draw_icon(name: str, size: int, colour: tuple[int, int, int]) -> pygame.Surface:
    """The glyph `name` as a new size×size SRCALPHA surface in `colour` (ValueError if unknown)."""
    _check_name(name)
    big = pygame.Surface((size * SUPERSAMPLE, size * SUPERSAMPLE), pygame.SRCALPHA)
    _GLYPHS[name](big, float(size * SUPERSAMPLE))
    return tint(pygame.transform.smoothscale(big, (size, size)), colour)


def _as_rgba(image: pygame.Surface) -> pygame.Surface:
    """A 32-bit SRCALPHA copy, which smoothscale and the blend modes need, display or not."""
    out = pygame.Surface(image.get_size(), pygame.SRCALPHA)
    out.blit(image, (0, 0))
    return out


@lru_cache(maxsize=256)
def load_icon(name: str, size: int, colour: tuple[int, int, int]) -> pygame.Surface:
    """The glyph `name` at size×size in `colour`, from assets/icons when present (cached).

    Callers share the cached surface: blit it, never draw on it. ValueError if unknown.
    """
    _check_name(name)
    path = ICON_DIR / f"{name}.png"
    try:
        image = _as_rgba(pygame.image.load(path))
    except (pygame.error, OSError):
        return draw_icon(name, size, colour)
    icon = tint(pygame.transform.smoothscale(image, (size, size)), colour)
    return icon.convert_alpha() if pygame.display.get_surface() is not None else icon
