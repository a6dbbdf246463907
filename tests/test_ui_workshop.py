"""Workshop mode: the turn timer, the facilitator's keys with their confirm step, results."""

from pathlib import Path

import pygame
import pytest

from game.cli.main import main
from game.cli.play_cmd import workshop_seed
from game.session.results import load_results
from tests.helpers.ui_driver import button_named, click, key, pump
from tests.helpers.workshop import CTRL_SHIFT, workshop_app


def test_the_timer_warns_then_ends_the_week_with_the_plan_as_it_stands(tmp_path: Path) -> None:
    app, clock = workshop_app(tmp_path)
    turn = app.top
    key(app, pygame.K_RIGHT)  # one point on the first build row
    planned = turn.planner.plan.copy()
    clock.now += 31
    pump(app)
    assert app.top is turn and "30 seconds left" in turn.message
    clock.now += 30
    pump(app)
    assert app.top.name == "report"
    assert (app.game.session.plans[0] == planned).all()


def test_pause_and_one_more_minute_need_a_confirmation(tmp_path: Path) -> None:
    app, clock = workshop_app(tmp_path)
    key(app, pygame.K_t, CTRL_SHIFT)
    assert app.top.name == "facilitator"
    key(app, pygame.K_ESCAPE)  # cancelled: nothing changes
    assert app.top.name == "turn" and app.workshop.left() == 60
    key(app, pygame.K_t, CTRL_SHIFT)
    key(app, pygame.K_RETURN)
    assert app.workshop.left() == 120
    key(app, pygame.K_p, CTRL_SHIFT)
    key(app, pygame.K_RETURN)
    clock.now += 500
    pump(app)
    assert app.top.name == "turn" and app.workshop.paused and app.workshop.left() == 120


def test_the_facilitator_fires_a_manual_event_for_this_week(tmp_path: Path) -> None:
    app, _ = workshop_app(tmp_path)
    scenario = app.game.session.scenario
    manual = next(k for k, e in enumerate(scenario.events) if e.trigger.manual)
    key(app, pygame.K_e, CTRL_SHIFT)
    click(app, button_named(app, scenario.events[manual].title))
    click(app, button_named(app, "Confirm"))
    assert app.top.name == "turn" and app.workshop.pending_events == [manual]
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # an empty plan: confirmed with the second Enter
    assert app.top.name == "report"
    assert app.game.session.logs[0].events[0, manual]
    assert app.game.session.fired_by_hand == [[manual]]


def has_button(app, text: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        button_named(app, text)
    except AssertionError:
        return False
    return True


def test_the_facilitator_unlocks_their_eyes_for_a_second_round(tmp_path: Path) -> None:
    app, _ = workshop_app(tmp_path)
    turn = app.top
    assert not has_button(app, "Their eyes")
    key(app, pygame.K_v)  # a team's key does nothing while it is locked
    assert app.top is turn
    key(app, pygame.K_v, CTRL_SHIFT)
    assert app.top.name == "facilitator"
    key(app, pygame.K_RETURN)
    assert app.top is turn and app.workshop.their_eyes and has_button(app, "Their eyes")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # an empty week, confirmed
    key(app, pygame.K_RETURN)  # the report: on to week 2
    assert app.top.name == "turn"
    person = app.top.person
    click(app, button_named(app, "Their eyes"))
    eyes = app.top
    assert eyes.name == "eyes" and eyes.person == person
    assert [len(p.weeks) for p in eyes.people] == [1] * len(eyes.people)  # the week so far
    click(app, button_named(app, "Back to the plan"))
    assert app.top.name == "turn"
    key(app, pygame.K_v, CTRL_SHIFT)
    key(app, pygame.K_RETURN)  # locked again
    assert not app.workshop.their_eyes and not has_button(app, "Their eyes")
    key(app, pygame.K_v)
    assert app.top.name == "turn"


def test_a_round_started_with_their_eyes_shows_them_and_the_timer_calls_the_team_back(
    tmp_path: Path,
) -> None:
    app, clock = workshop_app(tmp_path, their_eyes=True)
    turn = app.top
    key(app, pygame.K_v)
    assert app.top.name == "eyes"
    clock.now += 31  # the last 30 seconds are for deciding, on the plan
    pump(app)
    assert app.top is turn and "30 seconds left" in turn.message


def test_each_team_leaves_one_result_file_and_cannot_replay(tmp_path: Path) -> None:
    for team in ("Blue", "Blue"):
        app, _ = workshop_app(tmp_path, team, timer=None)
        game = app.game
        from game.policies import POLICIES
        from game.ui import flow

        while not game.session.done:
            game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
        flow.show_current_turn(app)
        assert app.top.name == "debrief"
        assert "Result saved for the facilitator" in app.top.message
        assert not app.top.replay_button.is_enabled
    results = load_results(tmp_path / "results")
    assert [r.team for r in results] == ["Blue", "Blue"]
    assert len({r.path for r in results}) == 2


def test_every_team_gets_the_same_seed_by_default() -> None:
    """Each laptop is its own process: the default seed must not depend on the process
    (Python's hash() of a string does, unless PYTHONHASHSEED is fixed)."""
    import subprocess
    import sys

    code = "from game.cli.play_cmd import workshop_seed; print(workshop_seed('crm-rollout'))"
    seeds = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": str(k)},
        ).stdout.strip()
        for k in (1, 2)
    }  # fmt: skip
    assert seeds == {str(workshop_seed("crm-rollout"))}
    assert workshop_seed("crm-rollout") != workshop_seed("tutorial")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["play", "--workshop", "--scenario", "tutorial"],
            "--workshop needs --scenario and --team",
        ),
        (["play", "--turn-timer", "60"], "--turn-timer is for --workshop rounds"),
        (["play", "--their-eyes"], "--their-eyes is for --workshop rounds"),
    ],
)
def test_workshop_arguments_are_checked(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err
