"""What the player sees is not the truth."""

import numpy as np
import pytest

from game.model import empty_plan, new_state, observe, step
from game.model.observe import CLARITY_STEP, MOOD_EDGES, as_said, mood, mood_of
from game.model.rules.discovery import built
from game.model.rules.stakeholders import signed_off_share
from game.model.state import AWAITING
from game.policies import POLICIES
from tests.helpers.scenarios import loaded


def _build_only(scenario, params, state):
    plan = empty_plan(state.n_games, params)
    build = [a.id for a in scenario.actions].index("build")
    plan[:, build, 0] = np.floor(state.capacity)
    return plan


def test_an_uncontacted_stakeholder_turns_vague_and_shows_old_news(crm):
    scenario, params = crm
    state = new_state(params, [0], seed=1)
    for _ in range(int(params.coef.vague_after) + 2):
        state, _ = step(state, _build_only(scenario, params, state), params)
    obs = observe(state, params)
    assert obs.vague.all()
    assert np.array_equal(obs.trust, state.known_trust)
    assert not np.allclose(obs.trust, state.trust)  # the truth has moved on


def test_reported_progress_counts_hidden_rework_as_done(crm):
    scenario, params = crm
    state = new_state(params, [0], seed=1)
    for _ in range(5):
        state, _ = step(state, _build_only(scenario, params, state), params)
    obs = observe(state, params)
    truth = state.correct.sum() / state.scope.sum()
    assert state.hidden.sum() > 0
    assert obs.reported_progress[0] > truth


def _build_first_open(scenario, params, state):
    """All capacity on the first package each game can build: with crm-rollout's 15 points a
    week (issue 10) package 0 alone is handed over in week 1, before any rework is found."""
    plan = empty_plan(state.n_games, params)
    build = [a.id for a in scenario.actions].index("build")
    buildable = observe(state, params).buildable
    games = np.flatnonzero(buildable.any(axis=1))
    plan[games, build, buildable[games].argmax(axis=1)] = np.floor(state.capacity[games])
    return plan


def test_the_turn_log_says_why_rework_was_found(crm):
    scenario, params = crm
    state = new_state(params, np.arange(50), seed=1)
    found_any = False
    while not state.done.all():
        state, log = step(state, _build_first_open(scenario, params, state), params)
        hit = log.rework_found > 0
        if hit.any():
            found_any = True
            causes = log.rework_cause_clarity[hit]
            assert ((causes > 0) & (causes <= 1)).all()
    assert found_any


@pytest.mark.parametrize("scenario_id", ["tutorial", "crm-rollout", "ai-hype"])
@pytest.mark.parametrize("policy", ["balanced", "random", "delivery_first"])
def test_the_turn_log_gives_the_observation_its_state_gives(scenario_id, policy):
    """The turn loop hands observe the log of the turn that made the state: the complaints
    and progress taken from it are those the state gives, bit for bit, for games running
    and ended alike."""
    _, params = loaded(scenario_id)
    state, log = new_state(params, np.arange(30), seed=4), None
    while not state.done.all():
        from_state = observe(state, params)
        if log is not None:
            from_log = observe(state, params, made_by=log)
            for name in ("complaint", "reported_progress"):
                ours, theirs = getattr(from_log, name), getattr(from_state, name)
                assert ours.dtype == theirs.dtype and ours.tobytes() == theirs.tobytes(), name
        state, log = step(state, POLICIES[policy](from_state, params), params)


def test_a_log_of_another_turn_is_refused(crm):
    _, params = crm
    state = new_state(params, np.arange(5), seed=4)
    plan = POLICIES["balanced"](observe(state, params), params)
    once, first = step(state, plan, params)
    seen = observe(once, params, made_by=first)  # the right log: accepted
    twice, _ = step(once, POLICIES["balanced"](seen, params), params)
    with pytest.raises(ValueError, match="not the log of the turn"):
        observe(twice, params, made_by=first)  # a turn late
    with pytest.raises(ValueError, match="not the log of the turn"):
        observe(new_state(params, np.arange(4), seed=4), params, made_by=first)  # other games


def test_the_observations_mood_is_the_face_mood_gives():
    """observe's kernel counts the edges a satisfaction reaches (`mood_of`); `mood` (the
    window's) searches them: the same face on the edges, at -0.0 and for NaN."""
    values = [*MOOD_EDGES, *np.nextafter(MOOD_EDGES, 0), -0.0, 0.0, 1.0, -np.inf, np.inf, np.nan]
    for value in values:
        assert mood_of(float(value), MOOD_EDGES) == int(mood(np.float64(value))), value


@pytest.mark.parametrize("scenario_id", ["crm-rollout", "lan-migration"])
def test_the_observation_kernel_says_what_the_definitions_say(scenario_id):
    """observe works its views out in one kernel: each is what the definitions it stands
    for give (as_said, mood, discovery.built, the clarity steps), bit for bit."""
    _, params = loaded(scenario_id)
    state = new_state(params, np.arange(40), seed=8)
    while not state.done.all():
        obs = observe(state, params)
        vague = state.since_contact > params.coef.vague_after
        said = np.maximum(state.known_seen, signed_off_share(state, params))
        expected = {
            "vague": vague,
            "trust": np.where(vague, state.known_trust, state.trust),
            "satisfaction": np.where(vague, state.known_satisfaction, state.satisfaction),
            "expectation": np.where(vague, state.known_expectation, state.expectation),
            "seen": as_said(np.where(vague, said, state.seen)),
            "mood": mood(np.where(vague, state.known_satisfaction, state.satisfaction)),
            "package_reported": built(state) / state.scope,
            "package_clarity": np.round(state.clarity / CLARITY_STEP) * CLARITY_STEP,
            "package_remaining": state.work_new + state.work_redo,
            "package_waiting": np.where(
                state.status == AWAITING, state.turn[:, None] - state.handover_turn, 0
            ),
        }
        for name, value in expected.items():
            ours = getattr(obs, name)
            assert ours.shape == value.shape and ours.tobytes() == value.tobytes(), name
        state, _ = step(state, POLICIES["random"](obs, params), params)
