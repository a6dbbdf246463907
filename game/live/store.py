"""The workshop's state in SQLite (`DIR/workshop.sqlite`): what a restarted host resumes from.

One transaction per change, in WAL mode: a host killed at any moment (`kill -9`) leaves
every change either whole or absent, and a restart reads exactly what teams were told
had been stored. `synchronous=NORMAL` is enough for that: in WAL mode it loses nothing
when the process dies, only (at worst) the last commits on a power cut, and those weeks
the teams resend from their own saves (the reconnect rule in docs/LIVE-PROTOCOL.md).

Only the host process opens the file, from one thread at a time (the event loop).
"""

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS workshop (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    scenario_ref TEXT NOT NULL, scenario_id TEXT NOT NULL,
    content TEXT NOT NULL, sha256 TEXT NOT NULL,
    seed TEXT NOT NULL,  -- up to 2**64 - 1, beyond SQLite's signed integers
    code TEXT NOT NULL, facilitator_hash TEXT NOT NULL,
    turn_timer REAL, ended INTEGER NOT NULL DEFAULT 0,
    timer_started INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS teams (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE, joined REAL NOT NULL,
    timer_state TEXT NOT NULL, timer_deadline REAL NOT NULL, timer_left REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS weeks (
    team INTEGER NOT NULL REFERENCES teams(id), week INTEGER NOT NULL,
    plan TEXT NOT NULL, fired TEXT NOT NULL, reported REAL NOT NULL,
    PRIMARY KEY (team, week)
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, team INTEGER NOT NULL REFERENCES teams(id),
    event TEXT NOT NULL, fired_at REAL NOT NULL, used_week INTEGER
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, team INTEGER REFERENCES teams(id),
    text TEXT NOT NULL, at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class WorkshopRow:
    scenario_ref: str
    scenario_id: str
    content: str  # the scenario as played, JSON
    sha256: str
    seed: int
    code: str
    facilitator_hash: str
    turn_timer: float | None
    ended: bool = False
    timer_started: bool = False  # the facilitator started every team's timer: joiners run too
    created: float = 0.0


@dataclass
class TimerRow:
    state: str  # off, idle, running, paused
    deadline: float  # wall-clock epoch seconds the week ends when running
    left: float  # seconds left when idle or paused


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    token_hash: str
    joined: float
    timer: TimerRow


@dataclass(frozen=True)
class WeekRow:
    team: int
    week: int  # 1-based
    plan: dict[str, dict[str, float]]
    fired: list[str]
    reported: float = 0.0  # when the host stored it (epoch seconds)


@dataclass(frozen=True)
class EventRow:
    id: int
    team: int
    event: str
    fired_at: float
    used_week: int | None


@dataclass(frozen=True)
class MessageRow:
    id: int
    team: int | None  # None: to every team
    text: str
    at: float


def canonical(value: Any) -> str:
    """JSON with sorted keys, so a resent plan compares equal to the stored one."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)


class Store:
    """The SQLite file. Every method that changes something is one transaction."""

    def __init__(self, path: Path) -> None:
        # check_same_thread off: the host calls in from one thread at a time, but not
        # always the same one (Starlette's test client runs the app in its own thread).
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    # --- reading (at start, and for tests) ---------------------------------------------

    def workshop(self) -> WorkshopRow | None:
        row = self.db.execute(
            "SELECT scenario_ref, scenario_id, content, sha256, seed, code, facilitator_hash,"
            " turn_timer, ended, timer_started, created FROM workshop WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return WorkshopRow(
            row[0], row[1], row[2], row[3], int(row[4]), row[5], row[6], row[7],
            bool(row[8]), bool(row[9]), row[10],
        )  # fmt: skip

    def teams(self) -> list[TeamRow]:
        rows = self.db.execute(
            "SELECT id, name, token_hash, joined, timer_state, timer_deadline, timer_left"
            " FROM teams ORDER BY id"
        )
        return [TeamRow(r[0], r[1], r[2], r[3], TimerRow(r[4], r[5], r[6])) for r in rows]

    def weeks(self) -> list[WeekRow]:
        rows = self.db.execute(
            "SELECT team, week, plan, fired, reported FROM weeks ORDER BY team, week"
        )
        return [WeekRow(r[0], r[1], json.loads(r[2]), json.loads(r[3]), r[4]) for r in rows]

    def events(self) -> list[EventRow]:
        rows = self.db.execute(
            "SELECT id, team, event, fired_at, used_week FROM events ORDER BY id"
        )
        return [EventRow(*r) for r in rows]

    def messages(self) -> list[MessageRow]:
        rows = self.db.execute("SELECT id, team, text, at FROM messages ORDER BY id")
        return [MessageRow(*r) for r in rows]

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table (tests compare it before and after a refused request)."""
        tables = ("workshop", "teams", "weeks", "events", "messages")
        return {t: self.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}

    # --- writing -------------------------------------------------------------------------

    def create_workshop(self, w: WorkshopRow) -> None:
        with self.transaction():
            self._write(
                "INSERT INTO workshop (id, scenario_ref, scenario_id, content, sha256, seed, code,"
                " facilitator_hash, turn_timer, ended, timer_started, created)"
                " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
                (w.scenario_ref, w.scenario_id, w.content, w.sha256, str(w.seed), w.code,
                 w.facilitator_hash, w.turn_timer, w.created),
            )  # fmt: skip

    def add_team(
        self, name: str, name_key: str, token_hash: str, at: float, timer: TimerRow
    ) -> int:
        """The new team's id; sqlite3.IntegrityError when the name (case-folded) is taken."""
        with self.transaction():
            cur = self._write(
                "INSERT INTO teams (name, name_key, token_hash, joined, timer_state,"
                " timer_deadline, timer_left) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, name_key, token_hash, at, timer.state, timer.deadline, timer.left),
            )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def add_week(
        self, week: WeekRow, at: float, used: list[int], timer: tuple[int, TimerRow] | None
    ) -> None:
        """Store a team's week, mark the pending events it fired as used, restart its timer."""
        with self.transaction():
            self._write(
                "INSERT INTO weeks (team, week, plan, fired, reported) VALUES (?, ?, ?, ?, ?)",
                (week.team, week.week, canonical(week.plan), canonical(week.fired), at),
            )
            for event_id in used:
                self._write("UPDATE events SET used_week = ? WHERE id = ?", (week.week, event_id))
            if timer is not None:
                self._set_timer(*timer)

    def add_events(self, teams: list[int], event: str, at: float) -> list[int]:
        with self.transaction():
            return [
                self._write(
                    "INSERT INTO events (team, event, fired_at) VALUES (?, ?, ?)", (t, event, at)
                ).lastrowid
                or 0
                for t in teams
            ]

    def add_message(self, team: int | None, text: str, at: float) -> int:
        with self.transaction():
            cur = self._write(
                "INSERT INTO messages (team, text, at) VALUES (?, ?, ?)", (team, text, at)
            )
        return cur.lastrowid or 0

    def set_timers(self, timers: list[tuple[int, TimerRow]], started: bool | None) -> None:
        """Several teams' timers at once; `started` also records the start-for-all switch."""
        with self.transaction():
            for team, timer in timers:
                self._set_timer(team, timer)
            if started is not None:
                self._write("UPDATE workshop SET timer_started = ? WHERE id = 1", (int(started),))

    def _set_timer(self, team: int, timer: TimerRow) -> None:
        self._write(
            "UPDATE teams SET timer_state = ?, timer_deadline = ?, timer_left = ? WHERE id = ?",
            (timer.state, timer.deadline, timer.left, team),
        )

    def end(self) -> None:
        with self.transaction():
            self._write("UPDATE workshop SET ended = 1 WHERE id = 1")


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises (autocommit is off in between)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type is not None else "COMMIT")
