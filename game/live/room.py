"""The live workshop in the host's memory: the teams' replayed games, events, messages and
timers, kept in step with the store. Every change is checked first, then written in one
transaction, then applied; a refused request (RefusedError) changes nothing.

The room is synchronous and not thread-safe: the app calls it from the event loop only.
"""

import json
import sqlite3
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from game.live import timer as timers
from game.live.address import join_code, new_token, normal_code, same_hash, token_hash
from game.live.errors import RefusedError
from game.live.protocol import WeekReport
from game.live.replay import (
    GAME_ID,
    TeamGame,
    canonical_plan,
    decode,
    event_indexes,
    play_week,
    rebuild,
)
from game.live.store import EventRow, MessageRow, Store, TimerRow, WeekRow, WorkshopRow
from game.model import Params
from game.scenario.compile import compile_scenario
from game.scenario.loader import scenario_digest
from game.scenario.references import check_references
from game.scenario.schema import Scenario
from game.session.session import Session

# A team heard from within this is shown as connected: three of its game's 2-second polls
# (game/live/link.py). 15 s let a crashed laptop look connected long after it was gone.
CONNECTED_SECONDS = 6.0
MAX_MESSAGES = 100  # the latest messages a state answer carries
Clock = Callable[[], float]


def name_key(name: str) -> str:
    """What makes two team names the same: 'Blue', 'BLUE' and 'ｂｌｕｅ' are one team."""
    return unicodedata.normalize("NFKC", name).casefold()


class Room:
    """The workshop being played. Build it with `create` or `open`."""

    def __init__(
        self, store: Store, workshop: WorkshopRow, scenario: Scenario, clock: Clock = time.time
    ) -> None:
        self.store = store
        self.workshop = workshop
        self.scenario = scenario
        self.params: Params = compile_scenario(scenario)
        self.clock = clock
        self.teams: dict[int, TeamGame] = {}
        self.by_key: dict[str, int] = {}  # name_key -> team id
        self.by_hash: dict[str, int] = {}  # token hash -> team id
        self.events: list[EventRow] = []
        self.messages: list[MessageRow] = []
        self.version = 0  # bumped on every change: the dashboard's push waits on it

    # --- making and opening -----------------------------------------------------------

    @classmethod
    def create(
        cls, store: Store, ref: str, scenario: Scenario, seed: int, turn_timer: float | None,
        clock: Clock = time.time,
    ) -> tuple["Room", str]:  # fmt: skip
        """A new workshop in an empty store; returns the room and the facilitator's token."""
        token = new_token()
        row = WorkshopRow(
            scenario_ref=ref, scenario_id=scenario.id,
            content=json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False),
            sha256=scenario_digest(scenario), seed=seed, code=join_code(),
            facilitator_hash=token_hash(token), turn_timer=turn_timer, created=clock(),
        )  # fmt: skip
        store.create_workshop(row)
        return cls(store, row, scenario, clock), token

    @classmethod
    def open(cls, store: Store, clock: Clock = time.time) -> "Room":
        """The workshop the store holds, every team's game replayed; ValueError if the store
        holds none or its scenario copy is damaged."""
        row = store.workshop()
        if row is None:
            raise ValueError("this state folder holds no workshop")
        try:
            scenario = Scenario.model_validate(json.loads(row.content))
        except (ValidationError, ValueError):
            raise ValueError("the workshop's copy of its scenario is damaged") from None
        if check_references(scenario) or scenario_digest(scenario) != row.sha256:
            raise ValueError("the workshop's copy of its scenario is damaged")
        room = cls(store, row, scenario, clock)
        weeks: dict[int, list[WeekRow]] = {}
        for week in store.weeks():
            weeks.setdefault(week.team, []).append(week)
        for team in store.teams():
            game = room._add_game(team.id, team.name, team.token_hash, team.joined, team.timer)
            played = weeks.get(team.id, [])
            # Last heard from when it joined or handed a week in, until it asks again
            # (playtest 8: after a restart every team read "last seen never").
            game.last_seen = max([team.joined, *(w.reported for w in played)])
            try:
                rebuild(game, played)
            except RefusedError as exc:
                raise ValueError(f"team {team.name}: {exc.message}") from None
        room.events = store.events()
        room.messages = store.messages()
        return room

    def _add_game(
        self, team_id: int, name: str, hashed: str, joined: float, timer: TimerRow
    ) -> TeamGame:
        session = Session(self.scenario, self.params, self.workshop.seed, GAME_ID, name)
        game = TeamGame(team_id, name, hashed, joined, timer, session)
        self.teams[team_id] = game
        self.by_key[name_key(name)] = team_id
        self.by_hash[hashed] = team_id
        return game

    def new_facilitator_token(self) -> str:
        """A fresh facilitator token (when the one given out is lost); the old one stops."""
        token = new_token()
        with self.store.transaction():
            self.store.db.execute(
                "UPDATE workshop SET facilitator_hash = ? WHERE id = 1", (token_hash(token),)
            )
        self.workshop = replace(self.workshop, facilitator_hash=token_hash(token))
        return token

    # --- who is asking ----------------------------------------------------------------

    def is_facilitator(self, token: str) -> bool:
        return same_hash(token_hash(token), self.workshop.facilitator_hash)

    def team_of(self, token: str) -> TeamGame | None:
        hashed = token_hash(token)
        team_id = self.by_hash.get(hashed)
        if team_id is None:
            return None
        game = self.teams[team_id]
        return game if same_hash(hashed, game.token_hash) else None

    def _team_named(self, name: str | None) -> list[TeamGame]:
        """Every team (None), or the one with this name; 404 for a name nobody has."""
        if name is None:
            return list(self.teams.values())
        team_id = self.by_key.get(name_key(name))
        if team_id is None:
            raise RefusedError(404, "unknown_team", f"no team is called '{name}'")
        return [self.teams[team_id]]

    def _changed(self) -> None:
        self.version += 1

    # --- the teams' side --------------------------------------------------------------

    def join(self, code: str, name: str) -> dict[str, Any]:
        """A new team; its token is in the answer and nowhere else (the store keeps a hash)."""
        if not same_hash(normal_code(code), self.workshop.code):
            raise RefusedError(403, "wrong_code", "that join code is not this workshop's")
        if self.workshop.ended:
            raise RefusedError(409, "ended", "the facilitator has ended this round")
        taken = RefusedError(409, "name_taken", f"a team called '{name}' has already joined")
        if name_key(name) in self.by_key:
            raise taken
        token, now = new_token(), self.clock()
        timer = timers.initial(self.workshop.turn_timer, self.workshop.timer_started, now)
        try:
            team_id = self.store.add_team(name, name_key(name), token_hash(token), now, timer)
        except sqlite3.IntegrityError:
            raise taken from None
        self._add_game(team_id, name, token_hash(token), now, timer).last_seen = now
        self._changed()
        return {
            "team": name,
            "token": token,
            "seed": self.workshop.seed,
            "game_id": GAME_ID,
            "turn_timer": self.workshop.turn_timer,
            "scenario": {
                "id": self.scenario.id,
                "sha256": self.workshop.sha256,
                "content": json.loads(self.workshop.content),
            },
        }

    def report(self, game: TeamGame, week: int, report: WeekReport) -> dict[str, Any]:
        """Store and replay week `week` (1-based) of a team. A week the host has already is
        accepted again when it is the same (nothing counted twice), else 409; so is a week
        that is not the next one."""
        game.last_seen = self.clock()
        have = game.week
        if week < 1:
            raise RefusedError(400, "bad_week", "weeks are numbered from 1")
        if len(set(report.fired)) != len(report.fired):
            raise RefusedError(400, "bad_events", "an event is listed twice")
        known = {e.id for e in self.scenario.events}
        unknown = [e for e in report.fired if e not in known]
        if unknown:
            raise RefusedError(400, "unknown_event", f"the scenario has no event '{unknown[0]}'")
        plan = decode(game, report.plan)
        fired = event_indexes(self.scenario, report.fired)
        # The store's form: events in the scenario's order, as the session keeps them.
        fired_ids = [self.scenario.events[i].id for i in sorted(fired)]
        if week <= have:
            stored = game.weeks[week - 1]
            if stored.plan == canonical_plan(game, plan) and stored.fired == fired_ids:
                return self._reported(game)
            raise RefusedError(
                409, "week_differs",
                f"the host already has week {week} of this team, with another plan",
                {"week": have, "stored": {"plan": stored.plan, "fired": stored.fired}},
            )  # fmt: skip
        if week != have + 1:
            raise RefusedError(
                409, "out_of_order",
                f"the host has {have} weeks of this team: send week {have + 1} first",
                {"week": have},
            )  # fmt: skip
        pending = {e.event: e for e in self._pending(game)}
        missing = [e for e in fired_ids if e not in pending]
        if missing:
            raise RefusedError(
                409, "not_fired", f"the facilitator has not sent the event '{missing[0]}'",
                {"week": have},
            )  # fmt: skip
        self._play(game, week, plan, fired, fired_ids, [pending[e] for e in fired_ids])
        return self._reported(game)

    def _play(
        self, game: TeamGame, week: int, plan: Any, fired: list[int], ids: list[str],
        used: list[EventRow],
    ) -> None:  # fmt: skip
        play_week(game, plan, fired)  # may refuse; the game is unchanged then
        row = WeekRow(game.id, week, canonical_plan(game, plan), ids)
        now = self.clock()
        timer = timers.next_week(game.timer, self.workshop.turn_timer, now)
        try:
            self.store.add_week(row, now, [e.id for e in used], (game.id, timer))
        except BaseException:
            game.session = game.session.branch(week - 1)  # the store is the truth: undo
            raise
        game.weeks.append(row)
        game.timer = timer
        for event in used:
            self.events[self.events.index(event)] = replace(event, used_week=week)
        self._changed()

    def _reported(self, game: TeamGame) -> dict[str, Any]:
        return {"week": game.week, "done": game.session.done, "score": game.score()}

    def _pending(self, game: TeamGame) -> list[EventRow]:
        return [e for e in self.events if e.team == game.id and e.used_week is None]

    def state(self, game: TeamGame, since: int = 0) -> dict[str, Any]:
        """What a team asks for between weeks: the week the host has, its timer, the events
        waiting to be fired, the messages after id `since`, whether the round has ended."""
        now = self.clock()
        game.last_seen = now
        titles = {e.id: e.title for e in self.scenario.events}
        return {
            "team": game.name,
            "week": game.week,
            "done": game.session.done,
            "timer": self._timer(game, now),
            "events": [
                {"id": e.id, "event": e.event, "title": titles[e.event]}
                for e in self._pending(game)
            ],
            "messages": [
                {"id": m.id, "text": m.text, "at": m.at}
                for m in self.messages
                if m.id > since and m.team in (None, game.id)
            ][-MAX_MESSAGES:],
            "ended": self.workshop.ended,
        }

    def _timer(self, game: TeamGame, now: float) -> dict[str, Any]:
        if game.session.done:
            # Its round is over: no week waits for the clock, so none runs for it (the
            # dashboard showed a finished bot's clock counting down).
            return {"state": "off", "seconds_left": None}
        return {"state": game.timer.state, "seconds_left": timers.left(game.timer, now)}

    # --- the facilitator's side -------------------------------------------------------

    def fire(self, event: str, team: str | None) -> dict[str, Any]:
        """Send a scenario event to one team or all; a team still holding it, or whose game
        is over, is skipped. Answers how many teams got it."""
        if event not in {e.id for e in self.scenario.events}:
            raise RefusedError(404, "unknown_event", f"the scenario has no event '{event}'")
        games = [
            g for g in self._team_named(team)
            if not g.session.done and event not in {e.event for e in self._pending(g)}
        ]  # fmt: skip
        now = self.clock()
        ids = self.store.add_events([g.id for g in games], event, now)
        pairs = zip(ids, games, strict=True)
        self.events += [EventRow(i, g.id, event, now, None) for i, g in pairs]
        self._changed()
        return {"event": event, "teams": [g.name for g in games]}

    def message(self, text: str, team: str | None) -> dict[str, Any]:
        target = None if team is None else self._team_named(team)[0].id
        at = self.clock()
        self.messages.append(MessageRow(self.store.add_message(target, text, at), target, text, at))
        self._changed()
        return {"id": self.messages[-1].id}

    def control_timer(self, action: str, team: str | None) -> dict[str, Any]:
        if self.workshop.turn_timer is None:
            raise RefusedError(409, "no_timer", "this workshop runs without a turn timer")
        games, now = self._team_named(team), self.clock()
        new = [(g, timers.control(g.timer, action, now)) for g in games]
        started = None
        if team is None and action in ("start", "pause"):
            started = action == "start"
        self.store.set_timers([(g.id, t) for g, t in new], started)
        for g, t in new:
            g.timer = t
        if started is not None:
            self.workshop = replace(self.workshop, timer_started=started)
        self._changed()
        return {"teams": {g.name: self._timer(g, now) for g in games}}

    def end(self) -> dict[str, Any]:
        if not self.workshop.ended:
            self.store.end()
            self.workshop = replace(self.workshop, ended=True)
            self._changed()
        return {"ended": True}

    @property
    def round_over(self) -> bool:
        """The facilitator ended the round, or every team (one at least) has finished."""
        games = self.teams.values()
        return self.workshop.ended or (bool(games) and all(g.session.done for g in games))

    def info(self) -> dict[str, Any]:
        """The workshop as the dashboard shows its header and its controls."""
        return {
            "scenario": {"id": self.scenario.id, "title": self.scenario.title},
            "weeks": self.scenario.turns,
            "deadline": self.scenario.deadline,  # the round's weeks as the game counts them
            "seed": self.workshop.seed,
            "code": self.workshop.code,
            "turn_timer": self.workshop.turn_timer,
            "ended": self.workshop.ended,
            "events": [{"id": e.id, "title": e.title} for e in self.scenario.events],
        }

    def snapshot(self) -> dict[str, Any]:
        """Every team as the dashboard shows it (`GET /api/teams`): IT's view while a game
        runs (reported progress, moods), the score only once it has ended."""
        now = self.clock()
        lead = max((g.week for g in self.teams.values()), default=0)
        rows = []
        for g in self.teams.values():
            score = g.score()
            rows.append({
                "team": g.name,
                "week": g.week,
                "finished": g.session.done,
                "score": score,
                **g.view(),
                "last_moment": g.last_moment(),
                "waiting": g.week >= lead,  # has played as far as the leading team
                "timer": self._timer(g, now),
                "pending_events": len(self._pending(g)),
                "joined": g.joined,
                "last_seen": g.last_seen,
                "connected": now - g.last_seen <= CONNECTED_SECONDS,
            })  # fmt: skip
        return {"teams": rows, "ended": self.workshop.ended, "version": self.version}
