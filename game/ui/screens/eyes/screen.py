"""Through their eyes: the debrief's role swap. The team picks a line manager and reads the
round as that person lived it, week by week, in the first person; a chart shows what they
expected against what they had seen working, and their trust. In a workshop's second round
the facilitator may unlock it during play (Ctrl+Shift+V): then it shows the weeks so far.

The timeline is game/session/debrief/eyes.py's (the truth, from the model); this screen
only words and draws it. Left/Right or the tabs switch person; Up/Down, Page Up/Down and
the wheel scroll the weeks; Esc, Backspace or the button go back to where it was opened.
"""

from functools import partial

import pygame

from game.i18n import tr
from game.session.debrief.eyes import (
    Eyes,
    through_their_eyes,
)
from game.ui import draw, people
from game.ui.safe_text import drawable
from game.ui.screens.base import SCROLL_KEYS, Host, Screen, scroll_box
from game.ui.screens.eyes.chart import EyesChart
from game.ui.screens.eyes.words import Words
from game.ui.theme import (
    ACCENT,
    BACKGROUND,
    BORDER,
    FAINT,
    INK,
    MUTED,
    PANEL,
)


class EyesScreen(Screen):
    name = "eyes"

    def __init__(self, app: Host, stakeholder: int = 0) -> None:
        game = app.game
        assert game is not None
        self.session = game.session
        self.people = through_their_eyes(self.session)
        self.person = max(0, min(stakeholder, len(self.people) - 1))
        super().__init__(app)

    # --- layout --------------------------------------------------------------------------
    def build(self) -> None:
        s = self.style
        w, h = s.window
        g = s.px(20)
        # Made here, not once: the words follow a language changed in the settings.
        self.words = Words(self.session.scenario, self.session.params.coef.favour_min_trust)
        button_h = max(s.px(44), s.text_px(16) + s.px(20))
        # Opened from the debrief, or mid-round when a facilitator unlocked it.
        back_label = tr("eyes.back" if self.session.done else "eyes.back.plan")
        back_w = min(draw.measure(back_label, s.font(18, bold=True)) + s.px(40), w // 3)
        self.back_button = self.button(
            pygame.Rect(w - g - back_w, g, back_w, button_h),
            draw.fit(back_label, s.font(18, bold=True), back_w - s.px(16)),
            self.back,
            object_id="#primary",
            tool_tip_text=tr("eyes.back.tip"),
        )
        self._build_tabs(pygame.Rect(g, g, w - 3 * g - back_w, button_h))
        top = g + button_h + s.px(12)
        left_w = round((w - 3 * g) * 0.4)
        self.left = pygame.Rect(g, top, left_w, h - g - top)
        self.right = pygame.Rect(self.left.right + g, top, w - 3 * g - left_w, self.left.height)
        self.header = pygame.Rect(self.left.left, top, left_w, self._header_height())
        self.chart_rect = pygame.Rect(
            self.left.left,
            self.header.bottom + s.px(10),
            left_w,
            self.left.bottom - self.header.bottom - s.px(10),
        )
        hint_h = s.font(13).get_linesize() + s.px(6)
        body = pygame.Rect(
            self.right.left, self.right.top, self.right.width, self.right.height - hint_h
        )
        self.box = self.text_box(self.words.html(self.eyes), body)
        self._wrap_lines()
        self.focus.focus_on(self.tabs[self.person])

    def _wrap_lines(self) -> None:
        """Break the sentences into lines here, a little narrower than the box. pygame_gui
        moves a line break that does not fit after a line filling the box to a row of its
        own: a blank line under "News that touched me: …" (playtest 3, at 1024x600)."""
        font = self.box.ui_theme.get_font(self.box.combined_element_ids)
        room = self.box.text_wrap_rect.width - self.style.px(12)

        def wrap(text: str) -> list[str]:
            lines: list[str] = []
            for word in drawable(text).split(" "):
                trial = f"{lines[-1]} {word}" if lines else word
                if lines and font.size(trial)[0] > room:
                    lines.append(word)
                else:
                    lines[-1:] = [trial]
            return lines

        self.box.set_text(drawable(self.words.html(self.eyes, wrap)))

    def _build_tabs(self, area: pygame.Rect) -> None:
        s, n = self.style, max(1, len(self.people))
        gap = s.px(8)
        tab_w = (area.width - gap * (n - 1)) // n
        font = s.font(16)
        self.tabs = []
        for k, eyes in enumerate(self.people):
            rect = pygame.Rect(area.left + k * (tab_w + gap), area.top, tab_w, area.height)
            self.tabs.append(
                self.button(
                    rect,
                    draw.fit(eyes.short, font, tab_w - s.px(16)),
                    partial(self.show, k),
                    tool_tip_text=tr("eyes.tab.tip", name=eyes.name),
                )
            )

    def _header_height(self) -> int:
        """Portrait beside name and role, the summary under them: all of it, never cut."""
        s = self.style
        side = self._portrait_size()
        text_w = self.left.width - side - s.px(36)
        title = self._title_lines(text_w)
        role_lines = draw.wrap(self._role(), s.font(15), text_w, max_lines=2)
        beside = len(title) * s.font(22, bold=True).get_linesize()
        beside += len(role_lines) * s.font(15).get_linesize()
        summary = draw.wrap(self.words.summary(self.eyes), s.font(15), self.left.width - s.px(24))
        return max(side, beside) + len(summary) * s.font(15).get_linesize() + s.px(32)

    def _title_lines(self, width: int) -> list[str]:
        """'Through Dana's eyes', on two lines where a language needs them."""
        title = tr("eyes.title", name=self.eyes.short)
        return draw.wrap(title, self.style.font(22, bold=True), width, max_lines=2)

    def _portrait_size(self) -> int:
        return self.style.px(80)

    def _role(self) -> str:
        return tr("eyes.role", role=self.eyes.role, department=self.eyes.department)

    def regions(self) -> dict[str, pygame.Rect]:
        return {"header": self.header, "chart": self.chart_rect, "weeks": self.right}

    @property
    def eyes(self) -> Eyes:
        return self.people[self.person]

    # --- actions -------------------------------------------------------------------------
    def show(self, k: int) -> None:
        """Look through stakeholder `k`'s eyes (wrapping round at both ends)."""
        self.person = k % len(self.people)
        self.rebuild()

    def back(self) -> None:
        self.app.pop()

    def scroll(self, pages: float) -> None:
        """Scroll the weeks by `pages` of the box's height (negative: up)."""
        scroll_box(self.box, pages)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.show(self.person + (1 if event.key == pygame.K_RIGHT else -1))
                return True
            if event.key in SCROLL_KEYS:
                self.scroll(SCROLL_KEYS[event.key])
                return True
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.back()
                return True
        return super().handle(event)

    # --- painting ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        surface.fill(BACKGROUND)
        tab = self.tabs[self.person].rect
        pygame.draw.rect(
            surface, ACCENT, tab.inflate(s.px(4), s.px(4)), width=s.px(2), border_radius=s.px(9)
        )
        self._draw_header(surface)
        EyesChart(self.style, self.eyes, self.session.scenario.deadline).draw(
            surface, self.chart_rect, self.style.person_colour(self.person)
        )
        hint = tr("eyes.hint")
        draw.text(
            surface,
            hint,
            s.font(13),
            (self.right.right, self.right.bottom),
            FAINT,
            "bottomright",
            width=self.right.width,
        )

    def _draw_header(self, surface: pygame.Surface) -> None:
        s, area = self.style, self.header
        draw.card(surface, area, s.px(8), self.style.person_colour(self.person), PANEL, BORDER)
        pad, side = s.px(14), self._portrait_size()
        mood = self.eyes.weeks[-1].mood if self.eyes.weeks else people.NEUTRAL
        face = people.portrait(self.session.scenario, self.person, mood, side)
        surface.blit(face, (area.left + pad, area.top + pad))
        x = area.left + pad + side + s.px(12)
        text_w = area.right - pad - x
        y = area.top + pad
        for line in self._title_lines(text_w):
            y = draw.text(surface, line, s.font(22, bold=True), (x, y), INK).bottom
        font = s.font(15)
        for line in draw.wrap(self._role(), font, text_w, max_lines=2):
            y = draw.text(surface, line, font, (x, y), MUTED).bottom
        y = max(y, area.top + pad + side) + s.px(6)
        box = pygame.Rect(area.left + pad, y, area.width - 2 * pad, area.bottom - y)
        draw.paragraph(surface, self.words.summary(self.eyes), font, box, INK, 1.0)
