"""The work board: one row per package, in its owner's colour, with IT's view of it."""

from dataclasses import dataclass

import pygame

from game.i18n import number, percent, tr
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
            key, icon, tone = "board.status.accepted", "check", GOOD
        elif status == AWAITING:
            key, icon, tone = "board.status.awaiting", "hourglass", WARN
        elif seen.rejections[0, p] > 0:
            key, icon, tone = "board.status.rejected", "cross", BAD
        elif seen.buildable[0, p]:
            started = seen.package_reported[0, p] > 0
            key = "board.status.building" if started else "board.status.open"
            icon, tone = "hammer", INK
        else:
            key, icon, tone = "board.status.blocked", "clock", FAINT
        word = tr(key)
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
        tr(
            "board.tip.package",
            title=package.title,
            owner=owner.name,
            department=owner.department,
            size=number(package.size),
            built=percent(float(seen.package_reported[0, p])),
        )
    ]
    ids = [q.id for q in scenario.packages]
    waits = [
        scenario.packages[ids.index(d)].title
        for d in package.depends_on
        if seen.package_status[0, ids.index(d)] == OPEN
    ]
    if waits and seen.package_status[0, p] == OPEN:
        lines.append(tr("board.tip.waits", packages="; ".join(waits)))
    if seen.rejections[0, p]:
        times, name = int(seen.rejections[0, p]), owner.short_name
        lines.append(tr("board.tip.rejected", times=times, name=name))
    if seen.rework_found[0, p] >= 0.05:
        rework = number(float(seen.rework_found[0, p]), 1)
        lines.append(tr("board.tip.rework", points=rework))
    return " ".join(lines)


def row_height(style: Style) -> int:
    return max(style.px(30), style.font(15).get_linesize() + style.px(10))


def status_text(view: PackageView) -> str:
    """'Dana · to sign off', with the rework found while it is not accepted."""
    text = f"{view.owner_name} · {view.status}"
    if view.rework_found >= 0.05 and view.icon != "check":  # accepted: defects are known
        text += " · " + tr("board.rework", points=number(view.rework_found, 1))
    return text


def status_width(style: Style, views: list[PackageView], row_width: int) -> int:
    """The status column's width: room for the longest status shown, within limits.

    A quarter of the row leaves the title most of it; longer words (German has them)
    take up to two fifths before they are cut.
    """
    font, icon = style.font(13), style.text_px(14) + style.px(6)
    needed = max((draw.measure(status_text(v), font) + icon for v in views), default=0)
    return max(round(row_width * 0.27), min(needed, round(row_width * 0.4)))


def draw_row(
    surface: pygame.Surface,
    rect: pygame.Rect,
    style: Style,
    view: PackageView,
    planned: float,
    status_w: int | None = None,
) -> None:
    """One package: IT's progress bar, the title (and points planned on it), the status."""
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
        percent(view.reported),
        small,
        (bar.right + s.px(6), rect.centery),
        MUTED,
        "midleft",
    )
    status_w = status_w or round(rect.width * 0.27)
    status_left = rect.right - pad - status_w
    title_left = pct.right + s.px(10)
    title = view.title + (tr("board.planned", points=number(planned)) if planned > 0 else "")
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
    draw.text(
        surface,
        status_text(view),
        small,
        (status_left + icon_size + s.px(6), rect.centery),
        view.tone if view.tone != INK else MUTED,
        "midleft",
        width=status_w - icon_size - s.px(6),
    )
