"""The live host in process: the room, its store and its HTTP API (docs/LIVE-PROTOCOL.md)."""

import json
from pathlib import Path

import pytest
from starlette.websockets import WebSocketDisconnect

from game.live import bot
from game.live.app import Limits
from game.live.room import Room
from game.live.store import Store
from game.policies import POLICIES
from tests.helpers.live_games import offline
from tests.helpers.live_room import (
    SCENARIO,
    SEED,
    Clock,
    InProcessClient,
    bearer,
    join,
    new_room,
    next_week,
    own_game,
    served,
)


def test_a_team_plays_a_round_and_the_host_replays_it_exactly(tmp_path: Path) -> None:
    room, token = new_room(tmp_path)
    with served(room) as client:
        team = join(client, "Blue", room.workshop.code)
        game = own_game(room, "Blue")
        while not game.done:
            body = next_week(game)
            answer = client.put(f"/api/team/weeks/{game.turn}", json=body, headers=bearer(team))
            assert answer.status_code == 200, answer.text
        rows = client.get("/api/teams", headers=bearer(token)).json()["teams"]
    weeks, score = offline(SCENARIO, "balanced", SEED)
    assert (rows[0]["week"], rows[0]["finished"], rows[0]["score"]) == (weeks, True, score)


def test_the_join_answer_carries_the_scenario_seed_and_game(tmp_path: Path) -> None:
    room, _ = new_room(tmp_path)
    with served(room) as client:
        answer = client.post(
            "/api/join", json={"code": room.workshop.code.lower(), "team": " Red "}
        )
    joined = answer.json()
    assert answer.status_code == 201 and joined["team"] == "Red"
    assert (joined["seed"], joined["game_id"]) == (SEED, 0)
    assert joined["scenario"]["id"] == SCENARIO and len(joined["scenario"]["sha256"]) == 64


def test_resending_a_week_counts_once_and_a_different_one_is_a_conflict(tmp_path: Path) -> None:
    room, _ = new_room(tmp_path)
    with served(room) as client:
        team = bearer(join(client, "Blue", room.workshop.code))
        game = own_game(room)
        first = next_week(game)
        assert client.put("/api/team/weeks/1", json=first, headers=team).json()["week"] == 1
        again = client.put("/api/team/weeks/1", json=first, headers=team)
        assert again.status_code == 200 and again.json()["week"] == 1
        other = next_week(own_game(room), "delivery_first")
        clash = client.put("/api/team/weeks/1", json=other, headers=team)
        assert clash.status_code == 409 and clash.json()["error"]["code"] == "week_differs"
        assert clash.json()["error"]["stored"]["plan"] == first["plan"]
        ahead = client.put("/api/team/weeks/3", json=first, headers=team)
        assert ahead.status_code == 409 and ahead.json()["error"]["week"] == 1
    assert len(room.store.weeks()) == 1


def test_a_plan_the_model_refuses_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    room, _ = new_room(tmp_path)
    with served(room) as client:
        team = bearer(join(client, "Blue", room.workshop.code))
        before = room.store.dump()
        too_much = {"plan": {"build": {"room-overview": 999.0}}, "fired": []}
        answer = client.put("/api/team/weeks/1", json=too_much, headers=team)
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "plan_refused"
        unknown = {"plan": {"build": {"no-such-package": 1.0}}, "fired": []}
        answer = client.put("/api/team/weeks/1", json=unknown, headers=team)
        assert answer.status_code == 400 and "no-such-package" in answer.json()["error"]["message"]
    assert room.store.dump() == before and room.teams[1].week == 0


def test_a_team_fires_only_the_events_the_facilitator_sent_it(tmp_path: Path) -> None:
    room, token = new_room(tmp_path)
    boss = bearer(token)
    with served(room) as client:
        blue = bearer(join(client, "Blue", room.workshop.code))
        red = bearer(join(client, "Red", room.workshop.code))
        game = own_game(room)
        body = next_week(game, fire=[1])  # neighbour-app, not sent yet
        answer = client.put("/api/team/weeks/1", json=body, headers=blue)
        assert answer.status_code == 409 and answer.json()["error"]["code"] == "not_fired"
        sent = client.post(
            "/api/events", json={"event": "neighbour-app", "team": "blue"}, headers=boss
        )
        assert sent.json()["teams"] == ["Blue"]
        pending = client.get("/api/team/state", headers=blue).json()["events"]
        assert [e["event"] for e in pending] == ["neighbour-app"]
        assert client.get("/api/team/state", headers=red).json()["events"] == []
        assert client.put("/api/team/weeks/1", json=body, headers=blue).status_code == 200
        assert client.get("/api/team/state", headers=blue).json()["events"] == []
        assert client.put("/api/team/weeks/1", json=body, headers=blue).status_code == 200
        unknown = client.post("/api/events", json={"event": "no-such"}, headers=boss)
        assert unknown.status_code == 404
    assert room.teams[1].session.fired_by_hand == [[1]]


def test_messages_the_timer_and_the_end_reach_the_teams(tmp_path: Path) -> None:
    clock = Clock()
    room, token = new_room(tmp_path, turn_timer=120.0, clock=clock)
    boss = bearer(token)
    with served(room) as client:
        blue = bearer(join(client, "Blue", room.workshop.code))
        red = bearer(join(client, "Red", room.workshop.code))
        client.post("/api/messages", json={"text": "Coffee at 11", "team": None}, headers=boss)
        client.post(
            "/api/messages", json={"text": "Blue: look at Jonas", "team": "Blue"}, headers=boss
        )
        assert len(client.get("/api/team/state", headers=blue).json()["messages"]) == 2
        texts = [m["text"] for m in client.get("/api/team/state", headers=red).json()["messages"]]
        assert texts == ["Coffee at 11"]
        assert client.get("/api/team/state", headers=blue).json()["timer"]["state"] == "idle"
        client.post("/api/timer", json={"action": "start"}, headers=boss)
        clock.now += 30
        timer = client.get("/api/team/state", headers=blue).json()["timer"]
        assert timer == {"state": "running", "seconds_left": 90.0}
        client.post("/api/timer", json={"action": "pause", "team": "Red"}, headers=boss)
        client.post("/api/timer", json={"action": "add_minute", "team": "Red"}, headers=boss)
        clock.now += 30
        timer = client.get("/api/team/state", headers=red).json()["timer"]
        assert timer == {"state": "paused", "seconds_left": 150.0}
        late = bearer(join(client, "Green", room.workshop.code))  # joins a started round
        assert client.get("/api/team/state", headers=late).json()["timer"]["state"] == "running"
        game = own_game(room)
        client.put("/api/team/weeks/1", json=next_week(game), headers=blue)
        timer = client.get("/api/team/state", headers=blue).json()["timer"]
        assert timer == {"state": "running", "seconds_left": 120.0}  # a new week, full time
        assert client.post("/api/end", json={}, headers=boss).json() == {"ended": True}
        assert client.get("/api/team/state", headers=blue).json()["ended"] is True
        assert (
            client.post("/api/join", json={"code": room.workshop.code, "team": "Late"}).status_code
            == 409
        )


def test_a_team_that_finished_has_no_clock_running(tmp_path: Path) -> None:
    """The dashboard showed a finished bot's clock counting down: nothing waits for it."""
    clock = Clock()
    room, token = new_room(tmp_path, turn_timer=120.0, clock=clock)
    with served(room) as client:
        team = bearer(join(client, "Blue", room.workshop.code))
        client.post("/api/timer", json={"action": "start"}, headers=bearer(token))
        game = own_game(room, "Blue")
        while not game.done:
            body = next_week(game)
            client.put(f"/api/team/weeks/{game.turn}", json=body, headers=team)
        clock.now += 30
        [row] = client.get("/api/teams", headers=bearer(token)).json()["teams"]
        state = client.get("/api/team/state", headers=team).json()
    assert row["finished"] and row["timer"] == {"state": "off", "seconds_left": None}
    assert state["timer"] == {"state": "off", "seconds_left": None}


def test_a_reopened_store_resumes_the_same_workshop(tmp_path: Path) -> None:
    room, token = new_room(tmp_path)
    with served(room) as client:
        blue = join(client, "Blue", room.workshop.code)
        game = own_game(room)
        for _ in range(3):
            client.put(
                f"/api/team/weeks/{game.turn + 1}", json=next_week(game), headers=bearer(blue)
            )
        client.post("/api/events", json={"event": "double-booking"}, headers=bearer(token))
        client.post("/api/messages", json={"text": "hello"}, headers=bearer(token))
        before = client.get("/api/teams", headers=bearer(token)).json()
    room.store.close()
    again = Room.open(Store(tmp_path / "workshop.sqlite"), room.clock)
    assert again.workshop.code == room.workshop.code
    assert again.is_facilitator(token) and again.team_of(blue) is not None
    assert again.teams[1].session.plans[2].tolist() == game.plans[2].tolist()
    assert [e.event for e in again.events] == ["double-booking"]
    with served(again) as client:
        after = client.get("/api/teams", headers=bearer(token)).json()
        after["version"] = before["version"]
        for row in after["teams"] + before["teams"]:
            row["last_seen"] = row["connected"] = None
        assert after == before
        assert len(client.get("/api/team/state", headers=bearer(blue)).json()["messages"]) == 1


def test_a_reopened_store_remembers_when_each_team_was_last_heard_from(tmp_path: Path) -> None:
    # Playtest 8: after a host restart every team read "last seen never".
    clock = Clock()
    room, _ = new_room(tmp_path, clock=clock)
    with served(room) as client:
        blue = join(client, "Blue", room.workshop.code)
        join(client, "Red", room.workshop.code)
        game = own_game(room)
        clock.now += 60
        client.put(f"/api/team/weeks/{game.turn + 1}", json=next_week(game), headers=bearer(blue))
        week_in = clock.now
        clock.now += 300
    room.store.close()
    again = Room.open(Store(tmp_path / "workshop.sqlite"), clock)
    seen = {g.name: g.last_seen for g in again.teams.values()}
    assert seen == {"Blue": week_in, "Red": 1_000_000.0}  # a week handed in; the join


def test_the_dashboard_socket_needs_the_token_first_and_then_hears_changes(tmp_path: Path) -> None:
    room, token = new_room(tmp_path)
    with served(room) as client:
        with client.websocket_connect("/api/live") as socket:
            socket.send_text(json.dumps({"token": "wrong"}))
            with pytest.raises(WebSocketDisconnect):  # closed with 4401
                socket.receive_json()
        with client.websocket_connect("/api/live") as socket:
            socket.send_text(json.dumps({"token": token}))
            assert socket.receive_json()["teams"] == []
            join(client, "Blue", room.workshop.code)
            assert [t["team"] for t in socket.receive_json()["teams"]] == ["Blue"]


def test_the_rate_limit_answers_429_and_changes_nothing(tmp_path: Path) -> None:
    room, token = new_room(tmp_path)
    with served(room, Limits(rate=0.001, burst=3)) as client:
        statuses = [client.get("/api/teams", headers=bearer(token)).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_a_bot_waits_for_the_timer_and_fires_the_events_it_is_sent(tmp_path: Path) -> None:
    room, token = new_room(tmp_path, turn_timer=60.0)
    boss = bearer(token)
    with served(room) as client:
        team = InProcessClient(client, join(client, "Bot", room.workshop.code))
        game = own_game(room, "Bot")
        naps: list[float] = []

        def sleep(seconds: float) -> None:
            # The facilitator acts while the bot waits: starts the clock after three polls,
            # then sends an event during week 2.
            naps.append(seconds)
            if len(naps) == 3:
                client.post("/api/timer", json={"action": "start"}, headers=boss)
            if game.turn == 1 and not room.events:
                client.post("/api/events", json={"event": "double-booking"}, headers=boss)

        result = bot.play(team, game, POLICIES["balanced"], pace=5.0, sleep=sleep)
    assert naps[:3] == [bot.POLL] * 3  # no week ended while the clock was not started
    assert 5.0 in naps
    assert game.done and result.host_week == game.turn == room.teams[1].week
    assert game.fired_by_hand[1] == [0] and room.teams[1].session.fired_by_hand[1] == [0]
    assert result.score == room.teams[1].score()
