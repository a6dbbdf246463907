"""The plan a team is making is saved with the round: a crash mid-plan loses at most half a
second of it, and Continue brings it back (playtest 11 lost a week's plan to a kill -9)."""

import json

import numpy as np
import pygame

from game.local import paths
from game.session import savefile
from tests.helpers.ui_driver import button_named, click, key, make_app, pump, turn_after


def _planned_on_screen() -> np.ndarray:
    app = turn_after(make_app(), 2)
    for _ in range(3):
        key(app, pygame.K_RIGHT)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)
    plan = app.top.planner.plan.copy()
    assert plan.sum() > 0
    pump(app, 40)  # two thirds of a second: the autosave has it (the app is then dropped)
    return plan


def test_the_plan_being_made_is_in_the_autosave_soon_after_a_change() -> None:
    plan = _planned_on_screen()
    restored = savefile.restore(paths.autosave_path())
    assert restored.draft is not None
    assert np.array_equal(restored.draft, plan)
    assert len(restored.session.logs) == 2


def test_continue_brings_back_the_plan_being_made_and_says_so() -> None:
    plan = _planned_on_screen()
    app = make_app()
    click(app, button_named(app, "Continue"))
    pump(app)
    assert app.top.name == "turn"
    assert np.array_equal(app.top.planner.plan, plan)
    assert "The plan you were making for week 3 is back" in app.top.message
    # Undo goes back to the empty plan the week started with.
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert not app.top.planner.plan.any()


def test_ending_the_week_clears_the_saved_plan() -> None:
    app = turn_after(make_app(), 2)
    key(app, pygame.K_RIGHT)
    pump(app, 40)
    assert json.loads(paths.autosave_path().read_text())["draft"]
    app.top.end_week(confirmed=True)
    assert json.loads(paths.autosave_path().read_text())["draft"] == {}


def test_a_saved_plan_the_rules_no_longer_allow_is_left_out_with_a_note() -> None:
    _planned_on_screen()
    path = paths.autosave_path()
    record = json.loads(path.read_text())
    record["draft"] = {"check_in": {"dana": 999.0}}
    path.write_text(json.dumps(record))
    restored = savefile.restore(path)
    assert restored.draft is None
    assert len(restored.session.logs) == 2
    assert any("the plan being made for week 3 was left out" in n for n in restored.notes)
