"""A readable, turn-by-turn story of one game, built only from its turn logs.

The same text is the golden-playthrough format under tests/golden/, so every
change in balance shows up as a reviewed diff of these lines.
"""

import numpy as np
import numpy.typing as npt

from game.model import Outcome, Params, TurnLog, outcome
from game.model.rules.stakeholders import COMPLAINTS, NO_COMPLAINT
from game.scenario.schema import Scenario
from game.session.runner import Playthrough

F64 = npt.NDArray[np.float64]

# Finds smaller than this (in points) are routine and would only clutter the story.
MINOR_REWORK = 0.25


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _plan_line(plan: F64, scenario: Scenario, params: Params) -> str:
    """The plan of one game as 'Build 6 (Pipeline 4, Quotes 2) · Workshop: Dana ...'."""
    parts = []
    for a, action in enumerate(scenario.actions):
        points = plan[a]
        if points.sum() <= 0:
            continue
        if action.target == "project":
            parts.append(f"{action.label} {points[0]:g}")
            continue
        names = (
            [p.title for p in scenario.packages]
            if action.target == "package"
            else [s.name.split()[0] for s in scenario.stakeholders]
        )
        targets = ", ".join(f"{names[t]} {points[t]:g}" for t in np.flatnonzero(points))
        parts.append(f"{action.label} {points.sum():g} ({targets})")
    return " · ".join(parts) if parts else "nothing"


def turn_lines(
    log: TurnLog,
    plan: F64,
    i: int,
    scenario: Scenario,
    params: Params,
    heard: npt.NDArray[np.int64] | None = None,
) -> list[str]:
    """What happened to game `i` in one turn, cause first.

    `heard` holds the complaints already reported, so that a grievance is told
    when it first comes up or changes, not every turn.
    """
    people = [s.name.split()[0] for s in scenario.stakeholders]
    packages = [p.title for p in scenario.packages]
    owner = params.owner
    out = [f"  Plan: {_plan_line(plan[i], scenario, params)}"]
    for e in np.flatnonzero(log.events[i]):
        out.append(f"  Event: {scenario.events[e].title}. {scenario.events[e].text}")
    for p in np.flatnonzero(log.rejected[i]):
        out.append(
            f"  Rejected: {people[owner[p]]} rejected {packages[p]}:"
            f" {log.acceptance_found[i, p]:.1f} pts of defects found"
            f" (built at clarity {_pct(log.acceptance_cause_clarity[i, p])},"
            f" {people[owner[p]]}'s trust {_pct(log.decision_trust[i, p])})"
        )
    for p in np.flatnonzero(log.accepted[i]):
        known = log.acceptance_found[i, p]
        note = f", {known:.1f} pts of known defects" if known >= 0.05 else ""
        out.append(f"  Signed off: {people[owner[p]]} accepted {packages[p]}{note}")
    for p in np.flatnonzero(log.rework_found[i] >= MINOR_REWORK):
        out.append(
            f"  Rework found: {packages[p]} {log.rework_found[i, p]:.1f} pts"
            f" (built at clarity {_pct(log.rework_cause_clarity[i, p])},"
            f" {people[owner[p]]}'s trust {_pct(log.trust_before[i, owner[p]])})"
        )
    for p in np.flatnonzero(log.finished[i]):
        out.append(f"  Handed over: {packages[p]}, awaiting {people[owner[p]]}'s sign-off")
    for s in np.flatnonzero(log.escalated[i]):
        out.append(f"  Escalation: {people[s]} complained to {scenario.sponsor.name}")
    changes = []
    for k, name in enumerate(people):
        before, after = log.trust_before[i, k], log.trust_after[i, k]
        if abs(after - before) >= 0.005:
            arrow = "up" if after > before else "down"
            changes.append(f"{name} {_pct(before)}->{_pct(after)} {arrow}")
    if changes:
        out.append("  Trust: " + ", ".join(changes))
    fresh = log.complaint[i] != (NO_COMPLAINT if heard is None else heard)
    for s in np.flatnonzero((log.complaint[i] != NO_COMPLAINT) & fresh):
        out.append(f'  {people[s]}: "{COMPLAINTS[log.complaint[i, s]]}."')
    out.append(
        f"  Progress: reported {_pct(log.reported_progress[i])}, true"
        f" {_pct(log.true_progress[i])} · sponsor {_pct(log.sponsor[i])}"
    )
    return out


def outcome_lines(result: Outcome, i: int, scenario: Scenario, params: Params) -> list[str]:
    """The end of game `i`: verdict, grade and what the score is made of."""
    grade = params.scoring.grade_names[int(result.grade[i])]
    if result.cancelled[i]:
        verdict = "CANCELLED by the sponsor"
    else:
        verdict = "WON" if result.won[i] else "LOST"
    late = int(result.late_turns[i])
    delays = ", ".join(
        f"{s.name.split()[0]} {d:.1f}"
        for s, d in zip(scenario.stakeholders, result.signoff_delay[i], strict=True)
        if not np.isnan(d)
    )
    return [
        f"Outcome: {verdict} · score {result.score[i]:.1f} · grade {grade}",
        f"  Value accepted {_pct(result.value_delivered[i])}, net of defects"
        f" {_pct(result.quality[i])} · stakeholders' verdict {_pct(result.verdict[i])}"
        f" · {late} {scenario.turn_label}s late",
        f"  True progress {_pct(result.true_progress[i])} (IT reported"
        f" {_pct(result.reported_progress[i])}) · rework share of effort"
        f" {_pct(result.rework_share[i])}",
        f"  Sign-off delay in {scenario.turn_label}s: {delays or 'nothing was handed over'}",
    ]


def transcript(
    run: Playthrough, scenario: Scenario, params: Params, i: int = 0, header: str = ""
) -> str:
    """The whole story of game `i` of a recorded playthrough."""
    label = scenario.turn_label.capitalize()
    lines = [header] if header else []
    heard = np.full(params.n_stakeholders, NO_COMPLAINT, dtype=np.int64)
    for log, plan in zip(run.logs, run.plans, strict=True):
        if not log.active[i]:
            break
        turn = int(log.turn[i]) + 1
        late = " (past the deadline)" if turn > params.deadline else ""
        lines.append(f"{label} {turn} of {params.deadline}{late}")
        lines += turn_lines(log, plan, i, scenario, params, heard)
        heard = log.complaint[i].copy()
    lines += outcome_lines(outcome(run.final, params), i, scenario, params)
    return "\n".join(lines) + "\n"
