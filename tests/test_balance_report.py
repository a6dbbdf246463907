"""`run_game.py balance` finds degenerate strategies, and finds none in the shipped scenarios."""

import pytest
from conftest import loaded

from game.batch.balance import _flags, balance
from game.cli.main import main

QUICK = {"games": 200, "search_games": 60, "iterations": 4, "sensitivity": False}

# Relationships do nothing here: clarity has no effect on rework, trust none on sign-off,
# rejection, satisfaction or escalation, and nobody minds distance, misunderstanding or a
# gap between what they expect and what they see. Building flat out must be what pays.
BROKEN = """extends: crm-rollout
id: broken
model:
  fcc_base: 0.8
  fcc_clarity: 0.0
  signoff_base: 0.6
  signoff_trust: 0.0
  reject_trust_soften: 0.0
  gap_erosion: 0.0
  sat_trust: 0.0
  sat_gap: 0.0
  sat_distance: 0.0
  sat_unclear: 0.0
  escalation_rate: 0.0
"""


def test_a_broken_scenario_is_flagged(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    report = balance(path, **QUICK)
    assert report.degenerate, report.flags
    assert report.best_share < 0.15
    assert any("delivery alone pays" in flag for flag in report.flags)


# Holes the model does not close yet (see KNOWN_OPEN in test_lesson_audit.py): in the
# two-person tutorial a workshop every week comes to 0.82x balanced. The test fails when
# the flag goes away too, so that this list is kept true.
KNOWN_OPEN_FLAGS = {"tutorial": "('spam_workshop')"}


@pytest.mark.parametrize("scenario_id", ["crm-rollout", "tutorial"])
def test_shipped_scenarios_are_not_flagged(scenario_id):
    report = balance(scenario_id, **QUICK)
    known = KNOWN_OPEN_FLAGS.get(scenario_id)
    others = [flag for flag in report.flags if known is None or known not in flag]
    assert not others, report.flags
    assert known is None or len(others) < len(report.flags), "a known hole closed: update"
    assert 0.15 <= report.best_share <= 0.55


def test_spam_is_flagged():
    report = balance("tutorial", **QUICK)
    report.flags.clear()
    report.best_actions = dict.fromkeys(report.best_actions, 0.0) | {
        "check_in": 0.9,
        "workshop": 0.1,
    }
    _flags(report, loaded("tutorial")[1], report.scenario)
    assert any("'check_in' takes 90%" in flag and "spam" in flag for flag in report.flags)


def test_the_report_and_its_charts_are_written(tmp_path):
    assert (
        main(
            [
                "balance",
                "--scenario",
                "tutorial",
                "--games",
                "100",
                "--search-games",
                "30",
                "--iterations",
                "2",
                "--sensitivity-games",
                "40",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    for heading in (
        "1. Does the lesson hold?",
        "2. Is there a dominant degenerate strategy?",
        "3. How sensitive is it?",
        "4. Too easy, too hard?",
    ):
        assert heading in text
    for chart in ("lesson.png", "tornado.png", "search.png"):
        assert (tmp_path / chart).stat().st_size > 10_000
        assert f"({chart})" in text
