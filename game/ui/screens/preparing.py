"""The first start after installing: the game's name and what is happening, while the
model's kernels compile (busy.model_warmed). The busy sign in the corner counts them."""

import pygame

from game.i18n import tr
from game.ui import draw
from game.ui.screens.base import Screen
from game.ui.theme import ACCENT, MUTED


class PreparingScreen(Screen):
    name = "preparing"

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        s = self.style
        w, h = s.window
        name = draw.text(surface, "ODD DUCK", s.font(56, bold=True), (w // 2, h // 3), ACCENT,
                         "midtop")  # fmt: skip
        font = s.font(20)
        y = name.bottom + s.px(24)
        for line in draw.wrap(tr("preparing.why"), font, min(w - 2 * s.px(40), s.px(720)), 4):
            y = draw.text(surface, line, font, (w // 2, y), MUTED, "midtop").bottom + s.px(4)
