"""`run_game.py debrief DIR --show`: the comparative debrief on a full-screen projector view.

Slides, stepped with the arrow keys: the leaderboard (with the seed, the date and a
warning when the teams' rounds differ), every overlay chart, the key moments of each
team side by side (on as many slides as they need: "1 of 3"), the scenario's facilitator
notes, its learning goals and its debrief questions. Charts are drawn once per window
size (tens of ms each), never per frame; the loop sleeps between key presses.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game import i18n
from game.facilitator.team_charts import chart_titles, render_charts
from game.facilitator.teams import (
    Team,
    ranks,
    round_facts,
    round_warnings,
    scenario_guide,
    teams,
    verdict,
)
from game.i18n import tr
from game.model.observe import shown_progress
from game.session.results import TeamResult
from game.ui import draw
from game.ui.theme import ACCENT, BACKGROUND, BAD, CARD, FAINT, INK, MUTED, Style, hex_colour

NEXT = (pygame.K_RIGHT, pygame.K_SPACE, pygame.K_PAGEDOWN, pygame.K_DOWN, pygame.K_RETURN)
PREVIOUS = (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_UP, pygame.K_BACKSPACE)
MIN_CHART = 16  # pixels each way: a chart area smaller than this is left empty
HEADS = ("show.team", "show.score", "show.grade", "show.outcome", "show.progress")
# facilitator.teams.verdict's words, as the leaderboard shows them.
VERDICTS = {
    "won": "show.won",
    "lost": "show.lost",
    "cancelled": "show.cancelled",
    "stopped": "show.stopped",
}


@dataclass(frozen=True)
class Slide:
    kind: str  # "leaderboard", "chart", "moments", "goals", "questions", "notes"
    title: str
    chart: str = ""
    page: int = 0  # which of the key moments' slides


class TeamDebriefView:
    """The slides of one results folder, drawn for one window size."""

    def __init__(self, results: Sequence[TeamResult], size: tuple[int, int]) -> None:
        pygame.font.init()  # idempotent; the view can be opened without the game's App
        self.results = list(results)
        self.teams: list[Team] = teams(self.results)
        self.chart_titles = chart_titles(self.results)
        record = self.results[0].record
        self.questions = [str(q) for q in record.get("debrief_questions", [])]
        self.guide = scenario_guide(self.results)
        self.facts = round_facts(self.results)
        self.warnings = round_warnings(self.results)
        self.slides: list[Slide] = []
        self.index = 0
        self.resize(size)

    def resize(self, size: tuple[int, int]) -> None:
        """Lay the slides out for `size`: how many key-moment slides depends on it."""
        shown = self.slides[self.index] if self.slides else None
        self.style = Style(size, 1.25)  # a projector: larger than the game's normal text
        self._charts: dict[str, pygame.Surface] = {}
        self.moment_pages = self._page_moments(self.body())
        self.slides = self._make_slides()
        # The same slide again; on a moments page past the new last one, that last one.
        same = [
            k
            for k, slide in enumerate(self.slides)
            if shown is not None
            and (slide.kind, slide.chart) == (shown.kind, shown.chart)
            and slide.page <= shown.page
        ]
        self.index = same[-1] if same else 0

    def _make_slides(self) -> list[Slide]:
        slides = [Slide("leaderboard", tr("show.leaderboard"))]
        slides += [Slide("chart", title, name) for name, title in self.chart_titles.items()]
        pages = max(1, *(len(team_pages) for team_pages in self.moment_pages))
        for page in range(pages):
            title = (
                tr("show.moments.page", page=page + 1, pages=pages)
                if pages > 1
                else tr("show.moments")
            )
            slides.append(Slide("moments", title, page=page))
        # The facilitator's notes (what to point out) before the goals and the questions
        # the room then discusses: the slides end on the questions.
        if self.guide.facilitator_notes:
            slides.append(Slide("notes", tr("show.notes")))
        if self.guide.learning_goals:
            slides.append(Slide("goals", tr("show.goals")))
        if self.questions:
            slides.append(Slide("questions", tr("show.questions")))
        return slides

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
        if not draw.fits(title, s.font(30, bold=True), s.window[0] - s.px(64)):
            title = self.slide.title  # the slide's own title ("2 of 3") matters more
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
        area = self._draw_round_notes(surface, area)
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
            # Reported progress rounded down, as the game and the dashboard show it.
            reported = float(shown_progress(_last(team.reported)))
            end = f"{100 * _last(team.true):.0f}% / {100 * reported:.0f}%"
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

    def _draw_round_notes(self, surface: pygame.Surface, area: pygame.Rect) -> pygame.Rect:
        """The seed and date, and any warning that the rounds differ; returns the room left."""
        s = self.style
        y = draw.text(surface, self.facts, s.font(15), area.topleft, MUTED, width=area.width).bottom
        font = s.font(16, bold=True)
        for warning in self.warnings:
            text = "! " + warning  # in red, and not in colour alone
            lines = draw.lines_needed(text, font, area.width)
            box = pygame.Rect(area.left, y + s.px(6), area.width, lines * font.get_linesize())
            y = draw.paragraph(surface, text, font, box, BAD, 1.0)
        top = y + s.px(12)
        return pygame.Rect(area.left, top, area.width, area.bottom - top)

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

    def _moment_font(self) -> pygame.font.Font:
        return self.style.font(14 if len(self.teams) > 4 else 16)

    def _columns(self, area: pygame.Rect) -> list[tuple[pygame.Rect, pygame.Rect]]:
        """Each team's card and the room for its moments inside it (below its name)."""
        s = self.style
        gap = s.px(12)
        width = (area.width - gap * (len(self.teams) - 1)) // max(1, len(self.teams))
        out = []
        for k in range(len(self.teams)):
            column = pygame.Rect(area.left + k * (width + gap), area.top, width, area.height)
            inner = column.inflate(-s.px(28), -s.px(20))
            inner.left += s.px(6)
            inner.width -= s.px(6)
            name_h = s.font(18, bold=True).get_linesize() + s.px(6)
            inner.top += name_h
            inner.height -= name_h
            out.append((column, inner))
        return out

    def _moment_texts(self, team: Team) -> list[str]:
        return [
            tr("show.moment", turn=m.get("turn", "?"), text=m.get("text", ""))
            for m in team.result.record.get("key_moments", [])
        ]

    def _page_moments(self, area: pygame.Rect) -> list[list[list[str]]]:
        """Each team's key moments cut into pages that fit its column: every moment is
        shown whole on some slide, and a line is kept free for "more on the next slide"."""
        font, gap = self._moment_font(), self.style.px(6)
        line = font.get_linesize()
        out = []
        for team, (_, inner) in zip(self.teams, self._columns(area), strict=True):
            room = inner.height - line  # the "more" line
            pages: list[list[str]] = [[]]
            used = 0
            for text in self._moment_texts(team):
                lines = max(1, min(draw.lines_needed(text, font, inner.width), room // line))
                height = lines * line + gap
                if pages[-1] and used + height > room:
                    pages.append([])
                    used = 0
                pages[-1].append(text)
                used += height
            out.append(pages if pages[-1] else pages[:-1])
        return out

    def _draw_moments(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        s = self.style
        font = self._moment_font()
        page = self.slide.page
        columns = self._columns(area)
        for team, pages, (column, inner) in zip(
            self.teams, self.moment_pages, columns, strict=True
        ):
            draw.card(surface, column, s.px(8), hex_colour(team.colour), CARD)
            name_at = (inner.left, inner.top - s.font(18, bold=True).get_linesize() - s.px(6))
            draw.text(surface, team.label, s.font(18, bold=True), name_at, INK, width=inner.width)
            y = inner.top
            for text in pages[page] if page < len(pages) else []:
                lines = draw.lines_needed(text, font, inner.width)
                box = pygame.Rect(inner.left, y, inner.width, lines * font.get_linesize())
                box.height = min(box.height, inner.bottom - font.get_linesize() - y)
                y = draw.paragraph(surface, text, font, box, INK, 1.0) + s.px(6)
            if page + 1 < len(pages):
                more = tr("show.more")
                draw.text(
                    surface, more, font, inner.bottomleft, MUTED, "bottomleft", width=inner.width
                )

    def _draw_goals(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        self._draw_list(surface, area, list(self.guide.learning_goals), "•")

    def _draw_notes(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        font = self.style.font(20)
        draw.paragraph(surface, self.guide.facilitator_notes, font, area, INK, 1.15)

    def _draw_list(
        self, surface: pygame.Surface, area: pygame.Rect, items: list[str], bullet: str = ""
    ) -> None:
        """Numbered (or bulleted) items in large type, as many as fit."""
        s = self.style
        font = s.font(24)
        y = area.top
        for k, item in enumerate(items, start=1):
            lines = min(4, draw.lines_needed(item, font, area.width - s.px(48)))
            box = pygame.Rect(
                area.left + s.px(48),
                y,
                area.width - s.px(48),
                lines * round(font.get_linesize() * 1.1),
            )
            if box.bottom > area.bottom:
                break
            draw.text(surface, bullet or f"{k}.", s.font(24, bold=True), (area.left, y), ACCENT)
            y = draw.paragraph(surface, item, font, box, INK, 1.1) + s.px(14)

    def _draw_questions(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        self._draw_list(surface, area, self.questions)


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
        running, dirty = True, True
        while running:
            if dirty:
                view.draw(surface)
                pygame.display.flip()
            # Nothing moves between key presses: sleep, but wake now and then, so that
            # Ctrl+C and a terminating signal (SDL turns them into QUIT) end the show.
            event = pygame.event.wait(250)
            dirty = event.type != pygame.NOEVENT
            running = view.handle(event) if dirty else True
            if event.type == pygame.VIDEORESIZE:
                surface = pygame.display.set_mode((event.w, event.h), pygame.RESIZABLE)
    finally:
        i18n.set_language(before)
    pygame.display.quit()
    return 0
