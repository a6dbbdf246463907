"""The quick balance check (`validate --check-balance`) in a facilitator's words (issue 12):
the workload against capacity, the levers they set named first, overpowered and dead custom
actions, "too easy", and no false alarm on the shipped scenarios."""

import io
from functools import cache
from pathlib import Path

import pytest

from game.batch.custom_actions import custom_actions
from game.batch.quick_check import QuickCheck, quick_check
from game.cli.check_balance import EXIT_OK, EXIT_WARNINGS, run_check
from game.scenario.loader import load
from tests.helpers.scenarios import SHIPPED

FIXTURES = Path(__file__).parent / "fixtures" / "balance"
GAMES = 150  # per built-in policy; the zoo and the custom actions play a third of them


@cache
def checked(name: str, games: int = GAMES) -> QuickCheck:
    ref = FIXTURES / f"{name}.yaml" if (FIXTURES / f"{name}.yaml").exists() else name
    scenario, params = load(ref)
    return quick_check(params, scenario, games=games, workers=1)


def _warnings(check: QuickCheck) -> list[str]:
    return [f.text for f in check.warnings]


def _findings(check: QuickCheck) -> list[str]:
    """Warnings and notes (a borderline warning is a note at fewer games)."""
    return [f.text for f in check.result.findings if f.level != "ok"]


def test_the_first_draft_hears_its_workload_against_capacity_first():
    check = checked("first-draft")
    sentence = check.workload.sentence()
    assert "68 points of work for 200 points of team capacity" in sentence
    assert "10 a week for 20 weeks" in sentence and "time to spare" in sentence
    assert check.workload.verdict == "spare"
    # The first lever is the one that fixes it: work, capacity, weeks, with today's values.
    first = check.levers[0]
    assert first.startswith("The team has time to spare: add work")
    assert "now 68 points" in first and "team.capacity, now 10" in first
    assert "deadline, now week 20" in first
    assert "model." not in " ".join(check.levers)  # the levers name no coefficient


def test_adding_work_as_the_lever_says_fixes_the_first_draft():
    draft = checked("first-draft")
    assert any(w.startswith("Relationship-only play") for w in _findings(draft))
    assert any(w.startswith("Too easy") for w in _warnings(draft))
    sizes = {"charts": 24, "theatre": 15, "vitals": 18, "handover": 12}
    sizes |= {"prescriptions": 21, "allergies": 12}  # 68 -> 102 points, the rest unchanged
    scenario, params = load(
        FIXTURES / "first-draft.yaml",
        overrides={f"packages.{p}.size": size for p, size in sizes.items()},
    )
    fixed = quick_check(params, scenario, games=GAMES, workers=1)
    assert fixed.workload.verdict == "fits"
    texts = _findings(fixed)
    assert not any(t.startswith(("Relationship-only play", "Too easy")) for t in texts)
    assert len(_warnings(fixed)) < len(_warnings(draft))


def test_the_report_leads_with_the_levers_before_the_coefficients():
    out = io.StringIO()
    assert run_check(str(FIXTURES / "first-draft.yaml"), 60, out=out) == EXIT_WARNINGS
    text = out.getvalue()
    assert "workload: 68 points of work" in text
    levers = text.index("What to change first")
    assert levers < text.index("warning:") and levers < text.index("model.")
    assert 'docs/SCENARIOS.md, "What to change when the balance check warns"' in text.replace(
        "\n  ", " "
    )
    assert all(len(line) <= 100 for line in text.splitlines())


def test_a_custom_action_with_huge_effects_is_overpowered():
    check = checked("huge-action")
    (verdict,) = check.actions
    assert verdict.action_id == "coffee" and verdict.kind == "overpowered"
    assert verdict.share > 0.5  # good play pours most of its points into it
    assert any("custom action 'coffee'" in w for w in _warnings(check))
    assert check.levers[0].startswith("The action 'coffee' does too much for its cost")
    assert "actions[].effects" in check.levers[0] and "actions[].cost" in check.levers[0]


def test_a_custom_action_nobody_benefits_from_is_dead():
    check = checked("dead-action")
    (verdict,) = check.actions
    assert verdict.action_id == "newsletter" and verdict.kind == "dead"
    assert any("custom action 'newsletter'" in w for w in _warnings(check))
    assert any("'newsletter' is never worth its points" in lever for lever in check.levers)
    assert any("remove it" in lever for lever in check.levers)


def test_too_easy_names_people_and_work_as_the_levers():
    check = checked("too-easy")
    assert any(w.startswith("Too easy: balanced play wins") for w in _warnings(check))
    easy = next(lever for lever in check.levers if lever.startswith("Winning takes no judgement"))
    assert "traits.patience, now 1" in easy and "traits.hype_susceptibility, now 0" in easy
    # Work is a lever too: on the easy line, or on the time-to-spare line when the team
    # builds everything early (then the easy line does not repeat it).
    spare = [lever for lever in check.levers if lever.startswith("The team has time to spare")]
    assert "add work" in (spare[0] if spare else easy)


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_no_false_alarm_of_the_new_checks_on_a_shipped_scenario(scenario_id: str):
    scenario, params = load(scenario_id)
    assert custom_actions(scenario, params) == []
    check = checked(scenario_id)
    assert check.workload.verdict == "fits", check.workload.sentence()
    assert not any(w.startswith("Too easy") for w in _warnings(check))
    assert not any("custom action" in w for w in _warnings(check))


def test_the_second_process_changes_nothing():
    scenario, params = load("tutorial")
    alone = quick_check(params, scenario, games=30, workers=1)
    assert quick_check(params, scenario, games=30, workers=2) == alone


def test_a_shipped_scenario_without_warnings_exits_ok():
    out = io.StringIO()
    assert run_check("crm-rollout", 60, out=out) == EXIT_OK
    text = out.getvalue()
    assert "workload: 83 points of work for 195 points" in text
    assert "What to change first" not in text


def test_the_plain_tables_the_check_points_to_exist():
    guide = (Path(__file__).parents[1] / "docs" / "SCENARIOS.md").read_text(encoding="utf-8")
    assert "#### What to change when the balance check warns" in guide
    table = guide[guide.index("#### What to change when the balance check warns") :]
    for key in ("packages[].size", "team.capacity", "deadline", "traits.patience"):
        assert f"`{key}`" in table, key
    for key in ("traits.hype_susceptibility", "preferences", "effects", "cost"):
        assert f"`{key}`" in table, key


def test_the_full_balance_report_speaks_the_same_words(tmp_path: Path):
    from game.batch.balance import balance
    from game.batch.balance_report import write

    report = balance(
        FIXTURES / "huge-action.yaml",
        games=100,
        search_games=20,
        iterations=1,
        sensitivity=False,
        zoo=False,
    )
    assert report.workload is not None and "83 points of work" in report.workload.sentence()
    assert any("custom action 'coffee'" in flag for flag in report.flags)
    assert report.levers[0].startswith("The action 'coffee' does too much for its cost")
    text = write(report, tmp_path).read_text(encoding="utf-8")
    assert text.index("**Workload:**") < text.index("**What to change first**")
    assert text.index("**What to change first**") < text.index("## 1. Does the lesson hold?")
