"""A real workshop host as a subprocess on loopback, for the live tests; and small HTTP
calls that return (status, JSON) instead of raising."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0  # seconds: generous, the machine is shared


@dataclass
class Host:
    state: Path
    process: subprocess.Popen[str]
    info: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.info["url"]

    @property
    def code(self) -> str:
        return self.info["code"]

    @property
    def token(self) -> str:
        return self.info["facilitator_token"]

    def stop(self, sig: int = signal.SIGTERM) -> tuple[str, str]:
        """Stop the host (SIGTERM: cleanly; SIGKILL: as a crash); its stdout and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        out, err = self.process.communicate(timeout=30)
        return out, err


def start_host(state: Path, *args: str, env: dict[str, str] | None = None) -> Host:
    """`run_game.py host --bind 127.0.0.1 --port 0 --state STATE ARGS...`, started and
    answering; its workshop.json read."""
    info_path = state / "workshop.json"
    before = info_path.stat().st_mtime_ns if info_path.exists() else None
    command = [sys.executable, str(ROOT / "run_game.py"), "host", "--bind", "127.0.0.1"]
    command += ["--port", "0", "--state", str(state), *args]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    host = Host(state, process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the host stopped at start:\n{out}\n{err}")
        if info_path.exists() and info_path.stat().st_mtime_ns != before:
            try:
                host.info = json.loads(info_path.read_text())
            except ValueError:
                host.info = {}
            if host.info and call(host.url, "GET", "/api/health")[0] == 200:
                return host
        time.sleep(0.05)
    host.stop(signal.SIGKILL)
    raise AssertionError("the host did not start in time")


def call(
    url: str, method: str, path: str, body: Any = None, token: str | None = None,
    raw: bytes | None = None, headers: dict[str, str] | None = None,
) -> tuple[int, Any]:  # fmt: skip
    """One request; (status, parsed JSON answer); status 0 when nothing answered."""
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read() or b"null")
    except OSError:
        return 0, None


def teams(host: Host) -> dict[str, dict[str, Any]]:
    """GET /api/teams as {team: row}."""
    status, answer = call(host.url, "GET", "/api/teams", token=host.token)
    assert status == 200, answer
    return {row["team"]: row for row in answer["teams"]}
