"""Coach marks: a first-time team's few tips, each pointing at the part of the screen it is about.

The marks sit on top of the screen they explain, as an overlay: while one shows, clicks and
keys reach the marks, never the screen below, so nobody changes the plan by accident.
Enter, Space or a click goes on; Esc or "Skip" ends them. Whoever opens them says what
happens when they end (the turn screen records that this machine has been coached).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.i18n import tr
from game.ui import draw
from game.ui.screens.base import Host
from game.ui.screens.overlay import Overlay
from game.ui.theme import ACCENT, BORDER, CARD, INK, MUTED


@dataclass(frozen=True)
class Mark:
    """One tip: the screen region it points at, and its heading and text (catalogue keys)."""

    target: pygame.Rect
    title_key: str
    body_key: str


class CoachOverlay(Overlay):
    name = "coach"

    def __init__(self, app: Host, marks: list[Mark], on_done: Callable[[], None]) -> None:
        self.marks = marks
        self.step = 0
        self.on_done = on_done
        super().__init__(app)

    @property
    def mark(self) -> Mark:
        return self.marks[self.step]

    # --- layout ----------------------------------------------------------------------------
    def _fonts(self) -> tuple[pygame.font.Font, pygame.font.Font, pygame.font.Font]:
        s = self.style
        return s.font(13, bold=True), s.font(20, bold=True), s.font(16)

    def _button_h(self) -> int:
        s = self.style
        return max(s.px(40), s.text_px(16) + s.px(18))

    def _labels(self) -> tuple[str, str]:
        last = self.step == len(self.marks) - 1
        return tr("coach.skip"), tr("coach.done" if last else "coach.next")

    def _stacked(self, inner: int) -> bool:
        """Whether Skip and Next go one above the other: side by side they would be cut."""
        s = self.style
        font = s.font(16, bold=True)
        need = sum(draw.measure(label, font) + s.px(32) for label in self._labels())
        return need + s.px(12) > inner

    def _text_lines(self, inner: int) -> tuple[list[str], list[str]]:
        """The tip's title and body, wrapped to the card's inner width."""
        _, title, body = self._fonts()
        return (
            draw.wrap(tr(self.mark.title_key), title, inner),
            draw.wrap(tr(self.mark.body_key), body, inner),
        )

    def callout(self) -> pygame.Rect:
        """The tip's card: beside its target where there is room, else over its lower part."""
        s = self.style
        w, h = s.window
        margin, gap = s.px(16), s.px(20)
        width = min(s.px(420), w - 2 * margin)
        small, title, body = self._fonts()
        inner = width - 2 * s.px(20)
        heads, lines = self._text_lines(inner)
        buttons = 2 * self._button_h() + s.px(8) if self._stacked(inner) else self._button_h()
        height = (
            2 * s.px(20)
            + small.get_linesize()
            + len(heads) * title.get_linesize()
            + s.px(6)
            + len(lines) * body.get_linesize()
            + s.px(16)
            + buttons
        )
        t = self.mark.target
        rect = pygame.Rect(0, 0, width, min(height, h - 2 * margin))
        room_right, room_left = w - margin - t.right - gap, t.left - gap - margin
        if max(room_right, room_left) >= width:  # beside the target, level with it
            rect.top = t.top if t.height >= rect.height else t.centery - rect.height // 2
            if room_right >= width:
                rect.left = t.right + gap
            else:
                rect.right = t.left - gap
        elif h - margin - t.bottom - gap >= rect.height:  # under it
            rect.midtop = (t.centerx, t.bottom + gap)
        elif t.top - gap - margin >= rect.height:  # over it
            rect.midbottom = (t.centerx, t.top - gap)
        else:  # on the roomier side, over the target's edge as little as it must
            rect.top = t.top
            if room_right >= room_left:
                rect.left = t.right + gap
            else:
                rect.right = t.left - gap
        return rect.clamp(pygame.Rect(margin, margin, w - 2 * margin, h - 2 * margin))

    def build(self) -> None:
        s = self.style
        card = self.callout()
        button_h = self._button_h()
        y = card.bottom - s.px(20) - button_h
        x, inner = card.left + s.px(20), card.width - 2 * s.px(20)
        skip, go = self._labels()
        if self._stacked(inner):  # Next at the bottom, Skip above it, both full width
            go_rect = pygame.Rect(x, y, inner, button_h)
            skip_rect = go_rect.move(0, -button_h - s.px(8))
        else:
            go_w = (inner - s.px(12)) * 2 // 5
            go_rect = pygame.Rect(x + inner - go_w, y, go_w, button_h)
            skip_rect = pygame.Rect(x, y, inner - go_w - s.px(12), button_h)
        self.next_button = self.button(go_rect, go, self.next, object_id="#primary")
        self.skip_button = self.button(skip_rect, skip, self.close)

    # --- actions -------------------------------------------------------------------------
    def next(self) -> None:
        if self.step + 1 >= len(self.marks):
            self.close()
            return
        self.step += 1
        self.rebuild()

    def close(self) -> None:
        """Skipped or seen to the end: the marks go, and whoever opened them is told."""
        if self.app.top is self:
            self.app.pop()
        self.on_done()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.close()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.next()
                return True
            # Every other key stops here too: the plan below must not change by accident.
            return event.key not in (pygame.K_F1, pygame.K_F11)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            on_buttons = any(
                b.rect.collidepoint(event.pos) for b in (self.next_button, self.skip_button)
            )
            if not on_buttons:
                self.next()
                return True
        return super().handle(event)

    # --- painting ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The screen dimmed but for the target, outlined, and the tip's card beside it."""
        s = self.style
        target = self.mark.target.inflate(s.px(8), s.px(8))
        dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        dim.fill((10, 12, 18, 170))
        dim.fill((0, 0, 0, 0), target)
        surface.blit(dim, (0, 0))
        pygame.draw.rect(surface, ACCENT, target, width=s.px(3), border_radius=s.px(8))
        card = self.callout()
        draw.card(surface, card, s.px(12), ACCENT, CARD, BORDER)
        small, title, body = self._fonts()
        pad = s.px(20)
        x, width = card.left + pad, card.width - 2 * pad
        count = tr("coach.count", k=self.step + 1, n=len(self.marks))
        head = draw.text(surface, count, small, (x, card.top + pad), MUTED, width=width)
        heads, _ = self._text_lines(width)
        y = head.bottom
        for line in heads:
            y = draw.text(surface, line, title, (x, y), INK, width=width).bottom
        buttons_top = min(self.next_button.rect.top, self.skip_button.rect.top)
        text_rect = pygame.Rect(x, y + s.px(6), width, buttons_top - y - s.px(16))
        draw.paragraph(surface, tr(self.mark.body_key), body, text_rect, INK, 1.0)
