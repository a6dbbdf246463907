"""Replaying a finished round keeps it: its save, and its score beside the new attempt's."""

from pathlib import Path

from game.model import outcome
from game.policies import POLICIES
from game.session import savefile
from game.session.game_run import GameRun
from game.ui import flow
from tests.helpers.ui_driver import make_app


def _finish(run: GameRun) -> None:
    params = run.session.params
    while not run.session.done:
        run.play(POLICIES["balanced"](run.session.observe(), params)[0])


def test_a_replay_keeps_the_finished_round_and_its_score(tmp_path: Path) -> None:
    autosave = tmp_path / "autosave.json"
    first = GameRun.start("tutorial", 5, "Blue", autosave)
    _finish(first)
    finished = outcome(first.session.state, first.session.params)
    finished_bytes = autosave.read_bytes()

    second = first.branch(3)
    assert (tmp_path / "autosave-finished-1.json").read_bytes() == finished_bytes
    [attempt] = second.attempts
    assert attempt.score == float(finished.score[0]) and attempt.replayed_from == 3
    assert second.session.turn == 3 and not second.session.done

    # The attempt travels with the round through the autosave, and a second replay adds one.
    back = GameRun.resume(autosave)
    assert back.attempts == second.attempts
    _finish(back)
    third = back.branch(0)
    assert len(third.attempts) == 2 and (tmp_path / "autosave-finished-2.json").exists()
    assert savefile.restore(autosave).attempts == third.attempts


def test_the_debrief_sets_the_earlier_attempt_beside_the_fixed_strategies() -> None:
    app = make_app(scenario="tutorial", seed=5, team="Blue")
    _finish(app.game)
    flow.show_current_turn(app)
    assert app.top.name == "debrief"
    app.top.replay_turn = 2
    app.top.replay()
    _finish(app.game)
    flow.show_current_turn(app)
    names = [name for name, _, _ in app.top.rows]
    assert names[-1] == "Your try 1"
    assert len(names) == len(app.top.others) + 1


def test_a_new_round_keeps_a_finished_round_s_save(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ODD_DUCK_HOME", str(tmp_path))
    app = make_app(scenario="tutorial", seed=5, team="Blue")
    _finish(app.game)
    finished_bytes = (tmp_path / "autosave.json").read_bytes()

    flow.start_game(app, "tutorial", 6, "Green")

    assert (tmp_path / "autosave-finished-1.json").read_bytes() == finished_bytes
    assert savefile.restore(tmp_path / "autosave.json").session.seed == 6
    flow.start_game(app, "tutorial", 7, "Green")  # an unfinished round: kept as before
    assert (tmp_path / "autosave-previous-1.json").exists()
    assert not (tmp_path / "autosave-finished-2.json").exists()


def test_a_finished_round_started_over_from_the_command_line_is_kept(tmp_path: Path) -> None:
    autosave = tmp_path / "autosave.json"
    (tmp_path / "autosave-finished-1.json").write_text("an earlier replay's", encoding="utf-8")
    first = GameRun.start("tutorial", 5, "Blue", autosave)
    _finish(first)
    finished_bytes = autosave.read_bytes()

    GameRun.start("tutorial", 5, "Blue", autosave)  # the same command again, next morning

    assert (tmp_path / "autosave-finished-2.json").read_bytes() == finished_bytes
    assert not savefile.restore(autosave).session.done
