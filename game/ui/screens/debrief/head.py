"""The debrief's head: the score line, and beside it the team's earlier tries."""

from collections.abc import Sequence

import pygame

from game.i18n import number, tr, trn
from game.ui import draw, safe_text
from game.ui.screens.debrief.base import MAX_TRIES_SHOWN, DebriefBase, ahead, difference
from game.ui.theme import BAD, FAINT, GOOD, INK, MUTED, PANEL


class HeadPart(DebriefBase):
    """Lays out and paints the score line and the earlier tries."""

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
            lines.append((text, difference(mine, attempt.score), ahead(mine, attempt.score)))
        return lines

    def _tries_width(self, line: tuple[str, str, bool]) -> int:
        font = self.style.font(16)
        return draw.measure(line[0], font) + self.style.px(16) + draw.measure(line[1], font)

    def _lines_height(self, lines: Sequence[object], font: pygame.font.Font) -> int:
        return len(lines) * font.get_linesize()

    def _score_line(self) -> str:
        r, sc = self.result, self.session.params.scoring
        if r.cancelled[0]:
            verdict = tr("debrief.cancelled")
        else:
            verdict = tr("debrief.won") if r.won[0] else tr("debrief.lost")
        grade = sc.grade_name(r.grade[0])
        return tr("debrief.score", verdict=verdict, score=number(r.score[0], 0), grade=grade)

    def _draw_head(self, surface: pygame.Surface) -> None:
        s, r = self.style, self.result
        colour = BAD if r.cancelled[0] or not r.won[0] else GOOD
        team = safe_text.name(self.session.team) or tr("debrief.your_team")
        # What a win needs, where "Lost" stands (playtest 10 lost with every package
        # signed off, two weeks late, and nothing on screen said where the line was).
        sub = tr(
            "debrief.subtitle",
            title=self.session.scenario.title,
            team=team,
            seed=self.session.seed,
            win=number(self.session.params.scoring.win_score, 0),
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
