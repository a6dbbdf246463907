"""What the player sees is not the truth."""

import numpy as np

from game.model import empty_plan, new_state, observe, step


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
