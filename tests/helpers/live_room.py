"""An in-process live workshop: a Room on a fresh store, and its app behind Starlette's
TestClient (no sockets), for the fast tests of the protocol."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from game.live.app import Limits, build_app
from game.live.client import week_report
from game.live.protocol import Reported, TeamState, WeekReport
from game.live.room import Room
from game.live.store import Store
from game.policies import POLICIES
from game.scenario.loader import load
from game.session.savefile import encode_plan
from game.session.session import Session

SCENARIO = "tutorial"
SEED = 7


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def new_room(
    folder: Path, turn_timer: float | None = None, clock: Clock | None = None
) -> tuple[Room, str]:
    scenario, _ = load(SCENARIO)
    store = Store(folder / "workshop.sqlite")
    return Room.create(store, SCENARIO, scenario, SEED, turn_timer, clock or Clock())


@contextmanager
def served(room: Room, limits: Limits | None = None) -> Iterator[TestClient]:
    with TestClient(build_app(room, limits), raise_server_exceptions=True) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def join(client: TestClient, name: str, code: str) -> str:
    answer = client.post("/api/join", json={"code": code, "team": name})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["token"])


def own_game(room: Room, team: str = "") -> Session:
    """The team's own game, as its laptop plays it."""
    return Session(room.scenario, room.params, room.workshop.seed, 0, team)


def next_week(
    session: Session, policy: str = "balanced", fire: list[int] | None = None
) -> dict[str, Any]:
    """Play one week of `session` with `policy`; the report body for it."""
    session.play(POLICIES[policy](session.observe(), session.params)[0], fire or [])
    events = session.scenario.events
    return {
        "plan": encode_plan(session.plans[-1], session.scenario),
        "fired": [events[i].id for i in session.fired_by_hand[-1]],
    }


class InProcessClient:
    """TeamClient's calls over Starlette's TestClient, so the bot runs without sockets
    (answers validated with the same protocol models)."""

    def __init__(self, client: TestClient, token: str) -> None:
        self.client, self.token = client, token

    def state(self, since: int = 0) -> TeamState:
        answer = self.client.get(f"/api/team/state?since={since}", headers=bearer(self.token))
        return TeamState.model_validate(answer.json())

    def report(self, week: int, report: WeekReport) -> Reported:
        answer = self.client.put(
            f"/api/team/weeks/{week}", json=report.model_dump(), headers=bearer(self.token)
        )
        assert answer.status_code == 200, answer.text
        return Reported.model_validate(answer.json())

    def catch_up(self, session: Session) -> Reported | None:
        last = None
        for week in range(self.state().week + 1, session.turn + 1):
            last = self.report(week, week_report(session, week))
        return last
