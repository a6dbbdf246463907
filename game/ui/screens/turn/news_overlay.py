"""Last week's news in full: every story the strip under the board had to cut short."""

from html import escape

import pygame

from game.i18n import tr
from game.ui.screens.base import Host
from game.ui.screens.overlay import Overlay


class NewsOverlay(Overlay):
    """A panel with every line of last week's news, in big type; Esc, Enter or Close shut it."""

    name = "news"
    title_key = "news.title"
    panel_size = (820, 560)
    toggle_key = pygame.K_n  # the key that opened it closes it

    def __init__(self, app: Host, lines: list[str]) -> None:
        self.lines = lines
        super().__init__(app)

    def build(self) -> None:
        # pygame_gui's markup: the stories are text, never tags.
        self.text_page("<br><br>".join(escape(line) for line in self.lines), tr("news.close"))

    def handle(self, event: pygame.event.Event) -> bool:
        keys = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, self.toggle_key)
        if event.type == pygame.KEYDOWN and event.key in keys:
            self.close()
            return True
        return super().handle(event)
