"""A readable, turn-by-turn story of one game, built only from its plans and turn logs.

The same text is the golden-playthrough format under tests/golden/, so every
change in balance shows up as a reviewed diff of these lines. A transcript is
the truth (the debrief's view): it shows true progress beside what IT reported.
"""

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from game.model import Channel, Outcome, Params, TurnLog, outcome
from game.model.rules.stakeholders import COMPLAINTS, NO_COMPLAINT
from game.scenario.schema import Scenario
from game.session.runner import Playthrough

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

# Finds smaller than this (in points) are routine and would only clutter the story.
MINOR_REWORK = 0.25
# Trust moves smaller than this are the weekly drift; they are not news.
MINOR_TRUST = 0.02


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _pts(x: float) -> str:
    return f"{x:g} pt" if x == 1 else f"{x:g} pts"


def first_names(scenario: Scenario) -> list[str]:
    """How the transcript calls each stakeholder (first name, or the id if unnamed)."""
    return [(s.name.split() or [s.id])[0] for s in scenario.stakeholders]


def describe_plan(
    scenario: Scenario,
    plan: F64,
    points: Callable[[float], str] = _pts,
    number: Callable[[float], str] = "{:g}".format,
    nothing: str = "nothing",
) -> str:
    """'Build 6 pts (Pipeline 4, Quotes 2) · Requirements workshop 2 pts (Dana)' for (A, T).

    The words for points and numbers can be given, so the window can say it in the
    player's language (game/session/week.py); the defaults are the designer's English.
    """
    people = first_names(scenario)
    packages = [p.title for p in scenario.packages]
    parts = []
    for a, action in enumerate(scenario.actions):
        row = plan[a]
        total = float(row.sum())
        if total <= 0:
            continue
        if action.target == "project":
            parts.append(f"{action.label} {points(total)}")
            continue
        names = packages if action.target == "package" else people
        chosen = np.flatnonzero(row)
        one_use = all(row[t] == action.cost for t in chosen) and action.target != "package"
        targets = ", ".join(names[t] if one_use else f"{names[t]} {number(row[t])}" for t in chosen)
        parts.append(f"{action.label} {points(total)} ({targets})")
    return " · ".join(parts) if parts else nothing


class _Story:
    """Builds the lines of one game; holds the names it needs."""

    def __init__(self, scenario: Scenario, params: Params) -> None:
        self.sc, self.params = scenario, params
        self.people = first_names(scenario)
        self.packages = [p.title for p in scenario.packages]
        self.escalate = params.action_effect[:, Channel.ESCALATE] > 0
        self.favour = params.action_effect[:, Channel.FAVOUR] > 0

    def plan(self, plan: F64) -> str:
        return describe_plan(self.sc, plan)

    def turn(self, log: TurnLog, plan: F64, i: int, heard: I64) -> list[str]:
        """What happened to game `i` in one turn, cause first."""
        people, packages, owner = self.people, self.packages, self.params.owner
        out = [f"  Plan: {self.plan(plan[i])}"]
        for e in np.flatnonzero(log.events[i]):
            out.append(f"  Event: {self.sc.events[e].title}. {self.sc.events[e].text}")
        for s in np.flatnonzero(log.favour_granted[i]):
            if log.favour_expert[i, s]:
                out.append(f"  Favour: {people[s]} lent the team an expert (trust spent)")
            else:
                out.append(f"  Favour: {people[s]} agreed to a quick, fair decision (trust spent)")
        asked = (plan[i][self.favour, : len(people)] > 0).any(axis=0) & ~log.favour_granted[i]
        for s in np.flatnonzero(asked):
            out.append(f"  Favour refused: {people[s]} does not trust you enough yet")
        for s in np.flatnonzero((plan[i][self.escalate, : len(people)] > 0).any(axis=0)):
            out.append(
                f"  You escalated over {people[s]}'s head: a decision is forced as far as the"
                f" sponsor backs you; trust, friction and the sponsor's patience are the price"
            )
        for p in np.flatnonzero(log.rejected[i]):
            who = people[owner[p]]
            out.append(
                f"  Rejected: {who} rejected {packages[p]}: {log.acceptance_found[i, p]:.1f} pts"
                f" of defects found (built at clarity {_pct(log.acceptance_cause_clarity[i, p])};"
                f" {who}'s trust at sign-off {_pct(log.decision_trust[i, p])})"
            )
        for p in np.flatnonzero(log.accepted[i]):
            known = log.acceptance_found[i, p]
            note = f", with {known:.1f} pts of known defects" if known >= MINOR_REWORK else ""
            out.append(f"  Signed off: {people[owner[p]]} accepted {packages[p]}{note}")
        for p in np.flatnonzero(log.rework_found[i] >= MINOR_REWORK):
            out.append(
                f"  Rework found: {packages[p]} {log.rework_found[i, p]:.1f} pts"
                f" (built at clarity {_pct(log.rework_cause_clarity[i, p])})"
            )
        for p in np.flatnonzero(log.finished[i]):
            out.append(f"  Handed over: {packages[p]}, awaiting {people[owner[p]]}'s sign-off")
        for s in np.flatnonzero(log.escalated[i]):
            out.append(
                f"  Escalation: {people[s]} complained about the project to {self.sc.sponsor.name}"
            )
        moves = [
            f"{name} {_pct(log.trust_before[i, k])}->{_pct(log.trust_after[i, k])}"
            for k, name in enumerate(people)
            if abs(log.trust_after[i, k] - log.trust_before[i, k]) >= MINOR_TRUST
        ]
        if moves:
            out.append("  Trust: " + ", ".join(moves))
        fresh = (log.complaint[i] != NO_COMPLAINT) & (log.complaint[i] != heard)
        for s in np.flatnonzero(fresh):
            out.append(f'  {people[s]}: "{COMPLAINTS[log.complaint[i, s]]}."')
        views = ", ".join(
            f"{name} {_pct(log.expectation[i, k])}/{_pct(log.seen[i, k])}"
            for k, name in enumerate(people)
        )
        hype = f" · hype {_pct(log.hype[i])}" if log.hype[i] >= 0.005 else ""
        out.append(f"  Expected/seen working: {views}{hype}")
        out.append(
            f"  Progress: reported {_pct(log.reported_progress[i])}, true"
            f" {_pct(log.true_progress[i])} · sponsor {_pct(log.sponsor[i])}"
        )
        return out

    def outcome(self, result: Outcome, i: int) -> list[str]:
        """The end of game `i`: verdict, grade, and what the score is made of."""
        sc, label = self.params.scoring, self.sc.turn_label
        grade = sc.grade_names[int(result.grade[i])]
        if result.cancelled[i]:
            verdict = "CANCELLED by the sponsor"
        else:
            verdict = "WON" if result.won[i] else "LOST"
        late = int(result.late_turns[i])
        factors = [
            f"value net of defects {_pct(result.quality[i])}",
            f"x stakeholders' verdict {result.verdict_factor[i]:.2f}",
            f"x schedule {result.schedule_factor[i]:.2f} ({late} {label}{'' if late == 1 else 's'}"
            " late)",
            f"x budget {result.budget_factor[i]:.2f}",
        ]
        if result.cancelled[i]:
            factors.append(f"x cancelled {result.cancel_factor[i]:.2f}")
        delays = ", ".join(
            f"{name} {d:.1f}"
            for name, d in zip(self.people, result.signoff_delay[i], strict=True)
            if not np.isnan(d)
        )
        return [
            f"Outcome: {verdict} · score {result.score[i]:.1f} (a win needs {sc.win_score:g})"
            f" · grade {grade}",
            "  Score = " + " ".join(factors),
            f"  Value accepted {_pct(result.value_delivered[i])}; true progress"
            f" {_pct(result.true_progress[i])} (IT reported {_pct(result.reported_progress[i])}):"
            " true progress counts only work done right, not known defects or hidden rework",
            f"  Rework: {_pct(result.rework_share[i])} of the build effort produced work that was"
            f" wrong · sign-off delay in {label}s: {delays or 'nothing was handed over'}",
        ]


def transcript(
    run: Playthrough, scenario: Scenario, params: Params, i: int = 0, header: str = ""
) -> str:
    """The whole story of game `i` of a recorded playthrough."""
    story = _Story(scenario, params)
    label = scenario.turn_label.capitalize()
    lines = [header] if header else []
    heard = np.full(params.n_stakeholders, NO_COMPLAINT, dtype=np.int64)
    for log, plan in zip(run.logs, run.plans, strict=True):
        if not log.active[i]:
            break
        turn = int(log.turn[i]) + 1
        late = " (past the deadline)" if turn > params.deadline else ""
        lines.append(f"{label} {turn} of {params.deadline}{late}")
        lines += story.turn(log, plan, i, heard)
        heard = log.complaint[i].copy()
    lines += story.outcome(outcome(run.final, params), i)
    return "\n".join(lines) + "\n"
