"""A frame of one game for `OddDuckEnv.render()`: IT's view as bars, drawn with pygame.

Only `OddDuckEnv.render` imports this module, and only when a frame is asked for, so
`import game.gym` and every step stay free of pygame (.importlinter lets this one module
import it). The frame is an off-screen surface: no window, no display, works under
SDL_VIDEODRIVER=dummy. It has no words (a recording of many episodes needs no
translation): from the top, the weeks played against the deadline, the progress IT
reports and the sponsor's support; one column per package (reported share, coloured by
status, with its clarity as a thin line); one column per stakeholder (trust, coloured by
the mood face, dimmed when IT is out of touch).
"""

import numpy as np
import numpy.typing as npt
import pygame

from game.look import palette
from game.model import Observation, Params

U8 = npt.NDArray[np.uint8]
WIDTH, HEIGHT = 640, 360
MARGIN = 16
STATUS_COLOURS = (palette.REPORTED, palette.WARN, palette.GOOD)  # open, awaiting, accepted
MOOD_COLOURS = (palette.BAD, "#f2a46d", palette.MUTED, "#6fd3b0", palette.GOOD)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    text = hex_colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _bar(surface: pygame.Surface, rect: pygame.Rect, share: float, colour: str) -> None:
    """A horizontal bar filled to `share` of its width over an empty track."""
    pygame.draw.rect(surface, _rgb(palette.TRACK), rect)
    filled = rect.copy()
    filled.width = round(rect.width * min(max(share, 0.0), 1.0))
    pygame.draw.rect(surface, _rgb(colour), filled)


def _columns(
    surface: pygame.Surface, area: pygame.Rect, shares: list[float], colours: list[str]
) -> list[pygame.Rect]:
    """Vertical bars side by side in `area`, each filled from the bottom to its share."""
    count = max(len(shares), 1)
    width = area.width // count
    rects = []
    for i, (share, colour) in enumerate(zip(shares, colours, strict=True)):
        track = pygame.Rect(area.x + i * width + 2, area.y, max(width - 4, 1), area.height)
        pygame.draw.rect(surface, _rgb(palette.TRACK), track)
        height = round(track.height * min(max(share, 0.0), 1.0))
        pygame.draw.rect(
            surface, _rgb(colour), (track.x, track.bottom - height, track.width, height)
        )
        rects.append(track)
    return rects


def draw_frame(seen: Observation, params: Params) -> U8:
    """IT's view of game 0 of `seen` as an RGB array (HEIGHT, WIDTH, 3), uint8."""
    surface = pygame.Surface((WIDTH, HEIGHT))
    surface.fill(_rgb(palette.BACKGROUND))
    inner = WIDTH - 2 * MARGIN
    weeks = float(seen.turn[0]) / max(params.deadline, 1)
    _bar(surface, pygame.Rect(MARGIN, MARGIN, inner, 12), weeks, palette.FAINT)
    _bar(
        surface,
        pygame.Rect(MARGIN, MARGIN + 20, inner, 16),
        float(seen.reported_progress[0]),
        palette.REPORTED,
    )
    _bar(
        surface, pygame.Rect(MARGIN, MARGIN + 44, inner, 12), float(seen.sponsor[0]), palette.ACCENT
    )
    top, bottom = MARGIN + 72, HEIGHT - MARGIN
    split = MARGIN + round(inner * params.n_packages / (params.n_packages + params.n_stakeholders))
    packages = pygame.Rect(MARGIN, top, split - MARGIN - 8, bottom - top)
    people = pygame.Rect(split + 8, top, MARGIN + inner - split - 8, bottom - top)
    status = seen.package_status[0]
    tracks = _columns(
        surface,
        packages,
        [float(v) for v in seen.package_reported[0]],
        [STATUS_COLOURS[int(s)] for s in status],
    )
    for track, clarity in zip(tracks, seen.package_clarity[0], strict=True):
        y = track.bottom - round(track.height * float(clarity))
        pygame.draw.line(surface, _rgb(palette.INK), (track.x, y), (track.right - 1, y), 2)
    colours = [
        palette.FAINT if vague else MOOD_COLOURS[int(mood)]
        for mood, vague in zip(seen.mood[0], seen.vague[0], strict=True)
    ]
    _columns(surface, people, [float(v) for v in seen.trust[0]], colours)
    # surfarray gives (W, H, 3); Gymnasium's frames are (H, W, 3).
    frame: U8 = np.ascontiguousarray(pygame.surfarray.array3d(surface).transpose(1, 0, 2))
    return frame.astype(np.uint8)
