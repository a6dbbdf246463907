"""The command line: exit codes, messages, and no tracebacks for user errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main

ROOT = Path(__file__).parents[1]


def test_scenarios_lists_every_shipped_scenario(capsys):
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for sid in ("tutorial", "crm-rollout", "lan-migration", "ai-hype", "finance-erp"):
        assert sid in out


def test_validate_exit_codes(tmp_path, capsys):
    assert main(["validate", str(ROOT / "scenarios" / "tutorial.yaml"), "crm-rollout"]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitel: typo\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:1: titel: unknown key 'titel' (did you mean 'title'?)" in err


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "stakeholders" in schema["properties"]
    assert schema["title"] == "Scenario" and "extends" in schema["properties"]


def test_simulate_prints_a_readable_transcript(capsys):
    assert (
        main(["simulate", "--scenario", "crm-rollout", "--policy", "balanced", "--seed", "1"]) == 0
    )
    out = capsys.readouterr().out
    assert "Week 1 of 20" in out and "Plan:" in out and "Outcome:" in out


def test_unknown_scenario_lists_the_known_ones(capsys):
    assert main(["simulate", "--scenario", "crm", "--policy", "balanced"]) == 2
    err = capsys.readouterr().err
    assert "unknown scenario 'crm'" in err and "crm-rollout" in err


def test_unknown_policy(capsys):
    assert main(["simulate", "--policy", "yolo"]) == 2
    assert "unknown policy 'yolo'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["simulate", "--seed", "-3"], ["simulate", "--seed", "x"], ["nope"]]
)
def test_bad_arguments_exit_2(args, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2


def test_run_game_py_in_a_real_process_has_no_traceback(tmp_path):
    bad = tmp_path / "empty.yaml"
    bad.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_game.py"), "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "the file is empty" in done.stderr
    helped = subprocess.run(
        [sys.executable, str(ROOT / "run_game.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert helped.returncode == 0
    assert "play" in helped.stdout and "simulate" in helped.stdout


def test_output_that_cannot_show_a_character_does_not_crash():
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_game.py"), "simulate", "--seed", "2"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONIOENCODING": "ascii", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "Outcome:" in done.stdout


def test_out_of_range_ids_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["simulate", "--game", str(2**64)])
    assert info.value.code == 2
    assert "outside 0 to" in capsys.readouterr().err


def test_validate_check_balance_exit_codes(tmp_path, capsys):
    assert main(["validate", "--check-balance", "--games", "100", "tutorial"]) == 0
    assert "balance smoke test" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    assert main(["validate", "--check-balance", str(bad)]) == 2  # invalid: no games played
    assert "balance smoke test" not in capsys.readouterr().out


LONG = "a" * 5000


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "--scenario", LONG, "--games", "10", "--out", "out"],
        ["balance", "--scenario", LONG, "--games", "10"],
        ["debrief", LONG],
        ["batch", "--scenario", "tutorial", "--games", "10", "--out", f"out/{LONG}"],
        ["batch", "--scenario", "tutorial", "--games", "10", "--policy", f"{LONG}.py:f"],
    ],
    ids=["batch-scenario", "balance-scenario", "debrief-folder", "batch-out", "batch-policy"],
)
def test_a_path_no_file_system_takes_is_one_line(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0] and len(err[0]) < 400
