"""The policy search's parametric policy: legal everywhere, triggers that do what they say."""

from dataclasses import replace

import numpy as np
import pytest

from game.batch.search import (
    DIM,
    ESCALATE,
    ESCALATE_LATE,
    ESCALATE_WAIT,
    NAMES,
    OVERTIME,
    OVERTIME_LATE,
    OVERTIME_LOAD,
    START,
    STEERING,
    STEERING_BELOW,
    Knobs,
    _unit,
    cross_entropy,
    evaluate,
    parametric,
    search_actions,
)
from game.model import Params, new_state, observe, outcome, step
from game.model.channels import Channel
from game.model.plan import overtime_points
from game.model.state import AWAITING
from game.policies.catalogue import catalogue
from game.scenario.loader import load
from tests.helpers.scenarios import DEAR_ACTIONS, SHIPPED, loaded


def _play(params: Params, values: np.ndarray, seed: int = 3) -> list[tuple]:
    """Play one game per knob row to the end; (observation, plan) of every turn."""
    policy = parametric(Knobs(values))
    state = new_state(params, np.arange(values.shape[0]), seed)
    turns = []
    while not state.done.all():
        obs = observe(state, params)
        plan = policy(obs, params)
        turns.append((obs, plan))
        state, _ = step(state, plan, params)  # step validates every plan: it raises if illegal
    return turns


def _start(n: int) -> np.ndarray:
    """The search's start for n games: a sensible policy with every switch off."""
    return np.repeat(_unit(START)[None, :], n, axis=0)


def _random_knobs(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    values = rng.random((n, DIM))
    values[: n // 4] = np.round(values[: n // 4])  # the edges of every range too
    return values


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_the_parametric_policy_is_legal_on_every_shipped_scenario(scenario_id):
    _, params = loaded(scenario_id)
    for obs, plan in _play(params, _random_knobs(48, seed=len(scenario_id))):
        extra = overtime_points(plan.sum(axis=2), params)
        assert (extra[~obs.done] <= params.max_overtime + 1e-9).all()


def test_it_is_legal_with_dear_actions_and_partial_overtime(tmp_path):
    path = tmp_path / "dear.yaml"
    path.write_text(DEAR_ACTIONS + "  - id: escalate\n    cost: 2\n", encoding="utf-8")
    _, params = load(path)
    values = _random_knobs(40, seed=5)
    values[:, [OVERTIME, OVERTIME_LATE, OVERTIME_LOAD]] = 1.0
    turns = _play(params, values)
    assert any(plan[:, catalogue(params).overtime].any() for _, plan in turns)


def test_a_catalogue_without_some_jobs_leaves_their_knobs_idle(crm):
    _, params = crm
    cat = catalogue(params)
    effect = params.action_effect.copy()
    gone = [cat.escalate, cat.favour, cat.overtime, cat.steering, cat.testing, cat.demo]
    effect[gone] = 0.0
    lean = replace(params, action_effect=effect)
    assert catalogue(lean).escalate is None and catalogue(lean).overtime is None
    for _, plan in _play(lean, np.ones((20, DIM))):
        assert not plan[:, gone].any()


def _late_escalation_knobs(n: int, on: bool) -> np.ndarray:
    values = _start(n)
    values[:, ESCALATE] = 1.0 if on else 0.0
    values[:, ESCALATE_WAIT] = 0.0  # any wait at all
    values[:, ESCALATE_LATE] = 0.4  # the last half of the weeks
    return values


def test_escalation_comes_when_a_sign_off_waits_late_and_never_when_off(crm):
    _, params = crm
    esc = catalogue(params).escalate
    window = 0.5 * params.deadline
    seen_any = False
    for obs, plan in _play(params, _late_escalation_knobs(60, on=True)):
        waiting = (obs.package_status == AWAITING).astype(float) @ params.owner_onehot > 0
        late = (params.deadline - obs.turn <= window)[:, None]
        running = ~obs.done[:, None]
        escalated = plan[:, esc, : params.n_stakeholders] > 0
        assert np.array_equal(escalated & running, waiting & late & running)
        seen_any |= bool((escalated & running).any())
    assert seen_any
    for _, plan in _play(params, _late_escalation_knobs(60, on=False)):
        assert not plan[:, esc].any()


def test_overtime_is_a_sprint_within_limits(crm):
    _, params = crm
    ot = catalogue(params).overtime
    values = _start(60)
    values[:, [OVERTIME, OVERTIME_LOAD]] = 1.0
    values[:, OVERTIME_LATE] = 0.2  # the last quarter of the weeks
    sprinted = False
    for obs, plan in _play(params, values):
        extra = overtime_points(plan.sum(axis=2), params)
        assert (extra <= params.max_overtime + 1e-9).all()
        early = params.deadline - obs.turn > 0.25 * params.deadline
        assert not plan[early, ot].any()
        sprinted |= bool((extra[~obs.done] == params.max_overtime).any())
    assert sprinted
    values[:, OVERTIME] = 0.0
    assert not any(plan[:, ot].any() for _, plan in _play(params, values))


def test_steering_answers_a_sagging_sponsor(crm):
    _, params = crm
    steer = catalogue(params).steering
    values = _start(40)
    values[:, STEERING] = 1.0
    values[:, STEERING_BELOW] = 0.6
    for obs, plan in _play(params, values):
        running = ~obs.done
        assert np.array_equal(plan[running, steer, 0] > 0, obs.sponsor[running] < 0.6)


def test_search_actions_lists_every_job(crm):
    scenario, params = crm
    listed = search_actions(params, scenario)
    expected = ("escalate", "steering", "overtime", "favour", "testing", "quality", "demo")
    assert set(expected) <= set(listed)
    effect = params.action_effect
    is_used = [a.id for i, a in enumerate(scenario.actions) if effect[i, Channel.BUILD] == 0]
    assert sorted(listed) == sorted(is_used)


def test_describe_names_every_knob_and_the_start_is_all_off():
    described = Knobs(_unit(START)[None, :]).describe()
    assert list(described) == list(NAMES) and len(NAMES) == DIM
    assert all(described[name] == 0.0 for name in NAMES if "(1: on)" in name)


def test_game_i_of_a_batch_equals_the_same_game_alone(crm):
    _, params = crm
    values = _random_knobs(6, seed=9)
    state, alone = new_state(params, np.arange(6), 4), new_state(params, [3], 4)
    batch, single = parametric(Knobs(values)), parametric(Knobs(values[3:4]))
    while not state.done.all() or not alone.done.all():
        state, _ = step(state, batch(observe(state, params), params), params)
        alone, _ = step(alone, single(observe(alone, params), params), params)
    assert outcome(state, params).score[3] == outcome(alone, params).score[0]
    assert np.array_equal(state.trust[3], alone.trust[0])


def test_the_search_is_deterministic_and_beats_its_start(crm):
    _, params = crm
    tiny = {"games": 12, "population": 6, "elite": 2, "iterations": 2, "seed": 5}
    first, again = cross_entropy(params, **tiny), cross_entropy(params, **tiny)
    assert first.history == again.history
    assert np.array_equal(first.best.values, again.best.values)
    assert first.best.values.shape == (1, DIM)
    start = evaluate(params, START[None, :], tiny["games"], tiny["seed"])[0]
    assert first.best_score >= start
    assert first.history == sorted(first.history)
