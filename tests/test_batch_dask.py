"""Batches on a Dask cluster (`--dask`, the `[cluster]` extra): the same results, bit for bit,
as `--workers 1`; a bounded window of futures; a worker lost mid-run costs a retry, not the
run; an interrupted run leaves the cluster usable; bad input gets one line and exit 2.

Every cluster here is a LocalCluster on loopback, closed by its fixture."""

import json
import logging
import operator
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from game.batch import dask_backend
from game.batch.backend import LocalBackend
from game.batch.dask_backend import DaskBackend, DaskTarget, parse_target
from game.batch.resume import CHECKPOINT
from game.batch.run import run_batch
from game.batch.search import cross_entropy
from game.batch.zoo import run_zoo
from game.cli.main import main
from tests.helpers.batch_output import comparable_summary
from tests.helpers.dask_cluster import free_port, local_cluster
from tests.helpers.scenarios import loaded

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with local_cluster() as started:
        yield started


@pytest.fixture
def client(cluster):  # type: ignore[no-untyped-def]
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as connected:
        yield connected


def _batch(out: Path, *extra: str) -> int:
    return main(
        [
            "batch",
            "--scenario",
            "tutorial",
            "--games",
            "240",
            "--seed",
            "9",
            "--policy",
            "balanced,random",
            "--sweep",
            "model.late_cost=1,2",
            "--chunk",
            "23",
            "--per-game",
            "--quiet",
            "--no-charts",
            "--out",
            str(out),
            *extra,
        ]
    )


def _without_backend(out: Path) -> dict:  # type: ignore[type-arg]
    data = comparable_summary(out)
    data["inputs"].pop("backend")
    return data


def _same_as_one_worker(out: Path, reference: Path) -> None:
    assert _without_backend(out) == _without_backend(reference)
    assert (out / "games.csv").read_bytes() == (reference / "games.csv").read_bytes()


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("one-worker")
    assert _batch(out, "--workers", "1") == 0
    return out


def test_an_existing_scheduler_gives_the_one_worker_results_and_stays_usable(
    tmp_path, cluster, client, one_worker
):
    assert _batch(tmp_path, "--dask", cluster.scheduler_address) == 0
    _same_as_one_worker(tmp_path, one_worker)
    inputs = json.loads((tmp_path / "summary.json").read_text())["inputs"]
    assert inputs["backend"] == "dask" and inputs["workers"] == 2
    # Our client is closed, the cluster is not: it still takes work.
    assert client.submit(operator.add, 1, 2).result() == 3


def test_a_scheduler_file_reaches_the_same_cluster(tmp_path, cluster, one_worker):
    # What `dask scheduler --scheduler-file` writes, as far as a client reads it.
    scheduler_file = tmp_path / "scheduler.json"
    scheduler_file.write_text(json.dumps({"address": cluster.scheduler_address}))
    out = tmp_path / "out"
    assert _batch(out, "--dask-scheduler-file", str(scheduler_file)) == 0
    _same_as_one_worker(out, one_worker)


def test_a_local_cluster_gives_the_one_worker_results(tmp_path, one_worker):
    assert _batch(tmp_path, "--dask", "local:2") == 0
    _same_as_one_worker(tmp_path, one_worker)


def test_results_arrive_in_order_with_a_bounded_window_in_flight(client):
    backend = DaskBackend(client)
    window = 4 * backend.workers
    pulled = 0

    def items():  # type: ignore[no-untyped-def]
        nonlocal pulled
        for i in range(100):
            pulled += 1
            yield i

    results = []
    for result in backend.map_ordered(operator.add, 1000, items()):
        results.append(result)
        # Items taken but not yet handed back: in flight, or waiting for an earlier one.
        assert pulled - len(results) <= window
    assert results == [1000 + i for i in range(100)]


def test_the_search_on_a_cluster_finds_what_it_finds_in_one_process(client):
    _, params = loaded("tutorial")
    here = cross_entropy(params, games=12, population=6, elite=2, iterations=2, seed=3)
    there = cross_entropy(
        params, games=12, population=6, elite=2, iterations=2, seed=3, backend=DaskBackend(client)
    )
    pooled = cross_entropy(
        params, games=12, population=6, elite=2, iterations=2, seed=3, backend=LocalBackend(1)
    )
    assert here.history == there.history == pooled.history
    assert np.array_equal(here.best.values, there.best.values)


def test_the_strategy_zoo_on_a_cluster_scores_what_it_scores_in_one_process(client):
    _, params = loaded("tutorial")
    names = ["spam_workshop", "rota_workshop_demo"]
    here = run_zoo(params, 30, 5, names=names, chunk=10)
    there = run_zoo(params, 30, 5, names=names, chunk=10, backend=DaskBackend(client))
    assert here == there


@pytest.mark.slow
def test_workers_killed_mid_run_cost_a_retry_not_the_run():
    _, params = loaded("tutorial")
    expected = run_batch([params], ["balanced", "random"], games=1200, seed=5, chunk=1200)
    with local_cluster() as cluster, distributed.Client(cluster, set_as_default=False) as client:
        before = client.run(os.getpid)
        killed: list[int] = []

        def kill_the_holders(chunk):  # type: ignore[no-untyped-def]
            if not killed:  # chunks are in flight on both workers now
                # The worst workers to lose: every one holding a copy of the run's shared
                # scenarios, which every chunk still to play needs.
                for holder in client.run_on_scheduler(_holders_of_the_shared_data):
                    killed.append(before[holder])
                    os.kill(before[holder], signal.SIGKILL)

        result = run_batch(
            [params],
            ["balanced", "random"],
            games=1200,
            seed=5,
            chunk=40,
            on_chunk=kill_the_holders,
            backend=DaskBackend(client),
        )
        assert killed and not set(killed) & set(client.run(os.getpid).values())
        # The chunks the dead workers were playing went back to the scheduler and ran again.
        moves = client.run_on_scheduler(
            lambda dask_scheduler: [(t[1], t[2]) for t in dask_scheduler.transition_log]
        )
        assert ("processing", "released") in moves
    assert result.game_turns == expected.game_turns
    for key, tally in expected.tallies.items():
        got = vars(result.tallies[key])
        for name, value in vars(tally).items():
            assert np.array_equal(got[name], value), (key, name)


def _holders_of_the_shared_data(dask_scheduler):  # type: ignore[no-untyped-def]
    [task] = [
        task
        for key, task in dask_scheduler.tasks.items()
        if str(key).startswith(dask_backend.SHARED_KEY_PREFIX)
    ]
    return [worker.address for worker in task.who_has]


def _one_clear_line(capsys) -> str:  # type: ignore[no-untyped-def]
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return str(err)


def test_an_unreachable_scheduler_is_one_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(dask_backend, "CONNECT_TIMEOUT_S", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    assert _batch(tmp_path, "--dask", address) == 2
    err = _one_clear_line(capsys)
    assert f"cannot reach the Dask scheduler at {address}" in err
    assert not (tmp_path / "summary.json").exists()


def test_a_missing_scheduler_file_is_one_message(tmp_path, capsys):
    assert _batch(tmp_path, "--dask-scheduler-file", str(tmp_path / "nope.json")) == 2
    assert "nope.json: no such file" in _one_clear_line(capsys)


def test_dask_without_the_cluster_extra_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    assert _batch(tmp_path, "--dask", "local:2") == 2
    assert "needs the cluster extra" in _one_clear_line(capsys)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--dask", "local:2", "--workers", "2"), "not allowed with argument"),
        (("--dask", "udp://x"), "is not local, local:N or a scheduler address"),
        (("--dask", "local:0"), "a whole number from 1 to 64"),
    ],
)
def test_bad_dask_arguments_are_refused(tmp_path, capsys, extra, message):
    with pytest.raises(SystemExit) as stop:
        _batch(tmp_path, *extra)
    assert stop.value.code == 2
    assert message in _one_clear_line(capsys)


def test_targets_are_read_as_written():
    assert parse_target("local", cpus=3) == DaskTarget(local_workers=3)
    assert parse_target("local:5", cpus=3) == DaskTarget(local_workers=5)
    assert parse_target(" tcp://sched.lan:8786 ", cpus=1) == DaskTarget(
        address="tcp://sched.lan:8786"
    )
    with pytest.raises(ValueError, match="local:N"):
        parse_target("local:two", cpus=1)


def _scheduler_tasks(client) -> int:  # type: ignore[no-untyped-def]
    return int(client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)))


def _wait_until(condition, polls: int = 1200) -> bool:  # type: ignore[no-untyped-def]
    """Poll `condition` (at most about a minute): a cluster answers asynchronously."""
    for _ in range(polls):
        if condition():
            return True
        time.sleep(0.05)
    return False


def _name_error_raised_in(filename: str, function: str) -> NameError:
    """A NameError whose last frame is `function` in `filename`, as distributed's own
    `sync.cancel` raises it when Ctrl+C lands before its future is set."""
    source = f"def {function}():\n    return not_set_yet\n"
    scope: dict[str, object] = {}
    exec(compile(source, filename, "exec"), scope)
    try:
        scope[function]()  # type: ignore[operator]
    except NameError as error:
        return error
    raise AssertionError("the function should have raised")


def test_distributeds_own_ctrl_c_error_is_not_shown_and_other_errors_are(caplog):
    logger = logging.getLogger("tornado.application")
    theirs = _name_error_raised_in("/site-packages/distributed/utils.py", "cancel")
    ours = _name_error_raised_in("/game/batch/run.py", "cancel")
    quiet = dask_backend._interrupt_noise_filtered()
    with caplog.at_level(logging.ERROR, logger="tornado.application"), quiet:
        for error in (theirs, ours):
            logger.error("Exception in callback", exc_info=(NameError, error, None))
    assert [r.exc_info[1] for r in caplog.records if r.exc_info] == [ours]


@pytest.mark.slow
def test_ctrl_c_cancels_our_futures_and_leaves_the_cluster_usable(tmp_path, cluster, client):
    run = ["batch", "--scenario", "tutorial", "--games", "12000", "--chunk", "50", "--seed", "3"]
    quiet = ["--quiet", "--no-charts", "--per-game"]
    address = ["--dask", cluster.scheduler_address]
    out = tmp_path / "run"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "run_game.py"), *run, *quiet, *address, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Once the run's chunks are on the cluster, press Ctrl+C.
        assert _wait_until(lambda: _scheduler_tasks(client) >= 2 or proc.poll() is not None)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "interrupted after" in err and "Traceback" not in err
    assert (out / CHECKPOINT).exists()
    # Our futures are gone (cancelled, our client closed) and the cluster still works.
    assert _wait_until(lambda: _scheduler_tasks(client) == 0)
    assert client.submit(operator.add, 2, 3).result() == 5
    # The same command continues on the same cluster to what one worker gives, bit for bit.
    assert main([*run, *quiet, *address, "--out", str(out), "--resume"]) == 0
    assert main([*run, *quiet, "--workers", "1", "--out", str(tmp_path / "one")]) == 0
    _same_as_one_worker(out, tmp_path / "one")


@pytest.mark.slow  # two balance reports: about half a minute each on two busy cores
def test_balance_on_a_cluster_writes_the_same_report(tmp_path, cluster):
    def balance(out: Path, *extra: str) -> str:
        quick = ["--games", "60", "--search-games", "10", "--iterations", "1"]
        small = ["--sensitivity-games", "20", "--no-zoo", "--out", str(out)]
        assert main(["balance", "--scenario", "tutorial", *quick, *small, *extra]) == 0
        return (out / "report.md").read_text(encoding="utf-8")

    here = balance(tmp_path / "here")
    assert balance(tmp_path / "there", "--dask", cluster.scheduler_address) == here


def test_a_policy_that_fails_on_a_worker_is_one_message(tmp_path, cluster, capsys):
    # A policy file is read by the workers at the same path (here: the same machine).
    path = tmp_path / "mine.py"
    path.write_text(
        "from game.policies import POLICIES\n"
        "def fine(obs, params):\n"
        "    return POLICIES['balanced'](obs, params)\n"
        "def broken(obs, params):\n"
        "    raise ZeroDivisionError('oops')\n",
        encoding="utf-8",
    )
    run = ["batch", "--scenario", "tutorial", "--games", "60", "--quiet", "--no-charts"]
    there = [*run, "--dask", cluster.scheduler_address, "--out", str(tmp_path / "there")]
    assert main([*there, "--policy", f"{path}:fine"]) == 0
    assert main([*run, "--policy", f"{path}:fine", "--out", str(tmp_path / "here")]) == 0
    assert _without_backend(tmp_path / "there") == _without_backend(tmp_path / "here")
    assert main([*there, "--policy", f"{path}:broken"]) == 2
    err = _one_clear_line(capsys)
    assert "the policy raised ZeroDivisionError: oops" in err


def test_chunks_the_scheduler_forgot_are_one_backend_error():
    """distributed reports a forgotten future with its own subclass of CancelledError."""
    from distributed.client import FutureCancelledError

    from game.batch.backend import BackendError
    from game.batch.dask_backend import _result

    class Forgotten:
        def result(self):  # type: ignore[no-untyped-def]
            raise FutureCancelledError("chunk-1", reason="already forgotten")

    with pytest.raises(BackendError, match="cancelled the run's chunks"):
        _result(Forgotten())
