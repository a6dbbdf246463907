"""`play --screenshot DIR` in a real process: a seeded round, a PNG of every screen, then exit."""

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).parents[1]
EXPECTED = [
    "title", "briefing", "turn", "tips", "news", "report", "debrief", "charts", "eyes", "help",
    "pause", "briefing-again", "settings",
]  # fmt: skip


@pytest.mark.slow
def test_screenshot_mode_saves_every_screen_and_exits(tmp_path: Path) -> None:
    env = {**os.environ, "ODD_DUCK_HOME": str(tmp_path / "home")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    shots = tmp_path / "shots"
    command = ["play", "--screenshot", str(shots), "--scenario", "tutorial", "--seed", "4"]
    done = subprocess.run(
        [sys.executable, "run_game.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert [n.split("-", 1)[1].removesuffix(".png") for n in names] == EXPECTED
    for path in shots.glob("*.png"):
        image = pygame.image.load(str(path))
        assert image.get_size() == (1280, 720)
        # A real screen, not a blank one: many distinct colours.
        colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 16) for y in range(0, 720, 16)}
        assert len(colours) > 30, path.name
