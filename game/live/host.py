"""Start the workshop host: open (or resume) the state folder, bind, say where to join, serve.

`run` is what `run_game.py host` calls. A state folder that already holds a workshop is
resumed exactly: same join code, same team tokens, every team's weeks replayed. The
facilitator's token is read back from `workshop.json`; when that file is gone, a new
token is made (the old one stops working) and the file written again.
"""

import json
import signal
import socket
import sqlite3
from collections.abc import Callable, Generator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from game.live.address import LOOPBACK, lan_address, same_hash, token_hash
from game.live.app import build_app
from game.live.room import Room
from game.live.store import Store
from game.scenario.loader import load, scenario_digest
from game.session.atomic_file import write_private_text

DB_NAME = "workshop.sqlite"
INFO_NAME = "workshop.json"
BACKLOG = 512  # connections queued while the host is busy: a room of bots joins at once
Say = Callable[[str], None]


class HostError(Exception):
    """Why the host cannot start, in words for the facilitator."""


@dataclass(frozen=True)
class HostOptions:
    scenario: str | Path | None  # None: resume the state folder's workshop
    seed: int | None
    bind: str | None  # None: the machine's LAN address
    port: int
    state: Path
    turn_timer: float | None
    default_seed: Callable[[str], int] = lambda scenario_id: 1


def open_room(options: HostOptions, say: Say) -> tuple[Room, str]:
    """The room in the state folder (resumed or new) and the facilitator's token."""
    options.state.mkdir(parents=True, exist_ok=True)
    try:
        store = Store(options.state / DB_NAME)
        store.workshop()
    except sqlite3.DatabaseError as exc:
        raise HostError(f"{options.state / DB_NAME} is not a workshop's state: {exc}") from None
    if store.workshop() is None:
        if options.scenario is None:
            store.close()
            raise HostError(f"{options.state} holds no workshop yet: give --scenario")
        scenario, _ = load(options.scenario)
        seed = options.seed if options.seed is not None else options.default_seed(scenario.id)
        return Room.create(store, str(options.scenario), scenario, seed, options.turn_timer)
    try:
        room = Room.open(store)
    except ValueError as exc:
        store.close()
        raise HostError(f"{options.state / DB_NAME}: {exc}") from None
    _note_differences(room, options, say)
    token = _saved_token(options.state / INFO_NAME, room)
    if token is None:
        token = room.new_facilitator_token()
        say("The facilitator's token was not found in workshop.json: a new one was made.")
    return room, token


def _note_differences(room: Room, options: HostOptions, say: Say) -> None:
    """Resuming keeps the workshop as it was; say so when the command asked for another."""
    w = room.workshop
    if options.scenario is not None:
        try:
            scenario, _ = load(options.scenario)
        except Exception:  # the stored copy is what counts; any problem is only a note
            scenario = None
        if scenario is None or scenario_digest(scenario) != w.sha256:
            say("Resuming: the workshop keeps the scenario it started with.")
    if options.seed is not None and options.seed != w.seed:
        say(f"Resuming: the workshop keeps its seed {w.seed}.")
    if options.turn_timer != w.turn_timer and options.turn_timer is not None:
        say("Resuming: the workshop keeps its turn timer.")


def _saved_token(path: Path, room: Room) -> str | None:
    try:
        token = json.loads(path.read_text(encoding="utf-8"))["facilitator_token"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if isinstance(token, str) and same_hash(token_hash(token), room.workshop.facilitator_hash):
        return token
    return None


def bind(address: str, port: int) -> socket.socket:
    """A listening socket; OSError (address in use, not this machine's) for the caller."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY only on sockets that say they are
    # TCP, and without it every small answer waits ~40 ms for the peer's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        sock.listen(BACKLOG)  # connections wait in the queue until uvicorn accepts
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def write_info(path: Path, info: dict[str, str]) -> None:
    """workshop.json, atomically and readable by its owner only: it holds the token."""
    write_private_text(path, json.dumps(info, indent=1) + "\n")


class _Server(uvicorn.Server):
    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        # uvicorn re-raises Ctrl+C / SIGTERM after its graceful shutdown; the host's stop
        # is its normal end, so the signals are only taken, not raised again.
        handled = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def run(options: HostOptions, say: Say = print) -> None:
    """Serve the workshop until Ctrl+C or SIGTERM. HostError or OSError when it cannot."""
    address = options.bind or lan_address()
    room, token = open_room(options, say)
    try:
        sock = bind(address, options.port)
    except OSError as exc:
        room.store.close()
        why = exc.strerror or exc
        raise HostError(f"cannot listen on {address}:{options.port}: {why}") from None
    shown = lan_address() if address in ("0.0.0.0", "::") else address
    host, port = shown if ":" not in shown else f"[{shown}]", sock.getsockname()[1]
    url = f"http://{host}:{port}"
    info = {"url": url, "code": room.workshop.code, "facilitator_token": token}
    # The token in the link's fragment: the browser keeps it, the server never sees it.
    info["dashboard"] = f"{url}/#token={token}"
    write_info(options.state / INFO_NAME, info)
    _announce(room, info, options.state, address == LOOPBACK, say)
    config = uvicorn.Config(
        build_app(room, state=options.state), log_level="warning", access_log=False,
        lifespan="off", ws="wsproto", server_header=False, timeout_graceful_shutdown=3,
    )  # fmt: skip
    try:
        _Server(config).run(sockets=[sock])
    finally:
        sock.close()
        room.store.close()
    say("The workshop host has stopped. Start it again with the same --state to go on.")


def _announce(room: Room, info: dict[str, str], state: Path, local: bool, say: Say) -> None:
    w = room.workshop
    timer = f"{w.turn_timer:g} seconds a week" if w.turn_timer else "no turn timer"
    say(f"Odd Duck workshop: {room.scenario.title} ({w.scenario_id}), seed {w.seed}, {timer}.")
    say(f"Teams join at   {info['url']}   with the code   {info['code']}")
    if local:
        say("(bound to 127.0.0.1: only this machine can join)")
    say(f"Your dashboard (keep the link to yourself: it holds your token): {info['dashboard']}")
    say(f"Both are in {state / INFO_NAME}. Stop with Ctrl+C; the workshop is kept in {state}.")
