"""Built-in policies make legal, sensible plans on any catalogue."""

import numpy as np
import pytest

from game.model import Channel, observe
from game.model.start import new_state
from game.model.step import step
from game.policies import POLICIES
from game.scenario.loader import load
from game.session.runner import play
from tests.helpers.scenarios import DEAR_ACTIONS


@pytest.fixture
def dear_actions(tmp_path):
    """crm-rollout where building, overtime and testing cost more than one point."""
    path = tmp_path / "dear.yaml"
    path.write_text(DEAR_ACTIONS, encoding="utf-8")
    return load(path)[1]


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_policies_respect_costs_and_effects_other_than_one(dear_actions, policy):
    run = play(dear_actions, POLICIES[policy], np.arange(40), seed=4, record=False)
    assert run.final.done.all()


def test_delivery_first_buys_no_overtime_it_cannot_use(crm):
    _, params = crm
    run = play(params, POLICIES["delivery_first"], np.arange(200), seed=9)
    for obs, log in zip(run.observations, run.logs, strict=True):
        idle = (obs.package_remaining * obs.buildable).sum(axis=1) <= obs.capacity
        assert not (log.overtime[idle & log.active] > 0).any()


def test_policies_cannot_read_the_models_luck(crm):
    _, params = crm
    state = new_state(params, np.arange(3), seed=1)
    obs = observe(state, params)
    assert not np.array_equal(obs.rng_key, state.key)


def test_escalation_is_not_contact_and_a_favour_with_nothing_waiting_lends_an_expert(crm):
    scenario, params = crm
    ids = [a.id for a in scenario.actions]
    state = new_state(params, [0], seed=1)
    plan = np.zeros((1, params.n_actions, params.n_targets))
    plan[0, ids.index("escalate"), 0] = 1
    plan[0, ids.index("favour"), 1] = 1
    plan[0, ids.index("build"), 0] = 8
    after, log = step(state, plan, params)
    assert not log.contacted[0, 0] and log.contacted[0, 1]
    # Nothing waits for sign-off yet: Omar lends an expert, and his open packages clear up.
    assert log.favour_granted[0, 1] and not log.favour_granted[0, 0]
    omar = params.owner == 1
    assert (after.clarity[0, omar] > state.clarity[0, omar]).all()
    assert params.action_effect[ids.index("escalate"), Channel.ESCALATE] > 0
    assert after.since_contact[0, 0] == 1 and after.since_contact[0, 1] == 0


def test_greedy_takes_the_highest_priorities_that_fit_ties_in_catalogue_order():
    from game.policies.allocate import greedy

    priority = np.array([[1.0, 3.0, 0.0, 3.0, 2.0, -1.0]])
    cost = np.array([1.0, 4.0, 1.0, 2.0, 1.0, 1.0])
    # Of the tied 3.0s the first (4 points) is taken, the second (2) no longer fits; 2.0 (1)
    # does, then nothing is left for 1.0; a priority of zero or less is never taken.
    taken = greedy(priority, cost, np.array([5.5]))
    assert taken.tolist() == [[False, True, False, False, True, False]]


def test_fill_packages_gives_the_most_urgent_buildable_work_its_whole_uses_first(crm):
    from types import SimpleNamespace

    from game.policies.allocate import fill_packages

    seen = SimpleNamespace(
        package_remaining=np.array([[3.0, 2.5, 4.0, 0.0]]),
        buildable=np.array([[True, True, False, True]]),
    )
    # Package 1 first (more urgent), then package 0; package 2 cannot be built yet.
    uses = fill_packages(seen, np.array([5.0]), np.array([[0.2, 0.9, 1.0, 0.5]]))
    assert uses.tolist() == [[2.0, 3.0, 0.0, 0.0]]


@pytest.mark.parametrize("policy", ["balanced", "relationship_first", "delivery_first"])
def test_a_game_is_planned_the_same_alone_as_in_a_batch(crm, policy):
    """The compiled policies plan game by game: a batch is its games planned alone."""
    _, params = crm
    state = new_state(params, np.arange(30), seed=5)
    for _ in range(6):
        obs = observe(state, params)
        together = POLICIES[policy](obs, params)
        for g in (0, 17, 29):
            alone = POLICIES[policy](observe(_one(state, g), params), params)
            assert together[g : g + 1].tobytes() == alone.tobytes()
        state, _ = step(state, together, params)


def _one(state, g):
    from dataclasses import fields, replace

    return replace(state, **{f.name: getattr(state, f.name)[g : g + 1] for f in fields(state)})
