"""`validate --check-balance`: the quick smoke test warns when the lesson would not come across."""

import io
import re
from functools import cache

import numpy as np
import pytest

from game.batch import smoke
from game.batch.smoke import SmokeResult, ratio, smoke_check, wilson
from game.cli.check_balance import EXIT_OK, EXIT_WARNINGS, run_check
from game.scenario.coefficients import ModelCoefficients
from game.scenario.errors import InputError
from game.scenario.loader import load
from tests.helpers.scenarios import BROKEN, SHIPPED, loaded  # BROKEN: relationships do nothing

GAMES = 200  # enough for every verdict below; about half a second per 24-turn scenario


@cache
def checked(scenario_id: str) -> SmokeResult:
    scenario, params = loaded(scenario_id)
    return smoke_check(params, scenario, games=GAMES)


def _texts(result: SmokeResult, level: str) -> list[str]:
    return [f.text for f in result.findings if f.level == level]


@pytest.mark.parametrize(
    "scenario_id",
    [s if s == "tutorial" else pytest.param(s, marks=pytest.mark.slow) for s in SHIPPED],
)
def test_shipped_scenarios_get_no_warning_and_an_ok(scenario_id):
    result = checked(scenario_id)
    assert not result.warnings, result.warnings
    (ok,) = _texts(result, "ok")
    assert "the lesson comes across" in ok
    assert f"{result.score['balanced']:.1f}" in ok
    assert set(result.score) == set(result.win_rate) >= {"balanced", "delivery_first"}


def test_neglect_that_shows_only_in_waiting_is_a_note_not_a_warning(tmp_path):
    # Clarity does nothing here, so neglect costs no rework; but the neglected miss out on
    # favours, so their sign-offs wait longer.
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    scenario, params = load(path)
    notes = _texts(smoke_check(params, scenario, games=GAMES), "note")
    assert any("shows in waiting" in n for n in notes), notes


def test_neglecting_either_tutorial_manager_shows_in_rework():
    result = checked("tutorial")
    texts = _texts(result, "note") + _texts(result, "warning")
    assert not any("Never contacting" in t for t in texts), texts


def test_the_broken_scenario_warns_that_delivery_alone_pays(tmp_path):
    path = tmp_path / "broken.yaml"
    # Favours do nothing either, so neglect costs nothing at all.
    path.write_text(BROKEN + "  favour_signoff: 0.0\n  favour_fair: 0.0\n", encoding="utf-8")
    scenario, params = load(path)
    result = smoke_check(params, scenario, games=GAMES)
    delivery = [w.text for w in result.warnings if w.text.startswith("Delivery-only play")]
    assert len(delivery) == 1, result.warnings
    assert "trust has too little effect" in delivery[0]
    # It names the coefficients the file zeroed, with their values and defaults.
    assert "model.signoff_trust (now 0, default 0.75)" in delivery[0]
    assert "95 % CI" in delivery[0]
    assert not _texts(result, "ok")
    assert any("barely matters" in w.text for w in result.warnings)


def test_an_unwinnable_scenario_is_too_hard():
    # 5 of crm-rollout's 13 weeks (issue 10): as tight as the old 8 of 20.
    scenario, params = load("crm-rollout", overrides={"deadline": 5})
    result = smoke_check(params, scenario, games=GAMES)
    hard = [w.text for w in result.warnings if "too hard" in w.text]
    assert len(hard) == 1, result.findings
    assert re.search(r"Even balanced play wins only [0-9]%", hard[0]), hard[0]
    assert "deadline (now 5)" in hard[0]


def test_the_same_seed_gives_the_same_result():
    scenario, params = loaded("tutorial")
    first = smoke_check(params, scenario, games=GAMES, seed=7)
    assert smoke_check(params, scenario, games=GAMES, seed=7) == first
    assert smoke_check(params, scenario, games=GAMES, seed=8).score != first.score


def test_run_check_prints_the_table_and_sets_the_exit_status(tmp_path):
    out = io.StringIO()
    assert run_check("tutorial", 100, out=out) == EXIT_OK
    text = out.getvalue()
    assert "balanced" in text and "win rate" in text and "ok:" in text
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    out = io.StringIO()
    assert run_check(str(path), 100, out=out) == EXIT_WARNINGS
    assert "warning: Delivery-only play" in out.getvalue()


def test_an_invalid_file_is_an_input_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("extends: crm-rollout\nid: bad\ndeadline: -3\n", encoding="utf-8")
    with pytest.raises(InputError):
        run_check(str(path), GAMES, out=io.StringIO())


def test_every_lever_named_is_a_model_coefficient():
    levers = (smoke.TRUST_LEVERS, smoke.TALK_LEVERS, smoke.NEGLECT_LEVERS, smoke.SYNDROME_LEVERS)
    for lever in " ".join(levers).split():
        assert lever[0] in "+-" and lever[1:] in ModelCoefficients.model_fields, lever


def test_the_intervals():
    # Wilson stays inside [0, 1] and is not empty at 0 % or 100 %.
    assert wilson(0.0, 300) == (0.0, pytest.approx(0.0126, abs=1e-4))
    low, high = wilson(1.0, 300)
    assert 0.98 < low < 1.0 and high == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    b = rng.uniform(1, 2, 400)
    r = ratio(1.5 * b + rng.normal(0, 0.1, 400), b)
    assert r is not None and r.low < 1.5 < r.high and r.high - r.low < 0.05
    assert ratio(b, np.zeros(400)) is None
