"""The debrief: the score and why, the charts over the turns, key moments, the same seed
played by fixed strategies and by the team's earlier tries, replay, export."""

import html
from collections.abc import Sequence
from functools import partial

import pygame

from game.i18n import number, tr, trn, turn_word
from game.local import paths
from game.look import palette
from game.model import outcome
from game.session.debrief import Comparison, compare_policies, export_round, key_moments, series
from game.session.debrief.breakdown import Loss, score_breakdown
from game.session.debrief.explain import package_lines, points, summary
from game.session.results import already_written, write_result
from game.ui import draw, flow, safe_text
from game.ui.charts import report_png
from game.ui.screens.base import Host, Screen
from game.ui.theme import BACKGROUND, BAD, CARD, FAINT, GOOD, INK, MUTED, PANEL, hex_colour

# The tabs: the score's breakdown, then the charts; the catalogue keys of their labels.
CHARTS = (
    ("why", "debrief.tab.why"),
    ("progress", "debrief.tab.progress"),
    ("trust", "debrief.tab.trust"),
    ("capacity", "debrief.tab.capacity"),
    ("rework", "debrief.tab.rework"),
)
WHY = 0  # the breakdown's tab
POLICY_NAMES = {
    "balanced": "policy.balanced",
    "delivery_first": "policy.delivery_first",
    "relationship_first": "policy.relationship_first",
}
# The score bar's colours: the score green, each cause its own (its name is written beside it).
PART_COLOURS = {
    None: GOOD,
    Loss.NOT_BUILT: hex_colour(palette.FAINT),
    Loss.REJECTED: hex_colour(palette.BAD),
    Loss.WAITING: hex_colour(palette.WARN),
    Loss.DEFECTS: hex_colour("#CC79A7"),
    Loss.VERDICT: hex_colour("#56B4E9"),
    Loss.LATE: hex_colour("#0072B2"),
    Loss.BUDGET: hex_colour(palette.MUTED),
    Loss.CANCELLED: hex_colour(palette.BORDER),
}
MAX_TRIES_SHOWN = 3  # beside the score; the export lists them all


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app: Host) -> None:
        game = app.game
        assert game is not None
        self.session = game.session
        self.attempts = game.attempts
        self.result = outcome(self.session.state, self.session.params)
        self.series = series(self.session)
        self.breakdown = score_breakdown(self.session)
        self.others: list[Comparison] = compare_policies(self.session)
        # The same seed again: the fixed strategies, then the team's earlier tries.
        self.rows = [(_policy_name(o.policy), o.score, o.grade) for o in self.others]
        for n, attempt in enumerate(self.attempts, start=1):
            self.rows.append((tr("debrief.attempt", n=n), attempt.score, attempt.grade))
        self.chart = WHY
        self.page = 0
        self.replay_turn = max(0, len(self.session.plans) // 2)
        self.message = ""
        self._charts: dict[str, pygame.Surface] = {}
        self._chart_size = (0, 0)
        super().__init__(app)
        self._write_workshop_result()

    def _write_workshop_result(self) -> None:
        """In a workshop, the team's round goes to the results folder, once."""
        workshop, game = self.app.workshop, self.app.game
        if workshop is None or game is None or workshop.result_path is not None:
            return
        try:
            workshop.result_path = already_written(
                workshop.results_dir, self.session, game.scenario_ref
            ) or write_result(
                workshop.results_dir, self.session, game.scenario_ref, workshop.settings()
            )
        except OSError as exc:
            self.message = tr("debrief.result.failed", error=exc.strerror or exc)
            return
        self.message = tr("debrief.result.saved", path=workshop.result_path)

    # --- layout --------------------------------------------------------------------------
    def build(self) -> None:
        s = self.style
        w, h = s.window
        # Made here, not once: moments and charts follow a language changed in the settings.
        self.moments = key_moments(self.session, limit=12)
        self._chart_size = (0, 0)
        g, gap = s.px(20), s.px(8)
        self.button_h = max(s.px(44), s.text_px(16) + s.px(20))
        self._build_head(pygame.Rect(g, g, w - 2 * g, 0))
        bar_rows = self._bar_rows(w - 2 * g, gap)
        bar_top = h - g - len(bar_rows) * self.button_h - (len(bar_rows) - 1) * gap
        line = s.font(14).get_linesize()
        self.status = pygame.Rect(g, bar_top - gap - line, w - 2 * g, line)
        top, bottom = self.head.bottom + s.px(12), self.status.top - gap
        left_w = round((w - 3 * g) * 0.57)
        self.left = pygame.Rect(g, top, left_w, bottom - top)
        self.right = pygame.Rect(self.left.right + g, top, w - 3 * g - left_w, bottom - top)
        self._build_tabs()
        self._build_why()
        self._build_compare()
        self._build_moments()
        self._build_bar(bar_rows, bar_top, w - 2 * g, gap)

    def _build_head(self, area: pygame.Rect) -> None:
        """The score line, and beside it the earlier tries: the score's type gets smaller
        before the tries go under it."""
        s = self.style
        self.tries = self._tries_lines()
        tries_h = self._lines_height(self.tries, s.font(16)) if self.tries else 0
        if self.tries:
            tries_h += s.font(13, bold=True).get_linesize() + s.px(6)
        title_w = draw.measure(tr("debrief.tries"), s.font(13, bold=True))
        tries_w = max([title_w] + [self._tries_width(t) for t in self.tries]) + 2 * s.px(12)
        room = area.width - (tries_w + s.px(24) if self.tries else 0)
        self.score_size = next(
            (
                size
                for size in (30, 26, 22, 19, 16)
                if draw.measure(self._score_line(), s.font(size, bold=True)) <= room
            ),
            16,
        )
        score_h = s.font(15).get_linesize() + s.font(self.score_size, bold=True).get_linesize()
        beside = draw.measure(self._score_line(), s.font(self.score_size, bold=True)) <= room
        self.tries_rect = pygame.Rect(
            area.right - tries_w if beside else area.left,
            area.top if beside else area.top + score_h,
            tries_w if beside else area.width,
            tries_h,
        )
        height = max(score_h, tries_h) if beside else score_h + tries_h + s.px(4)
        self.head = pygame.Rect(area.left, area.top, area.width, height)

    def _tries_lines(self) -> list[tuple[str, str, bool]]:
        """(text, "you +23", better) for the latest earlier tries, newest last; a line
        that counts the older ones first, if there are more than MAX_TRIES_SHOWN."""
        mine = float(self.result.score[0])
        shown = list(enumerate(self.attempts, start=1))[-MAX_TRIES_SHOWN:]
        older = len(self.attempts) - len(shown)
        lines = [(trn("debrief.tries.more", older), "", True)] if older else []
        for n, attempt in shown:
            name = tr("debrief.attempt", n=n)
            text = tr(
                "debrief.compare.line",
                policy=name,
                score=number(attempt.score, 0),
                grade=attempt.grade,
            )
            lines.append((text, _difference(mine, attempt.score), mine >= attempt.score))
        return lines

    def _tries_width(self, line: tuple[str, str, bool]) -> int:
        font = self.style.font(16)
        return draw.measure(line[0], font) + self.style.px(16) + draw.measure(line[1], font)

    def _lines_height(self, lines: Sequence[object], font: pygame.font.Font) -> int:
        return len(lines) * font.get_linesize()

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
        self.legend: list[tuple[pygame.Rect, tuple[int, int], str, tuple[int, int, int]]] = []
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
        lines = [
            f"<b>{html.escape(title)}</b>  <font color='{good}'>{html.escape(kept)}</font>"
            f"<br>{html.escape(why)}"
            for title, kept, why in rows
        ]
        box = pygame.Rect(inner.left, y, inner.width, max(s.px(40), inner.bottom - y))
        self.why_box = self.text_box("<br>".join(lines), box)
        if self.chart != WHY:
            self.why_box.hide()

    def _build_compare(self) -> None:
        """The fixed strategies' scores on this seed, each wrapped to the box if need be."""
        s = self.style
        pad = s.px(10)
        width = self.right.width - 2 * pad
        self.compare_title = draw.wrap(tr("debrief.compare"), s.font(14, bold=True), width)
        font, mine = s.font(15), float(self.result.score[0])
        self.compare_lines: list[tuple[list[str], str, bool]] = []
        for name, their_score, their_grade in self.rows[: len(self.others)]:
            text = tr(
                "debrief.compare.line", policy=name, score=number(their_score, 0), grade=their_grade
            )
            note = _difference(mine, their_score)
            room = width - draw.measure(note, font) - pad
            self.compare_lines.append((draw.wrap(text, font, room), note, mine >= their_score))
        height = len(self.compare_title) * s.font(14, bold=True).get_linesize()
        height += sum(len(lines) for lines, _, _ in self.compare_lines) * font.get_linesize()
        self.compare_rect = pygame.Rect(
            self.right.left, self.right.top, self.right.width, height + 2 * pad
        )

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

    def _paginate(self, body: pygame.Rect) -> list[list[tuple[str, list[str], int | None]]]:
        """The moments as pages of (turn label, wrapped lines, stakeholder) that fit `body`."""
        s = self.style
        font, bold = s.font(15), s.font(15, bold=True)
        labels = [str(m.turn) for m in self.moments]  # the heading names the turn word
        self.label_w = max((draw.measure(t, bold) for t in labels), default=0) + s.px(10)
        width = body.width - self.label_w - s.px(10)
        step, gap = font.get_linesize(), s.px(6)
        pages: list[list[tuple[str, list[str], int | None]]] = [[]]
        used = 0
        for text, m in zip(labels, self.moments, strict=True):
            lines = draw.wrap(m.text, font, width)
            height = len(lines) * step + gap
            if pages[-1] and used + height > body.height:
                pages.append([])
                used = 0
            pages[-1].append((text, lines, m.stakeholder))
            used += height
        return pages

    def _bar_rows(self, width: int, gap: int) -> list[list[tuple[str, str, int]]]:
        """The bottom bar's buttons as (id, label, width needed), in one row if they fit."""
        s = self.style
        font, pad = s.font(16), s.px(22)
        step = s.px(44)
        played = len(self.session.plans)
        label = turn_word(self.session.scenario.turn_label)
        widest = max(
            (
                tr("debrief.replay.start"),
                tr("debrief.replay.from", label=label, turn=max(played, 1)),
            ),
            key=lambda t: draw.measure(t, font),
        )
        items = [
            ("earlier", "−", step),
            ("replay", widest, 0),
            ("later", "+", step),
            ("eyes", tr("debrief.eyes"), 0),
            ("export", tr("debrief.export"), 0),
            ("again", tr("debrief.again"), 0),
            ("quit", tr("debrief.quit"), 0),
        ]
        items = [(k, t, n or draw.measure(t, font) + pad) for k, t, n in items]
        if sum(n for _, _, n in items) + (len(items) - 1) * gap <= width:
            return [items]
        return [items[:4], items[4:]]

    def _build_bar(
        self, rows: list[list[tuple[str, str, int]]], top: int, width: int, gap: int
    ) -> None:
        """The actions along the bottom: each row shares out its spare room."""
        s = self.style
        actions = {
            "earlier": (lambda: self.move_replay(-1), "debrief.earlier.tip"),
            "replay": (self.replay, "debrief.replay.tip"),
            "later": (lambda: self.move_replay(1), "debrief.later.tip"),
            "eyes": (self.open_eyes, "debrief.eyes.tip"),
            "export": (self.export, "debrief.export.tip"),
            "again": (lambda: flow.to_title(self.app), ""),
            "quit": (self.app.quit, ""),
        }
        fixed = {"earlier", "later"}
        y = top
        for row in rows:
            needed = sum(n for _, _, n in row) + (len(row) - 1) * gap
            growing = [k for k, _, _ in row if k not in fixed]
            spare = max(0, width - needed) // max(1, len(growing))
            x = s.px(20)
            for key, label, need in row:
                w = need + (spare if key in growing else 0)
                action, tip = actions[key]
                text = self._replay_label() if key == "replay" else label
                rect = pygame.Rect(x, y, w, self.button_h)
                element = self.button(rect, text, action, tool_tip_text=tr(tip) if tip else None)
                if key == "replay":
                    self.replay_button = element
                x += w + gap
            y += self.button_h + gap
        if self.app.workshop is not None:  # the room compares first rounds: no second try
            self.replay_button.disable()

    def _replay_label(self) -> str:
        if self.replay_turn == 0:
            return tr("debrief.replay.start")
        label = turn_word(self.session.scenario.turn_label)
        return tr("debrief.replay.from", label=label, turn=self.replay_turn + 1)

    def _score_line(self) -> str:
        r, sc = self.result, self.session.params.scoring
        if r.cancelled[0]:
            verdict = tr("debrief.cancelled")
        else:
            verdict = tr("debrief.won") if r.won[0] else tr("debrief.lost")
        grade = sc.grade_name(r.grade[0])
        return tr("debrief.score", verdict=verdict, score=number(r.score[0], 0), grade=grade)

    def regions(self) -> dict[str, pygame.Rect]:
        return {
            "outcome": self.head,
            "chart": self.chart_rect,
            "compare": self.compare_rect,
            "moments": self.moments_rect,
            "status": self.status,
        }

    # --- actions -------------------------------------------------------------------------
    def show_chart(self, k: int) -> None:
        self.chart = k % len(CHARTS)
        if self.chart == WHY:
            self.why_box.show()
        else:
            self.why_box.hide()
        self.focus.focus_on(self.tabs[self.chart])  # the chosen tab has the focus

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + step))
        self._sync_page_buttons()

    def _sync_page_buttons(self) -> None:
        for button, usable in (
            (self.page_earlier, self.page > 0),
            (self.page_later, self.page < len(self.pages) - 1),
        ):
            if usable:
                button.enable()
            else:
                button.disable()

    def move_replay(self, step: int) -> None:
        played = len(self.session.plans)
        self.replay_turn = max(0, min(played - 1, self.replay_turn + step))
        self.replay_button.set_text(safe_text.one_line(self._replay_label()))

    def replay(self) -> None:
        game = self.app.game
        assert game is not None
        self.app.game = game.branch(self.replay_turn)
        flow.show_current_turn(self.app)

    def open_eyes(self) -> None:
        """The round through each stakeholder's eyes (imported here: a screen of its own)."""
        from game.ui.screens.eyes import EyesScreen

        self.app.push(EyesScreen(self.app))

    def export(self) -> None:
        game = self.app.game
        assert game is not None
        draw_report = partial(report_png, attempts=self.attempts)
        try:
            json_path, png_path = export_round(
                self.session, game.scenario_ref, paths.export_dir(), draw_report, self.attempts
            )
        except OSError as exc:
            self.message = tr("debrief.export.failed", error=exc.strerror or exc)
            return
        self.message = tr(
            "debrief.export.saved", json=json_path.name, png=png_path.name, folder=json_path.parent
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if pygame.K_1 <= event.key < pygame.K_1 + len(CHARTS):
                self.show_chart(event.key - pygame.K_1)
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.turn_page(1 if event.key == pygame.K_PAGEDOWN else -1)
                return True
            if event.key in (pygame.K_RIGHT, pygame.K_LEFT) and not event.mod:
                self.show_chart(self.chart + (1 if event.key == pygame.K_RIGHT else -1))
                return True
        if event.type == pygame.MOUSEWHEEL and self.moments_rect.collidepoint(
            pygame.mouse.get_pos()
        ):
            self.turn_page(-1 if event.y > 0 else 1)
            return True
        return super().handle(event)

    # --- painting ------------------------------------------------------------------------
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

    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        surface.fill(BACKGROUND)
        self._draw_head(surface)
        # The chosen tab is marked by a bar under it, not an outline: the one outline on
        # this screen is the keyboard focus's.
        tab = self.tabs[self.chart].rect
        mark = pygame.Rect(tab.left + s.px(6), tab.bottom + s.px(2), tab.width - s.px(12), s.px(4))
        pygame.draw.rect(surface, INK, mark, border_radius=s.px(2))
        if self.chart == WHY:
            self._draw_why(surface)
        else:
            surface.blit(self.charts()[CHARTS[self.chart][0]], self.chart_rect)
        self._draw_comparison(surface)
        self._draw_moments(surface)
        if self.message:  # the status line: it covers nothing
            draw.text(
                surface,
                self._status_text(),
                s.font(14),
                self.status.topleft,
                MUTED,
                width=self.status.width,
            )

    def _status_text(self) -> str:
        """The message, with a long folder shortened to its last part if the line is full."""
        font = self.style.font(14)
        if draw.measure(self.message, font) <= self.status.width:
            return self.message
        folder = str(paths.export_dir())
        return self.message.replace(folder, "…/" + paths.export_dir().name)

    def _draw_head(self, surface: pygame.Surface) -> None:
        s, r = self.style, self.result
        colour = BAD if r.cancelled[0] or not r.won[0] else GOOD
        team = safe_text.name(self.session.team) or tr("debrief.your_team")
        sub = tr(
            "debrief.subtitle", title=self.session.scenario.title, team=team, seed=self.session.seed
        )
        room = (
            self.head.width
            if not self.tries or self.tries_rect.left <= self.head.left
            else self.tries_rect.left - self.head.left
        )
        y = draw.text(surface, sub, s.font(15), self.head.topleft, MUTED, width=room).bottom
        draw.text(
            surface,
            self._score_line(),
            s.font(self.score_size, bold=True),
            (self.head.left, y),
            colour,
            width=room,
        )
        if not self.tries:
            return
        area, font, pad = self.tries_rect, s.font(16), s.px(12)
        pygame.draw.rect(surface, PANEL, area, border_radius=s.px(8))
        title, left = tr("debrief.tries"), area.left + pad
        bold = s.font(13, bold=True)
        y = draw.text(
            surface, title, bold, (left, area.top + s.px(3)), MUTED, width=area.width - 2 * pad
        ).bottom
        for text, note, better in self.tries:
            room = area.width - 2 * pad - s.px(16) - draw.measure(note, font)
            draw.text(surface, text, font, (left, y), INK, width=room)
            draw.text(
                surface,
                note,
                font,
                (area.right - s.px(12), y),
                GOOD if better else FAINT,
                "topright",
            )
            y += font.get_linesize()

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
                y += font.get_linesize()
            y += s.px(6)


def _difference(mine: float, theirs: float) -> str:
    """ "you +23": this round's score against another's, in whole points."""
    diff = mine - theirs
    return tr(
        "debrief.compare.you", difference=f"{'+' if diff >= 0 else '−'}{number(abs(diff), 0)}"
    )


def _policy_name(policy: str) -> str:
    """A fixed strategy's name in the window's language (its id if it has none)."""
    key = POLICY_NAMES.get(policy)
    return tr(key) if key else policy
