"""A single game: history, replay, branching, and save files that never lose a turn."""

import json
import re
from dataclasses import fields

import numpy as np
import pytest

from game.policies import POLICIES
from game.scenario.errors import InputError
from game.session import savefile
from game.session.session import Session
from tests.helpers.scenarios import loaded


def _play(turns: int, seed: int = 3) -> Session:
    scenario, params = loaded("crm-rollout")
    session = Session(scenario, params, seed=seed, game_id=5, team="Blue")
    while session.turn < turns and not session.done:
        session.play(POLICIES["balanced"](session.observe(), params)[0])
    return session


def _same_state(a: Session, b: Session) -> None:
    for f in fields(a.state):
        assert np.array_equal(getattr(a.state, f.name), getattr(b.state, f.name)), f.name


def test_a_session_is_the_same_game_as_in_a_batch():
    from game.session.runner import play

    session = _play(30)
    batch = play(session.params, POLICIES["balanced"], np.arange(8), seed=3, record=False)
    assert session.done
    for f in fields(session.state):
        assert np.array_equal(getattr(session.state, f.name)[0], getattr(batch.final, f.name)[5])


def test_branching_replays_the_first_turns_exactly():
    session = _play(10)
    branch = session.branch(7)
    assert branch.turn == 7
    again = session.branch(10)
    _same_state(session, again)


def test_save_and_restore_round_trip(tmp_path):
    session = _play(9)
    path = tmp_path / "saves" / "blue.json"
    savefile.save(session, "crm-rollout", path)
    back = savefile.restore(path)
    restored, ref = back.session, back.scenario_ref
    assert ref == "crm-rollout" and restored.team == "Blue" and restored.turn == 9
    assert back.notes == ()
    _same_state(session, restored)
    savefile.save(restored, ref, tmp_path / "again.json")
    assert path.read_text(encoding="utf-8") == (tmp_path / "again.json").read_text(encoding="utf-8")
    assert not list(path.parent.glob("*.tmp"))


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda t: t[: len(t) // 2], "not valid JSON"),
        (lambda t: t.replace('"odd-duck-save"', '"something-else"'), "not an Odd Duck save file"),
        (lambda t: t.replace('"sha256": "', '"sha256": "0'), "should match pattern"),
        (lambda t: re.sub('"sha256": "[0-9a-f]+"', f'"sha256": "{"a" * 64}"', t), "copy of the"),
        (lambda t: t.replace('"build": {', '"bulid": {', 1), "unknown action 'bulid'"),
        (lambda t: t.replace('"seed": 3', '"seed": -3'), "greater than or equal to 0"),
        (lambda t: "", "not valid JSON"),
    ],
)
def test_broken_save_files_get_one_clear_message(tmp_path, mangle, message):
    path = tmp_path / "game.json"
    savefile.save(_play(4), "crm-rollout", path)
    path.write_text(mangle(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError) as info:
        savefile.restore(path)
    [diagnostic] = info.value.diagnostics
    assert str(diagnostic).startswith(f"{path}:") and message in str(diagnostic)


def test_a_hand_edited_illegal_plan_is_refused(tmp_path):
    path = tmp_path / "game.json"
    savefile.save(_play(2), "crm-rollout", path)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["plans"][1]["build"] = {"pipeline": 99.0}
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(InputError, match=r"turn 2: .*capacity"):
        savefile.restore(path)
