"""The debrief: the score and why, the charts over the turns, key moments, the same seed
played by fixed strategies and by the team's earlier tries, replay, export.

Each part of the screen lays itself out and paints itself in a module of its own (head,
why, compare, moments, actions); this one holds the round's facts and puts the parts
together."""

import pygame

from game.i18n import tr
from game.model import outcome
from game.session.debrief import compare_policies, key_moments, series
from game.session.debrief.breakdown import score_breakdown
from game.session.results import already_written, write_result
from game.ui import draw
from game.ui.charts import policy_name
from game.ui.screens.base import SCROLL_KEYS, Host, scroll_box
from game.ui.screens.debrief.actions import ActionsPart
from game.ui.screens.debrief.base import CHARTS, WHY
from game.ui.screens.debrief.compare import ComparePart
from game.ui.screens.debrief.head import HeadPart
from game.ui.screens.debrief.moments import MomentsPart
from game.ui.screens.debrief.why import ViewsPart
from game.ui.theme import BACKGROUND, INK, MUTED


class DebriefScreen(HeadPart, ViewsPart, ComparePart, MomentsPart, ActionsPart):
    name = "debrief"

    def __init__(self, app: Host) -> None:
        game = app.game
        assert game is not None
        self.session = game.session
        self.attempts = game.attempts
        self.result = outcome(self.session.state, self.session.params)
        self.series = series(self.session)
        self.breakdown = score_breakdown(self.session)
        self.others = compare_policies(self.session)
        # The same seed again: the fixed strategies, then the team's earlier tries.
        self.rows = [(policy_name(o.policy), o.score, o.grade) for o in self.others]
        for n, attempt in enumerate(self.attempts, start=1):
            self.rows.append((tr("debrief.attempt", n=n), attempt.score, attempt.grade))
        self.chart = WHY
        self.page = 0
        self.replay_turn = max(0, len(self.session.plans) // 2)
        self.message = ""
        self._charts = {}
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

    def regions(self) -> dict[str, pygame.Rect]:
        return {
            "outcome": self.head,
            "chart": self.chart_rect,
            "compare": self.compare_rect,
            "moments": self.moments_rect,
            "status": self.status,
        }

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
            # "Why N?" longer than its box scrolls by keyboard (playtest 9 could read two
            # of 13 lines without a mouse); Page Up/Down stay the key moments' pages.
            scrolls = {pygame.K_UP, pygame.K_DOWN, pygame.K_HOME, pygame.K_END}
            if (
                self.chart == WHY
                and event.key in scrolls
                and scroll_box(self.why_box, SCROLL_KEYS[event.key])
            ):
                return True
        if event.type == pygame.MOUSEWHEEL and self.moments_rect.collidepoint(
            pygame.mouse.get_pos()
        ):
            self.turn_page(-1 if event.y > 0 else 1)
            return True
        return super().handle(event)

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
