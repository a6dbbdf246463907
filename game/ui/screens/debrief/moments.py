"""The debrief's key moments, in pages shared out evenly over their panel."""

import pygame

from game.i18n import tr, turn_word
from game.ui import draw
from game.ui.screens.debrief.base import DebriefBase, Page
from game.ui.screens.debrief.paging import even_pages
from game.ui.theme import INK, MUTED, PANEL, Style


class MomentsPart(DebriefBase):
    """Pages the key moments, turns the pages, paints the shown one."""

    def _build_moments(self) -> None:
        """The key moments, in pages that each fill the panel: never a list cut in half."""
        s = self.style
        top = self.compare_rect.bottom + s.px(10)
        self.moments_rect = pygame.Rect(
            self.right.left, top, self.right.width, self.right.bottom - top
        )
        pad = s.px(10)
        head_h = max(s.font(16, bold=True).get_linesize(), s.px(34))
        nav = pygame.Rect(0, 0, s.px(40), head_h)
        nav.topright = (self.moments_rect.right - pad, self.moments_rect.top + pad)
        self.page_later = self.button(
            nav, "›", lambda: self.turn_page(1), tool_tip_text=tr("debrief.moments.later")
        )
        nav = nav.move(-nav.width - s.px(6), 0)
        self.page_earlier = self.button(
            nav, "‹", lambda: self.turn_page(-1), tool_tip_text=tr("debrief.moments.earlier")
        )
        self.page_label_right = nav.left - s.px(8)
        body = pygame.Rect(
            self.moments_rect.left + pad,
            nav.bottom + s.px(8),
            self.moments_rect.width - 2 * pad,
            self.moments_rect.bottom - pad - nav.bottom - s.px(8),
        )
        self.moments_body = body
        self.pages = self._paginate(body)
        self.page = min(self.page, len(self.pages) - 1)
        self._sync_page_buttons()

    def _paginate(self, body: pygame.Rect) -> list[Page]:
        """The moments as pages of (turn label, wrapped lines, stakeholder) that fit `body`."""
        s = self.style
        font, bold = s.font(15), s.font(15, bold=True)
        labels = [str(m.turn) for m in self.moments]  # the heading names the turn word
        self.label_w = max((draw.measure(t, bold) for t in labels), default=0) + s.px(10)
        width = body.width - self.label_w - s.px(10)
        step, gap = line_step(font), moment_gap(s)
        items = [
            (text, draw.wrap(m.text, font, width), m.stakeholder)
            for text, m in zip(labels, self.moments, strict=True)
        ]
        heights = [len(lines) * step + gap for _, lines, _ in items]
        pages: list[Page] = []
        for count in even_pages(heights, body.height):
            pages.append(items[:count])
            items = items[count:]
        return pages

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + step))
        self._sync_page_buttons()

    def _sync_page_buttons(self) -> None:
        """Arrows that can turn the page are enabled; with one page there is nothing to
        turn, so they are hidden rather than shown as if they did something."""
        for button, usable in (
            (self.page_earlier, self.page > 0),
            (self.page_later, self.page < len(self.pages) - 1),
        ):
            if usable:
                button.enable()
            else:
                button.disable()
            if len(self.pages) > 1:
                button.show()
            else:
                button.hide()

    def _draw_moments(self, surface: pygame.Surface) -> None:
        s, area = self.style, self.moments_rect
        pygame.draw.rect(surface, PANEL, area, border_radius=s.px(8))
        pad = s.px(10)
        bold = s.font(16, bold=True)
        head_y = self.page_earlier.rect.centery - bold.get_linesize() // 2
        page = tr("debrief.moments.page", page=self.page + 1, pages=len(self.pages))
        used = draw.measure(page, s.font(14)) + s.px(12) if len(self.pages) > 1 else 0
        room = self.page_label_right - used - area.left - pad
        label = turn_word(self.session.scenario.turn_label)
        heading = tr("debrief.moments.by", label=label)
        if draw.measure(heading, bold) > room:
            heading = tr("debrief.moments")
        draw.text(surface, heading, bold, (area.left + pad, head_y), INK, width=room)
        if len(self.pages) > 1:
            draw.text(
                surface,
                page,
                s.font(14),
                (self.page_label_right, self.page_earlier.rect.centery),
                MUTED,
                "midright",
            )
        font, label_font = s.font(15), s.font(15, bold=True)
        body, y = self.moments_body, self.moments_body.top
        for label, lines, who in self.pages[self.page]:
            colour = INK if who is None else self.style.person_colour(who)
            draw.text(
                surface,
                label,
                label_font,
                (body.left + self.label_w - s.px(10), y),
                colour,
                "topright",
            )
            for line in lines:
                draw.text(surface, line, font, (body.left + self.label_w, y), INK)
                y += line_step(font)
            y += moment_gap(s)


def line_step(font: pygame.font.Font) -> int:
    """The moments' line spacing: tighter than the font's own (which leaves room for
    stacked accents), so a projector page holds four moments (issue 10), with no line
    touching the next."""
    return round(font.get_linesize() * 0.86)


def moment_gap(s: Style) -> int:
    """The room between two moments: their coloured week numbers already part them."""
    return s.px(8)
