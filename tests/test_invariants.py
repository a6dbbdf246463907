"""Property tests: whatever legal plans are played, the state stays meaningful."""

from dataclasses import fields

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import new_state, observe, step
from game.model.rules.discovery import true_progress
from game.model.rules.stakeholders import EXPECT_MAX
from game.model.state import ACCEPTED, AWAITING, OPEN, State
from tests.helpers.plans import random_plan
from tests.helpers.scenarios import SHIPPED, loaded

# The turn log's fields that show a game's state (or the turn itself), not what it did.
SHOWS_STATE = {
    "turn",
    "trust_before",
    "trust_after",
    "complaint",
    "reported_progress",
    "true_progress",
    "sponsor",
    "hype",
    "expectation",
    "seen",
}


def _check(state: State, before: State, params) -> None:
    for f in fields(state):
        value = getattr(state, f.name)
        if value.dtype.kind == "f":
            assert value.dtype == np.float64, f.name
            assert np.isfinite(value).all(), f.name
    c = params.coef
    tol = 1e-9
    assert (state.trust >= c.trust_floor - tol).all() and (state.trust <= state.ceiling + tol).all()
    for name in ("clarity", "sponsor", "hype", "fatigue", "seen", "satisfaction", "friction"):
        value = getattr(state, name)
        assert (value >= -tol).all() and (value <= 1 + tol).all(), name
    # Hype may promise more than the whole scope, up to a cap.
    assert (state.expectation >= -tol).all() and (state.expectation <= EXPECT_MAX + tol).all()
    assert (state.forced >= before.forced).all()
    for name in ("work_new", "work_redo", "correct", "hidden", "defects", "effort", "flawed"):
        assert (getattr(state, name) >= -tol).all(), name
    # conservation of work: every point of scope is in exactly one stock
    stocks = state.work_new + state.work_redo + state.correct + state.hidden + state.defects
    assert np.allclose(stocks, state.scope, atol=1e-8)
    # scope only grows (rework costs, scope changes)
    assert (state.scope >= before.scope - tol).all()
    assert np.isin(state.status, [OPEN, AWAITING, ACCEPTED]).all()
    assert (state.effort >= state.flawed - tol).all()
    # finished games never change again
    frozen = before.done
    for f in fields(state):
        assert np.array_equal(getattr(state, f.name)[frozen], getattr(before, f.name)[frozen])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario=st.sampled_from(SHIPPED),
    seed=st.integers(0, 2**32 - 1),
    plan_seed=st.integers(0, 2**32 - 1),
)
def test_random_legal_plans_keep_every_invariant(scenario, seed, plan_seed):
    _, params = loaded(scenario)
    rng = np.random.default_rng(plan_seed)
    state = new_state(params, np.arange(16), seed=seed)
    while not state.done.all():
        plan = random_plan(state, params, rng)
        after, log = step(state, plan, params)
        _check(after, state, params)
        assert np.array_equal(log.active, ~state.done)
        # A game that had ended did nothing, and its log shows its final state.
        ended = state.done
        for field in fields(log):
            if field.name not in SHOWS_STATE:
                assert not getattr(log, field.name)[ended].any(), field.name
        assert np.array_equal(log.true_progress[ended], true_progress(state)[ended])
        assert np.array_equal(after.turn, state.turn + ~state.done)
        # The players' "why" adds up: each stock's parts sum to its change.
        trust_change = after.trust - state.trust
        assert np.allclose(log.trust_parts.sum(axis=-1), trust_change, atol=1e-12)
        assert np.allclose(
            log.sponsor_parts.sum(axis=-1), after.sponsor - state.sponsor, atol=1e-12
        )
        obs = observe(after, params)
        assert np.isfinite(obs.reported_progress).all()
        state = after
    assert (state.turn <= params.turns).all()
    assert (state.end_turn >= 1).all()


def test_step_does_not_modify_its_input(crm):
    _, params = crm
    state = new_state(params, np.arange(4), seed=3)
    copy = state.copy()
    step(state, random_plan(state, params, np.random.default_rng(0)), params)
    for f in fields(state):
        assert np.array_equal(getattr(state, f.name), getattr(copy, f.name)), f.name
