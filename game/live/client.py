"""A team's side of the live protocol, stdlib `urllib` only (docs/LIVE-PROTOCOL.md).

Every call blocks for at most about `timeout × (retries + 1)` plus the backoff between
tries, and every answer is validated with the protocol's strict models before it is
used. The bot calls it directly; the game window must not block its frame loop, so it
uses `link.Link`, which runs these calls on a background thread.

The reconnect rule: the client keeps no queue of its own. The team's session (whose
autosave holds every plan) is the record; `catch_up` asks the host which week it has and
sends the weeks after it. Resending a week the host has is harmless (the host compares
and counts it once), so a retry after a lost answer is safe.
"""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.live.protocol import Joined, Reported, ScenarioCopy, TeamState, WeekReport
from game.scenario.loader import scenario_digest
from game.scenario.references import check_references
from game.scenario.schema import Scenario
from game.session.savefile import encode_plan
from game.session.session import Session

M = TypeVar("M", bound=BaseModel)
MAX_ANSWER = 8 << 20  # bytes: the join answer carries the scenario


class LinkDownError(Exception):
    """The host could not be reached (or answered nonsense) after every retry."""


class HostRefusedError(Exception):
    """The host answered with an error: nothing was changed there."""

    def __init__(self, status: int, code: str, message: str, detail: dict[str, Any]) -> None:
        super().__init__(f"{message} ({status} {code})")
        self.status, self.code, self.message, self.detail = status, code, message, detail


class TeamClient:
    """One team's connection to the host at `url` (http://host:port)."""

    def __init__(
        self,
        url: str,
        token: str | None = None,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.25,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep

    # --- the protocol -----------------------------------------------------------------

    def join(self, code: str, team: str) -> Joined:
        """Join the workshop; keeps the token for the calls after. Not retried once sent:
        a join whose answer was lost would find its own name taken."""
        body = {"code": code, "team": team}
        joined = self._call("POST", "/api/join", body, Joined, retries=0)
        self.token = joined.token
        return joined

    def state(self, since: int = 0) -> TeamState:
        return self._call("GET", f"/api/team/state?since={since}", None, TeamState)

    def report(self, week: int, report: WeekReport) -> Reported:
        body = report.model_dump(mode="json")
        return self._call("PUT", f"/api/team/weeks/{week}", body, Reported)

    def catch_up(self, session: Session) -> Reported | None:
        """Send the weeks of `session` the host does not have yet; the last answer, or None
        when the host had them all. HostRefusedError when the host has weeks the session has not
        (another game was played under this team's token)."""
        have = self.state().week
        if have > session.turn:
            raise HostRefusedError(409, "host_ahead", f"the host has {have} weeks, this game"
                              f" {session.turn}", {"week": have})  # fmt: skip
        last = None
        for week in range(have + 1, session.turn + 1):
            last = self.report(week, week_report(session, week))
        return last

    # --- the wire ---------------------------------------------------------------------

    def _call(
        self, method: str, path: str, body: Any, answer: type[M], retries: int | None = None
    ) -> M:
        tries = (self.retries if retries is None else retries) + 1
        problem = ""
        for attempt in range(tries):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                status, data = self._send(method, path, body)
            except (OSError, ValueError) as exc:  # refused, reset, timed out, not JSON
                problem = str(exc) or type(exc).__name__
                continue
            if status == 429 or status >= 500:
                problem = f"the host answered {status}"
                continue
            if status >= 400:
                error = data.get("error", {}) if isinstance(data, dict) else {}
                if not isinstance(error, dict):
                    error = {}
                detail = {k: v for k, v in error.items() if k not in ("code", "message")}
                raise HostRefusedError(
                    status, str(error.get("code", "?"))[:80],
                    str(error.get("message", "refused"))[:500], detail,
                )  # fmt: skip
            try:
                return answer.model_validate(data)
            except ValidationError:
                raise LinkDownError(f"the host's answer to {method} {path} is not valid") from None
        raise LinkDownError(f"cannot reach the host at {self.url}: {problem}")

    def _send(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, _json(response.read(MAX_ANSWER + 1))
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, _json(exc.read(MAX_ANSWER + 1))


def host_url(text: str) -> str:
    """The host's address as the facilitator reads it out ('192.168.1.20:8765' gets its
    'http://'); ValueError when it is not one."""
    url = text.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urllib.parse.urlsplit(url)
        ok = parts.scheme == "http" and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is not a number
        ok = False
    if not ok or len(url) > 2000 or any(c.isspace() for c in url):
        raise ValueError(f"'{text[:80]}' is not the host's address (like http://192.168.1.20:8765)")
    return url.rstrip("/")


def _json(raw: bytes) -> Any:
    if len(raw) > MAX_ANSWER:
        raise ValueError("the host's answer is too large")
    return json.loads(raw) if raw else None


def week_report(session: Session, week: int) -> WeekReport:
    """Week `week` (1-based) of the team's own game, as the protocol sends it."""
    events = session.scenario.events
    return WeekReport(
        plan=encode_plan(session.plans[week - 1], session.scenario),
        fired=[events[i].id for i in session.fired_by_hand[week - 1]],
    )


def scenario_of(copy: ScenarioCopy) -> Scenario:
    """The scenario the host sent, checked as thoroughly as a scenario file; ValueError if
    it is damaged or is not the one its digest names."""
    try:
        scenario = Scenario.model_validate(copy.content)
    except ValidationError:
        raise ValueError("the host's scenario is not valid") from None
    if check_references(scenario) or scenario_digest(scenario) != copy.sha256:
        raise ValueError("the host's scenario does not match its digest")
    return scenario
