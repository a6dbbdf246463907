"""Build the wheel, install it into a fresh venv (not editable) and play it from elsewhere.

    python tools/check_wheel.py [--keep]        (or `make check-wheel`; CI runs it)

An installed copy must find its scenarios, theme, art and schema without the checkout, so
this builds from a copy of only what the wheel is made of (pyproject.toml, README.md,
game/), checks the wheel holds every file under game/, installs it with constraints.txt
into a new venv, and from an empty folder outside the checkout runs `odd-duck scenarios`,
`simulate`, `new-scenario` and a headless `play --screenshot` (SDL dummy drivers). Exit
status 0 when every step passes, 1 with the failing step's output otherwise.
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
HEADLESS = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "MPLBACKEND": "Agg"}
SHOTS = 3  # at least the title, the briefing and a turn
# Run by the installed interpreter: pygame must be pygame-ce, with no plain pygame beside it.
PROBE = """
import importlib.metadata as metadata
import pygame
import game
assert getattr(pygame, "IS_CE", False), "the pygame module is not pygame-ce"
try:
    metadata.distribution("pygame")
except metadata.PackageNotFoundError:
    print(game.__file__)
else:
    raise SystemExit("plain pygame is installed beside pygame-ce")
"""


class CheckError(Exception):
    """A step failed; the message says which and shows what it printed."""


def run(cmd: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run `cmd`, return its output; CheckError with that output when it exits non-zero."""
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        shown = " ".join(str(c) for c in cmd)
        raise CheckError(f"`{shown}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


def game_files(root: Path) -> set[str]:
    """Every file of the package under root/game, as wheel names (no caches)."""
    return {
        p.relative_to(root).as_posix()
        for p in (root / "game").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def build_wheel(work: Path) -> Path:
    """The wheel, built from a copy of the files it is made of (no stale build/ reused)."""
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "game", src / "game", ignore=skip)
    dist = work / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, src], work)
    (wheel,) = dist.glob("*.whl")
    missing = game_files(src) - set(zipfile.ZipFile(wheel).namelist())
    if missing:
        raise CheckError(f"{wheel.name} lacks {len(missing)} files: {sorted(missing)[:10]}")
    return wheel


def install(work: Path, wheel: Path) -> Path:
    """A fresh venv with the wheel (and its pinned dependencies) installed; its bin folder."""
    venv = work / "venv"
    run([sys.executable, "-m", "venv", venv], work)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    run([python, "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, wheel], work)
    where = Path(run([python, "-c", PROBE], work, _env(work)).strip())
    if where.is_relative_to(ROOT):
        raise CheckError(f"the venv imports the checkout ({where}), not the wheel")
    return bin_dir


def _env(work: Path) -> dict[str, str]:
    """The environment of a player who never saw the checkout: no overrides, no display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ODD_DUCK_", "PYTHON"))}
    env.update(HEADLESS, ODD_DUCK_HOME=str(work / "home"), PYGAME_HIDE_SUPPORT_PROMPT="1")
    return env


def play_it(work: Path, bin_dir: Path) -> None:
    """Run the installed game's commands from an empty folder outside the checkout."""
    odd_duck = bin_dir / "odd-duck"
    here = work / "elsewhere"
    here.mkdir()
    env = _env(work)
    shipped = {p.stem for p in (ROOT / "game" / "data" / "scenarios").glob("*.yaml")}
    listed = run([odd_duck, "scenarios"], here, env)
    absent = sorted(s for s in shipped if not any(line.startswith(s) for line in listed.split()))
    if absent or not shipped:
        raise CheckError(f"`odd-duck scenarios` does not list {absent}:\n{listed}")
    if "Outcome:" not in run([odd_duck, "simulate", "--scenario", "crm-rollout"], here, env):
        raise CheckError("`odd-duck simulate` printed no outcome")
    run([odd_duck, "new-scenario", "mine", "--from", "tutorial"], here, env)
    schema = (here / "mine.yaml").read_text(encoding="utf-8").splitlines()[0].split("=", 1)[1]
    if not (here / schema).is_file():
        raise CheckError(f"new-scenario points editors at {schema}, which does not exist")
    shots = work / "shots"
    run([odd_duck, "play", "--scenario=tutorial", "--seed=1", "--screenshot", shots], here, env)
    pngs = sorted(shots.glob("*.png"))
    if len(pngs) < SHOTS or any(p.stat().st_size == 0 for p in pngs):
        raise CheckError(f"play --screenshot saved {[p.name for p in pngs]} in {shots}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("pip") is None:
        print(f"check-wheel: {sys.executable} has no pip", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="odd-duck-wheel-"))
    started = time.monotonic()
    try:
        step = time.monotonic()
        wheel = build_wheel(work)
        print(f"check-wheel: built {wheel.name} ({time.monotonic() - step:.0f} s)")
        step = time.monotonic()
        bin_dir = install(work, wheel)
        print(f"check-wheel: installed it into a fresh venv ({time.monotonic() - step:.0f} s)")
        step = time.monotonic()
        play_it(work, bin_dir)
        print(
            "check-wheel: from outside the checkout it lists the scenarios, simulates,"
            f" writes a scenario and opens the game ({time.monotonic() - step:.0f} s)"
        )
    except CheckError as exc:
        print(f"check-wheel: FAILED: {exc}", file=sys.stderr)
        print(f"check-wheel: files kept in {work}", file=sys.stderr)
        return 1
    if args.keep:
        print(f"check-wheel: files kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"check-wheel: passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
