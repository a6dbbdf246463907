"""Events a facilitator fires by hand: they apply once, replay from a save, and batch alike."""

from pathlib import Path

import numpy as np

from game.model import new_state, observe, step
from game.policies import POLICIES
from game.session.savefile import restore, save
from game.session.session import Session
from tests.helpers.scenarios import loaded


def _manual(scenario_id: str) -> int:
    scenario, _ = loaded(scenario_id)
    return next(k for k, e in enumerate(scenario.events) if e.trigger.manual)


def test_a_manual_event_fires_only_when_fired_by_hand_and_only_once() -> None:
    scenario, params = loaded("crm-rollout")
    e = _manual("crm-rollout")
    plain, fired = Session(scenario, params, 4), Session(scenario, params, 4)
    for turn in range(4):
        plan = POLICIES["balanced"](plain.observe(), params)[0]
        plain.play(plan)
        fired.play(plan, [e] if turn in (1, 2) else [])
    assert not any(log.events[0, e] for log in plain.logs)
    assert [bool(log.events[0, e]) for log in fired.logs] == [False, True, False, False]
    assert not np.array_equal(plain.state.trust, fired.state.trust) or not np.array_equal(
        plain.state.sponsor, fired.state.sponsor
    )


def test_fired_events_survive_a_save_and_a_branch(tmp_path: Path) -> None:
    scenario, params = loaded("crm-rollout")
    e = _manual("crm-rollout")
    session = Session(scenario, params, 8)
    for turn in range(5):
        session.play(POLICIES["balanced"](session.observe(), params)[0], [e] if turn == 2 else [])
    save(session, "crm-rollout", tmp_path / "save.json")
    restored = restore(tmp_path / "save.json").session
    assert restored.fired_by_hand == session.fired_by_hand
    for name in ("trust", "sponsor", "correct", "hidden", "event_fired"):
        assert np.array_equal(getattr(restored.state, name), getattr(session.state, name)), name
    branch = session.branch(4)
    assert branch.fired_by_hand == session.fired_by_hand[:4] and branch.fired_by_hand[2] == [e]
    assert branch.state.event_fired[0, e]
    again = Session(scenario, params, 8)
    again.replay_plans(session.plans[:4], [[], [], [e], []])
    assert np.array_equal(branch.state.trust, again.state.trust)


def test_forcing_in_a_batch_touches_only_the_forced_games() -> None:
    _, params = loaded("crm-rollout")
    e = _manual("crm-rollout")
    state = new_state(params, np.arange(6), seed=3)
    plan = POLICIES["balanced"](observe(state, params), params)
    forced = np.zeros((6, params.n_events), dtype=np.bool_)
    forced[2, e] = True
    plain, _ = step(state, plan, params)
    pushed, log = step(state, plan, params, forced)
    assert log.events[2, e] and not log.events[[0, 1, 3, 4, 5], e].any()
    others = [0, 1, 3, 4, 5]
    assert np.array_equal(plain.trust[others], pushed.trust[others])
