"""The debrief's comparison box: the fixed strategies' scores on the same seed."""

import pygame

from game.i18n import number, tr
from game.ui import draw
from game.ui.screens.debrief.base import DebriefBase, ahead, difference
from game.ui.theme import FAINT, GOOD, INK, MUTED, PANEL


class ComparePart(DebriefBase):
    """Lays out and paints the comparison box."""

    def _build_compare(self) -> None:
        """The fixed strategies' scores on this seed, each wrapped to the box if need be."""
        s = self.style
        pad = s.px(10)
        width = self.right.width - 2 * pad
        self.compare_title = draw.wrap(tr("debrief.compare"), s.font(14, bold=True), width)
        font, mine = s.font(15), float(self.result.score[0])
        self.compare_lines = []
        for name, their_score, their_grade in self.rows[: len(self.others)]:
            text = tr(
                "debrief.compare.line", policy=name, score=number(their_score, 0), grade=their_grade
            )
            note = difference(mine, their_score)
            room = width - draw.measure(note, font) - pad
            self.compare_lines.append((draw.wrap(text, font, room), note, ahead(mine, their_score)))
        height = len(self.compare_title) * s.font(14, bold=True).get_linesize()
        height += sum(len(lines) for lines, _, _ in self.compare_lines) * font.get_linesize()
        self.compare_rect = pygame.Rect(
            self.right.left, self.right.top, self.right.width, height + 2 * pad
        )

    def _draw_comparison(self, surface: pygame.Surface) -> None:
        s, area = self.style, self.compare_rect
        pygame.draw.rect(surface, PANEL, area, border_radius=s.px(8))
        pad = s.px(10)
        y = area.top + pad
        bold = s.font(14, bold=True)
        for line in self.compare_title:
            draw.text(surface, line, bold, (area.left + pad, y), MUTED)
            y += bold.get_linesize()
        font = s.font(15)
        for lines, note, better in self.compare_lines:
            draw.text(
                surface, note, font, (area.right - pad, y), GOOD if better else FAINT, "topright"
            )
            for line in lines:
                draw.text(surface, line, font, (area.left + pad, y), INK)
                y += font.get_linesize()
