"""How many teams one live workshop host serves at one week per second each.

Starts the real host (`run_game.py host --bind 127.0.0.1 --port 0 --turn-timer 0`) and
drives it with N simulated teams on keep-alive HTTP connections (asyncio, in this
process): every team joins, then once a second asks for its state and reports its next
week, until the scenario's weeks are played. The plans are one balanced game's, recorded
beforehand, so the load generator spends no time on the policy while the host replays
every week with the model as it does for a real team. A level is served when the teams
together reach at least 90 % of N weeks a second and 95 % of the requests answer within
half a second. The levels rise until one is not served; the host's CPU use is read from
/proc (Linux).

    python bench/live_host.py [--levels 50,100,200,300,400] [--scenario crm-rollout]
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.live.client import week_report  # noqa: E402
from game.policies import POLICIES  # noqa: E402
from game.scenario.loader import load  # noqa: E402
from game.session.session import Session  # noqa: E402

SEED = 3
SERVED_RATE = 0.9  # share of N weeks a second the teams must reach
SERVED_P95 = 0.5  # seconds


def recorded_weeks(scenario: str) -> list[dict[str, Any]]:
    sc, params = load(scenario)
    session = Session(sc, params, SEED)
    while not session.done:
        session.play(POLICIES["balanced"](session.observe(), params)[0])
    return [week_report(session, k).model_dump() for k in range(1, session.turn + 1)]


class Connection:
    """One keep-alive HTTP/1.1 connection: the least client work per request."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: Any = None, token: str = "") -> Any:
        try:
            return await self._request(method, path, body, token)
        except (ConnectionError, IndexError):  # the host closed an idle keep-alive: again
            self.writer = None
            return await self._request(method, path, body, token)

    async def _request(self, method: str, path: str, body: Any, token: str) -> Any:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        data = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(data)}\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        self.writer.write(head.encode() + b"Content-Type: application/json\r\n\r\n" + data)
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        answer = json.loads(await self.reader.readexactly(length))
        if status >= 400:
            raise RuntimeError(f"{method} {path}: {status} {answer}")
        return answer


async def join(url: tuple[str, int], code: str, name: str) -> tuple[Connection, str]:
    """Join, waiting out the host's join rate limit as a patient client would (a room's
    laptops have addresses of their own; here every team comes from one)."""
    conn = Connection(*url)
    while True:
        try:
            answer = await conn.request("POST", "/api/join", {"code": code, "team": name})
            return conn, answer["token"]
        except RuntimeError as exc:
            if " 429 " not in str(exc):
                raise
            await asyncio.sleep(0.5)


async def team(
    conn: Connection, token: str, weeks: list[dict[str, Any]], latencies: list[float],
    offset: float,
) -> int:  # fmt: skip
    # Teams end their weeks at their own moments, not all on the same tick.
    start = time.monotonic() + offset
    for k, week in enumerate(weeks, 1):
        await asyncio.sleep(max(0.0, start + k - 1 - time.monotonic()))  # one week a second
        t0 = time.monotonic()
        await conn.request("GET", "/api/team/state", token=token)
        await conn.request("PUT", f"/api/team/weeks/{k}", week, token)
        latencies.append(time.monotonic() - t0)
    assert conn.writer is not None
    conn.writer.close()
    return len(weeks)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def level(n: int, scenario: str, weeks: list[dict[str, Any]]) -> dict[str, float]:
    state = Path(tempfile.mkdtemp(prefix="odd-duck-live-bench-"))
    command = [sys.executable, str(ROOT / "run_game.py"), "host", "--scenario", scenario]
    command += ["--seed", str(SEED), "--bind", "127.0.0.1", "--port", "0", "--turn-timer", "0"]
    host = subprocess.Popen(
        [*command, "--state", str(state)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        info_path = state / "workshop.json"
        while not info_path.exists():
            time.sleep(0.05)
        time.sleep(0.3)
        info = json.loads(info_path.read_text())
        address = info["url"].removeprefix("http://").split(":")
        url = (address[0], int(address[1]))
        latencies: list[float] = []

        async def room() -> tuple[int, float, float]:
            joined = await asyncio.gather(
                *(join(url, info["code"], f"Bench {i}") for i in range(n))
            )
            cpu0, t0 = cpu_seconds(host.pid), time.monotonic()
            played = await asyncio.gather(
                *(team(c, t, weeks, latencies, i / n) for i, (c, t) in enumerate(joined))
            )
            return sum(played), time.monotonic() - t0, cpu_seconds(host.pid) - cpu0

        played, wall, cpu = asyncio.run(room())
    finally:
        host.send_signal(signal.SIGTERM)
        host.wait(30)
        shutil.rmtree(state, ignore_errors=True)
    latencies.sort()
    # The ideal: every team plays its weeks in len(weeks) seconds (plus the last team's
    # offset of up to a second).
    return {
        "teams": n,
        "weeks_per_s": played / wall,
        "target": n * len(weeks) / (len(weeks) + 1),
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "host_cpu": cpu / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="50,100,200,300,400")
    parser.add_argument("--scenario", default="crm-rollout")
    args = parser.parse_args()
    weeks = recorded_weeks(args.scenario)
    served = 0
    print(f"{args.scenario}: {len(weeks)} weeks a team, one week a second each")
    for n in (int(x) for x in args.levels.split(",")):
        r = level(n, args.scenario, weeks)
        ok = r["weeks_per_s"] >= SERVED_RATE * r["target"] and r["p95"] <= SERVED_P95
        print(
            f"{n:4d} teams: {r['weeks_per_s']:6.1f} weeks/s (aim {r['target']:.0f}),"
            f" request pair p50 {1000 * r['p50']:.0f} ms, p95 {1000 * r['p95']:.0f} ms,"
            f" host CPU {100 * r['host_cpu']:.0f} % of a core: {'served' if ok else 'NOT served'}"
        )
        if not ok:
            break
        served = n
    print(f"One host serves at least {served} teams at one week a second each.")


if __name__ == "__main__":
    main()
