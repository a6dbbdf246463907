"""Counter-based draws (game/model/rng.py): a pure function of seed, game, turn and slot."""

import numpy as np

from game.model.rng import POLICY_STREAM, draw, game_keys, uniforms


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


def test_a_slot_drawn_alone_is_the_number_the_block_gives_there():
    """Rules draw some slots only where they need them (rng.draw): the same numbers."""
    keys = game_keys(3, np.arange(50))
    turns = np.arange(50, dtype=np.int64) % 7
    block = uniforms(keys, turns, 40)
    for g, slot in ((0, 0), (17, 39), (49, 21)):
        assert draw(keys[g], turns[g], np.uint64(0), slot) == block[g, slot]
    assert (
        draw(keys[5], turns[5], np.uint64(POLICY_STREAM), 3)
        == uniforms(keys, turns, 4, stream=POLICY_STREAM)[5, 3]
    )
    assert np.array_equal(uniforms(keys, turns, 10, first=30), block[:, 30:])


def test_games_skipped_get_no_draws_and_the_others_theirs():
    keys = game_keys(3, np.arange(6))
    turns = np.zeros(6, dtype=np.int64)
    skip = np.array([True, False, False, True, False, True])
    some = uniforms(keys, turns, 5, skip=skip)
    assert (some[skip] == 0.0).all()
    assert np.array_equal(some[~skip], uniforms(keys, turns, 5)[~skip])
