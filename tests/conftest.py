"""Shared fixtures. The SDL drivers are set before anything can import pygame."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("MPLBACKEND", "Agg")

from functools import cache

import pytest

from game.model import Params
from game.scenario.loader import load, shipped_ids
from game.scenario.schema import Scenario

SHIPPED = shipped_ids()


@cache
def loaded(ref: str) -> tuple[Scenario, Params]:
    """Each shipped scenario is parsed once per test session."""
    return load(ref)


@pytest.fixture(params=SHIPPED)
def shipped(request: pytest.FixtureRequest) -> tuple[Scenario, Params]:
    return loaded(request.param)


@pytest.fixture
def crm() -> tuple[Scenario, Params]:
    return loaded("crm-rollout")
