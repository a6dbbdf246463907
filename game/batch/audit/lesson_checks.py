"""Checks 1-3: the three built-in policies and neglect (from game.batch.lesson.check_lesson).

Each function takes the lesson measured per scenario (scenario id -> Lesson) and returns
its checks; they only judge numbers, so a test can hand them constructed ones.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from game.batch.audit.numbers import Check, judged, mean_of, of_paired, of_ratio, proportion
from game.batch.lesson import Lesson, ratio

EXTREMES = ("delivery_first", "relationship_first")
MIN_RATIO = 1.5  # balanced over each extreme
SYNDROME_DELIVERY = 0.30  # the 90 % syndrome in at least this share of delivery_first games
SYNDROME_BALANCED = 0.10  # and in at most this share of balanced games
MIN_NEGLECT = 1.4  # neglect raises the rework share on the neglected one's packages this much


def balanced_beats_extremes(lessons: Mapping[str, Lesson]) -> list[Check]:
    """Check 1: balanced's mean score is >= 1.5x each extreme's, and the paired 95 % CI of
    the difference is above 0 (the margin is clear and significant)."""
    checks = []
    for extreme in EXTREMES:
        cells = []
        for sid, lesson in lessons.items():
            a, b = lesson.scores["balanced"], lesson.scores[extreme]
            diff = lesson.balanced_minus[extreme]
            cell = judged(
                sid,
                extreme,
                of_ratio(ratio(a, b), lesson.ratio(extreme)),
                at_least=MIN_RATIO,
                extra=(
                    (f"balanced − {extreme}", of_paired(diff)),
                    ("balanced", mean_of(a)),
                    (extreme, mean_of(b)),
                ),
            )
            if diff.low <= 0:  # a ratio met by luck alone is no lesson
                cell = replace(cell, ok=False, margin=min(cell.margin, diff.low))
            cells.append(cell)
        checks.append(
            Check(
                "1",
                f"balanced ÷ {extreme} ≥ {MIN_RATIO}×",
                f"balanced's mean score is at least {MIN_RATIO}× {extreme}'s, and the paired"
                " 95 % CI of balanced − it lies above 0.",
                tuple(cells),
            )
        )
    return checks


def syndrome(lessons: Mapping[str, Lesson]) -> list[Check]:
    """Check 2: the 90 % syndrome (State.syndrome at the end) in >= 30 % of delivery_first
    games and <= 10 % of balanced games."""
    rules = (
        ("delivery_first", SYNDROME_DELIVERY, None, "≥"),
        ("balanced", None, SYNDROME_BALANCED, "≤"),
    )
    checks = []
    for policy, low, high, sign in rules:
        line = low if low is not None else high
        cells = tuple(
            judged(
                sid,
                policy,
                proportion(round(lesson.syndrome_rate[policy] * lesson.games), lesson.games),
                at_least=low,
                at_most=high,
            )
            for sid, lesson in lessons.items()
        )
        checks.append(
            Check(
                "2",
                f"90 % syndrome, {policy} {sign} {line:.0%}",
                f"the 90 % syndrome shows up at the end of {sign} {line:.0%} of {policy}'s"
                " games (95 % CI: Wilson).",
                cells,
            )
        )
    return checks


def neglect(lessons: Mapping[str, Lesson], stakeholders: Mapping[str, Sequence[str]]) -> Check:
    """Check 3: never contacting one stakeholder (`neglecting(s)`) raises the rework share
    of the build effort on their packages >= 1.4x, for every stakeholder."""
    cells = []
    for sid, lesson in lessons.items():
        names = stakeholders.get(sid, ())
        for e in lesson.neglect:
            base, neglected = e.rework_games
            if e.rework_balanced > 0:
                point = e.rework_ratio
            else:  # no rework at all under balanced: any under neglect is a rise
                point = math.inf if e.rework_neglected > 0 else math.nan
            who = names[e.stakeholder] if e.stakeholder < len(names) else f"#{e.stakeholder}"
            cells.append(
                judged(
                    sid,
                    who,
                    of_ratio(ratio(neglected, base), point),
                    at_least=MIN_NEGLECT,
                    extra=(
                        ("rework share, balanced", mean_of(base, "n")),
                        ("rework share, neglected", mean_of(neglected, "n")),
                        ("sign-off delay (turns), balanced", mean_of(e.delay_games[0], "n")),
                        ("sign-off delay (turns), neglected", mean_of(e.delay_games[1], "n")),
                    ),
                )
            )
    return Check(
        "3",
        f"neglect: rework share × ≥ {MIN_NEGLECT}",
        "balanced that never contacts one stakeholder raises the rework share of the build"
        f" effort on that stakeholder's packages to ≥ {MIN_NEGLECT}× balanced's, for each"
        " stakeholder (ratio of means over the same games, delta-method CI).",
        tuple(cells),
    )
