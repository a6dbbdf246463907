"""`debrief --show`: the projector view steps through every slide and closes on Esc."""

from pathlib import Path

import numpy as np
import pygame
import pytest

from game.policies import POLICIES
from game.session.results import load_results, write_result
from game.session.session import Session
from game.ui.team_debrief import TeamDebriefView, show
from tests.helpers.scenarios import loaded

TEAMS = {"Blue": "balanced", "Red": "delivery_first", "Green": "relationship_first"}


def _results(folder: Path) -> list:  # type: ignore[type-arg]
    scenario, params = loaded("tutorial")
    for team, policy in TEAMS.items():
        session = Session(scenario, params, 12, team=team)
        while not session.done:
            session.play(POLICIES[policy](session.observe(), params)[0])
        write_result(folder, session, "tutorial", {})
    return load_results(folder)


@pytest.mark.slow
def test_every_slide_draws_something(tmp_path: Path) -> None:
    results = _results(tmp_path)
    surface = pygame.display.set_mode((1280, 720))
    view = TeamDebriefView(results, surface.get_size())
    kinds = [slide.kind for slide in view.slides]
    assert kinds[0] == "leaderboard" and kinds[-1] == "questions" and "chart" in kinds
    for k in range(len(view.slides)):
        assert view.index == k
        view.draw(surface)
        pixels = pygame.surfarray.array3d(surface)[:, 100:660]
        assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 40, view.slide.title
        view.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0))
    assert view.index == len(view.slides) - 1  # stays on the last slide
    assert not view.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0))


def test_the_real_loop_steps_and_closes(tmp_path: Path) -> None:
    results = _results(tmp_path)
    pygame.display.init()
    for _ in range(3):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0))
    assert show(results, (1280, 720)) == 0


def test_the_show_ends_on_ctrl_c_with_nothing_happening(tmp_path: Path) -> None:
    """Facilitator review: with no key pressed, the slide show ignored Ctrl+C and SIGTERM
    (it slept in the event queue). It wakes now and then, and ends on either."""
    import os
    import signal
    import subprocess
    import sys
    import time

    _results(tmp_path)
    root = Path(__file__).parents[1]
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["ODD_DUCK_HOME"] = str(tmp_path / "home")
    command = [sys.executable, "run_game.py", "debrief", str(tmp_path), "--show"]
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen(command, cwd=root, env=env, stderr=subprocess.PIPE, text=True)
        time.sleep(3)  # the show is up (or still starting: the signal must end it either way)
        proc.send_signal(sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"the show did not end on {sig.name}")
        assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")
