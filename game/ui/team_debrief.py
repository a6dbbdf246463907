"""`run_game.py debrief DIR --show`: the comparative debrief on a full-screen projector view.

Slides, stepped with the arrow keys: the leaderboard, every overlay chart, the key
moments of each team side by side, and the scenario's debrief questions. Charts are
drawn once per window size (tens of ms each), never per frame; the loop sleeps
between key presses.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game import i18n
from game.facilitator.team_charts import chart_titles, render_charts
from game.facilitator.teams import Team, ranks, teams, verdict
from game.i18n import tr
from game.session.results import TeamResult
from game.ui import draw
from game.ui.theme import ACCENT, BACKGROUND, CARD, FAINT, INK, MUTED, Style, hex_colour

NEXT = (pygame.K_RIGHT, pygame.K_SPACE, pygame.K_PAGEDOWN, pygame.K_DOWN, pygame.K_RETURN)
PREVIOUS = (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_UP, pygame.K_BACKSPACE)
MOMENTS_PER_TEAM = 8
MIN_CHART = 16  # pixels each way: a chart area smaller than this is left empty
HEADS = ("show.team", "show.score", "show.grade", "show.outcome", "show.progress")
# facilitator.teams.verdict's words, as the leaderboard shows them.
VERDICTS = {"won": "show.won", "lost": "show.lost", "cancelled": "show.cancelled"}


@dataclass(frozen=True)
class Slide:
    kind: str  # "leaderboard", "chart", "moments", "questions"
    title: str
    chart: str = ""


class TeamDebriefView:
    """The slides of one results folder, drawn for one window size."""

    def __init__(self, results: Sequence[TeamResult], size: tuple[int, int]) -> None:
        pygame.font.init()  # idempotent; the view can be opened without the game's App
        self.results = list(results)
        self.teams: list[Team] = teams(self.results)
        charts = chart_titles(self.results)
        self.slides = [Slide("leaderboard", tr("show.leaderboard"))]
        self.slides += [Slide("chart", title, name) for name, title in charts.items()]
        self.slides += [Slide("moments", tr("show.moments"))]
        record = self.results[0].record
        self.questions = [str(q) for q in record.get("debrief_questions", [])]
        if self.questions:
            self.slides.append(Slide("questions", tr("show.questions")))
        self.index = 0
        self.resize(size)

    def resize(self, size: tuple[int, int]) -> None:
        self.style = Style(size, 1.25)  # a projector: larger than the game's normal text
        self._charts: dict[str, pygame.Surface] = {}

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    def handle(self, event: pygame.event.Event) -> bool:
        """Step through the slides; False when the view should close."""
        if event.type == pygame.QUIT:
            return False
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_q):
                return False
            if event.key in NEXT:
                self.index = min(len(self.slides) - 1, self.index + 1)
            elif event.key in PREVIOUS:
                self.index = max(0, self.index - 1)
            elif event.key == pygame.K_HOME:
                self.index = 0
            elif event.key == pygame.K_END:
                self.index = len(self.slides) - 1
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
        return True

    def body(self) -> pygame.Rect:
        s = self.style
        w, h = s.window
        top = s.px(24) + s.font(30, bold=True).get_linesize() + s.px(12)
        return pygame.Rect(
            s.px(32), top, w - 2 * s.px(32), h - top - s.font(14).get_linesize() - s.px(24)
        )

    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        surface.fill(BACKGROUND)
        title = f"{self.results[0].title} · {self.slide.title}"
        draw.text(
            surface,
            title,
            s.font(30, bold=True),
            (s.px(32), s.px(24)),
            INK,
            width=s.window[0] - s.px(64),
        )
        getattr(self, f"_draw_{self.slide.kind}")(surface, self.body())
        foot = tr("show.foot", slide=self.index + 1, slides=len(self.slides))
        draw.text(
            surface,
            foot,
            s.font(14),
            (s.window[0] // 2, s.window[1] - s.px(12)),
            FAINT,
            "midbottom",
        )

    def _draw_leaderboard(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        s = self.style
        font, bold = s.font(20), s.font(20, bold=True)
        row = font.get_linesize() + s.px(16)
        columns = (0.0, 0.08, 0.45, 0.58, 0.68, 0.82)
        heads = ("#", *(tr(key) for key in HEADS))
        for x, head in zip(columns, heads, strict=True):
            draw.text(
                surface,
                head,
                s.font(15, bold=True),
                (area.left + round(x * area.width), area.top),
                MUTED,
            )
        y = area.top + s.font(15, bold=True).get_linesize() + s.px(8)
        places = ranks([team.result.score for team in self.teams])
        for rank, team in zip(places, self.teams, strict=True):
            if y + row > area.bottom:
                break
            rect = pygame.Rect(area.left, y, area.width, row - s.px(6))
            draw.card(surface, rect, s.px(8), hex_colour(team.colour), CARD)
            r = team.result
            end = f"{100 * _last(team.true):.0f}% / {100 * _last(team.reported):.0f}%"
            outcome = tr(VERDICTS[verdict(r)])
            cells = (str(rank), team.label, f"{r.score:.0f}", r.grade, outcome, end)
            for k, (x, cell) in enumerate(zip(columns, cells, strict=True)):
                width = (
                    round((columns[k + 1] - x) * area.width) - s.px(12)
                    if k + 1 < len(columns)
                    else None
                )
                pos = (area.left + round(x * area.width) + s.px(14), rect.centery)
                draw.text(surface, cell, bold if k == 1 else font, pos, INK, "midleft", width=width)
            y += row

    def _draw_chart(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        if area.width < MIN_CHART or area.height < MIN_CHART:
            return  # a window too small for a chart (matplotlib refuses a size <= 0)
        if area.size not in {c.get_size() for c in self._charts.values()}:
            scale = self.style.scale * 1.2
            images = render_charts(self.results, area.size, scale)
            self._charts = {
                name: pygame.image.frombuffer(data, size, "RGBA").copy()
                for name, (data, size) in images.items()
            }
        surface.blit(self._charts[self.slide.chart], area)

    def _draw_moments(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        s = self.style
        gap = s.px(12)
        width = (area.width - gap * (len(self.teams) - 1)) // max(1, len(self.teams))
        font = s.font(14 if len(self.teams) > 4 else 16)
        for k, team in enumerate(self.teams):
            column = pygame.Rect(area.left + k * (width + gap), area.top, width, area.height)
            draw.card(surface, column, s.px(8), hex_colour(team.colour), CARD)
            inner = column.inflate(-s.px(28), -s.px(20))
            inner.left += s.px(6)
            y = draw.text(
                surface, team.label, s.font(18, bold=True), inner.topleft, INK, width=inner.width
            ).bottom
            y += s.px(6)
            for moment in team.result.record.get("key_moments", [])[:MOMENTS_PER_TEAM]:
                text = tr("show.moment", turn=moment.get("turn", "?"), text=moment.get("text", ""))
                box = pygame.Rect(inner.left, y, inner.width, 3 * font.get_linesize())
                if box.bottom > inner.bottom:
                    break
                y = draw.paragraph(surface, text, font, box, INK, 1.0) + s.px(6)

    def _draw_questions(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        s = self.style
        font = s.font(24)
        y = area.top
        for k, question in enumerate(self.questions, start=1):
            draw.text(surface, f"{k}.", s.font(24, bold=True), (area.left, y), ACCENT)
            box = pygame.Rect(
                area.left + s.px(48), y, area.width - s.px(48), 3 * font.get_linesize()
            )
            if box.bottom > area.bottom:
                break
            y = draw.paragraph(surface, question, font, box, INK, 1.1) + s.px(14)


def _last(values: object) -> float:
    try:
        return float(values[-1])  # type: ignore[index]
    except (IndexError, TypeError):
        return float("nan")


def show(results: Sequence[TeamResult], size: tuple[int, int] | None = None) -> int:
    """Open the view (full screen unless `size` is given or there is no real display)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.display.init()
    pygame.font.init()
    headless = os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen")
    if size is None and not headless:
        surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    else:
        surface = pygame.display.set_mode(size or (1280, 720), pygame.RESIZABLE)
    # The slides speak the language the teams played in (their key moments are in it).
    before = i18n.language()
    i18n.set_language(str(results[0].record.get("language", before)) if results else before)
    try:
        pygame.display.set_caption(tr("show.caption"))
        view = TeamDebriefView(results, surface.get_size())
        running = True
        while running:
            view.draw(surface)
            pygame.display.flip()
            event = pygame.event.wait()  # nothing moves between key presses: sleep
            running = view.handle(event)
            if event.type == pygame.VIDEORESIZE:
                surface = pygame.display.set_mode((event.w, event.h), pygame.RESIZABLE)
    finally:
        i18n.set_language(before)
    pygame.display.quit()
    return 0
