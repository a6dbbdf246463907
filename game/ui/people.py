"""How stakeholders appear on screen: first names, colours, portraits by mood."""

import pygame

from game.scenario.schema import Scenario
from game.ui.art.portraits import load_portraits
from game.ui.theme import Style

NEUTRAL = 2


def first_name(scenario: Scenario, s: int) -> str:
    return scenario.stakeholders[s].short_name


def portrait(scenario: Scenario, s: int, mood: int, size: int) -> pygame.Surface:
    """The stakeholder's face for a mood (0 furious .. 4 delighted)."""
    person = scenario.stakeholders[s]
    key = (person.portrait or person.id).removesuffix(".png")
    return load_portraits(key, size)[max(0, min(4, mood))]


def colour(style: Style, s: int) -> tuple[int, int, int]:
    return style.person_colour(s)
