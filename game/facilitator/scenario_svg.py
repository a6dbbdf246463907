"""Two drawings of a scenario as inline SVG, laid out here (no graph library, no script).

`dependency_graph`: the packages in columns by dependency depth (a package stands one column
right of the deepest package it needs), arrows from what is needed to what needs it, each box
in its owner's colour. `event_timeline`: one row per event over the turns, with the deadline.
Every text is the scenario author's: escaped, and cut to fit its box (the full text is in
the box's tooltip and in the page's tables).
"""

from html import escape

from game.look.palette import OKABE_ITO
from game.scenario.schema import Scenario

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 210, 54, 70, 16, 16
LINE_CHARS = 27  # characters of a box's line at 13 px
ROW_H, LABEL_W, TURN_W = 30, 330, 34


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _two_lines(text: str) -> list[str]:
    """A title on at most two lines of LINE_CHARS, broken between words, cut with … ."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > LINE_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], _cut(" ".join(lines[1:]), LINE_CHARS)]
    return [_cut(x, LINE_CHARS) for x in lines]


def depths(sc: Scenario) -> list[int]:
    """Each package's column: 0 without dependencies, else one past its deepest dependency.
    (The loader refuses cycles; a cycle here would still end, at the package count.)"""
    index = {p.id: i for i, p in enumerate(sc.packages)}
    depth = [0] * len(sc.packages)
    for _ in range(len(sc.packages)):  # relax until stable: at most one pass per package
        changed = False
        for i, p in enumerate(sc.packages):
            need = [depth[index[d]] + 1 for d in p.depends_on if d in index]
            new = max(need, default=0)
            if new != depth[i] and new < len(sc.packages):
                depth[i], changed = new, True
        if not changed:
            break
    return depth


def owner_colours(sc: Scenario) -> dict[str, str]:
    return {s.id: OKABE_ITO[i % len(OKABE_ITO)] for i, s in enumerate(sc.stakeholders)}


def dependency_graph(sc: Scenario) -> str:
    """The packages' dependency graph as one <svg> element."""
    depth = depths(sc)
    rows: dict[int, int] = {}
    place = []
    for d in depth:
        place.append((PAD + d * (BOX_W + GAP_X), PAD + rows.get(d, 0) * (BOX_H + GAP_Y)))
        rows[d] = rows.get(d, 0) + 1
    width = PAD * 2 + (max(depth) + 1) * BOX_W + max(depth) * GAP_X
    height = PAD * 2 + max(rows.values()) * (BOX_H + GAP_Y) - GAP_Y
    index = {p.id: i for i, p in enumerate(sc.packages)}
    colour = owner_colours(sc)
    edges, boxes = [], []
    for i, p in enumerate(sc.packages):
        x, y = place[i]
        for dep in p.depends_on:
            if dep not in index:
                continue
            fx, fy = place[index[dep]]
            x0, y0, x1, y1 = fx + BOX_W, fy + BOX_H / 2, x - 6, y + BOX_H / 2
            mid = (x0 + x1) / 2
            edges.append(
                f'<path d="M{x0},{y0} C{mid},{y0} {mid},{y1} {x1},{y1}" class="edge"'
                ' marker-end="url(#arrow)"/>'
            )
        lines = _two_lines(p.title)
        first_y = y + BOX_H / 2 - (len(lines) - 1) * 8 + 5
        text = "".join(
            f'<tspan x="{x + 14}" y="{first_y + k * 16}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        boxes.append(
            f"<g><title>{escape(p.title)} ({p.size:g} points)</title>"
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" class="box"/>'
            f'<rect x="{x}" y="{y}" width="7" height="{BOX_H}" rx="3"'
            f' fill="{colour.get(p.owner, "#888")}"/>'
            f'<text font-size="13">{text}</text></g>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img"'
        ' aria-label="Dependency graph of the packages">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
        ' markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>'
        "</defs><style>.box{fill:#f6f6f9;stroke:#9a9aa6}.edge{fill:none;stroke:#555;"
        "stroke-width:1.6}</style>" + "".join(edges) + "".join(boxes) + "</svg>"
    )


def _when(sc: Scenario, i: int) -> tuple[int, int, str]:
    """An event's first and last turn (1-based) on the timeline, and its chance in words."""
    t = sc.events[i].trigger
    if t.manual:
        return 1, sc.turns, "fired by the facilitator"
    first, last = (t.turn, t.turn) if t.turn is not None else (t.window or (1, sc.turns))
    chance = "certain" if t.probability >= 1 else f"{t.probability:.0%} a {sc.turn_label}"
    if t.condition is not None:
        chance += ", only if a condition holds"
    return max(1, first), min(sc.turns, max(first, last)), chance


def event_timeline(sc: Scenario) -> str:
    """The events over the turns as one <svg> element: a dot for a fixed turn, a bar for a
    window (darker the likelier), a dashed bar for a manual event; the deadline as a line."""
    width = LABEL_W + sc.turns * TURN_W + PAD
    height = PAD + 26 + max(1, len(sc.events)) * ROW_H + PAD
    top = PAD + 26
    parts = []
    for t in range(1, sc.turns + 1):
        x = LABEL_W + (t - 0.5) * TURN_W
        parts.append(f'<text x="{x}" y="{PAD + 12}" font-size="12" text-anchor="middle">{t}</text>')
    dx = LABEL_W + sc.deadline * TURN_W
    parts.append(
        f'<line x1="{dx}" y1="{PAD + 16}" x2="{dx}" y2="{height - PAD}" class="deadline"/>'
        f'<text x="{dx - 4}" y="{height - PAD + 12}" font-size="11" text-anchor="end">'
        f"deadline</text>"
    )
    for i, e in enumerate(sc.events):
        y = top + i * ROW_H
        first, last, chance = _when(sc, i)
        x0, x1 = LABEL_W + (first - 1) * TURN_W + 3, LABEL_W + last * TURN_W - 3
        label = escape(_cut(e.title, 40))
        tip = escape(f"{e.title}: {sc.turn_label} {first}–{last}, {chance}")
        if e.trigger.manual:
            mark = f'<rect x="{x0}" y="{y + 8}" width="{x1 - x0}" height="12" class="manual"/>'
        elif first == last and e.trigger.probability >= 1:
            mark = f'<circle cx="{(x0 + x1) / 2}" cy="{y + 14}" r="7" class="fixed"/>'
        else:
            shade = 0.25 + 0.75 * e.trigger.probability
            mark = (
                f'<rect x="{x0}" y="{y + 8}" width="{x1 - x0}" height="12" rx="6"'
                f' class="window" fill-opacity="{shade:.2f}"/>'
            )
        parts.append(
            f"<g><title>{tip}</title>"
            f'<text x="{LABEL_W - 10}" y="{y + 18}" font-size="12" text-anchor="end">{label}'
            f"</text>{mark}</g>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 14}"'
        f' width="{width}" height="{height + 14}" role="img" aria-label="Events over the'
        f' {escape(sc.turn_label)}s">'
        "<style>.fixed{fill:#0072B2}.window{fill:#E69F00}.manual{fill:none;stroke:#CC79A7;"
        "stroke-width:2;stroke-dasharray:5 4}.deadline{stroke:#b23a2e;stroke-width:2}</style>"
        + "".join(parts)
        + "</svg>"
    )
