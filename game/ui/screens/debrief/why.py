"""The debrief's left side: the tabs, the score's breakdown and the charts."""

import html
from functools import partial

import pygame

from game.i18n import number, tr
from game.look import palette
from game.session.debrief.explain import package_lines, points, shared_line, summary
from game.ui import draw
from game.ui.screens.debrief.base import CHARTS, PART_COLOURS, WHY, DebriefBase
from game.ui.theme import CARD, FAINT, INK, MUTED, hex_colour

NBSP = "\u00a0"


class ViewsPart(DebriefBase):
    """The tabs, the breakdown tab and the matplotlib charts behind the others."""

    def _build_tabs(self) -> None:
        """One tab a view, each as wide as its label needs and the spare room shared out;
        equal tabs (labels cut, whole in the tooltip) only when the labels cannot all fit."""
        s = self.style
        tab_h = max(s.px(38), s.text_px(15) + s.px(18))
        gap, pad, font = s.px(5), s.px(12), s.font(16)  # the buttons' theme font
        labels = [self._tab_label(key) for _, key in CHARTS]
        room = self.left.width - (len(CHARTS) - 1) * gap
        needs = [draw.measure(label, font) + pad for label in labels]
        if sum(needs) <= room:
            spare = (room - sum(needs)) // len(CHARTS)
            widths = [need + spare for need in needs]
        else:
            widths = [room // len(CHARTS)] * len(CHARTS)
        self.tabs = []
        x = self.left.left
        for k, (label, width) in enumerate(zip(labels, widths, strict=True)):
            rect = pygame.Rect(x, self.left.top, width, tab_h)
            self.tabs.append(
                self.button(
                    rect,
                    draw.fit(label, font, width - pad, full_text_elsewhere="tooltip"),
                    partial(self.show_chart, k),
                    tool_tip_text=tr("debrief.tab.tip", chart=label),
                )
            )
            x += width + gap
        top = self.left.top + tab_h + s.px(10)
        self.chart_rect = pygame.Rect(self.left.left, top, self.left.width, self.left.bottom - top)

    def _tab_label(self, key: str) -> str:
        return tr(key, score=number(self.result.score[0], 0)) if key == CHARTS[WHY][1] else tr(key)

    def _build_why(self) -> None:
        """The breakdown tab: a title, the score bar with its legend, the packages' list."""
        s, area = self.style, self.chart_rect
        pad = s.px(14)
        inner = area.inflate(-2 * pad, -2 * pad)
        y = inner.top + s.font(20, bold=True).get_linesize() + s.px(6)
        self.why_bar = pygame.Rect(inner.left, y, inner.width, s.px(30))
        y = self.why_bar.bottom + s.px(8)
        font, swatch = s.font(16), s.text_px(14)
        self.legend = []
        x = inner.left
        for cause, _, label in summary(self.breakdown):
            width = swatch + s.px(6) + draw.measure(label, font)
            if x > inner.left and x + width > inner.right:
                x, y = inner.left, y + font.get_linesize()
            box = pygame.Rect(x, y + (font.get_linesize() - swatch) // 2, swatch, swatch)
            self.legend.append((box, (box.right + s.px(6), y), label, PART_COLOURS[cause]))
            x += width + s.px(18)
        y += font.get_linesize() + s.px(10)
        self.why_list_title = (inner.left, y)
        y += s.font(14, bold=True).get_linesize() + s.px(4)
        rows = package_lines(self.breakdown, self.session)
        good = "#{:02x}{:02x}{:02x}".format(*hex_colour(palette.GOOD_TEXT))
        # "11 of 19" never breaks across two lines (no-break spaces).
        lines = [
            f"<b>{html.escape(title)}</b>  "
            f"<font color='{good}'>{html.escape(kept.replace(' ', NBSP))}</font>"
            f"<br>{html.escape(why)}"
            for title, kept, why in rows
        ]
        # Why the project-wide losses (the lines above each carry a share) comes last: the
        # packages, which the heading promises, fill the box even at projector size.
        shared = shared_line(self.breakdown, self.session)
        if shared is not None:
            lines.append(html.escape(shared))
        box = pygame.Rect(inner.left, y, inner.width, max(s.px(40), inner.bottom - y))
        self.why_box = self.text_box("<br>".join(lines), box)
        if self.chart != WHY:
            self.why_box.hide()

    def show_chart(self, k: int) -> None:
        self.chart = k % len(CHARTS)
        if self.chart == WHY:
            self.why_box.show()
        else:
            self.why_box.hide()
        self.focus.focus_on(self.tabs[self.chart])  # the chosen tab has the focus

    def charts(self) -> dict[str, pygame.Surface]:
        """The four charts at the chart area's size, drawn once per size (~20 ms each)."""
        if self._chart_size != self.chart_rect.size:
            from game.ui.charts import chart_surfaces

            colours = [self.style.person_hex(k) for k in range(len(self.series.names))]
            self._charts = chart_surfaces(
                self.series,
                self.chart_rect.size,
                colours,
                self.style.scale * self.style.text_size,
                deadline=self.session.scenario.deadline,
                turn_label=self.session.scenario.turn_label,
            )
            self._chart_size = self.chart_rect.size
        return self._charts

    def _draw_why(self, surface: pygame.Surface) -> None:
        s, area = self.style, self.chart_rect
        pygame.draw.rect(surface, CARD, area, border_radius=s.px(8))
        pad = s.px(14)
        title = tr("why.title", score=points(self.breakdown.score))
        draw.text(
            surface,
            title,
            s.font(20, bold=True),
            (area.left + pad, area.top + pad),
            INK,
            width=area.width - 2 * pad,
        )
        bar, x = self.why_bar, float(self.why_bar.left)
        for cause, value, _ in summary(self.breakdown):
            right = x + bar.width * value / 100.0
            part = pygame.Rect(round(x), bar.top, max(1, round(right) - round(x)), bar.height)
            pygame.draw.rect(surface, PART_COLOURS[cause], part)
            x = right
        pygame.draw.rect(surface, FAINT, bar, width=1)
        font = s.font(16)
        for box, pos, label, colour in self.legend:
            pygame.draw.rect(surface, colour, box)
            draw.text(surface, label, font, pos, INK)
        draw.text(
            surface,
            tr("why.packages"),
            s.font(14, bold=True),
            self.why_list_title,
            MUTED,
            width=area.width - 2 * pad,
        )
