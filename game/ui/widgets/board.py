"""The work board: one row per package, in its owner's colour, with IT's view of it.

A row has two lines, so that nothing a team decides on is cut at projector text size:
the package's title with the points planned on it this week (always shown, the title
gives way), then IT's reported progress, the status, how clear the needs look, the
rework waiting to be redone and the owner.

Two things a newcomer could mix up have their own words: how well IT understands what a
package is for is its *requirements* (clear, fuzzy, unclear), and the work left on it is
*points to go* (the planner's build rows). Progress comes from `game.ui.progress`, the
one rule the top bar uses too.

Rework has two figures, named apart (issue 10): the *faults found* in a package (what the
week report calls rework found and defects, and the debrief's chart counts) and the *work
to redo* they put back on it, which is more, since a fault found late costs more to fix
than it took to build. The work to redo is part of the points to go, and the row says so
with both figures in the planner's tenths ("3 to go, 2.4 of it to redo": a playtest read
"2.4 to redo" beside the planner's "3 pts to go" as two different amounts); the tooltip
names both figures.

Known defects follow the one rule of the week report and "Through their eyes"
(`game.session.facts.shown_defects`), in tenths.

A package that has waited for its owner's sign-off for STALLED_AFTER turns says so, and
its tooltip says what the decision depends on and what may help, from the sign-off rule
(game/model/rules/signoff.py) and IT's view of the owner only.
"""

from dataclasses import dataclass

import pygame

from game.i18n import number, possessive, tr, trn, turn_word
from game.model.observe import CLEAR, FUZZY, UNCLEAR, Observation, clarity_band
from game.model.state import ACCEPTED, AWAITING, OPEN
from game.scenario.schema import Scenario
from game.session.facts import shown_defects
from game.session.rounding import value_percents
from game.ui import draw, people
from game.ui.art.icons import load_icon
from game.ui.progress import built_and_to_go, points_text, progress_fill, progress_text
from game.ui.theme import ACCENT, BAD, CARD, FAINT, GOOD, INK, MUTED, WARN, Colour, Style
from game.ui.widgets.stakeholder_card import since_text

# Smaller amounts (in points) are rounding dust, not news for the board.
SHOWN_POINTS = 0.05
NEEDS_KEYS = {
    UNCLEAR: "board.needs.unclear",
    FUZZY: "board.needs.fuzzy",
    CLEAR: "board.needs.clear",
}
NEEDS_TONES: dict[int, Colour] = {UNCLEAR: BAD, FUZZY: WARN, CLEAR: GOOD}
# The statuses of an open package: the ones its requirements are shown beside.
OPEN_STATUS_KEYS = (
    "board.status.rejected",
    "board.status.building",
    "board.status.open",
    "board.status.blocked",
)
# Handed over this many turns ago and still not decided on: the row says how long it has
# waited. (One turn is the normal wait: sign-off decides on what was handed over before.)
STALLED_AFTER = 2


@dataclass(frozen=True)
class PackageView:
    """What one row shows, read from the observation (never the true state)."""

    index: int
    title: str
    owner: int
    owner_name: str
    reported: float  # Observation.package_reported, as it is (100 % once handed over)
    status: str  # the word shown
    icon: str
    tone: tuple[int, int, int]
    redo: float  # found rework waiting to be redone, in points (part of `to_go`)
    defects: float  # known defects it went live with, in points (accepted only)
    needs: int | None  # requirements' clarity band while it can be built or changed, else None
    needs_vague: bool  # IT is out of touch with the owner: the band is an old impression
    stalled: str = ""  # "3 weeks waiting" once it has waited STALLED_AFTER turns, else ""
    to_go: float = 0.0  # known work left, new and to redo, in points (the planner's "to go")
    grown_to: float = 0.0  # its size in points where rework and changes grew it, else 0

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
        return cls(
            p,
            package.title,
            owner,
            people.first_name(scenario, owner),
            float(seen.package_reported[0, p]),
            tr(key),
            icon,
            tone,
            float(seen.package_redo[0, p]),
            float(seen.package_defects[0, p]) if status == ACCEPTED else 0.0,
            int(clarity_band(seen.package_clarity[0, p])) if status == OPEN else None,
            bool(seen.vague[0, owner]),
            _stalled_text(scenario, int(seen.package_waiting[0, p])),
            float(seen.package_remaining[0, p]),
            _grown_to(float(seen.package_size[0, p]), package.size),
        )


def _grown_to(size: float, planned: float) -> float:
    """The size a package grew to (rework found late costs more to redo than it took to
    build), or 0 while it is the size the team planned with (playtest 5: "2.2 to go" on a
    package the team knew as 7 points, with nothing on the row saying it had grown)."""
    return size if size > planned + SHOWN_POINTS else 0.0


def _stalled_text(scenario: Scenario, waiting: int) -> str:
    """'3 weeks waiting' for a package awaiting sign-off STALLED_AFTER turns or more."""
    if waiting < STALLED_AFTER:
        return ""
    return tr("board.waiting", n=waiting, labels=turn_word(scenario.turn_label, many=True))


def needs_text(view: PackageView, short: bool = False) -> str:
    """'requirements: fuzzy', with '~' when IT is out of touch with the owner; `short`:
    'req. ~fuzzy' (never the bare word: 'fuzzy' alone says not what is)."""
    if view.needs is None:
        return ""
    word = tr(NEEDS_KEYS[view.needs])
    if view.needs_vague:
        word = tr("board.needs.vague", word=word)
    return tr("board.needs.short" if short else "board.needs", word=word)


def tooltip(scenario: Scenario, seen: Observation, p: int) -> str:
    """Who owns the package, its size, IT's progress and what it waits for (IT's view)."""
    package = scenario.packages[p]
    owner_index = [s.id for s in scenario.stakeholders].index(package.owner)
    owner = scenario.stakeholders[owner_index]
    view = PackageView.of(scenario, seen, p)
    size = float(seen.package_size[0, p])
    lines = [
        tr(
            "board.tip.package",
            title=package.title,
            owner=owner.name,
            department=owner.department,
            size=number(size, 0 if abs(size - round(size)) < SHOWN_POINTS else 1),
            built=progress_text(view.reported),
        )
    ]
    to_go = float(seen.package_remaining[0, p])
    if seen.package_status[0, p] == OPEN:
        built, left, whole = built_and_to_go(size, to_go)
        lines.append(tr("board.tip.points", built=built, to_go=left, size=whole))
    if view.grown_to:
        lines.append(tr("board.tip.grown", planned=number(package.size)))
    # What it is worth, as the week report's sign-offs and the debrief's "Why" say it.
    value = value_percents([q.value for q in scenario.packages])[p]
    lines.append(tr("board.tip.value", value=tr("format.percent", n=number(value, 0))))
    if view.needs is not None:
        lines.append(_needs_tip(scenario, seen, view, owner.short_name))
    ids = [q.id for q in scenario.packages]
    waits = [
        scenario.packages[ids.index(d)].title
        for d in package.depends_on
        if seen.package_status[0, ids.index(d)] == OPEN
    ]
    if waits and seen.package_status[0, p] == OPEN:
        lines.append(tr("board.tip.waits", packages="; ".join(waits)))
    if seen.rejections[0, p]:
        lines.append(trn("board.tip.rejected", int(seen.rejections[0, p]), name=owner.short_name))
    if view.redo >= SHOWN_POINTS:
        lines.append(tr("board.tip.redo", points=points_text(view.redo)))
    if seen.rework_found[0, p] >= SHOWN_POINTS:
        lines.append(tr("board.tip.rework", points=number(float(seen.rework_found[0, p]), 1)))
    if shown_defects(view.defects):
        lines.append(tr("board.tip.defects", points=number(view.defects, 1)))
    if view.stalled:
        lines += stalled_tips(scenario, seen, p)
    return " ".join(lines)


def stalled_tips(scenario: Scenario, seen: Observation, p: int) -> list[str]:
    """Why a sign-off is taking long and what may help, as the sign-off rule has it: an owner
    decides sooner the more they trust the team, and more slowly after escalations
    (friction); a granted favour buys a quick, fair test; an escalation forces a decision
    as far as the sponsor backs the team, and once the wait is overdue the sponsor decides
    it at a far smaller cost. Only IT's view of the owner's trust is used, and
    only the scenario's own actions are named."""
    owner = [s.id for s in scenario.stakeholders].index(scenario.packages[p].owner)
    name = scenario.stakeholders[owner].short_name
    trust = progress_text(float(seen.trust[0, owner]))
    if seen.vague[0, owner]:
        trust = tr("board.tip.trust.vague", trust=trust)
    waited = int(seen.package_waiting[0, p])
    labels = turn_word(scenario.turn_label, many=True)
    whose = possessive(name)
    out = [tr("board.tip.stalled", name=name, whose=whose, n=waited, labels=labels, trust=trust)]
    favour, escalate = _action_with(scenario, "favour"), _action_with(scenario, "escalate")
    if favour:
        needs = scenario.model.favour_min_trust
        key = "board.tip.stalled.favour"
        if seen.trust[0, owner] < needs:
            key = "board.tip.stalled.favour.low"
        out.append(tr(key, action=favour, whose=whose, needs=progress_text(needs)))
    if escalate:
        # After a fair wait the sponsor decides an escalated sign-off, and it costs far
        # less trust and friction: a last resort, not a power play (rules/signoff.py).
        fair = scenario.model.escalate_fair_wait
        if waited >= fair:
            out.append(
                tr("board.tip.stalled.escalate.fair", action=escalate, n=waited, labels=labels)
            )
        else:
            out.append(
                tr("board.tip.stalled.escalate", action=escalate, n=number(fair, 0), labels=labels)
            )
    return out


def _action_with(scenario: Scenario, channel: str) -> str:
    """The label of the scenario's first action with an effect on `channel`, else ''."""
    return next((a.label for a in scenario.actions if a.effects.get(channel, 0) > 0), "")


def _needs_tip(scenario: Scenario, seen: Observation, view: PackageView, name: str) -> str:
    """'Requirements: fuzzy (clarity 65 %).' or, out of touch, how old the impression is."""
    word = tr(NEEDS_KEYS[view.needs or 0])
    if not view.needs_vague:
        clarity = progress_text(float(seen.package_clarity[0, view.index]))
        return tr("board.tip.needs", word=word, clarity=clarity)
    since = since_text(
        int(seen.since_contact[0, view.owner]), scenario.turn_label, int(seen.turn[0])
    )
    return tr("board.tip.needs.vague", word=word, name=name, since=since)


def row_height(style: Style) -> int:
    """Two lines: the title, then progress and status."""
    return style.font(15).get_linesize() + style.font(13).get_linesize() + style.px(10)


def draw_row(
    surface: pygame.Surface,
    rect: pygame.Rect,
    style: Style,
    view: PackageView,
    planned: float,
    short_needs: bool = False,
) -> None:
    """One package: the title and the points planned on it; IT's progress bar and status.

    `short_needs`: 'req.' for 'requirements:' (the whole board says it one way: see
    `needs_short`)."""
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
    inner = pygame.Rect(rect.left + pad + s.px(2), rect.top + s.px(4), 0, 0)
    inner.width = rect.right - pad - inner.left
    first_h = s.font(15).get_linesize()
    _draw_title_line(
        surface, pygame.Rect(inner.left, inner.top, inner.width, first_h), s, view, planned
    )
    second = pygame.Rect(inner.left, inner.top + first_h, inner.width, s.font(13).get_linesize())
    _draw_status_line(surface, second, s, view, colour, short_needs)


def _draw_title_line(
    surface: pygame.Surface, line: pygame.Rect, s: Style, view: PackageView, planned: float
) -> None:
    """The title, and at the right the points planned this week: those are never cut."""
    right = line.right
    if planned > 0:
        pill_font = s.font(14, bold=True)
        long = tr("board.planned", points=number(planned))
        # The same form on every row of a board: the long one only where a quarter of
        # the row holds it.
        fits = draw.measure(long, pill_font) <= line.width // 4
        text = long if fits else tr("board.planned.short", points=number(planned))
        pill = draw.text(surface, text, pill_font, (right, line.centery), ACCENT, "midright")
        right = pill.left - s.px(10)
    title, font = _fitted_title(view.title, s, right - line.left)
    draw.text(
        surface,
        title,
        font,
        (line.left, line.centery),
        INK,
        "midleft",
        width=right - line.left,
        full_text_elsewhere="the row's tooltip",
    )


def _fitted_title(title: str, s: Style, width: int) -> tuple[str, pygame.font.Font]:
    """The whole title if it fits, in a smaller type if need be; else its head (before a
    parenthesis or a comma), which still names the package; the tooltip has it all."""
    big, small = s.font(15), s.font(13)
    head = title
    for mark in (" (", ", ", " – ", " - "):
        head = head.split(mark)[0]
    for text in (title, head):
        for font in (big, small):
            if draw.measure(text, font) <= width:
                return text, font
    return head, small


def _status_room(line_width: int, s: Style, reported: float) -> int:
    """The width the status words get on a row's second line: after the bar, the percent
    of `reported` progress and the icon (the layout of `_draw_status_line`)."""
    small = s.font(13)
    bar_w = max(s.px(40), round(line_width * 0.16))
    pct = draw.measure(progress_text(reported), small)
    return line_width - (bar_w + s.px(6) + pct + s.px(10) + s.text_px(14) + s.px(4))


def needs_short(scenario: Scenario, row_width: int, s: Style) -> bool:
    """Whether the board says 'req.' rather than 'requirements:', decided once for the
    round at this size: where the widest line an open package could have (its widest
    status, '~unclear' and its owner's name) would not fit. A board decided on the rows
    it showed mixed the two forms from one week to the next (a playtest)."""
    font = s.font(13)
    line_width = row_width - 2 * s.px(10) - s.px(2)
    room = _status_room(line_width, s, 1.0)  # beside the widest percent, "100%"
    status = max((tr(k) for k in OPEN_STATUS_KEYS), key=lambda t: draw.measure(t, font))
    word = max((tr(k) for k in NEEDS_KEYS.values()), key=lambda t: draw.measure(t, font))
    needs = tr("board.needs", word=tr("board.needs.vague", word=word))
    owners = [people.first_name(scenario, k) for k in range(len(scenario.stakeholders))]
    return any(draw.measure(" · ".join((status, needs, owner)), font) > room for owner in owners)


def _draw_status_line(
    surface: pygame.Surface,
    line: pygame.Rect,
    s: Style,
    view: PackageView,
    colour: Colour,
    short_needs: bool = False,
) -> None:
    """Bar and percent, then: status · requirements · rework to redo · owner, as room
    allows."""
    small = s.font(13)
    bar_w = max(s.px(40), round(line.width * 0.16))
    bar = pygame.Rect(line.left, line.centery - s.px(5), bar_w, s.px(10))
    draw.bar(surface, bar, progress_fill(view.reported), colour)
    pct = draw.text(
        surface,
        progress_text(view.reported),
        small,
        (bar.right + s.px(6), line.centery),
        MUTED,
        "midleft",
    )
    x = pct.right + s.px(10)
    icon_size = s.text_px(14)
    surface.blit(load_icon(view.icon, icon_size, view.tone), (x, line.centery - icon_size // 2))
    x += icon_size + s.px(4)
    parts = _status_parts(view, small, line.right - x, short_needs)
    separator = " · "
    for k, (text, tone) in enumerate(parts):
        if k:
            x = draw.text(surface, separator, small, (x, line.centery), FAINT, "midleft").right
        x = draw.text(
            surface,
            text,
            small,
            (x, line.centery),
            tone,
            "midleft",
            width=line.right - x,
            full_text_elsewhere="the row's tooltip",
        ).right


FIGURE_GAP = "\u2004"  # a three-per-em space: a third wider than Noto's word space


def status_parts(view: PackageView) -> list[tuple[str, Colour]]:
    """The second line's words, most important first, each with its colour (never alone:
    every state is a word)."""
    parts: list[tuple[str, Colour]] = [(view.status, view.tone if view.tone != INK else MUTED)]
    if view.needs is not None:
        parts.append((needs_text(view), NEEDS_TONES[view.needs]))
    if view.redo >= SHOWN_POINTS and view.needs is not None:
        parts.append((redo_text(view), WARN))
    if shown_defects(view.defects):
        parts.append((tr("board.defects"), WARN))
    if view.stalled:
        parts.append((view.stalled, WARN))
    parts.append((view.owner_name, MUTED))
    return parts


# The forms of the work to redo, longest first: a narrow row takes the first that fits.
# The first says what the package grew to, where it grew (else it is the second).
REDO_KEYS = ("board.redo.grown", "board.redo", "board.redo.of", "board.redo.short")


def redo_text(view: PackageView, key: str = REDO_KEYS[0]) -> str:
    """'3 to go, 2.4 of it to redo (now 8.4 pts)' ('… of it to redo' while it has not
    grown; '2.4 of 3 to redo', '2.4 to redo' where narrow): the work to redo as the part
    of the points to go it is, all in the planner's tenths (`points_text`)."""
    points, to_go = points_text(view.redo), points_text(max(view.to_go, view.redo))
    if key == REDO_KEYS[0] and not view.grown_to:
        key = REDO_KEYS[1]
    text = tr(key, points=points, to_go=to_go, size=points_text(view.grown_to))
    # Noto's space is 3 px at the board's small size, and a 4's bar reaches it: "0.4 to
    # redo" read "0.4to redo" (playtest 3). A slightly wider space after each figure.
    for figure in dict.fromkeys((to_go, points)):
        text = text.replace(f"{figure} ", f"{figure}{FIGURE_GAP}")
    return text


def _status_parts(
    view: PackageView, font: pygame.font.Font, width: int, short_needs: bool = False
) -> list[tuple[str, Colour]]:
    """`status_parts` that fit in `width`: 'requirements:' is 'req.' when the board says
    so (for the whole round: `needs_short`), the work to redo takes its shorter forms,
    then the middle words give way, the last first; the owner goes only when nothing else is left to
    give (the status and the owner's name are what the team looks for: at projector size
    a playtest saw "blocked · requirements: unclear" with nobody to talk to)."""
    parts = status_parts(view)
    if short_needs and view.needs is not None:
        parts[1] = (needs_text(view, short=True), parts[1][1])

    def wide(items: list[tuple[str, Colour]]) -> int:
        return draw.measure(" · ".join(t for t, _ in items), font)

    redo = next((k for k, (t, _) in enumerate(parts) if t == redo_text(view)), None)
    for key in REDO_KEYS[1:]:
        if redo is None or wide(parts) <= width:
            break
        parts[redo] = (redo_text(view, key), parts[redo][1])
    while wide(parts) > width and len(parts) > 2:
        del parts[-2]  # the word before the owner's name
    if wide(parts) > width:
        parts = parts[:1]
    return parts
