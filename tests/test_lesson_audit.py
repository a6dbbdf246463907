"""The lesson audit (game.batch.audit): its rules on constructed numbers, its plays, its CLI,
and - slow - every check on every shipped scenario."""

import importlib.util
import math
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from game.batch.audit import audit, lesson_checks, probe_checks, zoo_checks
from game.batch.audit.measure import search_numbers, without_hype
from game.batch.audit.numbers import Check, Number, judged, proportion
from game.batch.audit.play import Setting, dropping, play_named
from game.batch.audit.report import AuditReport
from game.batch.balance import BUILT_IN, held_out
from game.batch.lesson import Lesson, NeglectEffect, Paired
from game.batch.search import cross_entropy
from game.batch.zoo import LEAD, ZooResult, ZooRow
from game.model import outcome
from game.model.channels import PROJECT_EFFECTS
from game.policies import POLICIES
from game.policies.zoo import without
from game.session.runner import play
from tests.helpers.scenarios import SHIPPED, loaded

ROOT = Path(__file__).parents[1]
BASE = 50.0  # balanced's mean score in the constructed zoo results


def _row(name: str, ratio: float, lead_low: float | None = None, **kw) -> ZooRow:
    """A zoo row `ratio` x balanced (BASE), its paired CI 1 point either side."""
    diff = (ratio - 1.0) * BASE
    low = diff - 1.0 if lead_low is None else lead_low
    return ZooRow(
        name=name,
        description="",
        mean=ratio * BASE,
        win_rate=0.5,
        ratio=ratio,
        ratio_ci=(ratio - 0.02, ratio + 0.02),
        vs_balanced=Paired(diff, low, diff + 1.0),
        spam=kw.get("spam"),
        state_blind=kw.get("state_blind", False),
    )


def _zoo(*rows: ZooRow, scores: dict | None = None) -> ZooResult:
    return ZooResult(1000, 1, BASE, 0.6, rows, scores or {})


def _cells(check: Check) -> dict[tuple[str, str], bool | None]:
    return {(c.scenario, c.subject): c.ok for c in check.cells}


# --- the rules, on constructed numbers -------------------------------------------------------


def test_a_strategy_whose_whole_lead_ci_is_above_ten_percent_fails_check_4():
    sure = _row("lean", 1.2, lead_low=LEAD * BASE + 1)  # the CI's low end: 12 % of balanced
    close = _row("no_demos", 1.12, lead_low=LEAD * BASE - 1)  # ahead, not surely by 10 %
    check = zoo_checks.zoo_lead({"a": _zoo(close), "b": _zoo(close, sure)})
    assert check.passed is False
    assert [(c.scenario, c.subject) for c in check.culprits()] == [("b", "lean")]
    (cell,) = check.culprits()
    assert cell.number.value == pytest.approx(0.2) and cell.number.low == pytest.approx(0.12)
    assert zoo_checks.zoo_lead({"a": _zoo(close)}).passed is True


def test_a_spam_at_085_of_balanced_fails_check_6b_and_one_at_075_passes():
    high = _row("spam_demo", 0.85, spam="demo", state_blind=True)
    low = _row("spam_reset", 0.75, spam="reset", state_blind=True)
    not_spam = _row("lean", 0.95)  # not a spam strategy: not judged here
    assert zoo_checks.spam({"a": _zoo(low, not_spam)}).passed is True
    check = zoo_checks.spam({"a": _zoo(low, not_spam), "b": _zoo(high)})
    assert check.passed is False and _cells(check) == {
        ("a", "spam_reset"): True,
        ("b", "spam_demo"): False,
    }


def test_escalation_and_state_blind_lines():
    zoo = _zoo(
        _row("escalation_heavy", 0.9),
        _row("late_escalation", 1.05),
        _row("rota_half_and_half", 0.95, state_blind=True),
    )
    heavy, late = zoo_checks.escalation({"a": zoo})
    assert heavy.passed is True and late.passed is False
    # The best state-blind strategy at 0.95x fails, except on the tutorial (context only).
    assert zoo_checks.state_blind({"a": zoo}).passed is False
    tutorial = zoo_checks.state_blind({"tutorial": zoo})
    assert tutorial.passed is True and tutorial.cells[0].ok is None


def test_favours_need_three_scenarios_where_dropping_them_surely_costs():
    costly, free = _row("no_favours", 0.9), _row("no_favours", 1.0)  # CI -6..-4 and -1..+1
    three = {s: _zoo(costly) for s in "abc"} | {"d": _zoo(free)}
    assert zoo_checks.favours(three).passed is True
    two = {s: _zoo(costly) for s in "ab"} | {s: _zoo(free) for s in "cd"}
    check = zoo_checks.favours(two)
    assert check.passed is False and check.need == 3
    # Auditing fewer than three scenarios asks for all of them.
    assert zoo_checks.favours({"a": _zoo(costly)}).need == 1


def test_testing_after_unclear_must_surely_beat_never_testing():
    games = np.arange(100.0)
    better = {"test_after_unclear": games + 2.0 + np.sin(games), "never_test": games}
    same = {"test_after_unclear": games + np.sin(games), "never_test": games}
    zoos = {s: _zoo(scores=better) for s in "abc"} | {"d": _zoo(scores=same)}
    assert zoo_checks.testing(zoos).passed is True
    assert zoo_checks.testing({s: _zoo(scores=same) for s in "abc"}).passed is False


def test_first_timer_wins_and_is_skipped_without_the_tutorial():
    wins = {"first_timer": np.full(1000, 60.0)}
    row = _row("first_timer", 0.9)
    assert zoo_checks.first_timer({"tutorial": _zoo(row, scores=wins)}).passed is False  # 50 %
    assert zoo_checks.first_timer({"crm-rollout": _zoo(row)}).passed is None


def _lesson(delivery: float = 0.6, balanced: float = 0.05, rework: float = 0.5) -> Lesson:
    wobble = np.sin(np.arange(400.0))  # spread for the CIs, the same on every run
    scores = {"balanced": 60 + 5 * wobble, "delivery_first": 20 + 5 * wobble[::-1]}
    scores["relationship_first"] = scores["delivery_first"] + 10
    base = 0.2 + 0.01 * wobble
    effect = NeglectEffect(0, 0.2, rework, 3.0, 5.0, (base, base * rework / 0.2))
    return Lesson(
        games=400,
        score={k: float(v.mean()) for k, v in scores.items()},
        win_rate={},
        syndrome_rate={"delivery_first": delivery, "balanced": balanced},
        rework_share={},
        balanced_minus={
            k: Paired.of(scores["balanced"], scores[k]) for k in lesson_checks.EXTREMES
        },
        neglect=[effect],
        scores=scores,
    )


def test_the_three_policy_rules():
    good = {"a": _lesson()}
    assert all(c.passed for c in lesson_checks.balanced_beats_extremes(good))  # 3x and 2x
    delivery, balanced = lesson_checks.syndrome({"a": _lesson(delivery=0.25, balanced=0.12)})
    assert delivery.passed is False and balanced.passed is False
    assert lesson_checks.neglect(good, {"a": ("dana",)}).cells[0].subject == "dana"
    assert lesson_checks.neglect({"a": _lesson(rework=0.26)}, {}).passed is False  # 1.3x


def _drops(costs: dict[str, float]) -> probe_checks.Drops:
    base = 50.0 + np.sin(np.arange(200.0))
    return probe_checks.Drops("balanced", base, {j: base * (1 - c) for j, c in costs.items()})


def test_an_action_is_alive_if_dropping_it_costs_three_percent_somewhere():
    drops = {"a": _drops({"demo": 0.0, "escalate": 0.0}), "b": _drops({"demo": 0.035})}
    checks = {c.title.split()[1]: c for c in probe_checks.dead_actions(drops)}
    assert checks["demo"].passed is True
    assert checks["escalate"].passed is False  # never worth a point: a dead action
    assert checks["check_in"].passed is None  # no scenario has it here: nothing to judge
    (cell,) = checks["escalate"].cells
    assert cell.number.value == pytest.approx(0.0) and cell.note == "from balanced"


def test_the_hype_rules():
    n = np.arange(300.0)
    base = 50 + np.sin(n)
    hype = probe_checks.Hype(
        balanced=base, plain=base - 10, calm=base * 1.2, calm_plain=base * 1.2 - 4
    )
    gain, worth = probe_checks.hype(hype)
    assert gain.passed is True and worth.passed is True  # 1.2x; 10 >= 2 x 4
    less = probe_checks.Hype(base, base - 10, base * 1.05, base * 1.05 - 6)
    gain, worth = probe_checks.hype(less)
    assert gain.passed is False and worth.passed is False  # 1.05x; 10 < 2 x 6
    assert all(c.passed is None for c in probe_checks.hype(None))


def test_each_complaint_must_be_five_percent_of_all():
    heard = np.tile(np.array([[10, 10, 10, 1]]), (50, 1))  # the last: 1 in 31, 3 %
    check = probe_checks.complaints(heard)
    assert check.passed is False and [c.ok for c in check.cells] == [True, True, True, False]
    assert probe_checks.complaints(heard + np.array([0, 0, 0, 2])).passed is True


def test_the_search_rules_and_no_search():
    def found(lead_low: float, share: float, top: float) -> probe_checks.SearchNumbers:
        pts = Number(50.0, unit="pts")
        return probe_checks.SearchNumbers(
            Number(lead_low + 0.02, lead_low, lead_low + 0.04, "+%"),
            Number(share, unit="%"),
            "check_in",
            Number(top, unit="%"),
            "search",
            pts,
            pts,
            {},
            np.zeros((1, 1)),
            np.zeros(2),
        )

    assert [c.passed for c in probe_checks.search({"a": found(0.05, 0.3, 0.5)})] == [True] * 3
    assert [c.passed for c in probe_checks.search({"a": found(0.11, 0.1, 0.85)})] == [False] * 3
    assert [c.passed for c in probe_checks.search(None)] == [None]


def test_numbers_and_cells():
    assert proportion(0, 100).value == 0 and proportion(0, 100).high > 0  # Wilson, not 0 - 0
    assert judged("a", "x", Number(math.nan), at_least=1.0).ok is False
    assert judged("a", "x", Number(0.0), at_most=0.0, strict=True).ok is False
    assert Number(1.234, 1.1, 1.3).full() == "1.23× (95 % CI 1.10× – 1.30×)"


def test_the_report_names_every_failing_number():
    failing = zoo_checks.spam({"a": _zoo(_row("spam_demo", 0.85, spam="demo"))})
    passing = zoo_checks.zoo_lead({"a": _zoo(_row("lean", 1.0))})
    report = AuditReport(("a",), 1000, 7, 1, False, (passing, failing), 1.0)
    assert not report.passed
    (line,) = report.failure_lines()
    assert "6b" in line and "spam_demo 0.85× (95 % CI 0.83× – 0.87×)" in line
    text = report.text()
    assert "0.85× FAIL" in text and "1 of 2 checks pass" in text
    markdown = report.markdown()
    assert "| a | spam_demo | 0.85× | 0.83× – 0.87× | FAIL |" in markdown
    assert "--no-search" in markdown and "**FAIL: 1 of 2 checks.**" in markdown


# --- the audit's own plays -------------------------------------------------------------------


def test_complaints_streamed_per_turn_equal_those_of_the_recorded_turns():
    _, params = loaded("crm-rollout")
    heard = play_named(Setting(params, complaints=True), list(BUILT_IN), 6, 2026).complaints
    counted = np.zeros(4, dtype=np.int64)
    for name in BUILT_IN:
        for log in play(params, POLICIES[name], np.arange(6), 2026).logs:
            live = log.complaint[log.active]
            counted += np.bincount(live[live >= 0], minlength=4)
    assert heard.shape == (18, 4) and np.array_equal(heard.sum(axis=0), counted)


def test_named_plays_equal_the_policies_played_alone_on_any_workers_and_chunk():
    _, params = loaded("tutorial")
    names = ["balanced", dropping("balanced", "demo", "reset"), "first_timer"]
    one = play_named(Setting(params), names, 10, 2026, workers=1, chunk=4)
    two = play_named(Setting(params), names, 10, 2026, workers=2, chunk=10)
    alone = without("demo", "reset")(POLICIES["balanced"])
    expected = outcome(play(params, alone, np.arange(10), 2026, record=False).final, params)
    for name in names:
        assert np.array_equal(one.scores[name], two.scores[name]), name
    assert np.array_equal(one.scores[names[1]], expected.score)


def test_without_hype_switches_off_only_the_events_that_raise_the_hype():
    _, params = loaded("ai-hype")
    calm = without_hype(params)
    raises = params.events.project[:, PROJECT_EFFECTS.index("hype")] > 0
    assert raises.any() and (calm.events.probability[raises] == 0).all()
    assert np.array_equal(calm.events.probability[~raises], params.events.probability[~raises])


def test_the_search_is_judged_on_the_audits_games_and_replays_by_name():
    scenario, params = loaded("tutorial")
    found = cross_entropy(params, games=10, population=4, elite=2, iterations=1, seed=2026)
    judged = held_out(params, scenario, found, 12, 2026)
    numbers = search_numbers(scenario, params, found, judged)
    assert numbers.share.value == pytest.approx(judged.measured["search"].share)
    assert (numbers.lead.low, numbers.lead.value, numbers.lead.high) == judged.lead
    assert numbers.top_action in {a.id for a in scenario.actions} and numbers.settings
    again = play_named(Setting(params, numbers.knobs), ["search"], 12, 2026, chunk=5)
    assert np.array_equal(again.scores["search"], numbers.scores)


# --- the command line -----------------------------------------------------------------------


@cache
def _cli() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "lesson_audit", ROOT / "tools" / "lesson_audit.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_refuses_bad_input_with_status_2(capsys):
    assert _cli().main(["--scenarios", "no-such-scenario"]) == 2
    assert "unknown scenario 'no-such-scenario'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        _cli().main(["--games", "1"])
    assert exc.value.code == 2


def test_the_cli_prints_the_table_writes_markdown_and_exits_by_the_verdict(tmp_path, capsys):
    out = tmp_path / "audit.md"
    status = _cli().main(
        ["--scenarios", "tutorial", "--games", "20", "--no-search", "--out", str(out)]
    )
    printed = capsys.readouterr().out
    assert "Lesson audit: 1 scenarios × 20 games" in printed and "11  tutorial" in printed
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Lesson audit") and "## 11. A first-timer can win the tutorial" in text
    assert status == (1 if "Failing:" in printed else 0)


# --- SLOW: every check on every shipped scenario ----------------------------------------------

AUDIT_GAMES = 600  # per policy: ~1-2 minutes on 2 cores, CIs narrow enough for the lines

# The checks of issue 9 that the model does not meet yet, each with why. The test below
# fails when any other check fails, and also when one of these starts to pass (the games
# are seeded, so the result is exact): then take it off this list. The thresholds
# themselves are never loosened here.
KNOWN_OPEN: set[tuple[str, str]] = set()


@pytest.mark.slow
def test_every_check_passes_on_every_shipped_scenario_but_the_known_open_ones():
    """The whole audit, search aside, on every shipped scenario (1-2 minutes on 2 cores).

    Its failure message is the audit's table with each failing number and its 95 % CI.
    """
    report = audit(SHIPPED, games=AUDIT_GAMES, seed=2026, workers=2, search=False)
    failing = {(check.key, check.title) for check in report.failures()}
    assert failing == KNOWN_OPEN, "\n" + report.text()
