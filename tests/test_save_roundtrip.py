"""Valid saves round-trip: any legal plan encodes and decodes to itself, any round restores.

The damaged and hand-edited saves are in test_save_hostile.py; here hypothesis plays legal
plans (built click by click against the model's validate_plan, as the planner does) in
every shipped scenario and in one whose actions cost more than a point.
"""

import json
import tempfile
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import Params, validate_plan
from game.scenario.loader import load
from game.scenario.schema import Scenario
from game.session import savefile
from game.session.session import Session
from tests.helpers.plans import legal_plans
from tests.helpers.scenarios import DEAR_ACTIONS, SHIPPED, loaded

Rules = tuple[str, Scenario, Params]


@pytest.fixture(scope="module", params=[*SHIPPED, "dear"])
def rules(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Rules:
    """(reference a save names, scenario, params); 'dear' is a facilitator's own file."""
    if request.param != "dear":
        return (request.param, *loaded(request.param))
    path = tmp_path_factory.mktemp("scenarios") / "dear.yaml"
    path.write_text(DEAR_ACTIONS, encoding="utf-8")
    return (str(path), *load(str(path)))


@settings(max_examples=30, deadline=None)
@given(data=st.data(), seed=st.integers(0, 2**64 - 1), game_id=st.integers(0, 2**63 - 1))
def test_a_legal_plan_encodes_and_decodes_to_itself(rules: Rules, data, seed, game_id):
    _, scenario, params = rules
    session = Session(scenario, params, seed, game_id)
    plan = data.draw(legal_plans(session.state, params))
    validate_plan(plan[None], session.state, params)  # the strategy's promise, checked
    # Through JSON text, as a save file holds it.
    entries = json.loads(json.dumps(savefile.encode_plan(plan, scenario)))
    decoded, problems = savefile.decode_plan(entries, session, ("plans", 0))
    assert problems == []
    assert decoded.dtype == np.float64 and np.array_equal(decoded, plan)
    # Zeros are left out: every entry names an action and a target the plan uses.
    assert sum(len(targets) for targets in entries.values()) == np.count_nonzero(plan)


def _same_round(a: Session, b: Session) -> None:
    assert (a.seed, a.game_id, a.team, a.round_id) == (b.seed, b.game_id, b.team, b.round_id)
    assert a.turn == b.turn and a.fired_by_hand == b.fired_by_hand
    assert len(a.plans) == len(b.plans)
    for x, y in zip(a.plans, b.plans, strict=True):
        assert np.array_equal(x, y)
    for f in fields(a.state):
        assert np.array_equal(getattr(a.state, f.name), getattr(b.state, f.name)), f.name


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    seed=st.integers(0, 2**64 - 1),
    game_id=st.integers(0, 2**63 - 1),
    team=st.text(max_size=20),
)
def test_a_round_of_legal_plans_saves_and_restores_to_the_same_state(
    rules: Rules, data, seed, game_id, team
):
    ref, scenario, params = rules
    session = Session(scenario, params, seed, game_id, team)
    session.round_id = data.draw(st.text("0123456789abcdef", max_size=16), label="round_id")
    turns = data.draw(st.integers(0, params.turns), label="turns")
    events = st.lists(st.integers(0, params.n_events - 1), max_size=1) if params.n_events else None
    while session.turn < turns and not session.done:
        plan = data.draw(legal_plans(session.state, params))
        # Now and then a facilitator fires an event by hand.
        session.play(plan, data.draw(events) if events is not None else ())
    with tempfile.TemporaryDirectory() as folder:  # hypothesis runs many examples per test
        path = Path(folder) / "autosave.json"
        savefile.save(session, ref, path)
        restored = savefile.restore(path)
        assert restored.scenario_ref == ref and restored.notes == ()
        _same_round(restored.session, session)
        # save -> restore -> save writes the same file again.
        again = Path(folder) / "again.json"
        savefile.save(restored.session, ref, again)
        assert again.read_bytes() == path.read_bytes()
