"""Small type that grows with the text-size setting like the rest.

`Style.font` never goes below 12 px, so in a small window a 12 px design size and a 13 px
one are both 12 px at normal text size, and at projector size (x1.5) they grow to 15 and 16
px while the body text grows to 19: the hints looked as small as before (playtest 3, at
1024x600). Here the floor grows with the setting too: never below 12 px x the text size.
"""

import pygame

from game.ui.theme import Style

FLOOR_PX = 12  # the smallest text at normal text size


def small_font(s: Style, design: float, bold: bool = False) -> pygame.font.Font:
    """`s.font(design)`, but never smaller than FLOOR_PX times the text-size setting."""
    return s.font(max(design, FLOOR_PX / s.scale), bold)
