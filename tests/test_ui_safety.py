"""Nothing a team did is lost: a second round, a replayed command, a restart, a USB stick."""

import errno
import os
from pathlib import Path

import pygame
import pytest

from game.local import paths
from game.policies import POLICIES
from game.session.game_run import GameRun
from game.session.results import already_written, write_result
from game.session.session import Session
from game.ui import flow
from tests.helpers.scenarios import loaded
from tests.helpers.ui_driver import button_named, click, key, make_app


def _play(run: GameRun, weeks: int) -> None:
    for _ in range(weeks):
        run.play(POLICIES["balanced"](run.session.observe(), run.session.params)[0])


def test_a_new_round_moves_an_unfinished_one_aside() -> None:
    first = GameRun.start("tutorial", 3, "Blue", paths.autosave_path())
    _play(first, 3)
    GameRun.start("crm-rollout", 4, "Red", paths.autosave_path())
    kept = paths.autosave_path().with_name("autosave-previous-1.json")
    assert GameRun.resume(kept).session.turn == 3
    assert GameRun.resume(paths.autosave_path()).session.team == "Red"


def test_the_workshop_command_run_again_resumes_the_same_round(tmp_path: Path) -> None:
    options = {"scenario": "tutorial", "seed": 5, "team": "Blue", "workshop": True}
    app = make_app(**options, results_dir=tmp_path)
    _play(app.game, 2)
    again = make_app(**options, results_dir=tmp_path)  # the laptop crashed; same command
    assert again.top.name == "turn" and again.game.session.turn == 2


def test_a_finished_round_resumed_does_not_add_the_team_twice(tmp_path: Path) -> None:
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, 2, team="Blue")
    session.round_id = "abc"
    while not session.done:
        session.play(POLICIES["balanced"](session.observe(), params)[0])
    path = write_result(tmp_path, session, "tutorial", {})
    assert already_written(tmp_path, session, "tutorial") == path
    other = Session(scenario, params, 2, team="Blue")
    other.round_id = "def"
    other.replay_plans(session.plans)
    assert already_written(tmp_path, other, "tutorial") is None  # another team called Blue


def test_results_on_a_file_system_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, 2, team="Blue")
    session.play(POLICIES["balanced"](session.observe(), params)[0])
    first = write_result(tmp_path, session, "tutorial", {})
    second = write_result(tmp_path, session, "tutorial", {})
    assert first.read_text(encoding="utf-8").endswith("}\n") and second.name.endswith("-2.json")
    assert not list(tmp_path.glob(".*"))


def test_restart_needs_a_second_press() -> None:
    app = make_app(scenario="tutorial", seed=2)
    key(app, pygame.K_RETURN)
    _play(app.game, 2)
    flow.show_current_turn(app)
    key(app, pygame.K_ESCAPE)
    click(app, button_named(app, "Restart"))
    assert app.top.name == "pause" and app.game.session.turn == 2
    click(app, button_named(app, "Press again"))
    assert app.top.name == "turn" and app.game.session.turn == 0


def test_a_disk_that_refuses_does_not_stop_the_round(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(scenario="tutorial", seed=2)
    key(app, pygame.K_RETURN)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("game.session.savefile.save", full)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # an empty week, confirmed
    assert app.top.name == "report" and app.game.session.turn == 1
    assert "No space left" in app.game.save_error
