"""Counter-based randomness: a game is the same game whatever batch it is played in."""

from dataclasses import fields

import numpy as np
import pytest

from game.model import outcome
from game.policies import POLICIES
from game.session.runner import play


def _same(a, b, rows_a, rows_b):
    for f in fields(a):
        x, y = getattr(a, f.name)[rows_a], getattr(b, f.name)[rows_b]
        assert x.dtype == y.dtype, f.name
        assert np.array_equal(x, y), f.name


@pytest.mark.slow
def test_game_i_of_a_batch_of_10000_equals_the_same_game_alone(crm):
    _, params = crm
    batch = play(params, POLICIES["balanced"], np.arange(10_000), seed=11, record=False)
    for i in (0, 1234, 9999):
        alone = play(params, POLICIES["balanced"], [i], seed=11, record=False)
        _same(batch.final, alone.final, [i], [0])


def test_random_policy_is_counter_based_too(crm):
    _, params = crm
    batch = play(params, POLICIES["random"], np.arange(500), seed=5, record=False)
    alone = play(params, POLICIES["random"], [321], seed=5, record=False)
    _same(batch.final, alone.final, [321], [0])


def test_same_seed_same_result_other_seed_other_result(crm):
    _, params = crm
    a = play(params, POLICIES["balanced"], np.arange(200), seed=1, record=False).final
    b = play(params, POLICIES["balanced"], np.arange(200), seed=1, record=False).final
    c = play(params, POLICIES["balanced"], np.arange(200), seed=2, record=False).final
    _same(a, b, slice(None), slice(None))
    assert not np.array_equal(outcome(a, params).score, outcome(c, params).score)


def test_every_path_stays_float64(crm):
    """No silent promotion or demotion: every float the model makes is float64."""
    _, params = crm
    run = play(params, POLICIES["random"], np.arange(8), seed=2)
    for record in [run.final, *run.logs[:3], *run.observations[:3], outcome(run.final, params)]:
        for f in fields(record):
            value = getattr(record, f.name)
            if isinstance(value, np.ndarray) and value.dtype.kind == "f":
                assert value.dtype == np.float64, (type(record).__name__, f.name)
    for f in fields(params):
        value = getattr(params, f.name)
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            assert value.dtype == np.float64, f.name


def test_stakeholder_sums_do_not_depend_on_the_batch_even_for_big_portfolios():
    """owner_sum must add a stakeholder's packages in one fixed order, however many."""
    from types import SimpleNamespace

    from game.model.params import owner_slots, owner_sum

    owner = np.array([0] * 30 + [1] * 9 + [2])
    params = SimpleNamespace(owner_slots=owner_slots(owner, 3))
    values = np.random.default_rng(7).lognormal(0.0, 4.0, size=(3000, owner.size))
    batch = owner_sum(values, params)
    for i in (0, 1234, 2999):
        assert np.array_equal(owner_sum(values[i : i + 1], params)[0], batch[i])
    in_order = np.zeros(3)
    for p, k in enumerate(owner):
        in_order[k] += values[0, p]
    assert np.array_equal(batch[0], in_order)


def test_who_owns_a_marked_package_is_whose_count_of_them_is_above_zero():
    """owners_with (awaiting sign-off, overdue, open) says what owner_sum > 0 said."""
    from types import SimpleNamespace

    from game.model.params import owner_slots, owner_sum, owners_with

    owner = np.array([0, 2, 2, 1, 0, 2, 3])
    params = SimpleNamespace(owner=owner, owner_slots=owner_slots(owner, 4), n_stakeholders=4)
    marked = np.random.default_rng(3).random((500, owner.size)) < 0.2
    expected = owner_sum(marked.astype(np.float64), params) > 0
    assert np.array_equal(owners_with(marked, params), expected)
    assert not expected.all() and expected.any()  # both answers occur
