"""The work board: one row per package, in its owner's colour, with IT's view of it."""

from dataclasses import dataclass

import pygame

from game.model.observe import Observation
from game.model.state import ACCEPTED, AWAITING, OPEN
from game.scenario.schema import Scenario
from game.ui import draw, people
from game.ui.art.icons import load_icon
from game.ui.theme import BAD, CARD, FAINT, GOOD, INK, MUTED, WARN, Style


@dataclass(frozen=True)
class PackageView:
    index: int
    title: str
    owner: int
    owner_name: str
    reported: float
    status: str  # the word shown
    icon: str
    tone: tuple[int, int, int]
    rework_found: float

    @classmethod
    def of(cls, scenario: Scenario, seen: Observation, p: int) -> "PackageView":
        package = scenario.packages[p]
        owner = [s.id for s in scenario.stakeholders].index(package.owner)
        status = int(seen.package_status[0, p])
        if status == ACCEPTED:
            word, icon, tone = "accepted", "check", GOOD
        elif status == AWAITING:
            word, icon, tone = "to sign off", "hourglass", WARN
        elif seen.rejections[0, p] > 0:
            word, icon, tone = "rejected", "cross", BAD
        elif seen.buildable[0, p]:
            started = seen.package_reported[0, p] > 0
            word, icon, tone = ("building" if started else "open"), "hammer", INK
        else:
            word, icon, tone = "blocked", "clock", FAINT
        return cls(
            p,
            package.title,
            owner,
            people.first_name(scenario, owner),
            # Signed off is done as far as IT's board goes; its known defects are in the debrief.
            1.0 if status == ACCEPTED else float(seen.package_reported[0, p]),
            word,
            icon,
            tone,
            float(seen.rework_found[0, p]),
        )


def tooltip(scenario: Scenario, seen: Observation, p: int) -> str:
    """Who owns the package, its size, and what it waits for (IT's view)."""
    package = scenario.packages[p]
    owner = next(s for s in scenario.stakeholders if s.id == package.owner)
    lines = [
        f"{package.title}. Owner: {owner.name} ({owner.department}). Size {package.size:g} points;"
        f" IT reports {100 * float(seen.package_reported[0, p]):.0f}% built."
    ]
    ids = [q.id for q in scenario.packages]
    waits = [
        scenario.packages[ids.index(d)].title
        for d in package.depends_on
        if seen.package_status[0, ids.index(d)] == OPEN
    ]
    if waits and seen.package_status[0, p] == OPEN:
        lines.append("Cannot be built before " + "; ".join(waits) + " is built.")
    if seen.rejections[0, p]:
        lines.append(f"Rejected {int(seen.rejections[0, p])} time(s) by {owner.name.split()[0]}.")
    if seen.rework_found[0, p] >= 0.05:
        lines.append(f"Rework found so far: {float(seen.rework_found[0, p]):.1f} points.")
    return " ".join(lines)


def row_height(style: Style) -> int:
    return max(style.px(30), style.font(15).get_linesize() + style.px(10))


def draw_row(
    surface: pygame.Surface, rect: pygame.Rect, style: Style, view: PackageView, planned: float
) -> None:
    s = style
    colour = people.colour(s, view.owner)
    pygame.draw.rect(surface, CARD, rect, border_radius=s.px(6))
    pygame.draw.rect(
        surface,
        colour,
        (rect.left, rect.top, s.px(5), rect.height),
        border_top_left_radius=s.px(6),
        border_bottom_left_radius=s.px(6),
    )
    pad = s.px(10)
    bar_w = round(rect.width * 0.16)
    bar = pygame.Rect(rect.left + pad, rect.centery - s.px(6), bar_w, s.px(12))
    draw.bar(surface, bar, view.reported, colour)
    font, small = s.font(15), s.font(13)
    pct = draw.text(
        surface,
        f"{100 * view.reported:.0f}%",
        small,
        (bar.right + s.px(6), rect.centery),
        MUTED,
        "midleft",
    )
    status_w = round(rect.width * 0.27)
    status_left = rect.right - pad - status_w
    title_left = pct.right + s.px(10)
    title = view.title + (f"  (+{planned:g} this week)" if planned > 0 else "")
    draw.text(
        surface,
        title,
        font,
        (title_left, rect.centery),
        INK,
        "midleft",
        width=status_left - title_left - pad,
    )
    icon_size = s.text_px(14)
    surface.blit(
        load_icon(view.icon, icon_size, view.tone), (status_left, rect.centery - icon_size // 2)
    )
    text = f"{view.owner_name} · {view.status}"
    if view.rework_found >= 0.05 and view.icon != "check":  # accepted: defects are known
        text += f" · {view.rework_found:.1f} rework"
    draw.text(
        surface,
        text,
        small,
        (status_left + icon_size + s.px(6), rect.centery),
        view.tone if view.tone != INK else MUTED,
        "midleft",
        width=status_w - icon_size - s.px(6),
    )
