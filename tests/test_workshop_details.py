"""Workshop mode's details (issue 12): the clock stands while a facilitator dialog is open,
a short timer warns at the right time, no second round on a team's laptop, an unattended
autoplay closes at the debrief, and a laptop without sound prints no driver noise."""

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.cli.main import main
from game.session.workshop import WARN_SECONDS, Workshop, warn_seconds
from game.ui.widgets.clock import warning
from tests.helpers.ui_driver import button_named, click, key, make_app, pump
from tests.helpers.workshop import CTRL_SHIFT, workshop_app


def test_the_clock_stands_while_a_facilitator_dialog_is_open(tmp_path: Path) -> None:
    app, clock = workshop_app(tmp_path, timer=60.0)
    clock.now += 10
    key(app, pygame.K_e, CTRL_SHIFT)  # the facilitator looks for an event to fire
    assert app.top.name == "facilitator" and app.workshop.held
    clock.now += 300  # they take their time: the team loses none of it
    pump(app)
    assert app.top.name == "facilitator" and app.workshop.left() == 50
    key(app, pygame.K_ESCAPE)  # cancelled: the clock runs on from where it stood
    assert app.top.name == "turn" and not app.workshop.held
    clock.now += 5
    pump(app)
    assert app.workshop.left() == 45


def test_the_clock_also_stands_for_a_confirmed_choice_and_the_pause_survives_it(
    tmp_path: Path,
) -> None:
    app, clock = workshop_app(tmp_path, timer=60.0)
    key(app, pygame.K_p, CTRL_SHIFT)
    clock.now += 100
    key(app, pygame.K_RETURN)  # paused: the dialog closes, the pause holds the clock
    clock.now += 100
    pump(app)
    assert app.top.name == "turn" and app.workshop.paused and app.workshop.left() == 60
    key(app, pygame.K_p, CTRL_SHIFT)
    clock.now += 100
    key(app, pygame.K_RETURN)  # resumed
    clock.now += 20
    pump(app)
    assert not app.workshop.paused and app.workshop.left() == 40


@pytest.mark.parametrize(
    ("timer", "warned_at"), [(180.0, 30.0), (60.0, 30.0), (45.0, 22.0), (20.0, 10.0), (1.0, 0.0)]
)
def test_a_short_timer_warns_halfway_not_at_once(timer: float, warned_at: float) -> None:
    now = [0.0]
    workshop = Workshop(timer, Path("results"), clock=lambda: now[0])
    workshop.start_turn()
    assert warn_seconds(timer) == warned_at == workshop.warn_seconds
    assert workshop.check() == ""  # never at the start of a turn
    now[0] = timer - warned_at - 0.5
    assert workshop.check() == ""
    now[0] = timer - warned_at
    assert workshop.check() == ("warn" if warned_at > 0 else "expired")
    now[0] = timer
    assert workshop.check() == "expired"


def test_the_warning_names_the_time_really_left() -> None:
    assert "10 seconds left" in warning("week", warn_seconds(20.0))
    assert f"{WARN_SECONDS:.0f} seconds left" in warning("week")


def test_a_short_timer_in_the_real_app_warns_only_when_half_is_gone(tmp_path: Path) -> None:
    app, clock = workshop_app(tmp_path, timer=20.0)
    turn = app.top
    pump(app)
    assert "seconds left" not in turn.message
    clock.now += 10
    pump(app)
    assert app.top is turn and "seconds left" in turn.message
    clock.now += 10
    pump(app)
    assert app.top.name == "report"


def _finish_round(app) -> None:  # type: ignore[no-untyped-def]
    from game.policies import POLICIES
    from game.ui import flow

    game = app.game
    while not game.session.done:
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    flow.show_current_turn(app)
    assert app.top.name == "debrief"


def test_play_again_is_off_in_a_workshop_debrief_but_not_at_home(tmp_path: Path) -> None:
    app, _ = workshop_app(tmp_path, timer=None)
    _finish_round(app)
    assert not button_named(app, "Play again").is_enabled
    assert not app.top.replay_button.is_enabled
    click(app, button_named(app, "Play again"))
    assert app.top.name == "debrief"

    home = make_app(scenario="tutorial", seed=3)
    key(home, pygame.K_RETURN)
    _finish_round(home)
    assert button_named(home, "Play again").is_enabled


def test_autoplay_closes_the_window_at_the_debrief_when_asked(tmp_path: Path) -> None:
    app = make_app(
        scenario="tutorial", seed=5, team="Blue", workshop=True, results_dir=tmp_path,
        autoplay="balanced", pace=0.0, exit_at_debrief=True,
    )  # fmt: skip
    for _ in range(600):
        pump(app, 1)
        if not app.running:
            break
    assert not app.running and app.top.name == "debrief"
    assert [p.name for p in tmp_path.glob("*.json")] == ["tutorial-Blue-seed5.json"]


def test_without_being_asked_autoplay_stays_at_the_debrief() -> None:
    app = make_app(scenario="tutorial", seed=5, autoplay="balanced", pace=0.0)
    for _ in range(400):
        pump(app, 1)
        if app.top.name == "debrief":
            break
    pump(app, 10)
    assert app.running and app.top.name == "debrief"


def test_exit_at_debrief_needs_autoplay(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--exit-at-debrief"]) == 2
    assert "--exit-at-debrief is for --autoplay rounds" in capsys.readouterr().err


def test_the_sound_drivers_noise_is_silenced_and_later_errors_still_show() -> None:
    """What ALSA prints on a laptop without a sound card goes straight to descriptor 2,
    past Python: that is what must be kept off the facilitator's terminal."""
    code = (
        "import os, sys\n"
        "from game.ui.art.sound import Sounds, _quiet_native_stderr\n"
        "with _quiet_native_stderr():\n"
        "    os.write(2, b'ALSA lib pcm.c: Unknown PCM default\\n')\n"
        "Sounds(enabled=True)\n"  # the real driver, whatever this machine has
        "print('a real error', file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "a real error"
