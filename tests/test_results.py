"""Workshop result files: written atomically, never over another team's, read back whole."""

import json
from pathlib import Path

import pytest

from game.policies import POLICIES
from game.session.results import ResultsError, load_results, write_result
from game.session.session import Session
from tests.conftest import loaded


def played(team: str, policy: str = "balanced", seed: int = 5) -> Session:
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, seed, team=team)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return session


def test_results_round_trip_best_score_first(tmp_path: Path) -> None:
    write_result(tmp_path, played("Blue", "delivery_first"), "tutorial", {"turn_timer": 180})
    write_result(tmp_path, played("Red"), "tutorial", {"turn_timer": 180})
    results = load_results(tmp_path)
    assert [r.team for r in results] == ["Red", "Blue"]
    assert results[0].score > results[1].score
    record = results[0].record
    assert record["debrief_questions"] and record["workshop"] == {"turn_timer": 180}
    assert len(record["plans"]) == len(record["series"]["turns"])


def test_a_second_team_with_the_same_name_never_overwrites(tmp_path: Path) -> None:
    first = write_result(tmp_path, played("Blue"), "tutorial", {})
    before = first.read_bytes()
    second = write_result(tmp_path, played("Blue", "delivery_first"), "tutorial", {})
    assert first != second and second.name.endswith("-2.json")
    assert first.read_bytes() == before
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_broken_files_are_each_reported(tmp_path: Path) -> None:
    write_result(tmp_path, played("Blue"), "tutorial", {})
    (tmp_path / "cut.json").write_text('{"format": "odd-', encoding="utf-8")
    (tmp_path / "other.json").write_text(json.dumps({"format": "x"}), encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        load_results(tmp_path)
    text = str(error.value)
    assert "cut.json:1:1: not a JSON file" in text and "other.json" in text


def test_an_empty_or_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="no result files"):
        load_results(tmp_path)
    with pytest.raises(ResultsError, match="does not exist"):
        load_results(tmp_path / "nowhere")
