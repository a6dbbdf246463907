"""A new round from the command line sets the autosave's unfinished round aside (the
title asks first; a command cannot): it says where the round went, before the window."""

import pytest

from game.cli import play_cmd
from game.local import paths
from game.policies import POLICIES
from game.session.game_run import GameRun


def _saved_round(weeks: int | None) -> None:
    """An autosaved tutorial round after `weeks` weeks (None: played to the end)."""
    run = GameRun.start("tutorial", 3, "Blue", paths.autosave_path())
    session = run.session
    while not session.done and (weeks is None or len(session.logs) < weeks):
        run.play(POLICIES["balanced"](session.observe(), session.params)[0])


def test_an_unfinished_round_is_said_to_be_set_aside(capsys: pytest.CaptureFixture[str]) -> None:
    _saved_round(2)
    play_cmd._tell_set_aside()
    said = capsys.readouterr().out
    assert "unfinished round is set aside" in said and "autosave-previous-N.json" in said
    assert str(paths.data_dir()) in said and "--resume" in said


@pytest.mark.parametrize("weeks", [None, 0], ids=["finished", "no-save"])
def test_nothing_is_said_of_a_finished_round_or_no_save(
    weeks: int | None, capsys: pytest.CaptureFixture[str]
) -> None:
    if weeks is None:
        _saved_round(None)
    play_cmd._tell_set_aside()
    assert capsys.readouterr().out == ""
