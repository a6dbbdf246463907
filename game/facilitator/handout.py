"""The printable handout of a scenario: one static HTML page, A4, a section a sheet.

Sheets: the story and the goal; one card per person (portrait, role, what they care
about, what they sign off); the rules on one page; the facilitator's run-sheet (timing,
learning goals, notes, when to pause, the debrief questions). Portraits are PNG files the
caller has written beside the page (the window's art is not headless). Every text of the
scenario is the author's input: all of it goes through `html.escape`. The one inline script
is the debrief page's: it counts the portraits that loaded, for the browser test.
"""

from collections.abc import Mapping
from html import escape
from pathlib import Path
from urllib.parse import quote

from game.facilitator.page_style import SCRIPT
from game.facilitator.print_style import CSS
from game.facilitator.timing import round_length, run_sheet, total_minutes
from game.scenario.schema import Scenario
from game.session.atomic_file import write_text_atomic

HANDOUT = "handout.html"
TARGETS = {"package": "a package", "stakeholder": "a person", "project": "the whole project"}


def _e(text: object) -> str:
    return escape(str(text))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_e(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _story(sc: Scenario) -> str:
    label = sc.turn_label
    facts = [
        f"Deadline: end of {label} {sc.deadline}",
        f"The round ends after {label} {sc.turns} at the latest",
        f"Team: {sc.team.capacity:g} points a {label}",
        f"Budget: {sc.budget.total:g}",
        f"Sponsor: {sc.sponsor.name}, {sc.sponsor.role}",
    ]
    items = "".join(f"<li>{_e(f)}</li>" for f in facts)
    return f"""<section class="page" id="story">
<p class="kicker">Odd Duck · the project</p>
<h1>{_e(sc.title)}</h1>
<p class="lead">{_e(sc.summary)}</p>
{_paragraphs(sc.story)}
<h2>Your goal</h2>
<div class="goal">{_paragraphs(sc.goal)}</div>
<ul class="facts">{items}</ul>
</section>"""


def _card(sc: Scenario, index: int, portrait: str | None) -> str:
    person = sc.stakeholders[index]
    owns = [p.title for p in sc.packages if p.owner == person.id]
    image = (
        f'<img src="{_e(quote(portrait))}" alt="Portrait of {_e(person.name)}"'
        ' width="106" height="106">'
        if portrait
        else ""
    )
    signs = f'<p class="owns">Signs off: {_e(", ".join(owns))}</p>' if owns else ""
    return f"""<div class="card">{image}<div>
<h3>{_e(person.name)}</h3>
<p class="role">{_e(person.role)} · {_e(person.department)}</p>
<blockquote>“{_e(person.cares_about)}”</blockquote>
{signs}</div></div>"""


def _people(sc: Scenario, portraits: Mapping[int, str]) -> str:
    cards = "".join(_card(sc, i, portraits.get(i)) for i in range(len(sc.stakeholders)))
    return f"""<section class="page" id="people">
<h2>The people</h2>
<div class="cards">{cards}</div>
</section>"""


def _rules(sc: Scenario) -> str:
    label = sc.turn_label
    rows = "".join(
        f"<tr><td class='name'>{_e(a.label)}</td><td class='num'>{a.cost}</td>"
        f"<td>{_e(TARGETS.get(a.target, a.target))}</td><td>{_e(a.description)}</td></tr>"
        for a in sc.actions
    )
    return f"""<section class="page rules" id="rules">
<h2>The rules on one page</h2>
<ol>
<li><b>Each {_e(label)}</b> you spend your team's {sc.team.capacity:g} points on actions,
then end the {_e(label)}. Overtime adds up to {sc.team.max_overtime:g} points, paid in budget
and fatigue.</li>
<li><b>Build</b> puts points into a package. A package can be built once the packages it
depends on are built.</li>
<li><b>A package counts once its owner signs it off.</b> Owners who trust you and understand
what was built sign off quickly; the others take their time, or reject it.</li>
<li><b>What you see is IT's view.</b> Progress is what the team believes is built: hidden
rework counts as done until somebody finds it. You only know a person's mood from the last
time you spoke to them.</li>
<li><b>The score</b> (0–100) is the value of what was signed off, less defects, weighed by how
satisfied the people and the sponsor are; it drops for every {_e(label)} past the deadline
({_e(label)} {sc.deadline}) and for overspending. {sc.scoring.win_score:g} points or more
is a win.</li>
</ol>
<h3>Actions</h3>
<table><thead><tr><th>Action</th><th class="num">Points</th><th>Aimed at</th>
<th>What it does</th></tr></thead><tbody>{rows}</tbody></table>
</section>"""


def _list(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ol{attr}>{''.join(f'<li>{_e(i)}</li>' for i in items)}</ol>" if items else ""


def _manual_events(sc: Scenario) -> str:
    manual = [e for e in sc.events if e.trigger.manual]
    if not manual:
        return ""
    items = "".join(f"<li><b>{_e(e.title)}</b>: {_e(e.text)}</li>" for e in manual)
    return (
        "<h3>Events you fire by hand (Ctrl+Shift+E)</h3>"
        f"<ul>{items}</ul><p>Fire one only for a team that is cruising comfortably.</p>"
    )


def _run_sheet(sc: Scenario) -> str:
    phases = run_sheet(sc)
    rows = "".join(
        f"<tr><td class='name'>{_e(p.name)}</td>"
        f"<td class='num'>{p.minutes[0]}–{p.minutes[1]} min</td>"
        f"<td>{_e(p.what)}</td></tr>"
        for p in phases
    )
    low, high = total_minutes(phases)
    notes = (
        f'<h3>Facilitator notes</h3><div class="note">{_paragraphs(sc.facilitator_notes)}</div>'
        if sc.facilitator_notes.strip()
        else ""
    )
    goals = f"<h3>Learning goals</h3>{_list(sc.learning_goals)}" if sc.learning_goals else ""
    questions = (
        f"<h3>Debrief questions</h3>{_list(sc.debrief_questions, 'questions')}"
        if sc.debrief_questions
        else ""
    )
    return f"""<section class="page" id="run-sheet">
<p class="kicker">For the facilitator · not for the teams</p>
<h2>Run-sheet</h2>
<p>Round: {_e(round_length(sc))}. Whole session: about {low}–{high} minutes.</p>
<table><thead><tr><th>Phase</th><th class="num">Time</th><th>What happens</th></tr></thead>
<tbody>{rows}</tbody></table>
{goals}{notes}{_manual_events(sc)}{questions}
</section>"""


def render_handout(sc: Scenario, portraits: Mapping[int, str]) -> str:
    """The whole page; `portraits` maps a stakeholder's index to its image's relative path
    (a person without one gets a card without a face)."""
    return f"""<!doctype html>
<html lang="{_e(sc.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Odd Duck handout · {_e(sc.title)}</title>
<style>{CSS}</style>
</head>
<body>
{_story(sc)}
{_people(sc, portraits)}
{_rules(sc)}
{_run_sheet(sc)}
<script>{SCRIPT}</script>
</body>
</html>
"""


def write_handout(sc: Scenario, out: Path, portraits: Mapping[int, str]) -> Path:
    """Write `handout.html` into `out` (atomically); returns its path."""
    page = out / HANDOUT
    write_text_atomic(page, render_handout(sc, portraits))
    return page
