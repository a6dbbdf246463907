"""The planner's view and the truth agree on every plan: the window asks validate_plan about
the Observation, the model's step about the State, and for the same game both must give the
same answer (the same refusal, naming the same game, or the same accepted plan)."""

from dataclasses import fields, replace
from typing import TypeVar

import numpy as np
import pytest

from game.model import Channel, Observation, Params, PlanError, State, new_state, observe, step
from game.model import validate_plan as check
from tests.helpers.plans import random_plan
from tests.helpers.scenarios import loaded

F64 = np.ndarray
V = TypeVar("V", State, Observation)


def _answer(plan: F64, limits: State | Observation, params: Params) -> tuple[object, ...]:
    """What validate_plan says: the refusal's message and row, or the accepted arrays."""
    try:
        cleaned, totals = check(plan.copy(), limits, params)
    except PlanError as error:
        return ("refused", str(error), error.row)
    return ("accepted", cleaned.tobytes(), totals.tobytes())


def _spoil(plan: F64, params: Params, rng: np.random.Generator) -> F64:
    """The plan with one rule broken in a few random games (or none, to keep legal ones)."""
    n = plan.shape[0]
    plan = plan.copy()
    rows = rng.choice(n, size=int(rng.integers(0, 3)), replace=False)
    overtime = np.flatnonzero(params.action_effect[:, Channel.OVERTIME] > 0)
    for row in rows:
        a = int(rng.integers(params.n_actions))
        t = int(rng.integers(params.n_targets))
        kind = int(rng.integers(6))
        if kind == 0:
            plan[row, a, t] = -params.action_cost[a]
        elif kind == 1:
            plan[row, a, t] = rng.choice([np.nan, np.inf])
        elif kind == 2:
            plan[row, a, t] += params.action_cost[a] * 0.5
        elif kind == 3:
            plan[row, a, t] += params.action_cost[a] * int(rng.integers(1, 4))  # maybe too much
        elif kind == 4:
            plan[row, a, params.n_targets - 1] += params.action_cost[a]  # maybe no such target
        elif overtime.size:
            o = int(rng.choice(overtime))
            plan[row, o, 0] += params.max_overtime + params.action_cost[o]
    return plan


def _row(view: V, i: int) -> V:
    """Game i alone: the window plays a batch of one."""
    return replace(view, **{f.name: getattr(view, f.name)[i : i + 1] for f in fields(view)})


@pytest.mark.parametrize("scenario_id", ["tutorial", "crm-rollout", "lan-migration"])
def test_the_view_and_the_truth_refuse_the_same_plans(scenario_id: str) -> None:
    _, params = loaded(scenario_id)
    rng = np.random.default_rng(14)
    n = 24
    state = new_state(params, np.arange(n), seed=5)
    verdicts = set()
    for _ in range(params.turns + 2):  # past the end too: finished games' rows are ignored
        seen = observe(state, params)
        for _ in range(12):
            plan = _spoil(random_plan(state, params, rng), params, rng)
            truth = _answer(plan, state, params)
            assert _answer(plan, seen, params) == truth
            verdicts.add(truth[0])
            for i in (int(i) for i in rng.choice(n, size=3, replace=False)):
                one = plan[i : i + 1]
                assert _answer(one, _row(seen, i), params) == _answer(one, _row(state, i), params)
        state, _ = step(state, random_plan(state, params, rng), params)
    assert verdicts == {"refused", "accepted"}  # both kinds of plan were tried


def test_step_refuses_exactly_what_the_view_refuses(crm: tuple[object, Params]) -> None:
    _, params = crm
    rng = np.random.default_rng(3)
    state = new_state(params, np.arange(8), seed=2)
    verdicts = set()
    for _ in range(60):
        plan = _spoil(random_plan(state, params, rng), params, rng)
        seen = _answer(plan, observe(state, params), params)
        try:
            step(state, plan, params)
        except PlanError as error:
            # step checks each game's row as it resolves it: the same first problem
            assert seen == ("refused", str(error), error.row)
        else:
            assert seen[0] == "accepted"
        verdicts.add(seen[0])
        state, _ = step(state, random_plan(state, params, rng), params)
    assert verdicts == {"refused", "accepted"}
