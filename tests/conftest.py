"""Shared fixtures. The SDL drivers are set before anything can import pygame."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("MPLBACKEND", "Agg")

from functools import cache
from pathlib import Path

import pytest

from game.model import Params
from game.scenario.loader import load, shipped_ids
from game.scenario.schema import Scenario

SHIPPED = shipped_ids()


@cache
def loaded(ref: str) -> tuple[Scenario, Params]:
    """Each shipped scenario is parsed once per test session."""
    return load(ref)


# crm-rollout where building, overtime and testing cost more than one point, and overtime
# comes in parts of a point: plans must still be whole uses within the limits.
DEAR_ACTIONS = (
    "extends: crm-rollout\nid: dear\n"
    "team: {capacity: 11, max_overtime: 1.5}\n"
    "actions:\n"
    "  - id: build\n    cost: 2\n    effects: {build: 1.5}\n"
    "  - id: overtime\n    cost: 2\n    effects: {overtime: 0.75}\n"
    "  - id: testing\n    cost: 3\n"
)


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real autosave, settings or exports."""
    monkeypatch.setenv("ODD_DUCK_HOME", str(tmp_path / "odd-duck-home"))


@pytest.fixture(params=SHIPPED)
def shipped(request: pytest.FixtureRequest) -> tuple[Scenario, Params]:
    return loaded(request.param)


@pytest.fixture
def crm() -> tuple[Scenario, Params]:
    return loaded("crm-rollout")
