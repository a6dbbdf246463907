"""The review's findings on `--dask` (issue 15): bad input is one line and exit 2 at once,
a relative policy path works on a running cluster, workers with other rules are refused,
a Ctrl+C during a local cluster's start-up is kept, and the messages say what happened.

Every cluster here is a LocalCluster on loopback, closed by its fixture."""

import argparse
import json
from pathlib import Path

import pytest

from game.batch.backend import BackendError
from game.batch.dask_backend import DaskTarget, check_rules, rules_here
from game.batch.run import BatchError, Job, play_chunk
from game.cli import options
from game.cli.main import main
from game.model import RULES_VERSION
from tests.helpers.dask_cluster import free_port, local_cluster
from tests.helpers.scenarios import loaded

distributed = pytest.importorskip("distributed")

RUN = ["batch", "--scenario", "tutorial", "--games", "60", "--seed", "4", "--quiet"]


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with local_cluster() as started:
        yield started


def _batch(out: Path, *extra: str) -> int:
    return main([*RUN, "--no-charts", "--out", str(out), *extra])


def _one_line(capsys) -> str:  # type: ignore[no-untyped-def]
    err = str(capsys.readouterr().err)
    assert "Traceback" not in err and "Exception ignored" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("content", ["{}", "garbage", '{"address": 7}', ""])
def test_a_damaged_scheduler_file_is_one_line(tmp_path, capsys, content):
    damaged = tmp_path / "scheduler.json"
    damaged.write_text(content, encoding="utf-8")
    assert _batch(tmp_path / "out", "--dask-scheduler-file", str(damaged)) == 2
    assert "holds no scheduler address" in _one_line(capsys)


def test_a_folder_as_scheduler_file_is_called_a_folder(tmp_path, capsys):
    assert _batch(tmp_path / "out", "--dask-scheduler-file", str(tmp_path)) == 2
    assert "is a folder, not a file" in _one_line(capsys)


def test_a_stale_scheduler_file_names_the_address_and_the_file(tmp_path, capsys):
    stale = tmp_path / "stale.json"
    address = f"tcp://127.0.0.1:{free_port()}"
    stale.write_text(json.dumps({"address": address}), encoding="utf-8")
    assert _batch(tmp_path / "out", "--dask-scheduler-file", str(stale)) == 2
    assert f"cannot reach the Dask scheduler at {address} (from {stale})" in _one_line(capsys)


def test_a_host_name_that_does_not_resolve_is_called_so(tmp_path, capsys):
    assert _batch(tmp_path, "--dask", "tcp://no-such-host.invalid:8786") == 2
    assert "'no-such-host.invalid' does not resolve" in _one_line(capsys)


@pytest.mark.parametrize("address", ["tcp://127.0.0.1", "tcp://host:", "tcp://:8786", "tcp://h:x"])
def test_an_address_without_host_or_port_is_refused_with_the_arguments(tmp_path, capsys, address):
    with pytest.raises(SystemExit) as stop:
        _batch(tmp_path, "--dask", address)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "needs a host and a port number" in err and "Traceback" not in err


def test_a_relative_policy_path_plays_on_a_running_cluster(tmp_path, cluster, monkeypatch):
    # The workers run in another folder than the command: they are sent the absolute path.
    (tmp_path / "mypol.py").write_text(
        "from game.policies import POLICIES\n"
        "def bal(obs, params):\n"
        "    return POLICIES['balanced'](obs, params)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    there = ["--policy", "mypol.py:bal", "--dask", cluster.scheduler_address]
    assert _batch(tmp_path / "there", *there) == 0
    summary = json.loads((tmp_path / "there" / "summary.json").read_text(encoding="utf-8"))
    assert summary["inputs"]["policies"] == ["mypol.py:bal"]  # recorded as given
    assert summary["inputs"]["rules_version"] == RULES_VERSION


def test_a_policy_a_worker_cannot_load_is_one_message_naming_file_and_worker(crm_params):
    job = Job(0, "mine.py:bal", 0, 10)
    with pytest.raises(BatchError, match=r"policy file '/gone/mine.py' does not exist, on the"):
        play_chunk(crm_params, "mine.py:bal", job, 1, False, source="/gone/mine.py:bal")


@pytest.fixture(scope="module")
def crm_params():  # type: ignore[no-untyped-def]
    return loaded("crm-rollout")[1]


def test_a_failing_policy_names_the_games_of_its_chunk(crm_params, monkeypatch):
    def broken(obs, params):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr("game.batch.run.resolve_policy", lambda spec: broken)
    with pytest.raises(
        BatchError,
        match="turn 1: the policy raised RuntimeError: boom"
        r" \(in games 10–29\)",
    ):
        play_chunk(crm_params, "custom", Job(0, "custom", 10, 30), 1, False)


class _Workers:
    """A client whose workers answer `run` with the given rules."""

    def __init__(self, answers: dict[str, dict[str, object]]) -> None:
        self.answers = answers

    def run(self, function):  # type: ignore[no-untyped-def]
        return self.answers


def test_workers_with_other_rules_are_refused_naming_worker_and_versions():
    mine = rules_here()
    bumped = {**mine, "rules": RULES_VERSION + 1, "path": "/elsewhere/game"}
    edited = {**mine, "source": "0" * 64}
    check_rules(_Workers({"tcp://a:1": mine, "tcp://b:2": {**mine, "path": "/x"}}))
    with pytest.raises(BackendError) as refused:
        check_rules(_Workers({"tcp://a:1": mine, "tcp://b:2": bumped}))
    message = str(refused.value)
    assert "tcp://b:2" in message and "tcp://a:1" not in message
    assert f"rules version {RULES_VERSION + 1} there, {RULES_VERSION} here" in message
    assert "/elsewhere/game" in message
    with pytest.raises(BackendError, match="the same rules version but other rule code"):
        check_rules(_Workers({"tcp://c:3": edited}))


def test_the_rules_check_passes_on_a_cluster_of_this_checkout(cluster):
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        check_rules(client)


def test_a_local_cluster_start_up_says_so(tmp_path, capsys):
    # Its workers are started ignoring Ctrl+C, so that this process stops them in order;
    # a Ctrl+C in these seconds is ignored too, and the command says what it is doing.
    assert main([*RUN[:-1], "--no-charts", "--out", str(tmp_path), "--dask", "local:1"]) == 0
    err = capsys.readouterr().err
    assert "starting a local Dask cluster of 1 worker process" in err
    assert "playing on the Dask cluster at local:1 (1 worker); dashboard: http://127.0.0.1:" in err
    inputs = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["inputs"]
    assert inputs["rules_version"] == RULES_VERSION and inputs["backend"] == "dask"


def test_resume_with_nothing_to_resume_is_refused_before_any_cluster(tmp_path, capsys, monkeypatch):
    def no_cluster(target: DaskTarget):  # type: ignore[no-untyped-def]
        raise AssertionError("a cluster was started before --resume was checked")

    monkeypatch.setattr(options, "dask_backend", no_cluster)
    assert _batch(tmp_path, "--dask", "local:2", "--resume") == 2
    assert "--resume: there is no interrupted run" in _one_line(capsys)


class _Cluster:
    name, workers, dashboard = "dask", 3, "http://127.0.0.1:8787/status"


def test_the_cluster_and_its_dashboard_are_announced(capsys):
    args = argparse.Namespace(dask=DaskTarget(address="tcp://s:8786"), dask_scheduler_file=None)
    options.announce(args, _Cluster())  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert "playing on the Dask cluster at tcp://s:8786 (3 workers)" in err
    assert "dashboard: http://127.0.0.1:8787/status" in err


def test_balance_announces_its_cluster(tmp_path, cluster, capsys):
    quick = ["--games", "20", "--search-games", "4", "--iterations", "1", "--no-zoo"]
    small = ["--no-sensitivity", "--out", str(tmp_path)]
    where = ["--dask", cluster.scheduler_address]
    assert main(["balance", "--scenario", "tutorial", *quick, *small, *where]) == 0
    assert f"playing on the Dask cluster at {cluster.scheduler_address}" in capsys.readouterr().err
