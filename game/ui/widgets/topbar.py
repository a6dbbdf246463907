"""The turn screen's top bar: week, budget, reported progress, sponsor, hype, points left."""

from collections.abc import Callable
from functools import partial

import pygame

from game.i18n import cap, number, percent, tr, turn_word
from game.model.observe import Observation
from game.scenario.schema import Scenario
from game.ui import draw
from game.ui.progress import progress_text
from game.ui.theme import ACCENT, BAD, GOOD, INK, MUTED, PANEL, Style
from game.ui.widgets.stakeholder_card import fitting_font


def height(style: Style) -> int:
    return style.font(12).get_linesize() + style.font(18, bold=True).get_linesize() + style.px(14)


def turn_chip(
    scenario: Scenario, turn: int, fits: Callable[[str], bool] = lambda _: True
) -> tuple[str, str]:
    """The first chip's small line and value: the scenario and "Week 3 of 8"; past the
    deadline, "1 WEEK PAST THE DEADLINE" over "Week 9" (never "Week 9 of 8", issue 10),
    or only "PAST THE DEADLINE" where the longer line does not `fit` (projector text)."""
    label = cap(turn_word(scenario.turn_label))
    over = turn - scenario.deadline
    if over <= 0:
        return scenario.title.upper(), tr(
            "topbar.turn", Label=label, turn=turn, deadline=scenario.deadline
        )
    unit = turn_word(scenario.turn_label, many=over != 1)
    late = tr("topbar.late", n=over, label=unit).upper()
    if not fits(late):
        late = tr("topbar.late.short").upper()
    return late, tr("topbar.turn.late", Label=label, turn=turn)


# Chip titles a narrow window or projector text can shorten, and to what.
SHORT_TITLES = {
    "topbar.budget": "topbar.budget.short",
    "topbar.progress": "topbar.progress.short",
    "topbar.points": "topbar.points.short",
}


def _fits(font: pygame.font.Font, room: int, text: str) -> bool:
    return draw.measure(text, font) <= room


def short_title(title: str, fits: Callable[[str], bool]) -> str:
    """`title`, or its short form where it does not `fit` ("BUDGET LEFT" -> "BUDGET")."""
    if fits(title):
        return title
    for key, short in SHORT_TITLES.items():
        if title == tr(key):
            return tr(short)
    return title


def draw_bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    style: Style,
    scenario: Scenario,
    seen: Observation,
    budget_total: float,
    points_left: float,
    points_total: float,
    reserved_right: int,
) -> None:
    """Chips of label over value, spread over the bar's width (less `reserved_right`)."""
    s = style
    pygame.draw.rect(surface, PANEL, rect)
    pygame.draw.line(surface, (74, 82, 102), rect.bottomleft, rect.bottomright)
    pad = s.px(16)
    area = pygame.Rect(
        rect.left + pad, rect.top, rect.width - 2 * pad - reserved_right, rect.height
    )
    weights = [1.6, 1.0, 1.2, 1.0, 0.9, 1.1]
    small, big = s.font(12), s.font(18, bold=True)
    first_w = round(area.width * weights[0] / sum(weights)) - s.px(10)
    turn = int(seen.turn[0]) + 1
    late = turn > scenario.deadline
    budget = float(seen.budget_left[0]) / budget_total
    # Reported progress: the same rule as every package's figure on the board.
    progress = progress_text(float(seen.reported_progress[0]))
    chips: list[tuple[str, str, float | None, tuple[int, int, int]]] = [
        (
            *turn_chip(scenario, turn, lambda text: draw.measure(text, small) <= first_w),
            None,
            BAD if late else INK,
        ),
        (tr("topbar.budget"), percent(budget), budget, BAD if budget < 0.15 else INK),
        (tr("topbar.progress"), progress, None, INK),
        # With its figure, as the week report states it: a move is seen, not guessed from pips.
        (
            tr("topbar.sponsor"),
            percent(float(seen.sponsor[0])),
            float(seen.sponsor[0]),
            BAD if seen.sponsor[0] < 0.3 else INK,
        ),
        # With its figure too: the week report's "hype +20%" and What moved name it so.
        (tr("topbar.hype"), percent(float(seen.hype[0])), float(seen.hype[0]), INK),
        (
            tr("topbar.points"),
            tr("topbar.points.value", left=number(points_left), total=number(points_total)),
            None,
            GOOD if points_left == 0 else ACCENT,
        ),
    ]
    x = area.left
    for (title, value, level, colour), weight in zip(chips, weights, strict=True):
        width = round(area.width * weight / sum(weights))
        top = rect.top + s.px(7)
        room = width - s.px(10)
        title = short_title(title, partial(_fits, small, room))
        font = fitting_font(s, title, (12, 11, 10), room)
        draw.text(
            surface,
            title,
            font,
            (x, top + small.get_linesize() // 2),
            MUTED,
            "midleft",
            width=room,
            full_text_elsewhere="the briefing and the pause menu (the scenario's title)",
        )
        y = top + small.get_linesize()
        if level is not None:
            # The pips give way to the value beside them ("86 %"), so the two never touch,
            # and the value steps down a size before it would run into the next chip
            # (playtest 9 read "100% 0%" as one figure at 1024×600).
            font = big
            for size in (18, 16, 14):
                font = s.font(size, bold=True)
                if width - s.px(18) - (font.size(value)[0] if value else 0) >= s.px(30):
                    break
            room = width - s.px(18) - (font.size(value)[0] if value else 0)
            pip_w = max(s.px(30), min(s.px(90), width // 2, room))
            pip = pygame.Rect(x, y + s.px(5), pip_w, big.get_linesize() - s.px(10))
            draw.pips(surface, pip, level, colour if colour != INK else (86, 180, 233))
            if value:
                line = pygame.Rect(pip.right + s.px(8), y, 0, big.get_linesize())
                draw.text(surface, value, font, line.midleft, colour, "midleft")
        else:
            draw.text(surface, value, big, (x, y), colour, width=width - s.px(10))
        x += width
