"""Workshop result files: written atomically, never over another team's, read back whole."""

import json
import os
import stat
from pathlib import Path

import pytest

from game.facilitator.report_html import MARKS
from game.facilitator.teams import verdict
from game.policies import POLICIES
from game.session.results import (
    ResultsError,
    already_written,
    load_results,
    read_result,
    write_result,
)
from game.session.session import Session
from tests.helpers.scenarios import loaded
from tests.helpers.sessions import played


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
    assert "cut.json:1:12: not valid JSON" in text and "other.json" in text


def test_an_empty_or_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="no result files"):
        load_results(tmp_path)
    with pytest.raises(ResultsError, match="does not exist"):
        load_results(tmp_path / "nowhere")


def test_a_result_file_is_readable_by_everyone_under_umask_022(tmp_path: Path) -> None:
    """A facilitator collects the files from a shared folder: 0600 would lock them out."""
    before = os.umask(0o022)
    try:
        path = write_result(tmp_path, played("Blue"), "tutorial", {})
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_resuming_skips_files_it_cannot_read(tmp_path: Path) -> None:
    session = played("Blue")
    stem = "tutorial-Blue-seed5"
    (tmp_path / f"{stem}-a.json").write_text("[]", encoding="utf-8")
    (tmp_path / f"{stem}-b.json").write_text("[" * 100_000, encoding="utf-8")
    if Path("/dev/zero").exists():
        (tmp_path / f"{stem}-c.json").symlink_to("/dev/zero")
    assert already_written(tmp_path, session, "tutorial") is None
    path = write_result(tmp_path, session, "tutorial", {})
    assert already_written(tmp_path, session, "tutorial") == path


@pytest.mark.parametrize(
    "ref", ["tutorial", "crm-rollout", "finance-erp", "lan-migration", "ai-hype"]
)
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_every_policy_writes_a_file_the_debrief_accepts(
    tmp_path: Path, ref: str, policy: str
) -> None:
    scenario, params = loaded(ref)
    session = Session(scenario, params, 3, team=policy)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    result = read_result(write_result(tmp_path, session, ref, {"turn_timer": 120.0}))
    assert result.record["series"]["turns"] == list(range(1, session.turn + 1))


def test_a_round_with_an_event_fired_by_hand_reads_back(tmp_path: Path) -> None:
    scenario, params = loaded("crm-rollout")
    manual = next(k for k, e in enumerate(scenario.events) if e.trigger.manual)
    session = Session(scenario, params, 3, team="Teal")
    while not session.done:
        fire = [manual] if session.turn == 2 else []
        session.play(POLICIES["balanced"](session.observe(), params)[0], fire)
    write_result(tmp_path, session, "crm-rollout", {})
    [result] = load_results(tmp_path)
    assert result.record["fired"] == {"2": [scenario.events[manual].id]}


def test_rounds_played_under_different_rules_are_not_ranked_together(tmp_path: Path) -> None:
    write_result(tmp_path, played("Blue"), "tutorial", {})
    path = write_result(tmp_path, played("Red"), "tutorial", {})
    record = json.loads(path.read_text(encoding="utf-8"))
    record["rules"] = 0  # a laptop with a game from before the rules were versioned
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ResultsError, match="different versions of the game's rules"):
        load_results(tmp_path)


def test_a_round_stopped_before_its_end_reads_as_stopped_not_lost(tmp_path: Path) -> None:
    # Playtest 9: a team the facilitator's "End the round" stopped in week 3 read
    # "Red 0 · F · ✗ lost" in the comparative debrief.
    scenario, params = loaded("tutorial")
    stopped = Session(scenario, params, 5, team="Red")
    for _ in range(3):
        stopped.play(POLICIES["balanced"](stopped.observe(), params)[0])
    write_result(tmp_path, stopped, "tutorial", {})
    write_result(tmp_path, played("Blue"), "tutorial", {})
    by_team = {r.team: r for r in load_results(tmp_path)}
    assert not by_team["Red"].finished and by_team["Blue"].finished
    assert verdict(by_team["Red"]) == "stopped" and "round ended" in MARKS["stopped"]
    assert verdict(by_team["Blue"]) in ("won", "lost")


def test_a_result_file_from_before_the_finished_flag_reads_as_finished(tmp_path: Path) -> None:
    path = write_result(tmp_path, played("Blue"), "tutorial", {})
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["outcome"]["finished"]
    path.write_text(json.dumps(record), encoding="utf-8")
    assert read_result(path).finished
