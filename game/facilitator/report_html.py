"""The comparative debrief as one static HTML page that opens by double-click, offline.

`build_report` writes `index.html` and `charts/*.png` into a folder. The page needs no
server and nothing from the network: no fonts, scripts or styles from elsewhere; its one
inline script only counts the loaded charts (for the browser test). Team names and every
text of a result file are user input: all of it goes through `html.escape`.
"""

import math
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from game.facilitator.page_style import CSS, SCRIPT
from game.facilitator.team_charts import display_size, trust_chart, write_charts
from game.facilitator.teams import (
    Team,
    ranks,
    round_facts,
    round_warnings,
    scenario_guide,
    stakeholders,
    teams,
    verdict,
)
from game.i18n import tr
from game.model.observe import shown_progress
from game.session.atomic_file import write_text_atomic
from game.session.results import TeamResult

CHARTS = "charts"
INDEX = "index.html"
TAGS = {
    "end": ("end", ""), "syndrome": ("90% syndrome", "bad"), "rejection": ("rejected", "bad"),
    "escalation": ("escalation", "bad"), "forced": ("forced", "bad"), "event": ("event", ""),
    "complaint": ("complaint", "bad"), "rework": ("rework", "bad"),
    "acceptance": ("signed off", "good"),
}  # fmt: skip
MARKS = {
    "won": "✓ won",
    "lost": "✗ lost",
    "cancelled": "✗ cancelled",
    "stopped": "■&nbsp;stopped: the round ended first",
}  # a word, not colour only


def build_report(results: Sequence[TeamResult], out: Path, scale: float = 2.0) -> Path:
    """Write the debrief of `results` (best first, as load_results gives them) into `out`:
    `index.html` and `charts/*.png` (`scale` pixels a CSS pixel); returns the path of
    index.html.

    Only the report's own files are replaced, each atomically, the page last, so that it
    never names a chart not yet written. ResultsError before anything is written when a
    result is unusable."""
    if not results:
        raise ValueError("build_report needs at least one team's result")
    ts = teams(results)  # checks every file's series first
    charts = write_charts(results, out / CHARTS, scale=scale, trust_legends=False)  # page has one
    page = render_page(ts, {name: f"{CHARTS}/{path.name}" for name, path in charts.items()})
    index = out / INDEX
    write_text_atomic(index, page)
    return index


def _pct(x: Any) -> str:
    value = float(x) if isinstance(x, int | float) else math.nan
    return f"{100 * value:.0f}%" if math.isfinite(value) else "–"


def _reported(x: Any) -> str:
    """Reported progress as the game and the dashboard show it: rounded down (playtest 10
    saw 11 % in the team's window and on the dashboard, 12 % here)."""
    value = float(x) if isinstance(x, int | float) else math.nan
    return _pct(float(shown_progress(value))) if math.isfinite(value) else "–"


def _end(t: Team, key: str) -> float:
    """Outcome `key` at the end of the round (a share), NaN when the file lacks it; true and
    reported progress fall back on the series' last value."""
    value = t.result.record["outcome"].get(key)
    series = {"true_progress": t.true, "reported_progress": t.reported}.get(key)
    if not isinstance(value, int | float) and series is not None and series.size:
        value = series[-1]
    return float(value) if isinstance(value, int | float) else math.nan


def _last(values: Any) -> float:
    finite = [float(v) for v in values if math.isfinite(v)]
    return finite[-1] if finite else math.nan


def _alts(ts: list[Team]) -> dict[str, str]:
    """What each chart shows, in words, for a reader who cannot see it."""
    join = "; ".join
    score = [f"{t.label} {t.result.score:.0f} ({t.result.grade}, {verdict(t.result)})" for t in ts]
    points = [f"{t.label} " + " / ".join(f"{v:.0f}" for v in t.capacity) for t in ts]
    ends = [
        f"{t.label} true {_pct(_end(t, 'true_progress'))}, "
        f"reported {_reported(_end(t, 'reported_progress'))}"
        for t in ts
    ]
    out = {
        "score": f"Score per team: {join(score)}",
        "capacity": f"Capacity points over the round, build / people / project: {join(points)}",
        "progress": f"True (solid) and reported (dashed) progress; at the end: {join(ends)}",
    }
    for sid, name, role in stakeholders([t.result for t in ts]):
        trust = [f"{t.label} {_pct(_last(t.trust.get(sid, [])))}" for t in ts]
        who = f"{name} ({role})" if role else name
        out[trust_chart(sid)] = f"Trust of {who}, one line per team; at the end: {join(trust)}"
    return out


def _figure(name: str, src: str, alt: str, n_teams: int) -> str:
    w, h = display_size(name, n_teams)
    return (
        f'<figure><img src="{escape(quote(src))}" alt="{escape(alt)}" width="{w}" height="{h}">'
        "</figure>"
    )


def _mark(t: Team) -> str:
    return f'<span class="mark" style="--team:{t.colour}" aria-hidden="true">{t.glyph}</span>'


def _legend(ts: list[Team]) -> str:
    names = "".join(f"<span>{_mark(t)}{escape(t.result.name)}</span>" for t in ts)
    return f'<p class="legend">{names}</p>'


def _leaderboard(ts: list[Team]) -> str:
    head = "".join(
        f'<th class="{c}">{h}</th>' if c else f"<th>{h}</th>"
        for h, c in (("#", ""), ("Team", ""), ("Score", "num"), ("Grade", ""), ("Result", ""),
                     ("True", "num"), ("Reported", "num"), ("Gap (points)", "num"),
                     ("Rework", "num"))
    )  # fmt: skip
    rows = []
    for rank, t in zip(ranks([t.result.score for t in ts]), ts, strict=True):
        r = t.result
        true, reported = _end(t, "true_progress"), _end(t, "reported_progress")
        # The gap between the two figures as shown (playtest 11 read "+8" beside 23 % and
        # 16 % as a wrong sum), in percentage points: "pts" are work in the game (playtest 12).
        shown = float(shown_progress(reported)) if math.isfinite(reported) else math.nan
        gap = f"{round(100 * shown) - round(100 * true):+d}" if math.isfinite(shown - true) else "–"
        word = verdict(r)
        cells = (
            f"<td>{rank}</td>",
            f'<td class="team">{_mark(t)}{escape(r.name)}</td>',
            f'<td class="num">{r.score:.0f}</td>',
            f"<td>{escape(r.grade)}</td>",
            f'<td class="{word}">{MARKS[word]}</td>',
            f'<td class="num">{_pct(true)}</td>',
            f'<td class="num">{_reported(reported)}</td>',
            f'<td class="num">{gap}</td>',
            f'<td class="num">{_pct(_end(t, "rework_share"))}</td>',
        )
        rows.append(f'<tr style="--team:{t.colour}">{"".join(cells)}</tr>')
    # In a window too narrow even for the shrunk board it scrolls sideways, nothing cut.
    body = "".join(rows)
    table = f'<table class="board"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return f'<div class="wide">{table}</div>'


def _moments(t: Team) -> dict[int, list[str]]:
    """The team's key moments as list items, by turn; a malformed entry is left out."""
    out: dict[int, list[str]] = {}
    for m in t.result.record.get("key_moments") or []:
        if not (isinstance(m, dict) and isinstance(m.get("turn"), int)):
            continue
        word, tone = TAGS.get(str(m.get("kind")), (str(m.get("kind", "")), ""))
        tag = f'<span class="tag {tone}">{escape(word)}</span>' if word else ""
        out.setdefault(m["turn"], []).append(f"<li>{tag}{escape(str(m.get('text', '')))}</li>")
    return out


def _moments_table(ts: list[Team], turn_label: str) -> str:
    moments = [_moments(t) for t in ts]
    head = "".join(
        f'<th class="team" style="--team:{t.colour}">{_mark(t)}{escape(t.result.name)}</th>'
        for t in ts
    )
    rows = []
    for turn in sorted({turn for m in moments for turn in m}):
        cells = "".join(
            f'<td style="--team:{t.colour}"><ul>{"".join(m[turn])}</ul></td>'
            if turn in m else '<td class="none"></td>'
            for t, m in zip(ts, moments, strict=True)
        )  # fmt: skip
        rows.append(f'<tr><th class="turn">{escape(turn_label)} {turn}</th>{cells}</tr>')
    width = 130 + 300 * len(ts)  # past four teams or so the table scrolls sideways
    return (
        f'<div class="wide"><table class="moments" style="min-width:{width}px"><thead><tr>'
        f'<th class="turn"></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _round_notes(ts: list[Team]) -> str:
    """Under the title: the seed and date, and a warning when the teams' rounds differ."""
    results = [t.result for t in ts]
    warnings = "".join(
        f'<p class="warn" role="alert">⚠ {escape(text)}</p>' for text in round_warnings(results)
    )
    return f'<p class="facts">{escape(round_facts(results))}</p>{warnings}'


def _guide(ts: list[Team]) -> str:
    """The scenario's learning goals for the room, and its facilitator notes folded away."""
    guide = scenario_guide([t.result for t in ts])
    out = ""
    if guide.learning_goals:
        goals = "".join(f"<li>{escape(goal)}</li>" for goal in guide.learning_goals)
        out += (
            f'<section id="goals"><h2>{escape(tr("debrief.page.goals"))}</h2>'
            f'<ul class="goals">{goals}</ul></section>\n'
        )
    if guide.facilitator_notes:
        out += (
            f'<section id="notes"><details><summary>{escape(tr("debrief.page.notes"))}</summary>'
            f'<p class="notes">{escape(guide.facilitator_notes)}</p></details></section>\n'
        )
    return out


def render_page(ts: list[Team], charts: dict[str, str]) -> str:
    """The whole page; `charts` maps each chart's name to its relative image path."""
    record = ts[0].result.record
    scenario = record["scenario"]
    label = str(scenario.get("turn_label") or "turn")
    title = escape(str(scenario.get("title") or scenario.get("id", "")))
    alts, n = _alts(ts), len(ts)
    figure = {name: _figure(name, src, alts.get(name, name), n) for name, src in charts.items()}
    trust = "".join(v for k, v in figure.items() if k.startswith("trust-"))
    questions = "".join(f"<li>{escape(str(q))}</li>" for q in record.get("debrief_questions") or [])
    deadline = scenario.get("deadline")
    facts = [f"{n} team{'s' if n != 1 else ''}"]
    if deadline:
        facts.append(f"deadline {escape(label)} {escape(str(deadline))}")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Odd Duck debrief · {title}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>ODD DUCK · Debrief</h1>
<p class="sub">{title} · {" · ".join(facts)}</p>
{_round_notes(ts)}
</header>
<section id="leaderboard"><h2>Leaderboard</h2>
{_leaderboard(ts)}
</section>
<section id="scores"><h2>Score and where the capacity went</h2>
<div class="grid">{figure.get("score", "")}{figure.get("capacity", "")}</div>
</section>
<section id="progress"><h2>What IT reported and what was true</h2>
{figure.get("progress", "")}
</section>
<section id="trust"><h2>Trust, stakeholder by stakeholder</h2>
{_legend(ts)}
<div class="grid">{trust}</div>
</section>
<section id="moments"><h2>Key moments, {escape(label)} by {escape(label)}</h2>
{_moments_table(ts, label.capitalize())}
</section>
{_guide(ts)}<section id="questions"><h2>Questions for the room</h2>
<ol class="questions">{questions}</ol>
</section>
<footer>Made by <code>run_game.py debrief</code> from {n} result file{"s" if n != 1 else ""}.
The charts are PNG files in the <code>{CHARTS}</code> folder beside this page.</footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
