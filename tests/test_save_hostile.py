"""Saves that were damaged, hand-edited, or outlived their scenario file: never a lost round.

Every case ends one of two ways: the round is restored exactly, or one clear message
names the file, and the file is still there, untouched.
"""

import json
import os
import shutil
import stat
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import RULES_VERSION
from game.policies import POLICIES
from game.scenario.errors import InputError
from game.scenario.loader import shipped_dir
from game.session import savefile
from game.session.game_run import GameRun, keep_aside
from game.session.session import Session
from tests.helpers.scenarios import loaded


def _play(turns: int, scenario_ref: str = "crm-rollout") -> Session:
    scenario, params = loaded("crm-rollout")
    session = Session(scenario, params, seed=11, game_id=2, team="Green")
    while session.turn < turns:
        session.play(POLICIES["balanced"](session.observe(), params)[0])
    return session


def _same_state(a: Session, b: Session) -> None:
    assert a.turn == b.turn and a.plans and len(a.plans) == len(b.plans)
    for f in fields(a.state):
        assert np.array_equal(getattr(a.state, f.name), getattr(b.state, f.name)), f.name


@pytest.fixture
def own_scenario(tmp_path: Path) -> Path:
    """crm-rollout as a facilitator's own file, which they may edit mid-workshop."""
    path = tmp_path / "ours.yaml"
    shutil.copy(shipped_dir() / "crm-rollout.yaml", path)
    return path


def _saved(tmp_path: Path, ref: str, turns: int = 5) -> tuple[Session, Path]:
    session = _play(turns)
    path = tmp_path / "autosave.json"
    savefile.save(session, ref, path)
    return session, path


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda p: p.write_text(p.read_text().replace("capacity: 15", "capacity: 12")), "changed"),
        (lambda p: p.unlink(), "no longer"),
        (lambda p: p.write_text(p.read_text() + "\nnot: [valid\n"), "no longer"),
        (lambda p: p.write_bytes(p.read_bytes().replace(b"title:", b"\x0btitle:")), "no longer"),
    ],
    ids=["edited", "deleted", "broken", "control-character"],
)
def test_a_round_outlives_its_scenario_file(tmp_path, own_scenario, change, why):
    session, path = _saved(tmp_path, str(own_scenario))
    change(own_scenario)
    back = savefile.restore(path)
    _same_state(session, back.session)
    [note] = back.notes
    assert why in note and "goes on unchanged" in note


def test_an_old_save_without_a_scenario_copy_says_what_to_restore(tmp_path, own_scenario):
    _, path = _saved(tmp_path, str(own_scenario))
    record = json.loads(path.read_text())
    record["version"] = 1
    del record["scenario"]["content"], record["rules"]
    path.write_text(json.dumps(record))
    own_scenario.write_text(own_scenario.read_text().replace("capacity: 15", "capacity: 12"))
    with pytest.raises(InputError, match="has changed since this game was saved"):
        savefile.restore(path)
    own_scenario.unlink()
    with pytest.raises(InputError, match="kept no copy of the scenario"):
        savefile.restore(path)


def test_a_save_from_other_rules_is_replayed_and_says_so(tmp_path, monkeypatch):
    session, path = _saved(tmp_path, "crm-rollout")
    monkeypatch.setattr(savefile, "RULES_VERSION", 99)
    back = savefile.restore(path)
    _same_state(session, back.session)
    [note] = back.notes
    assert f"rules version {RULES_VERSION}" in note and "rules version 99" in note


def test_a_plan_the_new_rules_refuse_is_refused_clearly(tmp_path, monkeypatch):
    _, path = _saved(tmp_path, "crm-rollout")
    record = json.loads(path.read_text())
    record["plans"][2]["build"] = {"pipeline": 99.0}
    path.write_text(json.dumps(record))
    monkeypatch.setattr(savefile, "RULES_VERSION", 99)
    with pytest.raises(InputError, match=r"turn 3: .*cannot replay: start again"):
        savefile.restore(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 200_000, "nest 200000 levels deep"),
        ('{"format": "odd-duck-save", "version": 7}', "newer version of the game"),
        ('{"format": "odd-duck-save", "seed": NaN}', "not a number JSON allows"),
        ('{"format": "odd-duck-save", "team": "B\\ud800"}', "half a character"),
    ],
)
def test_hostile_save_texts_get_one_message(tmp_path, text, message):
    path = tmp_path / "autosave.json"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as info:
        savefile.restore(path)
    assert len(info.value.diagnostics) == 1


def test_a_save_that_is_not_a_regular_file_is_not_read(tmp_path):
    path = tmp_path / "autosave.json"
    path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        savefile.restore(path)


def test_an_unreadable_autosave_is_kept_aside_never_overwritten(tmp_path):
    _, path = _saved(tmp_path, "crm-rollout")
    damaged = path.read_bytes()[:-200]
    path.write_bytes(damaged)
    run = GameRun.start("crm-rollout", 4, "Red", path)
    kept = tmp_path / "autosave-unreadable-1.json"
    assert kept.read_bytes() == damaged
    assert savefile.restore(path).session.team == "Red" and run.session.turn == 0
    # A second damaged save goes beside the first, not over it.
    path.write_bytes(b"{")
    assert keep_aside(path) == tmp_path / "autosave-unreadable-2.json"
    assert kept.read_bytes() == damaged and not path.exists()


def test_saves_are_readable_by_others_like_any_file(tmp_path):
    old = os.umask(0o022)
    try:
        _, path = _saved(tmp_path, "crm-rollout", turns=1)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# --- fuzz: truncate, flip, retype, nest ---------------------------------------------------
_SESSION = _play(4)
_ORIGINAL = json.dumps(savefile.to_record(_SESSION, "crm-rollout"), indent=1)


def _paths(value, prefix=()):
    """Every key path in a JSON value (skipping the bulky scenario copy's insides)."""
    yield prefix
    if prefix[:2] == ("scenario", "content") and len(prefix) >= 3:
        return
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, child in items:
        yield from _paths(child, (*prefix, key))


_KEY_PATHS = [p for p in _paths(json.loads(_ORIGINAL)) if p]
_ODD_VALUES = st.sampled_from(
    [
        None,
        "",
        "soon",
        -1,
        0,
        1e308,
        -1e9,
        2**70,
        [],
        {},
        [[[[1]]]],
        {"a": {"b": {}}},
        True,
        "\u202e",
    ]
)


@st.composite
def _damaged(draw):
    kind = draw(st.sampled_from(["truncate", "flip", "retype", "nest"]))
    text = _ORIGINAL
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text) - 1))]
    if kind == "flip":
        raw = bytearray(text.encode())
        at = draw(st.integers(0, len(raw) - 1))
        raw[at] ^= 1 << draw(st.integers(0, 7))
        return bytes(raw)
    record = json.loads(text)
    path = draw(st.sampled_from(_KEY_PATHS))
    parent = record
    for key in path[:-1]:
        parent = parent[key]
    new = draw(_ODD_VALUES) if kind == "retype" else [[[[[[parent[path[-1]]]]]]]]
    parent[path[-1]] = new
    return json.dumps(record)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_damaged())
def test_fuzzed_saves_restore_exactly_or_say_why(tmp_path, damaged):
    path = tmp_path / "autosave.json"
    data = damaged if isinstance(damaged, bytes) else damaged.encode()
    path.write_bytes(data)
    try:
        back = savefile.restore(path)
    except InputError as exc:
        assert len(exc.diagnostics) == 1 and str(exc).startswith(str(path))
    else:
        # Whatever survived the damage is a round the model could have played.
        assert back.session.turn <= _SESSION.turn
    assert path.read_bytes() == data
