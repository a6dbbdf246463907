"""A scenario at a glance, for the facilitator preparing a workshop: one static HTML page.

The packages' dependency graph, the people, the events on a timeline and how long a
first-time group needs for the round. No server, no script, nothing from the network; every
text of the scenario is escaped (it is the author's input).
"""

from html import escape
from pathlib import Path

from game.facilitator.print_style import CSS
from game.facilitator.scenario_svg import dependency_graph, event_timeline, owner_colours
from game.facilitator.timing import round_length
from game.scenario.schema import Scenario
from game.session.atomic_file import write_text_atomic

PREVIEW = "preview.html"


def _e(text: object) -> str:
    return escape(str(text))


def _people(sc: Scenario) -> str:
    colour = owner_colours(sc)
    rows = []
    for s in sc.stakeholders:
        owns = sum(p.size for p in sc.packages if p.owner == s.id)
        t = s.traits
        rows.append(
            f'<tr><td class="name"><span style="color:{colour[s.id]}" aria-hidden="true">■</span>'
            f" {_e(s.name)}</td><td>{_e(s.role)}</td><td class='wide'>{_e(s.cares_about)}</td>"
            f"<td class='num'>{owns:g}</td><td class='num'>{s.influence:.0%}</td>"
            f"<td class='num'>{t.patience:.0%}</td><td class='num'>{t.hype_susceptibility:.0%}</td>"
            f"<td class='num'>{t.trust:.0%}</td></tr>"
        )
    return (
        "<table><thead><tr><th>Person</th><th>Role</th><th>Cares about</th>"
        "<th class='num'>Work owned</th><th class='num'>Influence</th>"
        "<th class='num'>Patience</th><th class='num'>Hype-prone</th>"
        f"<th class='num'>Trust at start</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _events(sc: Scenario) -> str:
    if not sc.events:
        return "<p>This scenario has no events.</p>"
    items = "".join(f"<li><b>{_e(e.title)}</b>: {_e(e.text)}</li>" for e in sc.events)
    return (
        f"<figure>{event_timeline(sc)}</figure>"
        "<p>A dot: on that turn for sure. A bar: may happen in that window (darker: likelier)."
        " Dashed: only when you fire it (Ctrl+Shift+E).</p>"
        f"<ul>{items}</ul>"
    )


def render_preview(sc: Scenario) -> str:
    """The whole page."""
    work = sum(p.size for p in sc.packages)
    capacity = sc.team.capacity * sc.deadline
    return f"""<!doctype html>
<html lang="{_e(sc.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Odd Duck preview · {_e(sc.title)}</title>
<style>{CSS} body {{ max-width: 260mm; }}</style>
</head>
<body>
<p class="kicker">Odd Duck · scenario preview · {_e(sc.id)}</p>
<h1>{_e(sc.title)}</h1>
<p class="lead">{_e(sc.summary)}</p>
<ul class="facts">
<li>Expected round: {_e(round_length(sc))} for a first-time group</li>
<li>{len(sc.stakeholders)} people, {len(sc.packages)} packages, {len(sc.events)} events</li>
<li>Work {work:g} points; team capacity to the deadline {capacity:g} points</li>
<li>Difficulty: {_e(sc.difficulty)}</li>
</ul>
<section id="packages"><h2>Packages and what they depend on</h2>
<p>Left to right in the order they can be built; an arrow points from what is needed to
what needs it. The colour is the owner who signs the package off.</p>
<figure>{dependency_graph(sc)}</figure>
</section>
<section id="people"><h2>The people</h2>
{_people(sc)}
</section>
<section id="events"><h2>Events over the {_e(sc.turn_label)}s</h2>
{_events(sc)}
</section>
<footer>Made by <code>run_game.py preview</code>. Print the handout for the teams with
<code>run_game.py handout</code>.</footer>
</body>
</html>
"""


def write_preview(sc: Scenario, out: Path) -> Path:
    """Write `preview.html` into `out` (atomically); returns its path."""
    page = out / PREVIEW
    write_text_atomic(page, render_preview(sc))
    return page
