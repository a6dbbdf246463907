"""The live host end to end: a real `run_game.py host` on loopback, teams through the real
client, a crash (`kill -9`), a network cut and hostile requests (docs/LIVE-PROTOCOL.md)."""

import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game.live import bot
from game.live.client import LinkDownError, TeamClient
from game.live.link import Link
from game.policies import POLICIES
from tests.helpers.live_bots import start_bots
from tests.helpers.live_games import offline
from tests.helpers.live_host import ROOT, Host, call, start_host, teams

SCENARIO, SEED = "tutorial", 11
POLICY_NAMES = ("balanced", "delivery_first", "relationship_first", "random")
HOST_ARGS = ("--scenario", SCENARIO, "--seed", str(SEED), "--turn-timer", "0")


def _assert_clean(host: Host, out: str, err: str, tokens: list[str]) -> None:
    assert "Traceback" not in err and "Traceback" not in out, err
    for token in tokens:  # a team's token is only ever in its own answers
        assert token not in out and token not in err
    assert out.count(host.token) == 1  # once: printed for the facilitator at the start


def _assert_equal_offline(host: Host, names: dict[str, str]) -> None:
    rows = teams(host)
    assert sorted(rows) == sorted(names)
    for name, policy in names.items():
        weeks, score = offline(SCENARIO, policy, SEED)
        row = rows[name]
        assert (row["week"], row["finished"], row["score"]) == (weeks, True, score), name


def _week_rows(state: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(state / "workshop.sqlite") as db:
        return db.execute("SELECT team, week FROM weeks ORDER BY team, week").fetchall()


def test_thirty_bots_finish_a_round_and_the_host_equals_simulate(tmp_path: Path) -> None:
    host = start_host(tmp_path / "ws", *HOST_ARGS)
    names = {f"Team {i:02d}": POLICY_NAMES[i % 4] for i in range(30)}
    try:
        bots = start_bots(host.url, host.code, names)
        bots.join()
        _assert_equal_offline(host, names)
        for name, result in bots.results.items():
            assert result.score == teams(host)[name]["score"]
    finally:
        out, err = host.stop()
    assert host.process.returncode == 0, err  # SIGTERM: a clean stop
    assert "has stopped" in out
    assert (tmp_path / "ws" / "workshop.json").stat().st_mode & 0o777 == 0o600
    _assert_clean(host, out, err, [c.token or "" for c in bots.clients.values()])
    weeks = _week_rows(tmp_path / "ws")
    assert (
        len(weeks) == len(set(weeks)) == sum(offline(SCENARIO, p, SEED)[0] for p in names.values())
    )


def test_a_host_killed_mid_round_resumes_and_nothing_is_lost_or_counted_twice(
    tmp_path: Path,
) -> None:
    state = tmp_path / "ws"
    host = start_host(state, *HOST_ARGS)
    names = {f"Crash {i}": POLICY_NAMES[i % 3] for i in range(8)}
    bots = start_bots(host.url, host.code, names, pace=0.05)
    deadline = time.monotonic() + 120
    total = sum(offline(SCENARIO, p, SEED)[0] for p in names.values())
    while sum(r["week"] for r in teams(host).values()) < 12:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert sum(r["week"] for r in teams(host).values()) < total  # killed mid-round
    port = host.url.rsplit(":", 1)[1]
    host.stop(signal.SIGKILL)
    again = start_host(state, "--port", port)  # no --scenario: the state folder has it
    try:
        assert (again.code, again.token, again.url) == (host.code, host.token, host.url)
        bots.join()
        _assert_equal_offline(again, names)
    finally:
        _out, err = again.stop()
    assert "Traceback" not in err
    weeks = _week_rows(state)
    assert (
        len(weeks) == len(set(weeks)) == sum(offline(SCENARIO, p, SEED)[0] for p in names.values())
    )


def _dead_url() -> str:
    with socket.socket() as sock:  # a port nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_team_cut_off_for_weeks_catches_up_on_reconnect(tmp_path: Path) -> None:
    host = start_host(tmp_path / "ws", *HOST_ARGS)
    try:
        client = TeamClient(host.url, timeout=5.0, retries=0)
        session = bot.join(client, host.code, "Islanders")
        policy = POLICIES["balanced"]
        link = Link(TeamClient(host.url, token=client.token, retries=0), interval=3600)
        for _ in range(2):
            session.play(policy(session.observe(), session.params)[0])
            client.catch_up(session)
        client.url = link.client.url = _dead_url()  # the network drops
        for _ in range(3):
            session.play(policy(session.observe(), session.params)[0])
            with pytest.raises(LinkDownError):
                client.catch_up(session)
            link.offer(session)
            link.sync_once()
            assert link.problem
        assert teams(host)["Islanders"]["week"] == 2
        link.client.url = host.url  # back: the window's link sends the missing weeks
        link.sync_once()
        assert link.problem == "" and link.latest is not None and link.latest.week == 5
        assert teams(host)["Islanders"]["week"] == 5
        client.url = host.url
        assert client.catch_up(session) is None  # nothing missing, nothing sent twice
        link.close()
    finally:
        _out, err = host.stop(signal.SIGINT)  # Ctrl+C
    assert host.process.returncode == 0 and "Traceback" not in err


def _seen(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The dashboard's rows without when each team was last heard from."""
    return {k: {**v, "last_seen": None, "connected": None} for k, v in rows.items()}


def _rows(state: Path) -> list[list[tuple[Any, ...]]]:
    tables = ("workshop", "teams", "weeks", "events", "messages")
    with sqlite3.connect(state / "workshop.sqlite") as db:
        return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables]


def test_hostile_requests_get_clear_errors_and_change_nothing(tmp_path: Path) -> None:
    host = start_host(tmp_path / "ws", *HOST_ARGS)
    url, boss = host.url, host.token
    try:
        client = TeamClient(url)
        session = bot.join(client, host.code, "Blue")
        team = client.token or ""
        session.play(POLICIES["balanced"](session.observe(), session.params)[0])
        client.catch_up(session)
        before_api, before_rows = _seen(teams(host)), _rows(host.state)
        good = {"plan": {"check_in": {"marta": 1.0}}, "fired": []}
        cases = [
            # (method, path, body or raw bytes, token, expected status)
            ("GET", "/api/teams", None, None, 401),
            ("GET", "/api/teams", None, "wrong", 401),
            ("GET", "/api/teams", None, team, 401),  # a team is not the facilitator
            ("GET", "/api/team/state", None, boss, 401),  # nor the facilitator a team
            ("POST", "/api/end", {}, "x" * 5000, 401),
            ("POST", "/api/join", {"code": "WRONG1", "team": "Eve"}, None, 403),
            ("POST", "/api/join", {"code": host.code, "team": "blue"}, None, 409),
            ("POST", "/api/join", {"code": host.code, "team": "  BLUE "}, None, 409),
            ("POST", "/api/join", {"code": host.code, "team": "x" * 41}, None, 400),
            ("POST", "/api/join", {"code": host.code, "team": "Bl\u202eue"}, None, 400),
            ("POST", "/api/join", {"code": host.code, "team": "   "}, None, 400),
            ("POST", "/api/join", {"code": host.code, "team": 7}, None, 400),
            ("POST", "/api/join", {"code": host.code, "team": "Z", "admin": True}, None, 400),
            ("POST", "/api/join", b"{not json", None, 400),
            ("POST", "/api/join", b"[]", None, 400),
            ("POST", "/api/join", b"\xff\xfe", None, 400),
            ("POST", "/api/join", b"x" * 70_000, None, 413),
            (
                "PUT",
                "/api/team/weeks/1",
                {"plan": {"build": {"room-overview": 2.0}}, "fired": []},
                team,
                409,
            ),
            ("PUT", "/api/team/weeks/3", good, team, 409),
            ("PUT", "/api/team/weeks/0", good, team, 400),
            ("PUT", "/api/team/weeks/99999999999999999999999", good, team, 409),
            ("PUT", "/api/team/weeks/-1", good, team, 404),
            ("PUT", "/api/team/weeks/x", good, team, 404),
            ("PUT", "/api/team/weeks/2", {"plan": good["plan"], "fired": ["no-such"]}, team, 400),
            (
                "PUT",
                "/api/team/weeks/2",
                {"plan": good["plan"], "fired": ["double-booking"]},
                team,
                409,
            ),
            ("PUT", "/api/team/weeks/2", {"plan": {"build": {"room-overview": 1e9}}}, team, 400),
            ("PUT", "/api/team/weeks/2", {"plan": {"build": {"room-overview": 99.0}}}, team, 422),
            ("PUT", "/api/team/weeks/2", {"plan": {"fly": {"marta": 1.0}}}, team, 400),
            ("PUT", "/api/team/weeks/2", {"plan": {"build": {"x": "1"}}}, team, 400),
            ("PUT", "/api/team/weeks/2", {"plan": [1, 2]}, team, 400),
            ("PUT", "/api/team/weeks/2", {"plan": {f"a{i}": {} for i in range(65)}}, team, 400),
            ("PUT", "/api/team/weeks/2", b"[" * 5000 + b"]" * 5000, team, 400),
            ("GET", "/api/team/state?since=abc", None, team, 400),
            ("POST", "/api/events", {"event": "no-such"}, boss, 404),
            ("POST", "/api/events", {"event": "double-booking", "team": "Nobody"}, boss, 404),
            ("POST", "/api/messages", {"text": ""}, boss, 400),
            ("POST", "/api/messages", {"text": "x" * 501}, boss, 400),
            ("POST", "/api/timer", {"action": "explode"}, boss, 400),
            ("POST", "/api/timer", {"action": "start"}, boss, 409),  # no timer in this one
            ("POST", "/api/end", {"now": True}, boss, 400),
            ("DELETE", "/api/teams", None, boss, 405),
            ("GET", "/api/nothing", None, boss, 404),
        ]
        for method, path, body, token, status in cases:
            raw = body if isinstance(body, bytes) else None
            got, answer = call(url, method, path, None if raw else body, token, raw=raw)
            assert got == status, (method, path, got, answer)
            assert isinstance(answer["error"]["message"], str) and answer["error"]["code"]
        assert _seen(teams(host)) == before_api
        assert _rows(host.state) == before_rows
    finally:
        out, err = host.stop()
    _assert_clean(host, out, err, [team])


def test_the_bot_command_plays_as_simulate_does(tmp_path: Path) -> None:
    host = start_host(tmp_path / "ws", *HOST_ARGS)
    try:
        command = [sys.executable, str(ROOT / "run_game.py"), "bot", "--join", host.url]
        command += ["--code", host.code, "--team", "Cmd", "--policy", "delivery_first"]
        done = subprocess.run(
            [*command, "--pace", "0"], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        again = subprocess.run(
            [*command, "--pace", "0"], capture_output=True, text=True, timeout=120
        )
        assert again.returncode == 2 and "already joined" in again.stderr
        assert "Traceback" not in again.stderr
        simulate = subprocess.run(
            [sys.executable, str(ROOT / "run_game.py"), "simulate", "--scenario", SCENARIO,
             "--policy", "delivery_first", "--seed", str(SEED)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        row = teams(host)["Cmd"]
        assert f"score {row['score']:.1f}" in simulate.stdout
        assert (row["week"], row["score"]) == offline(SCENARIO, "delivery_first", SEED)
    finally:
        host.stop()


@pytest.mark.parametrize(
    "args, words",
    [
        (["host", "--port", "70000"], "outside"),
        (["host", "--bind", "not-an-address"], "not an IP address"),
        (["host", "--turn-timer", "-1"], "outside"),
        (["host"], "give --scenario"),
        (
            ["host", "--scenario", "no-such-scenario", "--bind", "127.0.0.1", "--port", "0"],
            "no-such",
        ),
        (["bot", "--join", "ftp://x", "--code", "A", "--team", "B"], "not an http"),
        (
            [
                "bot",
                "--join",
                "http://127.0.0.1:1",
                "--code",
                "A",
                "--team",
                "B",
                "--policy",
                "nope",
            ],
            "unknown policy",
        ),
        (["bot", "--join", "http://127.0.0.1:1", "--code", "A", "--team", "B"], "cannot reach"),
    ],
)
def test_bad_arguments_get_one_message_and_status_2(
    args: list[str], words: str, tmp_path: Path
) -> None:
    env = {"ODD_DUCK_HOME": str(tmp_path), "PATH": ""}  # a default --state goes there
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_game.py"), *args],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


def test_a_state_folder_holding_no_workshop_database_is_one_message(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "workshop.sqlite").write_bytes(b"this is not a database" * 100)
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_game.py"), "host", "--state", str(tmp_path / "ws"),
         "--bind", "127.0.0.1", "--port", "0"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "is not a workshop's state" in done.stderr
    assert "Traceback" not in done.stderr
