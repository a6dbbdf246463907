"""The command line: exit codes, messages, and no tracebacks for user errors."""

import json
import os
import signal
import subprocess
import sys
import time
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
    assert "Week 1 of 13" in out and "Plan:" in out and "Outcome:" in out


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


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "--scenario", "tutorial", "--games", "10", "--out", ""],
        ["debrief", "results", "--out", ""],
        ["debrief", ""],
        ["play", "--scenario", "tutorial", "--team", "A", "--workshop", "--results", ""],
    ],
)
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2 and "the path is empty" in capsys.readouterr().err


def test_a_workshop_results_folder_that_cannot_take_the_file_is_refused_before_the_round(
    tmp_path, capsys
):
    taken = tmp_path / "results"
    taken.write_text("a file, not a folder", encoding="utf-8")
    argv = ["play", "--scenario", "tutorial", "--team", "A", "--workshop", "--results"]
    assert main([*argv, str(taken)]) == 2
    assert "--results" in capsys.readouterr().err


def test_new_scenario_never_writes_into_a_fifo(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    args = ["new-scenario", "x", "--from", "tutorial", "--out", str(fifo), "--force"]
    assert main(args) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_invisible_characters_the_user_typed_are_shown_escaped(capsys):
    assert main(["simulate", "--policy", "x\u202ey"]) == 2
    err = capsys.readouterr().err
    assert "\u202e" not in err and "\\u202e" in err


def test_sigterm_stops_a_headless_command_with_one_line(tmp_path):
    command = [sys.executable, "run_game.py", "balance", "--scenario", "tutorial"]
    command += ["--games", "200000", "--out", str(tmp_path / "b")]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    # balance makes its --out folder inside the handled region, before its games start.
    while not (tmp_path / "b").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert "interrupted (SIGTERM)" in err and "Traceback" not in err


def test_simulate_help_names_every_kind_of_policy(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "balanced" in text and "zoo" in text and "FILE.py:FUNCTION" in text
