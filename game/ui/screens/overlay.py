"""What overlays share: they dim the screen below and sit in a centred panel."""

import contextlib

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.i18n import tr
from game.ui import draw
from game.ui.focus import Action, quiet
from game.ui.screens.base import SCROLL_KEYS, Host, Screen, scroll_box
from game.ui.theme import BORDER, CARD, INK, canvas


class Overlay(Screen):
    opaque = False
    title_key = ""  # the catalogue key of the panel's heading
    panel_size = (560, 520)  # design size

    def __init__(self, app: Host) -> None:
        # The screen below stays visible but is not updated while this is open: its hover
        # and tooltips go now, or they would float over this overlay.
        with contextlib.suppress(IndexError):  # no screen below: nothing to quiet
            quiet(app.top.manager)
        super().__init__(app)

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

    def menu(self, entries: list[tuple[str, Action, str, str]]) -> list[UIButton]:
        """A column of full-width buttons (label, action, object id, tooltip) under the
        title, as many as the panel holds."""
        s, rect = self.style, self.panel()
        button_h = max(s.px(48), s.text_px(18) + s.px(22))
        x, w, y = rect.left + s.px(24), rect.width - s.px(48), self.content_top()
        out = []
        for label, action, object_id, tip in entries:
            if y + button_h > rect.bottom - s.px(16):
                break
            area = pygame.Rect(x, y, w, button_h)
            out.append(
                self.button(area, label, action, object_id=object_id, tool_tip_text=tip or None)
            )
            y += button_h + s.px(12)
        return out

    def content_top(self) -> int:
        s = self.style
        return self.panel().top + s.px(20) + s.font(28, bold=True).get_linesize() + s.px(10)

    def text_page(self, html: str, close_label: str) -> None:
        """A scrolling text box filling the panel and a close button under it, as wide as
        its words need ('Schließen (Esc)' at projector size) and at least 200 px."""
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
        self.page_box = self.text_box(html, body)
        width = max(s.px(200), draw.measure(close_label, s.font(16, bold=True)) + s.px(40))
        self.button(
            pygame.Rect(
                rect.right - s.px(24) - width, rect.bottom - s.px(20) - button_h, width, button_h
            ),
            close_label,
            self.close,
            object_id="#primary",
        )

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

    page_box: UITextBox | None = None  # a text page's box (text_page), for the keys

    def handle(self, event: pygame.event.Event) -> bool:
        # A text page scrolls by keyboard too (playtest 9: Help's key list was out of
        # reach without a mouse wheel).
        if (
            event.type == pygame.KEYDOWN
            and event.key in SCROLL_KEYS
            and self.page_box is not None
            and scroll_box(self.page_box, SCROLL_KEYS[event.key])
        ):
            return True
        return super().handle(event)

    def close(self) -> None:
        self.app.pop()

    def autoplay(self) -> None:
        self.close()
