"""The lesson emerges from the model, over 1,000 shared seeds per shipped scenario.

These are the design's acceptance statistics (see the README's "The model").
"""

from functools import cache

import numpy as np
import pytest

from game.batch.lesson import Lesson, check_lesson
from tests.helpers.scenarios import SHIPPED, loaded

GAMES = 1000
# The tutorial too: it is short, but it must teach the same. 1,000 games of a long scenario
# take seconds, so the inner loop checks the tutorial and crm-rollout, `make test` every one.
LESSON_SCENARIOS = [
    s if s in ("tutorial", "crm-rollout") else pytest.param(s, marks=pytest.mark.slow)
    for s in SHIPPED
]


@cache
def lesson(scenario_id: str) -> Lesson:
    return check_lesson(loaded(scenario_id)[1], games=GAMES, seed=2026)


@pytest.mark.parametrize("scenario_id", LESSON_SCENARIOS)
@pytest.mark.parametrize("extreme", ["delivery_first", "relationship_first"])
def test_balanced_beats_each_extreme_clearly(scenario_id, extreme):
    result = lesson(scenario_id)
    assert result.ratio(extreme) >= 1.5, result.score
    assert result.balanced_minus[extreme].low > 0, result.balanced_minus[extreme]


@pytest.mark.parametrize("scenario_id", LESSON_SCENARIOS)
def test_the_90_percent_syndrome_belongs_to_delivery_first(scenario_id):
    result = lesson(scenario_id)
    assert result.syndrome_rate["delivery_first"] >= 0.30, result.syndrome_rate
    assert result.syndrome_rate["balanced"] <= 0.10, result.syndrome_rate
    assert result.rework_share["delivery_first"] > result.rework_share["balanced"]


@pytest.mark.parametrize("scenario_id", LESSON_SCENARIOS)
def test_neglecting_a_stakeholder_costs_rework_and_sign_off_time(scenario_id):
    for effect in lesson(scenario_id).neglect:
        assert effect.rework_ratio >= 1.4, effect
        assert effect.delay_neglected > effect.delay_balanced, effect


def test_the_tutorial_is_winnable():
    result = lesson("tutorial")
    assert result.win_rate["balanced"] >= 0.5, result.win_rate
    assert np.isfinite(list(result.score.values())).all()
