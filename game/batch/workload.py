"""The workload against the team's capacity, in a facilitator's words.

"68 points of work for 200 points of team capacity over 20 weeks" is what a facilitator can
change (packages' sizes, `team.capacity`, `deadline`), so the quick check says it first. The
ratio alone does not tell whether that is a lot: relationship work takes its share of the
capacity, more with more people. So the verdict comes from play: the week balanced play has
built every package once (the median game), against the deadline.
"""

from dataclasses import dataclass

import numpy as np

from game.batch.balanced_play import NEVER, BalancedPlay
from game.scenario.schema import Scenario

# Balanced play done with 30 % of the weeks or more left over: even a team that mostly talks
# builds everything (the shipped scenarios leave 8-25 %; the tutorial, kept gentle, 25 %).
SPARE = 0.30
# Not done by the end in one game in five: more work than the weeks hold.
UNFINISHED = 0.20

Verdict = str  # "spare", "fits", "late" (after the deadline) or "tight" (often never)


@dataclass(frozen=True)
class Workload:
    """Points of work against points of capacity, and when balanced play is done."""

    work: float  # the packages' sizes added up
    capacity: float  # per week
    weeks: int  # until the deadline
    finish_week: int | None  # the median game's week with everything built once
    unfinished: float  # share of games that never built everything

    @property
    def total_capacity(self) -> float:
        return self.capacity * self.weeks

    @property
    def verdict(self) -> Verdict:
        if self.finish_week is None or self.unfinished >= UNFINISHED:
            return "tight"
        if self.finish_week > self.weeks:
            return "late"
        left = (self.weeks - self.finish_week) / self.weeks
        return "spare" if left >= SPARE else "fits"

    def sentence(self) -> str:
        """'68 points of work for 200 points of team capacity (10 a week for 20 weeks); ...'"""
        head = (
            f"{self.work:g} points of work for {self.total_capacity:g} points of team capacity"
            f" ({self.capacity:g} a week for {self.weeks} weeks)"
        )
        if self.finish_week is None:
            return f"{head}; balanced play never builds everything: the team cannot finish."
        when = f"balanced play has built everything by week {self.finish_week}"
        verdict = self.verdict
        if verdict == "spare":
            spare = self.weeks - self.finish_week
            return (
                f"{head}; {when}, {spare} weeks before the deadline: the team can build"
                " everything with time to spare."
            )
        if verdict == "tight":
            return (
                f"{head}; {when} in the median game, but never in {self.unfinished:.0%} of"
                " games: more work than the weeks hold."
            )
        if verdict == "late":
            return (
                f"{head}; {when} in the median game, after the deadline: more work than the"
                " weeks hold."
            )
        return f"{head}; {when}: the work fills the weeks, as it should."


def measure(scenario: Scenario, played: BalancedPlay) -> Workload:
    """The workload of `scenario`, with balanced play's finish week from `played`."""
    finished = played.finish_week[played.finish_week != NEVER]
    unfinished = 1.0 - finished.size / max(played.games, 1)
    # The median game: when half or more never finish, there is no finish week to tell.
    late = np.where(played.finish_week == NEVER, scenario.turns + 1, played.finish_week)
    week = int(np.median(late)) if unfinished < 0.5 else None
    return Workload(
        work=float(sum(p.size for p in scenario.packages)),
        capacity=float(scenario.team.capacity),
        weeks=int(scenario.deadline),
        finish_week=week,
        unfinished=unfinished,
    )
