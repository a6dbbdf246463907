"""Plans: a legal one is played as given; an illegal one is an error naming game and action."""

import numpy as np
import pytest

from game.model import PlanError, empty_plan, new_state, step


def _action(scenario, action_id):
    return [a.id for a in scenario.actions].index(action_id)


def test_a_legal_plan_is_accepted(crm):
    scenario, params = crm
    state = new_state(params, [0, 1], seed=1)
    plan = empty_plan(2, params)
    plan[:, _action(scenario, "build"), 0] = 8
    plan[:, _action(scenario, "workshop"), 1] = 2
    after, log = step(state, plan, params)
    assert (after.turn == 1).all() and log.active.all()
    assert (log.points_build == 8).all() and (log.points_relations == 2).all()


@pytest.mark.parametrize(
    ("action", "target", "points", "message"),
    [
        ("build", 0, -1.0, "negative"),
        ("build", 0, np.nan, "not finite"),
        ("build", 0, 16.0, "capacity"),  # crm capacity is 15
        ("workshop", 0, 1.0, "whole number of uses"),
        ("workshop", 9, 2.0, "cannot take this target"),  # crm has 4 stakeholders
        ("quality", 3, 1.0, "cannot take this target"),  # project actions take target 0
        ("overtime", 0, 5.0, "overtime"),
    ],
)
def test_an_illegal_plan_is_an_error_not_a_silent_fix(crm, action, target, points, message):
    scenario, params = crm
    state = new_state(params, [0, 1, 2], seed=1)
    plan = empty_plan(3, params)
    plan[1, _action(scenario, action), target] = points
    with pytest.raises(PlanError, match=message) as info:
        step(state, plan, params)
    assert "game 1" in str(info.value)


def test_overtime_adds_capacity(crm):
    scenario, params = crm
    state = new_state(params, [0], seed=1)
    plan = empty_plan(1, params)
    plan[0, _action(scenario, "overtime"), 0] = 3
    plan[0, _action(scenario, "build"), 0] = 18  # capacity 15 + 3 overtime
    _, log = step(state, plan, params)
    assert log.points_build[0] == 18 and log.overtime[0] > 0
    plan[0, _action(scenario, "overtime"), 0] = 0
    with pytest.raises(PlanError, match="capacity"):
        step(state, plan, params)


def test_plans_of_the_wrong_shape_or_dtype_are_refused(crm):
    _, params = crm
    state = new_state(params, [0, 1], seed=1)
    with pytest.raises(PlanError, match="shape"):
        step(state, empty_plan(3, params), params)
    with pytest.raises(PlanError, match="dtype"):
        step(state, empty_plan(2, params).astype(np.float32), params)


def test_rows_of_finished_games_are_ignored(crm):
    scenario, params = crm
    state = new_state(params, [0, 1], seed=1)
    state.done[0] = True
    plan = empty_plan(2, params)
    plan[0, _action(scenario, "build"), 0] = np.nan
    plan[0, _action(scenario, "check_in"), 0] = -5
    after, log = step(state, plan, params)
    assert after.turn[0] == 0 and after.turn[1] == 1
    assert not log.accepted[0].any() and not log.rework_found[0].any()
