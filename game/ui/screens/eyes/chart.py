"""The eyes screen's chart: expected against seen working, and trust, over the weeks."""

import itertools

import pygame

from game.i18n import percent, tr
from game.session.debrief.eyes import (
    Eyes,
)
from game.ui import draw
from game.ui.art.icons import load_icon
from game.ui.theme import (
    BAD,
    BORDER,
    GOOD,
    INK,
    MUTED,
    PANEL,
    Colour,
    Style,
)


class EyesChart:
    """Expected against seen working, and trust, over the weeks; under the axis, the weeks
    IT talked to them and the weeks they complained. Painted directly (a few lines)."""

    def __init__(self, style: Style, eyes: Eyes, deadline: int) -> None:
        self.s, self.eyes, self.deadline = style, eyes, deadline

    def draw(self, surface: pygame.Surface, area: pygame.Rect, colour: Colour) -> None:
        s = self.s
        pygame.draw.rect(surface, PANEL, area, border_radius=s.px(8))
        pad = s.px(12)
        font = s.font(13)
        legend = self._legend_rows(area.width - 2 * pad, colour)
        legend_h = len(legend) * (font.get_linesize() + s.px(4))
        icon = max(s.px(12), min(s.text_px(14), font.get_linesize()))
        strips = 2 * (icon + s.px(4))
        label_w = draw.measure(percent(1.0), font) + s.px(6)
        plot = pygame.Rect(
            area.left + pad + label_w,
            area.top + pad + font.get_linesize() // 2,
            area.width - 2 * pad - label_w,
            area.height - 2 * pad - legend_h - strips - font.get_linesize() - s.px(10),
        )
        if plot.height < s.px(40):
            return
        last = max(self.deadline, len(self.eyes.weeks), 1)

        def x_of(turn: float) -> int:
            return plot.left + round((turn - 0.5) / last * plot.width)

        def y_of(share: float) -> int:
            return plot.bottom - round(min(max(share, 0.0), 1.0) * plot.height)

        for share in (0.0, 0.5, 1.0):
            y = y_of(share)
            pygame.draw.line(surface, BORDER, (plot.left, y), (plot.right, y), 1)
            draw.text(surface, percent(share), font, (plot.left - s.px(6), y), MUTED, "midright")
        # Every fifth week, the first and the last; none so close to the last that they touch.
        ticks = sorted({1, last, *(t for t in range(5, last - 1, 5))})
        for t in ticks:
            draw.text(surface, str(t), font, (x_of(t), plot.bottom + s.px(2)), MUTED, "midtop")
        weeks = self.eyes.weeks
        for values, tone, width, dashed in (
            ([w.expected for w in weeks], colour, s.px(2), True),
            ([w.seen for w in weeks], colour, s.px(4), False),
            ([w.trust for w in weeks], INK, s.px(3), False),
        ):
            points = [(x_of(w.turn), y_of(v)) for w, v in zip(weeks, values, strict=True)]
            _line(surface, tone, points, width, dashed, s.px(8))
        y = plot.bottom + font.get_linesize() + s.px(6)
        for mark, icon_name, tone in (
            (lambda w: w.talked, "handshake", GOOD),
            (lambda w: w.said is not None, "speech", BAD),
        ):
            glyph = load_icon(icon_name, icon, tone)
            for w in weeks:
                if mark(w):
                    surface.blit(glyph, glyph.get_rect(midtop=(x_of(w.turn), y)))
            y += icon + s.px(4)
        self._draw_legend(surface, legend, area.left + pad, area.bottom - pad - legend_h, icon)

    def _legend_entries(self, colour: Colour) -> list[tuple[str, str, Colour]]:
        """(kind, words, colour): kind is a line style or an icon's name."""
        return [
            ("dashed", tr("eyes.chart.expected"), colour),
            ("thick", tr("eyes.chart.seen"), colour),
            ("line", tr("eyes.chart.trust"), INK),
            ("handshake", tr("eyes.chart.talked"), GOOD),
            ("speech", tr("eyes.chart.complained"), BAD),
        ]

    def _legend_rows(self, width: int, colour: Colour) -> list[list[tuple[str, str, Colour]]]:
        """The legend's entries flowed into rows that fit `width`."""
        font, sample = self.s.font(13), self.s.px(26)
        rows: list[list[tuple[str, str, Colour]]] = [[]]
        used = 0
        for entry in self._legend_entries(colour):
            need = sample + self.s.px(6) + draw.measure(entry[1], font) + self.s.px(14)
            if rows[-1] and used + need > width:
                rows.append([])
                used = 0
            rows[-1].append(entry)
            used += need
        return rows

    def _draw_legend(
        self,
        surface: pygame.Surface,
        rows: list[list[tuple[str, str, Colour]]],
        left: int,
        top: int,
        icon: int,
    ) -> None:
        s, font = self.s, self.s.font(13)
        sample, line_h = s.px(26), font.get_linesize() + s.px(4)
        for k, row in enumerate(rows):
            x, y = left, top + k * line_h
            mid = y + font.get_linesize() // 2
            for kind, words, tone in row:
                if kind in ("dashed", "thick", "line"):
                    width = {"dashed": s.px(2), "thick": s.px(4), "line": s.px(3)}[kind]
                    pts = [(x, mid), (x + sample, mid)]
                    _line(surface, tone, pts, width, kind == "dashed", s.px(6))
                else:
                    glyph = load_icon(kind, icon, tone)
                    surface.blit(glyph, glyph.get_rect(center=(x + sample // 2, mid)))
                x += sample + s.px(6)
                x = draw.text(surface, words, font, (x, y), INK).right + s.px(14)


def _line(
    surface: pygame.Surface,
    colour: Colour,
    points: list[tuple[int, int]],
    width: int,
    dashed: bool,
    dash: int,
) -> None:
    """A polyline, dashed if asked (the expectation: a promise, not a thing seen)."""
    if len(points) == 1:
        pygame.draw.circle(surface, colour, points[0], max(2, width))
        return
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if not dashed:
            pygame.draw.line(surface, colour, (x0, y0), (x1, y1), width)
            continue
        length = max(1.0, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
        steps = max(1, int(length // dash))
        for k in range(0, steps, 2):
            a, b = k / steps, min(1.0, (k + 1) / steps)
            start = (round(x0 + (x1 - x0) * a), round(y0 + (y1 - y0) * a))
            end = (round(x0 + (x1 - x0) * b), round(y0 + (y1 - y0) * b))
            pygame.draw.line(surface, colour, start, end, width)
