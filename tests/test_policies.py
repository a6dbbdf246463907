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
