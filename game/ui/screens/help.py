"""How to play (F1 or ?): the turn, the keys, and what the screen is telling you."""

import pygame

from game.i18n import tr
from game.ui import draw
from game.ui.screens.overlay import Overlay


def help_text() -> str:
    """How to play, as pygame_gui's HTML, in the current language."""
    return tr("help.body")


def __getattr__(name: str) -> str:
    # HELP reads in the language in effect when it is asked for, not at import.
    if name == "HELP":
        return help_text()
    raise AttributeError(name)


class HelpOverlay(Overlay):
    name = "help"
    title_key = "help.title"
    panel_size = (820, 600)

    def build(self) -> None:
        s = self.style
        rect = self.panel()
        button_h = max(s.px(44), s.text_px(16) + s.px(20))
        top = self.content_top()
        body = pygame.Rect(
            rect.left + s.px(24),
            top,
            rect.width - s.px(48),
            rect.bottom - top - button_h - s.px(36),
        )
        self.text_box(help_text(), body)
        close = tr("help.close")
        # As wide as its words need ('Schließen (Esc)' at projector size), at least 200.
        width = max(s.px(200), draw.measure(close, s.font(16, bold=True)) + s.px(40))
        self.button(
            pygame.Rect(
                rect.right - s.px(24) - width, rect.bottom - s.px(20) - button_h, width, button_h
            ),
            close,
            self.close,
            object_id="#primary",
        )
