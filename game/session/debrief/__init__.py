"""The end-of-round debrief as data: the true story of one game (`series`), its key
moments, why it scored what it did (`score_breakdown`, package by package, worded in
`explain`), what the built-in policies would have scored on the same luck, the round as
a JSON record, and its export to files.

Headless (numpy only): the charts that draw this data live in game/ui/charts.py. One
module a job; the names below are the ones the debrief screen and its charts use.
"""

from game.session.debrief.breakdown import ScoreBreakdown, score_breakdown
from game.session.debrief.comparison import Comparison, compare_policies
from game.session.debrief.export import export_round
from game.session.debrief.moments import Moment, key_moments
from game.session.debrief.record import round_record
from game.session.debrief.series import RoundSeries, series

__all__ = [
    "Comparison",
    "Moment",
    "RoundSeries",
    "ScoreBreakdown",
    "compare_policies",
    "export_round",
    "key_moments",
    "round_record",
    "score_breakdown",
    "series",
]
