"""Through their eyes: the debrief's role swap. The team picks a line manager and reads the
round as that person lived it, week by week, in the first person; a chart shows what they
expected against what they had seen working, and their trust. In a workshop's second round
the facilitator may unlock it during play (Ctrl+Shift+V): then it shows the weeks so far.

The timeline is game/session/debrief/eyes.py's (the truth, from the model); this screen
only words and draws it. Left/Right or the tabs switch person; Up/Down, Page Up/Down and
the wheel scroll the weeks; Esc, Backspace or the button go back to where it was opened.
"""

import html
import itertools
from functools import partial

import pygame

from game.i18n import cap, number, percent, tr, trn, turn_word
from game.model.observe import as_said
from game.scenario.schema import Scenario
from game.session.debrief.eyes import (
    Decision,
    DecisionCause,
    DecisionKind,
    Eyes,
    EyesWeek,
    Said,
    through_their_eyes,
)
from game.session.facts import TrustCause
from game.session.week import complaint_text
from game.ui import draw, people
from game.ui.art.icons import load_icon
from game.ui.screens.base import Host, Screen
from game.ui.theme import (
    ACCENT,
    BACKGROUND,
    BAD,
    BORDER,
    FAINT,
    GOOD,
    INK,
    MUTED,
    PANEL,
    Colour,
    Style,
)
from game.ui.widgets.stakeholder_card import mood_name

# Why their trust moved (facts.TrustCause), in their words.
CAUSE_KEYS = {
    TrustCause.REJECTION: "eyes.cause.rejection",
    TrustCause.ESCALATION: "eyes.cause.escalation",
    TrustCause.FAVOUR: "eyes.cause.favour",
    TrustCause.SIGNOFF: "eyes.cause.signoff",
    TrustCause.NEWS: "eyes.cause.news",
    TrustCause.CONTACT: "eyes.cause.contact",
    TrustCause.DESPITE: "eyes.cause.despite",
    TrustCause.NONE: "eyes.cause.none",
}
DECISION_KEYS = {
    DecisionCause.OWN: "eyes.signoff.own",
    DecisionCause.FAVOUR: "eyes.signoff.favour",
    DecisionCause.FORCED: "eyes.signoff.forced",
    DecisionCause.UNCLEAR: "eyes.rejection.unclear",
    DecisionCause.DEFECTS: "eyes.rejection.defects",
    DecisionCause.UNHAPPY: "eyes.escalation",
    DecisionCause.TRUSTED: "eyes.favour.trusted",
    DecisionCause.EXPERT: "eyes.favour.expert",
    DecisionCause.TOO_LITTLE_TRUST: "eyes.favour.refused",
}
DECISION_TONE = {
    DecisionKind.SIGNOFF: GOOD,
    DecisionKind.REJECTION: BAD,
    DecisionKind.ESCALATION: BAD,
    DecisionKind.FAVOUR: INK,
}


def _hex(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


class Words:
    """First-person sentences for one round's stakeholders, in the current language."""

    def __init__(self, scenario: Scenario, need: float) -> None:
        self.sc, self.need = scenario, need
        self.label = scenario.turn_label
        self.titles = [p.title for p in scenario.packages]

    def weeks(self, n: int) -> str:
        return turn_word(self.label, many=n != 1)

    def week(self, w: EyesWeek) -> list[tuple[str, Colour]]:
        """The week's lines, each with its colour: what they saw, whom they met, what they
        said, what they decided, where their trust went."""
        # The share seen as they say it, as the week report and IT's cards have it.
        seen = percent(float(as_said(w.seen)))
        lines = [(tr("eyes.expected", expected=percent(w.expected), seen=seen), INK)]
        lines += [(tr("eyes.event", title=self.sc.events[e].title), MUTED) for e in w.events]
        talks = [c.label for c in w.contacts if not c.over_my_head]
        if talks:
            lines.append((tr("eyes.talked", actions=", ".join(talks)), GOOD))
        else:
            n = w.since_contact
            lines.append((trn("eyes.silent", n, label=self.weeks(n)), BAD))
        if any(c.over_my_head for c in w.contacts):
            lines.append((tr("eyes.overruled", sponsor=self.sc.sponsor.name), BAD))
        if w.said is not None:
            lines.append((self.said(w.said), BAD))
        # A favour that bought a sign-off is told once, by the sign-off.
        bought = any(d.cause is DecisionCause.FAVOUR for d in w.decisions)
        told = [d for d in w.decisions if not (bought and d.cause is DecisionCause.TRUSTED)]
        lines += [(self.decision(d), DECISION_TONE[d.kind]) for d in told]
        lines.append((self.trust(w), INK))
        if w.vague and percent(w.it_trust) != percent(w.trust):
            lines.append((tr("eyes.it_saw", trust=percent(w.it_trust)), MUTED))
        return lines

    def said(self, said: Said) -> str:
        key = "eyes.said" if said.fresh else "eyes.said.again"
        return tr(key, complaint=complaint_text(said.code), because=self.because(said))

    def because(self, said: Said) -> str:
        """The state of the model behind the complaint, in their words."""
        if said.code == 0:
            n = said.since_contact
            return tr("eyes.because.distance", n=n, label=self.weeks(n))
        if said.code == 1:
            parts = []
            if said.rejections:
                parts.append(tr("eyes.because.rejected", n=said.rejections))
            if said.unclearest == said.unclearest:  # NaN when nothing of theirs is open
                parts.append(tr("eyes.because.unclear", clarity=percent(said.unclearest)))
            return "; ".join(parts)
        if said.code == 2:
            parts = [tr("eyes.because.friction", friction=percent(said.friction))]
            if said.overruled:
                parts.append(tr("eyes.because.overruled", n=said.overruled))
            return "; ".join(parts)
        seen = percent(float(as_said(said.seen)))
        return tr("eyes.because.late", expected=percent(said.expected), seen=seen)

    def decision(self, d: Decision) -> str:
        package = self.titles[d.package] if d.package is not None else ""
        text = tr(
            DECISION_KEYS[d.cause],
            package=package,
            trust=percent(d.trust),
            found=number(d.found, 1),
            clarity=percent(d.clarity) if d.clarity == d.clarity else "?",
            sponsor=self.sc.sponsor.name,
            satisfaction=percent(d.satisfaction) if d.satisfaction == d.satisfaction else "?",
            need=percent(self.need),
        )
        if d.kind is DecisionKind.SIGNOFF and number(d.found, 1) != number(0.0, 1):
            text += " " + tr("eyes.signoff.defects", found=number(d.found, 1))
        return text

    def trust(self, w: EyesWeek) -> str:
        if w.trust_cause is None:
            return tr("eyes.trust.same", trust=percent(w.trust))
        change = tr("week.change", before=percent(w.trust_before), after=percent(w.trust))
        return tr("eyes.trust", change=change, cause=tr(CAUSE_KEYS[w.trust_cause]))

    def summary(self, eyes: Eyes) -> str:
        weeks = len(eyes.weeks)
        talked = sum(w.talked for w in eyes.weeks)
        complained = sum(w.said is not None for w in eyes.weeks)
        return tr(
            "eyes.summary",
            talked=talked,
            weeks=weeks,
            label=self.weeks(weeks),
            complained=complained,
        )

    def html(self, eyes: Eyes) -> str:
        """The whole round as the text box's HTML, oldest week first."""
        if not eyes.weeks:
            return html.escape(tr("eyes.none", label=self.weeks(2)))
        label, blocks = cap(turn_word(self.label)), []
        for w in eyes.weeks:
            head = tr("eyes.mood", Label=label, turn=w.turn, mood=mood_name(w.mood))
            lines = [f"<font color='{_hex(ACCENT)}'><b>{html.escape(head)}</b></font>"]
            lines += [
                f"<font color='{_hex(colour)}'>{html.escape(text)}</font>"
                for text, colour in self.week(w)
            ]
            blocks.append("<br>".join(lines))
        return "<br><br>".join(blocks)


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
        self.focus.focus_on(self.tabs[self.person])

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
        bar = self.box.scroll_bar
        if bar is None:
            return
        bar.set_scroll_from_start_percentage(bar.start_percentage + pages * bar.visible_percentage)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            steps = {
                pygame.K_UP: -1 / 3,
                pygame.K_DOWN: 1 / 3,
                pygame.K_PAGEUP: -0.9,
                pygame.K_PAGEDOWN: 0.9,
                pygame.K_HOME: -1e9,
                pygame.K_END: 1e9,
            }
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.show(self.person + (1 if event.key == pygame.K_RIGHT else -1))
                return True
            if event.key in steps:
                self.scroll(steps[event.key])
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
        _Chart(self.style, self.eyes, self.session.scenario.deadline).draw(
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


class _Chart:
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
