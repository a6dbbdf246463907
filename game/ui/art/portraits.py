"""Stakeholder portraits: a flat, friendly face per stakeholder in five moods.

A face is a pure function of a seed: head shape, skin, hair, clothes and one accessory are
picked by hashing (seed, trait name), so adding a trait never reshuffles the others. The mood
only moves the mouth, brows, eyes and cheeks, so a person stays recognisable while their
mood changes. Shipped stakeholders have their strips pre-rendered in assets/portraits.
"""

import hashlib
import math
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import pygame

from game.data import PORTRAIT_DIR
from game.ui.art.icons import HOLE, stroke

MOODS = ("furious", "unhappy", "neutral", "content", "delighted")
CELL = 256  # side of one mood in a shipped strip; a strip is len(MOODS) cells wide
SUPERSAMPLE = 4

T = TypeVar("T")
RGB = tuple[int, int, int]
Paint = RGB | tuple[int, int, int, int]  # four values only for HOLE
Pts = list[tuple[float, float]]
Surf = pygame.Surface
SKINS: tuple[RGB, ...] = (
    (250, 222, 198), (241, 199, 163), (226, 176, 132), (200, 142, 100),
    (166, 110, 74), (128, 84, 58), (98, 64, 46),
)  # fmt: skip
# Repeats weight the draw: most people have dark hair, few are grey.
HAIRS: tuple[RGB, ...] = (
    (40, 34, 38), (40, 34, 38), (56, 40, 36), (74, 50, 38), (74, 50, 38), (116, 76, 48),
    (164, 88, 50), (218, 182, 116), (180, 180, 186), (58, 44, 60),
)  # fmt: skip
BACKDROPS: tuple[RGB, ...] = (
    (86, 112, 146), (92, 130, 112), (136, 102, 124), (150, 120, 92),
    (104, 98, 146), (80, 126, 134), (142, 108, 98),
)  # fmt: skip
SHIRTS: tuple[RGB, ...] = (
    (214, 122, 88), (92, 156, 204), (64, 150, 122), (206, 182, 96),
    (152, 112, 176), (226, 226, 230), (64, 72, 94),
)  # fmt: skip
ACCENTS: tuple[RGB, ...] = ((210, 88, 78), (236, 184, 64), (72, 166, 156), (122, 112, 204))
HEADS = ("oval", "round", "square", "egg")
HAIR_STYLES = ("short", "sidepart", "bob", "long", "bun", "curly", "buzz", "bald", "quiff")
# No beards: the seed knows nothing about the person, and "Helen" with a beard reads as a bug.
ACCESSORIES = ("glasses", "round_glasses", "earrings", "headphones", "hat", "headband")
INK: RGB = (34, 24, 30)
GOLD: RGB = (236, 190, 84)

# Per mood, furious .. delighted. Mouth: smile depth (negative frowns), half width, open.
MOUTHS = ((-0.05, 0.062, True), (-0.022, 0.05, False), (0.0, 0.044, False),
          (0.028, 0.058, False), (0.05, 0.074, True))  # fmt: skip
# Brows: how far the inner and outer ends move down; the inner end dropping reads as anger,
# rising as worry, both rising as delight.
BROWS = ((0.03, -0.012), (-0.022, 0.008), (0.0, 0.0), (-0.01, -0.006), (-0.03, -0.02))


def _unit(seed: int, trait: str) -> float:
    """A uniform number in [0, 1) that depends only on (seed, trait)."""
    digest = hashlib.blake2b(f"{seed}:{trait}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour t of the way from a to b."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _distance(a: RGB, b: RGB) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


def _far(a: RGB, b: RGB, limit: float = 45) -> bool:
    """Whether two colours are far enough apart to tell apart at 96 px."""
    return _distance(a, b) > limit


def _first_fit(seed: int, trait: str, options: tuple[RGB, ...], ok: Callable[[RGB], bool]) -> RGB:
    """The first of `options`, counting on from a seeded start, that `ok` accepts."""
    start = int(_unit(seed, trait) * len(options))
    order = options[start:] + options[:start]
    return next((c for c in order if ok(c)), order[0])


@dataclass(frozen=True)
class Look:
    """Everything about a face that does not change with mood (unit coordinates)."""

    skin: RGB
    hair: RGB
    backdrop: RGB
    shirt: RGB
    accent: RGB
    head: str
    hair_style: str
    accessory: str
    left: float
    top: float
    w: float
    h: float
    eye_gap: float

    @property
    def eye_y(self) -> float:
        return self.top + 0.5 * self.h

    @property
    def mouth_y(self) -> float:
        return self.eye_y + 0.15


def look_for(seed: int) -> Look:
    """The stable traits of the face for `seed`."""

    def pick(trait: str, options: tuple[T, ...]) -> T:
        return options[int(_unit(seed, trait) * len(options))]

    head, style, accessory = (
        pick("head", HEADS),
        pick("hair", HAIR_STYLES),
        pick("acc", ACCESSORIES),
    )
    # A few combinations look odd, so they fall back to a neighbour that does not.
    if accessory == "headband" and style in ("bald", "buzz"):
        accessory = "glasses"
    if accessory == "hat" and style == "bun":
        accessory = "earrings"
    # Hair that would melt into the skin turns black (far from every skin tone); a backdrop or
    # shirt that would melt into what is in front of it moves on along its palette.
    skin, hair = pick("skin", SKINS), pick("hair colour", HAIRS)
    hair = hair if _far(hair, skin) else HAIRS[0]
    backdrop = _first_fit(seed, "bg", BACKDROPS, lambda c: _far(c, skin, 60) and _far(c, hair))
    shirt = _first_fit(seed, "shirt", SHIRTS, lambda c: _far(c, backdrop))
    w = 0.40 + 0.05 * _unit(seed, "w") + (0.03 if head == "round" else 0.0)
    h = 0.50 + 0.03 * _unit(seed, "h") - (0.03 if head == "round" else 0.0)
    eye_gap = 0.082 + 0.012 * _unit(seed, "eyes")
    accent = pick("accent", ACCENTS)
    return Look(
        skin, hair, backdrop, shirt, accent, head, style, accessory, 0.5 - w / 2, 0.2, w, h, eye_gap
    )


class Canvas:
    """Drawing in unit coordinates ((0, 0) top left, (1, 1) bottom right) on a square surface."""

    def __init__(self, px: int) -> None:
        self.px = px
        self.surface = self.layer()

    def layer(self) -> pygame.Surface:
        return pygame.Surface((self.px, self.px), pygame.SRCALPHA)

    def box(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        p = self.px
        return pygame.Rect(round(x * p), round(y * p), round(w * p), round(h * p))

    def ellipse(self, on: Surf, c: Paint, x: float, y: float, w: float, h: float) -> None:
        pygame.draw.ellipse(on, c, self.box(x, y, w, h))

    def rrect(self, on: Surf, c: Paint, x: float, y: float, w: float, h: float, r: float) -> None:
        pygame.draw.rect(on, c, self.box(x, y, w, h), 0, round(r * self.px))

    def circle(self, on: Surf, c: Paint, x: float, y: float, r: float) -> None:
        pygame.draw.circle(on, c, (x * self.px, y * self.px), r * self.px)

    def poly(self, on: Surf, c: Paint, pts: Pts) -> None:
        pygame.draw.polygon(on, c, [(x * self.px, y * self.px) for x, y in pts])

    def line(self, on: Surf, c: Paint, pts: Pts, width: float) -> None:
        stroke(on, c, [(x * self.px, y * self.px) for x, y in pts], width * self.px)

    def keep_band(self, layer: Surf, y0: float, y1: float) -> None:
        """Erase everything on `layer` above y0 and below y1."""
        layer.fill(HOLE, pygame.Rect(0, 0, self.px, round(y0 * self.px)))
        layer.fill(HOLE, pygame.Rect(0, round(y1 * self.px), self.px, self.px))


def curve(x: float, y: float, half: float, depth: float, n: int = 16) -> Pts:
    """A parabola through (x ± half, y) whose middle sits `depth` lower (negative: higher)."""
    return [(x + half * t, y + depth * (1 - t * t)) for t in (2 * i / n - 1 for i in range(n + 1))]


def head_shape(cv: Canvas, on: pygame.Surface, c: RGB, k: Look, grow: float = 0.0) -> None:
    """The head silhouette, optionally grown by `grow` on every side."""
    x, y, w, h = k.left - grow, k.top - grow, k.w + 2 * grow, k.h + 2 * grow
    if k.head == "square":
        cv.rrect(on, c, x, y, w, h, 0.17)
    elif k.head == "egg":  # a broad crown over a narrower chin
        cv.ellipse(on, c, x, y, w, h * 0.86)
        cv.ellipse(on, c, x + w * 0.1, y + h * 0.3, w * 0.8, h * 0.7)
    else:
        cv.ellipse(on, c, x, y, w, h)


def draw_body_and_back_hair(cv: Canvas, k: Look) -> None:
    """Shoulders, hair that falls behind the head, neck and ears."""
    s, neck = cv.surface, mix(k.skin, INK, 0.12)
    cv.ellipse(s, k.shirt, 0.1, 0.8, 0.8, 0.5)
    right, style = k.left + k.w, k.hair_style
    if style in ("bob", "long"):  # a rounded crown, then straight sides to the jaw or shoulders
        length = 0.62 - 0.3 * k.h if style == "long" else 0.5 * k.h
        cv.ellipse(s, k.hair, k.left - 0.045, k.top - 0.035, k.w + 0.09, k.h * 0.8)
        cv.rrect(s, k.hair, k.left - 0.04, k.top + 0.3 * k.h, k.w + 0.08, length, 0.06)
    elif style == "bun":
        cv.circle(s, k.hair, 0.5, k.top - 0.02, 0.075)
    elif style == "quiff":  # volume swept up over the forehead
        cv.ellipse(s, k.hair, k.left + 0.03, k.top - 0.065, k.w * 0.72, 0.17)
    elif style == "curly":
        cv.ellipse(s, k.hair, k.left - 0.05, k.top - 0.05, k.w + 0.1, k.h * 0.8)
        for i in range(11):
            angle = 3.0 + i * 0.34  # from the left temple over the crown to the right one
            cx = 0.5 + (k.w / 2 + 0.035) * math.cos(angle)
            cy = k.top + 0.34 * k.h + (0.34 * k.h + 0.03) * math.sin(angle)
            cv.circle(s, k.hair, cx, cy, 0.06)
    cv.rrect(s, neck, 0.43, k.top + k.h * 0.7, 0.14, 0.25, 0.05)
    cv.poly(s, neck, [(0.42, 0.8), (0.58, 0.8), (0.5, 0.89)])
    for x in (k.left - 0.035, right - 0.035):
        cv.ellipse(s, k.skin, x, k.eye_y - 0.035, 0.07, 0.1)
        cv.ellipse(s, neck, x + 0.018, k.eye_y - 0.012, 0.034, 0.054)
    head_shape(cv, s, k.skin, k)


def draw_face(cv: Canvas, k: Look, mood: int) -> None:
    """Cheeks, nose, mouth, eyes, glasses and brows for `mood`."""
    s, ey = cv.surface, k.eye_y
    eyes = (0.5 - k.eye_gap, 0.5 + k.eye_gap)
    if mood != 1 and mood != 2:  # flushed with anger, or glowing with pleasure
        blush = mix(k.skin, (226, 96, 96) if mood == 0 else (236, 128, 132), 0.3)
        for x in eyes:
            cv.ellipse(s, blush, x - 0.04, ey + 0.045, 0.08, 0.05)
    cv.line(s, mix(k.skin, INK, 0.25), curve(0.5, ey + 0.07, 0.018, 0.012), 0.012)
    draw_mouth(cv, k, mood)
    if k.accessory in ("glasses", "round_glasses"):
        lens = mix(k.skin, (255, 255, 255), 0.3)
        for x in eyes:
            if k.accessory == "round_glasses":
                cv.circle(s, lens, x, ey, 0.058)
            else:
                cv.rrect(s, lens, x - 0.066, ey - 0.046, 0.132, 0.092, 0.03)
    for x in eyes:
        if mood == 4:  # eyes squeezed shut by a big smile
            cv.line(s, INK, curve(x, ey + 0.008, 0.026, -0.024, 8), 0.014)
        else:
            tall = 0.048 if mood == 0 else 0.056
            cv.ellipse(s, INK, x - 0.022, ey - tall / 2, 0.044, tall)
            cv.circle(s, (255, 255, 255), x + 0.008, ey - 0.012, 0.008)
    if k.accessory in ("glasses", "round_glasses"):
        frame, width = (52, 46, 60), round(0.013 * cv.px)
        for x in eyes:
            if k.accessory == "round_glasses":
                pygame.draw.circle(s, frame, (x * cv.px, ey * cv.px), 0.058 * cv.px, width)
            else:
                box = cv.box(x - 0.066, ey - 0.046, 0.132, 0.092)
                pygame.draw.rect(s, frame, box, width, round(0.03 * cv.px))
        inner = 0.5 - k.eye_gap + (0.058 if k.accessory == "round_glasses" else 0.066)
        cv.line(s, frame, curve(0.5, ey - 0.006, 0.5 - inner, -0.01, 6), 0.012)
    inner_dy, outer_dy = BROWS[mood]
    # Brows carry the mood, so they take whichever of hair-dark or ink stands out on the skin.
    brow = max((mix(k.hair, INK, 0.3), INK), key=lambda c: _distance(c, k.skin))
    for x, side in ((eyes[0], -1), (eyes[1], 1)):
        y = ey - 0.07
        middle = (x, y - 0.008 + (inner_dy + outer_dy) / 2)  # a slight arch
        ends = (x - side * 0.03, y + inner_dy), (x + side * 0.034, y + outer_dy)
        cv.line(s, brow, [ends[0], middle, ends[1]], 0.02)


def draw_mouth(cv: Canvas, k: Look, mood: int) -> None:
    """A line for calm moods; an open mouth with teeth when shouting or beaming."""
    depth, half, opened = MOUTHS[mood]
    y = k.mouth_y - depth / 2  # keep the mouth's visual centre still as it bends
    lips = mix(k.skin, INK, 0.85)
    if not opened:
        cv.line(cv.surface, lips, curve(0.5, y, half, depth), 0.018)
        return
    top_depth = 0.3 * depth if depth > 0 else depth
    top = curve(0.5, y, half, top_depth)
    bottom = curve(0.5, y, half, depth if depth > 0 else 0.3 * depth)
    mouth, shape = cv.layer(), [*top, *reversed(bottom)]
    cv.poly(mouth, (96, 34, 46), shape)
    cv.poly(mouth, (244, 242, 236), [*top, *reversed(curve(0.5, y + 0.022, half, top_depth))])
    if depth > 0:
        cv.ellipse(mouth, (222, 112, 112), 0.5 - half * 0.45, y + depth * 0.62, half * 0.9, 0.05)
    mask = cv.layer()
    cv.poly(mask, (255, 255, 255), shape)
    mouth.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    cv.line(mouth, lips, [*shape, shape[0]], 0.008)
    cv.surface.blit(mouth, (0, 0))


# Where the fringe's hairline sits, as a fraction of the head's height from its top.
HAIRLINES = {"short": 0.16, "sidepart": 0.2, "bob": 0.24, "long": 0.2, "bun": 0.15,
             "curly": 0.2, "buzz": 0.12, "quiff": 0.15}  # fmt: skip


def draw_front_hair_and_accessory(cv: Canvas, k: Look) -> None:
    """The fringe over the forehead, then a hat, headband or earrings on top of it."""
    s, style, right = cv.surface, k.hair_style, k.left + k.w
    if style == "bald":  # a little hair left above the ears
        for x in (k.left - 0.006, right - 0.044):
            cv.ellipse(s, k.hair, x, k.eye_y - 0.1, 0.05, 0.08)
    else:
        colour = mix(k.hair, k.skin, 0.4) if style == "buzz" else k.hair
        fringe, g = cv.layer(), 0.025
        cv.ellipse(fringe, colour, k.left - g, k.top - g, k.w + 2 * g, k.h * 0.85)
        shift = 0.05 if style == "sidepart" else 0.0
        wx, wy, ww, wh = (
            k.left + k.w * 0.04 + shift,
            k.top + HAIRLINES[style] * k.h,
            k.w * 0.92,
            k.h,
        )
        cv.ellipse(fringe, HOLE, wx, wy, ww, wh)
        if style == "curly":  # a scalloped hairline
            for i in range(7):
                angle = math.pi * (1.2 + 0.1 * i)
                cx, cy = wx + ww / 2 * (1 + math.cos(angle)), wy + wh / 2 * (1 + math.sin(angle))
                cv.circle(fringe, colour, cx, cy, 0.03)
        # Short styles stop above the ears; long ones frame the face down to the jaw.
        cut = k.mouth_y if style in ("bob", "long") else k.eye_y - 0.04
        cv.keep_band(fringe, 0.0, cut)
        s.blit(fringe, (0, 0))
    if k.accessory == "hat":
        hat, dark = cv.layer(), mix(k.accent, INK, 0.2)
        cv.ellipse(hat, k.accent, k.left - 0.025, k.top - 0.08, k.w + 0.05, k.h * 0.7)
        cv.keep_band(hat, 0.0, k.top + 0.15 * k.h)
        cv.rrect(hat, dark, k.left - 0.035, k.top + 0.1 * k.h, k.w + 0.07, 0.075, 0.035)
        cv.circle(hat, mix(k.accent, (255, 255, 255), 0.3), 0.5, k.top - 0.075, 0.045)
        s.blit(hat, (0, 0))
    elif k.accessory == "headband":
        # Arched like the hairline it sits on, not a flat bar.
        cv.line(s, k.accent, curve(0.5, k.top + 0.2 * k.h, k.w / 2, -0.05), 0.042)
    elif k.accessory == "headphones":
        rx, ry = k.w / 2 + 0.02, 0.5 * k.h
        angles = [math.pi * (1 + i / 16) for i in range(17)]  # over the crown, ear to ear
        arc = [(0.5 + rx * math.cos(a), k.top + ry * (1 + math.sin(a))) for a in angles]
        cv.line(s, mix(k.accent, INK, 0.45), arc, 0.026)
        for x in (k.left - 0.045, right - 0.035):
            cv.rrect(s, k.accent, x, k.eye_y - 0.05, 0.08, 0.12, 0.035)
    elif k.accessory == "earrings":
        for x in (k.left - 0.006, right + 0.006):
            cv.circle(s, GOLD, x, k.eye_y + 0.06, 0.017)


def draw_portrait(seed: int, mood: int, size: int) -> pygame.Surface:
    """The face for `seed` in mood 0 (furious) .. 4 (delighted) as a size×size SRCALPHA surface.

    The same (seed, mood, size) always gives the same pixels. ValueError for a mood outside 0..4.
    """
    if not 0 <= mood < len(MOODS):
        raise ValueError(f"mood must be 0..{len(MOODS) - 1}, got {mood}")
    k, cv = look_for(seed), Canvas(size * SUPERSAMPLE)
    draw_body_and_back_hair(cv, k)
    draw_face(cv, k, mood)
    draw_front_hair_and_accessory(cv, k)
    # Clip everything to the disc, then put the backdrop behind it.
    disc = cv.layer()
    cv.circle(disc, (255, 255, 255), 0.5, 0.5, 0.5)
    cv.surface.blit(disc, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    cv.circle(disc, k.backdrop, 0.5, 0.5, 0.5)
    disc.blit(cv.surface, (0, 0))
    return pygame.transform.smoothscale(disc, (size, size))


def portrait_seed(stakeholder_id: str) -> int:
    """A seed from the id that is the same on every run and machine (unlike hash())."""
    return zlib.crc32(stakeholder_id.encode("utf-8"))


def _read_strip(stakeholder_id: str) -> pygame.Surface | None:
    """The shipped mood strip as 32-bit RGBA, or None when missing, unreadable or misshapen."""
    if not re.fullmatch(r"[a-z0-9_-]+", stakeholder_id):  # never let an id walk the disk
        return None
    try:
        image = pygame.image.load(PORTRAIT_DIR / f"{stakeholder_id}.png")
    except (pygame.error, OSError):
        return None
    if image.get_width() != image.get_height() * len(MOODS):
        return None
    strip = pygame.Surface(image.get_size(), pygame.SRCALPHA)
    strip.blit(image, (0, 0))
    return strip


@lru_cache(maxsize=128)
def _portraits(stakeholder_id: str, size: int) -> tuple[pygame.Surface, ...]:
    strip = _read_strip(stakeholder_id)
    if strip is None:
        seed = portrait_seed(stakeholder_id)
        faces = [draw_portrait(seed, mood, size) for mood in range(len(MOODS))]
    else:
        cell = strip.get_height()
        faces = [
            pygame.transform.smoothscale(strip.subsurface((m * cell, 0, cell, cell)), (size, size))
            for m in range(len(MOODS))
        ]
    if pygame.display.get_surface() is not None:
        faces = [face.convert_alpha() for face in faces]
    return tuple(faces)


def load_portraits(stakeholder_id: str, size: int) -> list[pygame.Surface]:
    """The five mood faces (furious .. delighted) for a stakeholder at size×size.

    From assets/portraits/<id>.png when shipped, else generated from the id, so stakeholders
    in the player's own scenarios get faces too. Cached: blit the surfaces, never draw on them.
    """
    return list(_portraits(stakeholder_id, size))
