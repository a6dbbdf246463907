"""Every text the game can show exists in its font: no empty boxes for a missing glyph."""

import pygame
import pytest

from game.model.rules.stakeholders import COMPLAINTS
from game.policies import POLICIES
from game.session.debrief import key_moments
from game.session.session import Session
from game.session.week import week_report
from game.ui.screens.briefing import HOW_TO_PLAY
from game.ui.screens.help import HELP
from tests.helpers.scenarios import SHIPPED, loaded
from tests.helpers.ui_checks import missing, noto


@pytest.fixture(scope="module")
def font() -> pygame.font.Font:
    return noto()


def test_the_probe_detects_a_missing_glyph(font: pygame.font.Font) -> None:
    assert missing(font, "✓ ok") == {"✓"}
    assert missing(font, "Größe · “quote” … – 5×") == set()


def test_fixed_texts_have_every_glyph(font: pygame.font.Font) -> None:
    assert missing(font, HELP + " ".join(HOW_TO_PLAY) + " ".join(COMPLAINTS)) == set()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _strings(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _strings(v)]
    return []


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_shipped_scenario_texts_have_every_glyph(font: pygame.font.Font, scenario_id: str) -> None:
    scenario, _ = loaded(scenario_id)
    assert missing(font, " ".join(_strings(scenario.model_dump()))) == set()


@pytest.mark.parametrize("scenario_id", SHIPPED)
@pytest.mark.parametrize("policy", ["delivery_first", "balanced"])
def test_reports_and_moments_have_every_glyph(
    font: pygame.font.Font, scenario_id: str, policy: str
) -> None:
    scenario, params = loaded(scenario_id)
    session = Session(scenario, params, seed=7)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    texts = []
    for i in range(len(session.logs)):
        report = week_report(session, i)
        texts += [report.title, report.headline, *(item.text for item in report.items)]
        texts += [move.label for move in report.moves]
    texts += [m.text for m in key_moments(session)]
    assert missing(font, " ".join(texts)) == set()
