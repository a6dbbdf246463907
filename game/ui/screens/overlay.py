"""What overlays share: they dim the screen below and sit in a centred panel."""

import pygame

from game.i18n import tr
from game.ui import draw
from game.ui.screens.base import Screen
from game.ui.theme import BORDER, CARD, INK, canvas


class Overlay(Screen):
    opaque = False
    title_key = ""  # the catalogue key of the panel's heading
    panel_size = (560, 520)  # design size

    def panel(self) -> pygame.Rect:
        s = self.style
        page = canvas(s)
        w = min(page.width - s.px(40), s.px(self.panel_size[0]))
        h = min(page.height - s.px(40), s.px(self.panel_size[1]))
        rect = pygame.Rect(0, 0, w, h)
        rect.center = page.center
        return rect

    @property
    def title(self) -> str:
        return tr(self.title_key) if self.title_key else ""

    def content_top(self) -> int:
        s = self.style
        return self.panel().top + s.px(20) + s.font(28, bold=True).get_linesize() + s.px(10)

    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        dim.fill((10, 12, 18, 190))
        surface.blit(dim, (0, 0))
        rect = self.panel()
        draw.card(surface, rect, s.px(12), None, CARD, BORDER)
        draw.text(
            surface,
            self.title,
            s.font(28, bold=True),
            (rect.left + s.px(24), rect.top + s.px(20)),
            INK,
        )

    def close(self) -> None:
        self.app.pop()

    def autoplay(self) -> None:
        self.close()
