"""A readable, turn-by-turn story of one game, told from the facts of its recorded turns
(game/session/facts.py) and the readings of its turn logs.

The same text is the golden-playthrough format under tests/golden/, so every
change in balance shows up as a reviewed diff of these lines. A transcript is
the truth (the debrief's view): it shows true progress beside what IT reported.
It is English; names take their possessive by game.i18n's rule ("Jonas'", "Dana's"),
which is English's while the transcript is written (the command line's language).
"""

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from game.i18n import possessive
from game.model import Outcome, Params, TurnLog, outcome
from game.model.rules.stakeholders import COMPLAINTS
from game.scenario.schema import Scenario
from game.session.facts import TurnFacts, game_facts
from game.session.runner import Playthrough

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _pts(x: float) -> str:
    return f"{x:g} pt" if x == 1 else f"{x:g} pts"


def first_names(scenario: Scenario) -> list[str]:
    """How the transcript calls each stakeholder (first name, or the id if unnamed)."""
    return [s.short_name for s in scenario.stakeholders]


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

    def plan(self, plan: F64) -> str:
        return describe_plan(self.sc, plan)

    def turn(self, facts: TurnFacts, log: TurnLog, plan: F64, i: int) -> list[str]:
        """What happened to game `i` in one turn, cause first."""
        people, packages = self.people, self.packages
        out = [f"  Plan: {self.plan(plan)}"]
        for e in facts.events:
            event = self.sc.events[e.event]
            out.append(f"  Event: {event.title}. {event.text}")
        for f in (f for f in facts.favours if f.granted):
            deal = "lent the team an expert" if f.expert else "agreed to a quick, fair decision"
            out.append(f"  Favour: {people[f.stakeholder]} {deal} (trust spent)")
        for f in (f for f in facts.favours if not f.granted):
            out.append(f"  Favour refused: {people[f.stakeholder]} does not trust you enough yet")
        for forced in facts.forced:
            whose = possessive(people[forced.stakeholder])
            out.append(
                f"  You escalated over {whose} head: a decision is forced"
                " as far as the sponsor backs you; trust, friction and the sponsor's patience"
                " are the price"
            )
        for r in facts.rejections:
            who = people[r.owner]
            out.append(
                f"  Rejected: {who} rejected {packages[r.package]}: {r.found:.1f} pts"
                f" of defects found (built at clarity {_pct(r.clarity)};"
                f" {possessive(who)} trust at sign-off {_pct(r.trust)})"
            )
        for ok in facts.signoffs:
            note = f", with {ok.known_defects:.1f} pts of known defects" if ok.with_defects else ""
            out.append(f"  Signed off: {people[ok.owner]} accepted {packages[ok.package]}{note}")
        for found in facts.rework:
            out.append(
                f"  Rework found: {packages[found.package]} {found.found:.1f} pts"
                f" (built at clarity {_pct(found.clarity)})"
            )
        for h in facts.handovers:
            whose = possessive(people[h.owner])
            out.append(f"  Handed over: {packages[h.package]}, awaiting {whose} sign-off")
        for x in facts.escalations:
            out.append(
                f"  Escalation: {people[x.stakeholder]} complained about the project to"
                f" {self.sc.sponsor.name}"
            )
        moves = [f"{people[m.stakeholder]} {_pct(m.before)}->{_pct(m.after)}" for m in facts.trust]
        if moves:
            out.append("  Trust: " + ", ".join(moves))
        for c in facts.complaints:
            out.append(f'  {people[c.stakeholder]}: "{COMPLAINTS[c.code]}."')
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
        grade = sc.grade_name(result.grade[i])
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
    plans = [plan[i] for plan in run.plans]
    facts = game_facts(params, run.logs, plans, run.observations, i)
    for turn, log, plan in zip(facts, run.logs, plans, strict=False):  # facts end with the game
        late = " (past the deadline)" if turn.turn > params.deadline else ""
        lines.append(f"{label} {turn.turn} of {params.deadline}{late}")
        lines += story.turn(turn, log, plan, i)
    lines += story.outcome(outcome(run.final, params), i)
    return "\n".join(lines) + "\n"
