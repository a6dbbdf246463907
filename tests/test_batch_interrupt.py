"""A batch fails cleanly: bounded sizes, interrupts that stop the workers, and --resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.batch.resume import CHECKPOINT, PARTIAL, Interrupted, Stop
from game.batch.run import Job, jobs
from game.cli import batch_cmd
from game.cli.main import main
from tests.helpers.batch_output import comparable_summary

ROOT = Path(__file__).parents[1]

# Balanced play that sends its own process SIGINT once, in the middle of a run.
ONCE = """
import os, signal
from pathlib import Path
from game.policies import POLICIES

MARK = Path(__file__).with_name("interrupted-once")

def once(obs, params):
    if obs.game_id[0] == 150 and obs.turn[0] == 2 and not MARK.exists():
        MARK.write_text("")
        os.kill(os.getpid(), signal.SIGINT)
    return POLICIES["balanced"](obs, params)
"""


def _batch(out: Path, *extra: str) -> int:
    return main(
        ["batch", "--scenario", "tutorial", "--quiet", "--no-charts", "--out", str(out), *extra]
    )


def test_workers_past_the_absolute_cap_are_refused(tmp_path, capsys):
    assert _batch(tmp_path, "--games", "10", "--workers", "100000") == 2
    err = capsys.readouterr().err
    assert f"--workers 100,000 is over the cap of {batch_cmd.MAX_WORKERS}" in err
    assert "Traceback" not in err and not (tmp_path / "summary.json").exists()


def test_workers_past_the_cpus_are_capped_with_a_note(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(batch_cmd, "available_cpus", lambda: 1)
    assert _batch(tmp_path, "--games", "20", "--workers", "3") == 0
    assert "--workers 3 is more than the 1 CPU here; using 1" in capsys.readouterr().err
    assert json.loads((tmp_path / "summary.json").read_text())["inputs"]["workers"] == 1


def test_a_sweep_grid_past_the_cap_is_refused_before_it_is_built(tmp_path, capsys):
    values = ",".join(str(v) for v in range(1, 201))
    sweeps = [f"--sweep=model.{key}={values}" for key in ("late_cost", "a", "b")]
    started = time.perf_counter()
    assert _batch(tmp_path, "--games", "10", *sweeps) == 2
    assert time.perf_counter() - started < 2
    err = capsys.readouterr().err
    assert "200 x 200 x 200 = 8,000,000 sweep points, over the cap of 1,000" in err
    # Under the cap of points, but with three policies over the cap of results.
    small = f"--sweep=model.late_cost={','.join(str(v) for v in range(1, 401))}"
    assert _batch(tmp_path, "--games", "10", "--policy", "balanced,random,lean", small) == 2
    assert "400 sweep points x 3 policies = 1,200 results" in capsys.readouterr().err


def test_jobs_are_made_as_needed_and_skip_what_is_done():
    assert next(jobs(1, ["a"], 10**9, 1)) == Job(0, "a", 0, 1)
    rest = list(jobs(2, ["a", "b"], 10, 4, done=14))  # "a" at point 0 done, "b" at 4
    assert rest[0] == Job(0, "b", 4, 8) and rest[2] == Job(1, "a", 0, 4)
    assert sum(j.stop - j.first for j in rest) == 40 - 14


def test_a_signal_inside_held_waits_for_the_end_of_the_block():
    with Stop() as stop, pytest.raises(Interrupted) as info, stop.held():
        os.kill(os.getpid(), signal.SIGTERM)
        finished = True
    assert finished and info.value.exit_status == 143


def test_an_interrupted_run_keeps_the_old_results_and_resumes_exactly(tmp_path, capsys):
    policy = tmp_path / "once.py"
    policy.write_text(ONCE, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--games", "300", "--chunk", "50", "--per-game", "--policy", f"balanced,{policy}:once"]
    assert _batch(out, "--games", "40", "--seed", "9") == 0
    before = (out / "summary.json").read_bytes()
    capsys.readouterr()
    assert _batch(out, *args, "--seed", "4") == 130
    err = capsys.readouterr().err
    assert (
        f"interrupted after 450 of 600 games; the previous results in {out} are untouched;"
        " run the same command with --resume to continue"
    ) in err
    assert (out / "summary.json").read_bytes() == before
    assert (out / CHECKPOINT).exists() and (out / PARTIAL).exists()
    assert _batch(out, *args, "--seed", "5", "--resume") == 2
    assert "had other settings (seed 4 then, 5 now)" in capsys.readouterr().err
    # Another chunk size on the way: the games, and so the results, are the same.
    assert _batch(out, *args, "--seed", "4", "--resume", "--chunk", "70") == 0
    assert "resuming: 450 of 600 games were already done" in capsys.readouterr().err
    assert not (out / CHECKPOINT).exists() and not (out / PARTIAL).exists()
    assert _batch(tmp_path / "whole", *args, "--seed", "4") == 0
    assert comparable_summary(out) == comparable_summary(tmp_path / "whole")
    assert (out / "games.csv").read_bytes() == (tmp_path / "whole" / "games.csv").read_bytes()


def test_resume_needs_a_readable_interrupted_run(tmp_path, capsys):
    assert _batch(tmp_path, "--games", "10", "--resume") == 2
    assert f"there is no interrupted run in {tmp_path} to continue" in capsys.readouterr().err
    (tmp_path / CHECKPOINT).write_bytes(b"not a checkpoint")
    assert _batch(tmp_path, "--games", "10", "--resume") == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and "Traceback" not in err


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or batch_cmd.available_cpus() < 2,
    reason="reads /proc; needs two CPUs for two workers",
)
def test_sigterm_stops_the_workers_and_says_so(tmp_path):
    command = [sys.executable, str(ROOT / "run_game.py"), "batch", "--scenario", "tutorial"]
    options = ["--games", "200000", "--chunk", "200", "--workers", "2", "--quiet", "--no-charts"]
    proc = subprocess.Popen(
        [*command, *options, "--out", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 20
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert len(workers) == 2
        proc.send_signal(signal.SIGTERM)
        # Workers left running would hold the pipes open, and this would time out.
        _, err = proc.communicate(timeout=20)
        survivors = [pid for pid in workers if _alive(pid)]
    finally:  # a failing test leaves no process behind either
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 143, err
    assert "interrupted after" in err and "--resume to continue" in err
    assert "Traceback" not in err
    assert survivors == []
    assert (tmp_path / CHECKPOINT).exists()
    assert not (tmp_path / "summary.json").exists()


_MID_SEND = """
import time
from game.batch.pool import worker_pool

PAYLOAD = b"x" * 64_000_000  # far more than a pipe holds: sent in many writes


def big(_):
    return PAYLOAD


if __name__ == "__main__":
    try:
        with worker_pool(2) as pool:
            for _ in range(4):
                pool.submit(big, 0)
            time.sleep(0.2)  # both workers are sending their results now
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("ended")
"""


@pytest.mark.slow
def test_workers_ended_while_sending_a_result_do_not_hang_the_run(tmp_path):
    """A worker ended half-way through sending its result left half a message that the
    pool's manager thread waited for for ever, and the interrupted run with it (CI saw
    `batch --workers 2` ignore SIGTERM: a chunk's result is some 100 kB)."""
    script = tmp_path / "mid_send.py"
    script.write_text(_MID_SEND)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,  # it ends in well under a second
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ended"


def test_balance_checks_its_output_folder_before_the_work(tmp_path, capsys, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("game.batch.balance.balance", never)
    file = tmp_path / "report"
    file.write_text("x", encoding="utf-8")
    assert main(["balance", "--scenario", "tutorial", "--out", str(file)]) == 2
    err = capsys.readouterr().err
    assert f"--out {file} is a file, not a folder" in err and "Traceback" not in err
