"""The facilitator's whole day, as docs/WORKSHOP.md tells it: a new scenario, checked,
four teams in workshop mode through the real screens, and the comparative debrief."""

from pathlib import Path

import pytest

from game.cli.main import main
from game.session.results import load_results
from tests.helpers.ui_driver import make_app, pump

TEAMS = {
    "Blue": "balanced",
    "Red": "delivery_first",
    "Green": "relationship_first",
    "Yellow": "random",
}


@pytest.mark.slow
def test_from_new_scenario_to_the_comparative_debrief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "my-workshop.yaml"
    assert main(["new-scenario", "my-workshop", "--from", "tutorial", "--out", str(scenario)]) == 0
    assert main(["validate", "--check-balance", "--games", "100", str(scenario)]) == 0
    results = tmp_path / "results"
    for team, policy in TEAMS.items():
        app = make_app(
            scenario=str(scenario), seed=None, team=team, workshop=True, turn_timer=120.0,
            results_dir=results, autoplay=policy, pace=0.0,
        )  # fmt: skip
        for _ in range(500):
            pump(app, 1)
            if app.top.name == "debrief":
                break
        assert app.top.name == "debrief" and app.workshop.result_path is not None
    teams = load_results(results)
    assert sorted(t.team for t in teams) == sorted(TEAMS)
    assert {t.scenario_id for t in teams} == {"my-workshop"}
    out = tmp_path / "debrief"
    capsys.readouterr()
    assert main(["debrief", str(results), "--out", str(out)]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    for team in TEAMS:
        assert f">{team}<" in page
