"""The turn screen's top bar: week, budget, reported progress, sponsor, hype, points left."""

import pygame

from game.model.observe import Observation
from game.scenario.schema import Scenario
from game.ui import draw
from game.ui.theme import ACCENT, BAD, GOOD, INK, MUTED, PANEL, Style


def height(style: Style) -> int:
    return style.font(12).get_linesize() + style.font(18, bold=True).get_linesize() + style.px(14)


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
    turn = int(seen.turn[0]) + 1
    label = scenario.turn_label
    late = turn > scenario.deadline
    budget = float(seen.budget_left[0]) / budget_total
    chips: list[tuple[str, str, float | None, tuple[int, int, int]]] = [
        (
            scenario.title.upper(),
            f"{label.capitalize()} {turn} of {scenario.deadline}",
            None,
            BAD if late else INK,
        ),
        ("BUDGET LEFT", f"{100 * budget:.0f}%", budget, BAD if budget < 0.15 else INK),
        ("PROGRESS (REPORTED)*", f"{100 * float(seen.reported_progress[0]):.0f}%", None, INK),
        ("SPONSOR", "", float(seen.sponsor[0]), BAD if seen.sponsor[0] < 0.3 else INK),
        ("HYPE", "", float(seen.hype[0]), INK),
        (
            "POINTS LEFT",
            f"{points_left:g} of {points_total:g}",
            None,
            GOOD if points_left == 0 else ACCENT,
        ),
    ]
    pad = s.px(16)
    area = pygame.Rect(
        rect.left + pad, rect.top, rect.width - 2 * pad - reserved_right, rect.height
    )
    weights = [1.6, 1.0, 1.2, 1.0, 0.9, 1.1]
    x = area.left
    small, big = s.font(12), s.font(18, bold=True)
    for (title, value, level, colour), weight in zip(chips, weights, strict=True):
        width = round(area.width * weight / sum(weights))
        top = rect.top + s.px(7)
        draw.text(surface, title, small, (x, top), MUTED, width=width - s.px(10))
        y = top + small.get_linesize()
        if level is not None:
            pip = pygame.Rect(
                x, y + s.px(5), min(s.px(90), width // 2), big.get_linesize() - s.px(10)
            )
            draw.pips(surface, pip, level, colour if colour != INK else (86, 180, 233))
            if value:
                draw.text(surface, value, big, (pip.right + s.px(8), y), colour)
        else:
            draw.text(surface, value, big, (x, y), colour, width=width - s.px(10))
        x += width
