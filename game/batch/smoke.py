"""A quick balance smoke test: will the lesson come across in this scenario?

A few hundred games per built-in policy on shared seeds (`check_lesson`, so every policy
meets the same luck), and the same games for the strategy zoo's cynical shortcuts
(game.batch.zoo), turned into findings in plain words for a facilitator or a scenario
author. A comparison gives a warning only when its 95 % confidence interval is past the
threshold; a point estimate past it with the interval around it is a note ("borderline").
"""

from dataclasses import dataclass, field
from math import sqrt
from typing import Literal

import numpy as np
import numpy.typing as npt

from game.batch.lesson import Lesson, NeglectEffect, check_lesson, ratio
from game.batch.zoo import ZooFlag, ZooResult, run_zoo
from game.model import Params
from game.model.step import SYNDROME_REPORTED, SYNDROME_TRUE
from game.scenario.coefficients import ModelCoefficients
from game.scenario.schema import Scenario

F64 = npt.NDArray[np.float64]
Level = Literal["warning", "ok", "note"]

# An extreme within 80 % of balanced's score looks like a draw at a workshop table:
# players leave without a reason to balance delivery and relationships.
CLOSE = 0.8
# An extreme that wins 3 games in 10 teaches that it works (the balance report flags it too).
EXTREME_WINS = 0.30
# Below 1 win in 5, even good play mostly loses: teams learn helplessness, not the lesson.
MIN_BALANCED_WINS = 0.20
# Too easy: delivery alone wins most games, or nearly everyone wins, delivery-only included.
EASY_DELIVERY_WINS = 0.60
EASY_BALANCED_WINS = 0.95
EASY_DELIVERY_WITH = 0.50
# The debrief's reported-versus-true moment needs the 90 % syndrome in a fair share of
# delivery-first games (the shipped scenarios show it in 60-90 %; tests/test_balance.py asks 30 %).
MIN_SYNDROME = 0.20
# Never contacting a stakeholder should visibly cost: 20 % more rework or 20 % slower sign-offs.
MIN_NEGLECT = 1.2
Z95 = 1.96

# Coefficients of docs/MODEL.md that strengthen a lesson: "+name" to raise, "-name" to lower.
TRUST_LEVERS = "+signoff_trust +fcc_clarity +sat_trust +reject_trust_soften +gap_erosion"
TALK_LEVERS = "-sat_trust -talk_ceiling +sat_gap +expectation_pace"
NEGLECT_LEVERS = "+clarity_drift +fcc_clarity +neglect_growth"
SYNDROME_LEVERS = "-discovery_base -fcc_base"
ESCALATION_LEVERS = "+escalate_trust_cost +escalate_sponsor_cost"
# The zoo's three dozen strategies play a third as many games as the built-in policies: a
# quick pass of a few seconds, whose paired confidence intervals are still narrow enough.
ZOO_SHARE = 3
EXTREMES = {  # policy -> what the text calls it, what it means when it comes close, the fix
    "delivery_first": ("Delivery-only", "trust has too little effect", TRUST_LEVERS),
    "relationship_first": (
        "Relationship-only",
        "pure relationship work pays too much",
        TALK_LEVERS,
    ),
}


@dataclass(frozen=True)
class SmokeFinding:
    """One finding in plain words, with its numbers."""

    level: Level  # "warning": the lesson may not come across; "note": worth a look; "ok"
    text: str


@dataclass(frozen=True)
class SmokeResult:
    """Per-policy mean score and win rate over the shared games, and the findings."""

    scenario_id: str
    games: int
    seed: int
    score: dict[str, float]
    win_rate: dict[str, float]
    findings: tuple[SmokeFinding, ...]
    zoo: ZooResult | None = field(default=None, compare=False)  # the cynical strategies

    @property
    def warnings(self) -> list[SmokeFinding]:
        return [f for f in self.findings if f.level == "warning"]


def wilson(rate: float, n: int) -> tuple[float, float]:
    """95 % Wilson interval of a share of n games (sound at 0 % and 100 %, unlike +-1.96 SE)."""
    z2 = Z95**2
    centre = (rate + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * sqrt(rate * (1 - rate) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _share(rate: float, n: int) -> str:
    low, high = wilson(rate, n)
    return f"{rate:.0%} of games (95 % CI {low:.0%}–{high:.0%})"


def _levers(scenario: Scenario, levers: str) -> str:
    """'raise model.a (now 0, default 0.75) or model.b': the coefficients moved against the
    lesson come first and alone (undoing a change is the likeliest fix); else all of them."""
    values = scenario.model.model_dump()
    moved: dict[str, list[str]] = {"raise": [], "lower": []}
    every: dict[str, list[str]] = {"raise": [], "lower": []}
    for lever in levers.split():
        sign, name = (1 if lever[0] == "+" else -1), lever[1:]
        default = float(ModelCoefficients.model_fields[name].default)
        verb = "raise" if sign > 0 else "lower"
        every[verb].append(f"model.{name}")
        if (float(values[name]) - default) * sign < 0:
            moved[verb].append(f"model.{name} (now {values[name]:g}, default {default:g})")
    chosen = moved if any(moved.values()) else every
    parts = [f"{verb} {_join(names)}" for verb, names in chosen.items() if names]
    return "; ".join(parts)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _extreme(lesson: Lesson, scenario: Scenario, name: str) -> SmokeFinding | None:
    """An extreme policy that scores close to balanced, or wins often, undoes the lesson."""
    close = ratio(lesson.scores[name], lesson.scores["balanced"])
    wins = lesson.win_rate[name]
    if close is None:
        return None
    label, why, levers = EXTREMES[name]
    numbers = (
        f"{label} play scores {lesson.score[name]:.1f}, balanced {lesson.score['balanced']:.1f}"
        f" ({close}) and wins {_share(wins, lesson.games)}"
    )
    if close.low >= CLOSE or wilson(wins, lesson.games)[0] >= EXTREME_WINS:
        fix = f"{_levers(scenario, levers)} (docs/MODEL.md)"
        return SmokeFinding("warning", f"{numbers}: {why} — {fix}.")
    if close.mean >= CLOSE or wins >= EXTREME_WINS:
        borderline = "borderline, it may come close to balanced; try --games 1000"
        return SmokeFinding("note", f"{numbers}: {borderline}.")
    return None


def _difficulty(lesson: Lesson, scenario: Scenario) -> list[SmokeFinding]:
    """Nobody can win, or winning takes no skill."""
    n, wins, out = lesson.games, lesson.win_rate, []
    hard = (
        f"Even balanced play wins only {_share(wins['balanced'], n)}; a win needs"
        f" {scenario.scoring.win_score:g} and balanced averages {lesson.score['balanced']:.1f}"
    )
    deadline = f"the deadline (now {scenario.deadline})"
    if wilson(wins["balanced"], n)[1] < MIN_BALANCED_WINS:
        fix = f"allow more turns before {deadline}, more budget or capacity, or less scope"
        out.append(SmokeFinding("warning", f"{hard}: the scenario is too hard — {fix}."))
    elif wins["balanced"] < MIN_BALANCED_WINS:
        out.append(SmokeFinding("note", f"{hard}: borderline, it may be too hard."))
    low = {p: wilson(wins[p], n)[0] for p in ("balanced", "delivery_first")}
    if low["delivery_first"] >= EASY_DELIVERY_WINS or (
        low["balanced"] >= EASY_BALANCED_WINS and low["delivery_first"] >= EASY_DELIVERY_WITH
    ):
        easy = (
            f"Too easy: delivery-only play wins {_share(wins['delivery_first'], n)}, balanced"
            f" {_share(wins['balanced'], n)} — tighten {deadline}, the budget or the capacity,"
            " or add scope."
        )
        out.append(SmokeFinding("warning", easy))
    return out


def _syndrome(lesson: Lesson, scenario: Scenario) -> list[SmokeFinding]:
    rate = lesson.syndrome_rate["delivery_first"]
    if rate >= MIN_SYNDROME:
        return []
    return [
        SmokeFinding(
            "note",
            f"Delivery-first play shows the 90 % syndrome (reported progress at"
            f" {SYNDROME_REPORTED:.0%} while the truth is at {SYNDROME_TRUE:.0%} or less) in only"
            f" {_share(rate, lesson.games)}: the reported-versus-true gap, a key debrief"
            f" moment, will not show. More hidden rework found late helps:"
            f" {_levers(scenario, SYNDROME_LEVERS)} (docs/MODEL.md).",
        )
    ]


def _neglect(effect: NeglectEffect, scenario: Scenario) -> SmokeFinding | None:
    """Neglect barely matters when it raises neither the rework nor the sign-off wait by 20 %
    (the tutorial's Jonas costs only 12 % more rework, but waits 40 % longer to sign off)."""
    rework = ratio(effect.rework_games[1], effect.rework_games[0])
    delay = ratio(effect.delay_games[1], effect.delay_games[0])
    if rework is None or rework.mean >= MIN_NEGLECT:
        return None
    who = scenario.stakeholders[effect.stakeholder]
    numbers = (
        f"Never contacting {who.name} raises the rework on their packages only"
        f" ×{rework.mean:.2f} (95 % CI ×{rework.low:.2f}–×{rework.high:.2f})"
    )
    wait = f"sign-offs wait {effect.delay_balanced:.1f} → {effect.delay_neglected:.1f} turns"
    if delay is not None:
        wait += f" (×{delay.mean:.2f}, 95 % CI ×{delay.low:.2f}–×{delay.high:.2f})"
    if delay is not None and delay.mean >= MIN_NEGLECT:
        return SmokeFinding(
            "note", f"{numbers}, but their {wait}: neglect shows in waiting, not rework."
        )
    if rework.high < MIN_NEGLECT and (delay is None or delay.high < MIN_NEGLECT):
        levers = _levers(scenario, NEGLECT_LEVERS)
        return SmokeFinding(
            "warning",
            f"{numbers} and their {wait}: neglecting {who.name} barely matters — {levers},"
            f" or stakeholders.{who.id}.traits.erosion_rate (docs/MODEL.md).",
        )
    return SmokeFinding("note", f"{numbers}; their {wait}: borderline, neglect may barely matter.")


def _ok(lesson: Lesson) -> SmokeFinding:
    s, lead = lesson.score, lesson.balanced_minus
    d, r = lead["delivery_first"], lead["relationship_first"]
    return SmokeFinding(
        "ok",
        f"Balanced {s['balanced']:.1f} vs delivery-only {s['delivery_first']:.1f} vs"
        f" relationship-only {s['relationship_first']:.1f} over {lesson.games} shared games"
        f" (balanced ahead by {d.mean:.1f} points, 95 % CI {d.low:.1f}–{d.high:.1f}, and by"
        f" {r.mean:.1f}, CI {r.low:.1f}–{r.high:.1f}; it wins"
        f" {lesson.win_rate['balanced']:.0%}): the lesson comes across.",
    )


def zoo_finding(flag: ZooFlag, scenario: Scenario) -> SmokeFinding:
    """A zoo flag with what to try; a warning when its 95 % CI is past the line too."""
    hints = {
        "lead": "look at what it skips or overdoes, and make that cost something (docs/MODEL.md)",
        "spam": "give that action a situation of its own where it is the best use of a point,"
        " and no more (docs/MODEL.md)",
        "state_blind": "reading the board must pay: make neglect and unmet expectations"
        f" cost more ({_levers(scenario, NEGLECT_LEVERS)})",
        "escalation": "make positional power cost what is still scored at the end:"
        f" {_levers(scenario, ESCALATION_LEVERS)} (docs/MODEL.md)",
    }
    text = flag.text.rstrip(".") + f" — {hints[flag.kind]}."
    if flag.sure:
        return SmokeFinding("warning", text)
    return SmokeFinding(
        "note", f"{text} Borderline (the 95 % CI includes the line); try --games 1000."
    )


def smoke_check(
    params: Params, scenario: Scenario, games: int = 300, seed: int = 2026, zoo: bool = True
) -> SmokeResult:
    """Play every built-in policy, and balanced neglecting each stakeholder in turn, on
    `games` shared seeds (one N-game batch each) and judge the lesson; with `zoo`, the
    strategy zoo too, on the first third of the same games. The findings hold warnings
    when it may not come across, notes, and an "ok" summary when there is no warning.
    The same arguments give the same result."""
    if games < 2:
        raise ValueError("a smoke test needs at least 2 games for its confidence intervals")
    lesson = check_lesson(params, games=games, seed=seed)
    findings = [_extreme(lesson, scenario, p) for p in ("delivery_first", "relationship_first")]
    findings += _difficulty(lesson, scenario) + _syndrome(lesson, scenario)
    findings += [_neglect(e, scenario) for e in lesson.neglect]
    cynics = run_zoo(params, max(2, games // ZOO_SHARE), seed) if zoo else None
    if cynics is not None:
        findings += [zoo_finding(flag, scenario) for flag in cynics.flags()]
    found = [f for f in findings if f is not None]
    if not any(f.level == "warning" for f in found):
        found.insert(0, _ok(lesson))
    return SmokeResult(
        scenario_id=scenario.id,
        games=games,
        seed=seed,
        score=lesson.score,
        win_rate=lesson.win_rate,
        findings=tuple(found),
        zoo=cynics,
    )
