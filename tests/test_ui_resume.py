"""Nothing a player did is lost: kill the game mid-round, and Continue resumes exactly there."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.cli.main import main
from game.local import paths
from game.policies import POLICIES
from game.scenario.loader import load
from game.session.session import Session
from tests.helpers.ui_driver import key, make_app

ROOT = Path(__file__).parents[1]


def _saved_plans(path: Path) -> int:
    try:
        return len(json.loads(path.read_text(encoding="utf-8"))["plans"])
    except (OSError, ValueError, KeyError):
        return -1  # not there yet


def test_resume_after_the_process_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "ODD_DUCK_HOME": str(home),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    command = [sys.executable, "run_game.py", "play", "--scenario", "tutorial", "--seed", "5",
               "--team", "Blue", "--autoplay", "balanced", "--pace", "0.05"]  # fmt: skip
    game = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    autosave = home / "autosave.json"
    try:
        deadline = time.monotonic() + 120
        while _saved_plans(autosave) < 3 and time.monotonic() < deadline and game.poll() is None:
            time.sleep(0.01)
    finally:
        game.kill()  # no chance to save on the way out: only the per-turn autosave counts
        game.wait()
    played = _saved_plans(autosave)
    assert played >= 3, "the autosave never showed three played weeks"

    monkeypatch.setenv("ODD_DUCK_HOME", str(home))
    assert paths.autosave_path() == autosave
    # The title after the crash still knows the team: Continue or a new round keeps it.
    title = make_app()
    assert title.top.name == "title" and title.top.team_entry.get_text() == "Blue"
    app = make_app(resume=True)
    assert app.top.name in ("turn", "debrief")
    session = app.game.session
    assert session.turn == played and session.team == "Blue" and session.seed == 5

    # The resumed state is the one the same plans produce when played headless.
    scenario, params = load("tutorial")
    reference = Session(scenario, params, 5)
    for _ in range(played):
        reference.play(POLICIES["balanced"](reference.observe(), params)[0])
    for name in ("trust", "correct", "hidden", "status", "budget_spent", "key"):
        assert np.array_equal(getattr(session.state, name), getattr(reference.state, name)), name

    # And the round goes on from there.
    if app.top.name == "turn":
        key(app, pygame.K_RETURN)  # an empty plan: the first Enter warns, the second plays it
        key(app, pygame.K_RETURN)
        assert app.top.name == "report" and session.turn == played + 1
        assert _saved_plans(autosave) == played + 1


def test_continue_without_a_save_stays_on_the_title() -> None:
    app = make_app(resume=True)
    assert app.top.name == "title"


def test_a_damaged_autosave_is_reported_on_the_title() -> None:
    path = paths.autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "odd-duck-save", "version": 1', encoding="utf-8")
    app = make_app(resume=True)
    assert app.top.name == "title"
    assert "autosave.json" in app.resume_error and "not valid JSON" in app.resume_error


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["play", "--autoplay", "nobody"], "unknown policy 'nobody'"),
        (["play", "--scenario", "no-such-scenario"], "unknown scenario 'no-such-scenario'"),
        (["play", "--resume", "--scenario", "tutorial"], "--resume continues the saved round"),
    ],
)
def test_play_rejects_bad_arguments_before_opening_a_window(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_play_rejects_a_bad_window_size(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["play", "--window", "640x480"])
    assert exit_info.value.code == 2
    assert "outside 1024x600" in capsys.readouterr().err


def test_play_reports_an_invalid_scenario_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitel: typo\n", encoding="utf-8")
    assert main(["play", "--scenario", str(bad)]) == 2
    assert "titel: unknown key" in capsys.readouterr().err


def test_no_window_possible_is_one_clear_message(tmp_path: Path) -> None:
    env = {**os.environ, "ODD_DUCK_HOME": str(tmp_path), "SDL_VIDEODRIVER": "no-such-driver"}
    done = subprocess.run(
        [sys.executable, "run_game.py", "play", "--scenario", "tutorial"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot open the game window" in done.stderr and "Traceback" not in done.stderr


def test_an_unreadable_autosave_is_explained_and_kept_when_a_round_starts() -> None:
    path = paths.autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    damaged = b'{"format": "odd-duck-save", "plans": [[[[['
    path.write_bytes(damaged)
    app = make_app()
    title = app.top
    assert title.name == "title" and "cannot be continued" in title.message
    assert "autosave-unreadable-N.json" in title.message
    title.start()
    assert app.top.name == "briefing"
    assert (path.parent / "autosave-unreadable-1.json").read_bytes() == damaged
    assert json.loads(path.read_text(encoding="utf-8"))["plans"] == []


def test_a_round_whose_scenario_file_changed_goes_on_and_says_so(tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    scenario, params = load(ours)
    session = Session(scenario, params, 5, team="Blue")
    for _ in range(2):
        session.play(POLICIES["balanced"](session.observe(), params)[0])
    from game.session import savefile

    savefile.save(session, str(ours), paths.autosave_path())
    ours.write_text(ours.read_text(encoding="utf-8").replace("title:", "title: Edited", 1))

    title = make_app().top
    assert "About the saved round" in title.message and "changed after" in title.message
    app = make_app(resume=True)
    assert app.top.name == "turn" and app.game.session.turn == 2
    assert "goes on unchanged" in app.top.message
