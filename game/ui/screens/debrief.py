"""The debrief: outcome and score, the charts over the turns, key moments, replay, export."""

import html
from functools import partial

import pygame

from game.i18n import cap, number, percent, tr, turn_word
from game.local import paths
from game.model import outcome
from game.session.debrief import Comparison, compare_policies, export_round, key_moments, series
from game.session.results import already_written, write_result
from game.ui import draw, flow, safe_text
from game.ui.charts import report_png
from game.ui.screens.base import Host, Screen
from game.ui.theme import ACCENT, BACKGROUND, BAD, FAINT, GOOD, INK, MUTED, PANEL

# The charts' names and the catalogue keys of their tabs.
CHARTS = (
    ("progress", "debrief.tab.progress"),
    ("trust", "debrief.tab.trust"),
    ("capacity", "debrief.tab.capacity"),
    ("rework", "debrief.tab.rework"),
)
POLICY_NAMES = {
    "balanced": "policy.balanced",
    "delivery_first": "policy.delivery_first",
    "relationship_first": "policy.relationship_first",
}


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app: Host) -> None:
        game = app.game
        assert game is not None
        self.session = game.session
        self.result = outcome(self.session.state, self.session.params)
        self.series = series(self.session)
        self.others: list[Comparison] = compare_policies(self.session)
        # The same seed again: first the fixed strategies, then the team's earlier attempts.
        self.rows = [(_policy_name(o.policy), o.score, o.grade) for o in self.others]
        for n, attempt in enumerate(game.attempts, start=1):  # short: the score must show
            self.rows.append((tr("debrief.attempt", n=n), attempt.score, attempt.grade))
        self.chart = 0
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

    def build(self) -> None:
        s = self.style
        w, h = s.window
        # Made here, not once: moments and charts follow a language changed in the settings.
        self.moments = key_moments(self.session, limit=12)
        self._chart_size = (0, 0)
        g = s.px(20)
        self.head = pygame.Rect(
            g,
            g,
            w - 2 * g,
            s.font(30, bold=True).get_linesize() + s.font(15).get_linesize() * 3 + s.px(10),
        )
        body_top = self.head.bottom + s.px(12)
        left_w = round((w - 3 * g) * 0.6)
        self.left = pygame.Rect(g, body_top, left_w, h - g - body_top)
        self.right = pygame.Rect(
            self.left.right + g, body_top, w - 3 * g - left_w, self.left.height
        )
        tab_h = max(s.px(38), s.text_px(15) + s.px(18))
        tab_w = (self.left.width - 3 * s.px(8)) // 4
        self.tabs = []
        for k, (_, key) in enumerate(CHARTS):
            rect = pygame.Rect(self.left.left + k * (tab_w + s.px(8)), self.left.top, tab_w, tab_h)
            label = tr(key)
            self.tabs.append(
                self.button(
                    rect,
                    draw.fit(label, s.font(15), tab_w - s.px(12)),
                    partial(self.show_chart, k),
                    tool_tip_text=tr("debrief.tab.tip", chart=label),
                )
            )
        self.chart_rect = pygame.Rect(
            self.left.left,
            self.left.top + tab_h + s.px(10),
            self.left.width,
            self.left.height - tab_h - s.px(10),
        )
        self._build_right(tab_h)

    def _build_right(self, tab_h: int) -> None:
        s = self.style
        area = self.right
        button_h = max(s.px(44), s.text_px(16) + s.px(20))
        gap = s.px(8)
        self.compare_h = (
            s.font(14, bold=True).get_linesize()
            + len(self.rows) * s.font(15).get_linesize()
            + s.px(20)
        )
        buttons_top = area.bottom - 3 * button_h - 2 * gap
        moments = pygame.Rect(
            area.left,
            area.top + self.compare_h + s.px(10),
            area.width,
            buttons_top - area.top - self.compare_h - s.px(20),
        )
        self.moments_box = self.text_box(self._moments_html(), moments)
        half = (area.width - gap) // 2
        y = buttons_top
        step_w = s.px(44)
        self.button(
            pygame.Rect(area.left, y, step_w, button_h),
            "−",
            lambda: self.move_replay(-1),
            tool_tip_text=tr("debrief.earlier.tip"),
        )
        self.replay_button = self.button(
            pygame.Rect(area.left + step_w + gap, y, area.width - 2 * (step_w + gap), button_h),
            self._replay_label(),
            self.replay,
            tool_tip_text=tr("debrief.replay.tip"),
        )
        if self.app.workshop is not None:  # the room compares first rounds: no second try
            self.replay_button.disable()
        self.button(
            pygame.Rect(area.right - step_w, y, step_w, button_h),
            "+",
            lambda: self.move_replay(1),
            tool_tip_text=tr("debrief.later.tip"),
        )
        y += button_h + gap
        self.button(
            pygame.Rect(area.left, y, half, button_h),
            tr("debrief.export"),
            self.export,
            tool_tip_text=tr("debrief.export.tip"),
        )
        self.button(
            pygame.Rect(area.right - half, y, half, button_h),
            tr("debrief.again"),
            lambda: flow.to_title(self.app),
        )
        y += button_h + gap
        self.button(
            pygame.Rect(area.left, y, area.width, button_h), tr("debrief.quit"), self.app.quit
        )

    def _moments_html(self) -> str:
        label = cap(turn_word(self.session.scenario.turn_label))
        lines = [f"<b>{html.escape(tr('debrief.moments'))}</b>"]
        for m in self.moments:
            lines.append(f"<b>{html.escape(label)} {m.turn}</b>  {html.escape(m.text)}")
        return "<br>".join(lines)

    def _replay_label(self) -> str:
        if self.replay_turn == 0:
            return tr("debrief.replay.start")
        label = turn_word(self.session.scenario.turn_label)
        return tr("debrief.replay.from", label=label, turn=self.replay_turn + 1)

    def regions(self) -> dict[str, pygame.Rect]:
        return {"outcome": self.head, "chart": self.chart_rect, "side": self.right}

    # --- actions -------------------------------------------------------------------------
    def show_chart(self, k: int) -> None:
        self.chart = k % len(CHARTS)
        self.focus.focus_on(self.tabs[self.chart])  # one highlighted tab, not two

    def move_replay(self, step: int) -> None:
        played = len(self.session.plans)
        self.replay_turn = max(0, min(played - 1, self.replay_turn + step))
        self.replay_button.set_text(safe_text.one_line(self._replay_label()))

    def replay(self) -> None:
        game = self.app.game
        assert game is not None
        self.app.game = game.branch(self.replay_turn)
        flow.show_current_turn(self.app)

    def export(self) -> None:
        game = self.app.game
        assert game is not None
        try:
            json_path, png_path = export_round(
                self.session, game.scenario_ref, paths.export_dir(), report_png
            )
        except OSError as exc:
            self.message = tr("debrief.export.failed", error=exc.strerror or exc)
            return
        self.message = tr(
            "debrief.export.saved", json=json_path.name, png=png_path.name, folder=json_path.parent
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if pygame.K_1 <= event.key <= pygame.K_4:
                self.show_chart(event.key - pygame.K_1)
                return True
            if event.key in (pygame.K_RIGHT, pygame.K_LEFT) and not event.mod:
                self.show_chart(self.chart + (1 if event.key == pygame.K_RIGHT else -1))
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
        r, sc = self.result, self.session.params.scoring
        grade = sc.grade_name(r.grade[0])
        if r.cancelled[0]:
            verdict, colour = tr("debrief.cancelled"), BAD
        else:
            verdict, colour = (tr("debrief.won"), GOOD) if r.won[0] else (tr("debrief.lost"), BAD)
        team = safe_text.name(self.session.team) or tr("debrief.your_team")
        sub = tr(
            "debrief.subtitle",
            title=self.session.scenario.title,
            team=team,
            seed=self.session.seed,
        )
        y = draw.text(
            surface, sub, s.font(15), self.head.topleft, MUTED, width=self.head.width
        ).bottom
        line = tr("debrief.score", verdict=verdict, score=number(r.score[0], 0), grade=grade)
        y = draw.text(
            surface, line, s.font(30, bold=True), (self.head.left, y), colour, width=self.head.width
        ).bottom
        late = int(r.late_turns[0])
        factors = tr(
            "debrief.factors",
            quality=percent(r.quality[0]),
            verdict=number(r.verdict_factor[0], 2),
            schedule=number(r.schedule_factor[0], 2),
            late=late,
            budget=number(r.budget_factor[0], 2),
            true=percent(r.true_progress[0]),
            reported=percent(r.reported_progress[0]),
        )
        rest = pygame.Rect(self.head.left, y, self.head.width, self.head.bottom - y)
        draw.paragraph(surface, factors, s.font(15), rest, INK, 1.0)
        for k, tab in enumerate(self.tabs):
            if k == self.chart:
                pygame.draw.rect(
                    surface,
                    ACCENT,
                    tab.rect.inflate(s.px(4), s.px(4)),
                    width=s.px(2),
                    border_radius=s.px(9),
                )
        name = CHARTS[self.chart][0]
        surface.blit(self.charts()[name], self.chart_rect)
        self._draw_comparison(surface)
        if self.message:  # a toast over the bottom of the chart
            font = s.font(15, bold=True)
            height = 2 * font.get_linesize() + s.px(16)
            toast = pygame.Rect(
                self.chart_rect.left, self.chart_rect.bottom - height, self.chart_rect.width, height
            )
            draw.toast(surface, toast, self.message, font, s.px(8))

    def _draw_comparison(self, surface: pygame.Surface) -> None:
        s = self.style
        area = pygame.Rect(self.right.left, self.right.top, self.right.width, self.compare_h)
        pygame.draw.rect(surface, PANEL, area, border_radius=s.px(8))
        pad = s.px(10)
        y = draw.text(
            surface,
            tr("debrief.compare"),
            s.font(14, bold=True),
            (area.left + pad, area.top + pad),
            MUTED,
            width=area.width - 2 * pad,
        ).bottom
        font = s.font(15)
        mine = float(self.result.score[0])
        for name, their_score, their_grade in self.rows:
            score = number(their_score, 0)
            text = tr("debrief.compare.line", policy=name, score=score, grade=their_grade)
            diff = mine - their_score
            difference = f"{'+' if diff >= 0 else '−'}{number(abs(diff), 0)}"
            note = tr("debrief.compare.you", difference=difference)
            draw.text(
                surface,
                text,
                font,
                (area.left + pad, y),
                INK,
                width=area.width - 2 * pad - font.size(note)[0] - pad,
            )
            draw.text(
                surface, note, font, (area.right - pad, y), GOOD if diff >= 0 else FAINT, "topright"
            )
            y += font.get_linesize()


def _policy_name(policy: str) -> str:
    """A fixed strategy's name in the window's language (its id if it has none)."""
    key = POLICY_NAMES.get(policy)
    return tr(key) if key else policy
