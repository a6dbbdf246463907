"""Counter-based draws (game/model/rng.py): a pure function of seed, game, turn and slot."""

import numpy as np

from game.model.rng import POLICY_STREAM, game_keys, uniforms


def test_draws_are_a_pure_function_of_seed_game_turn_and_slot():
    keys = game_keys(7, np.arange(1000))
    turns = np.full(1000, 3, dtype=np.int64)
    a = uniforms(keys, turns, 16)
    b = uniforms(game_keys(7, np.arange(1000)), turns, 16)
    assert np.array_equal(a, b)
    alone = uniforms(game_keys(7, [421]), turns[:1], 16)
    assert np.array_equal(alone[0], a[421])


def test_draws_look_uniform_and_stay_in_range():
    keys = game_keys(1, np.arange(200_000))
    u = uniforms(keys, np.zeros(200_000, dtype=np.int64), 4)
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.003
    assert abs(u.std() - np.sqrt(1 / 12)) < 0.003
    # neighbouring slots and games are not correlated
    assert abs(np.corrcoef(u[:, 0], u[:, 1])[0, 1]) < 0.01
    assert abs(np.corrcoef(u[:-1, 0], u[1:, 0])[0, 1]) < 0.01


def test_seeds_turns_and_streams_give_different_numbers():
    keys = game_keys(1, np.arange(100))
    t0 = np.zeros(100, dtype=np.int64)
    base = uniforms(keys, t0, 8)
    assert not np.array_equal(base, uniforms(game_keys(2, np.arange(100)), t0, 8))
    assert not np.array_equal(base, uniforms(keys, t0 + 1, 8))
    assert not np.array_equal(base, uniforms(keys, t0, 8, stream=POLICY_STREAM))
