"""The host's HTTP API: a Starlette app over the Room (docs/LIVE-PROTOCOL.md).

Starlette rather than FastAPI: the project already validates every message with its own
strict pydantic models (game/live/protocol.py) and needs no generated API docs, so
FastAPI's layer on top would only add a dependency. Every handler runs on the event loop
and calls the synchronous Room, so requests are applied one at a time, in order.

What no request can do: send more than MAX_BODY bytes (refused before parsing), change
anything when refused (the Room checks before it writes), get a traceback back, or have
a token written to a log (tokens travel only in headers and bodies, never in a URL).
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.live.address import token_hash
from game.live.dashboard import PAGE, load_static, strict
from game.live.debrief import Debriefs, page_policy
from game.live.errors import RefusedError
from game.live.protocol import (
    MAX_BODY,
    DebriefRequest,
    EndRequest,
    FireRequest,
    JoinRequest,
    MessageRequest,
    SocketHello,
    TimerRequest,
    WeekReport,
)
from game.live.ratelimit import RateLimit
from game.live.replay import TeamGame
from game.live.room import Room

log = logging.getLogger("game.live")
M = TypeVar("M", bound=BaseModel)
Handler = Callable[[Request], Awaitable[Response]]
PUSH_EVERY = 0.25  # seconds between the dashboard's pushes at most (and its check for changes)
PUSH_ANYWAY = 5.0  # seconds after which the snapshot is pushed unchanged (timers, last seen)
HELLO_SECONDS = 10.0  # a dashboard socket must authenticate within this


class Limits:
    """The rate limits: per token for teams and the facilitator, per address for joining."""

    def __init__(self, rate: float = 20.0, burst: float = 60.0, join_rate: float = 5.0) -> None:
        self.token = RateLimit(rate, burst)
        self.join = RateLimit(join_rate, burst)


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or len(token) > 200:
        raise RefusedError(401, "unauthorized", "send 'Authorization: Bearer <token>'")
    return token.strip()


async def _body(request: Request) -> bytes:
    """The request body, refused (413) past MAX_BODY bytes before anything is parsed."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise RefusedError(413, "too_large", f"a message may have at most {MAX_BODY} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise RefusedError(413, "too_large", f"a message may have at most {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(model: type[M], raw: bytes) -> M:
    """The message as `model`, or 400 naming the first problem (never echoing the input)."""
    try:
        return model.model_validate_json(raw or b"{}")
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(k) for k in first["loc"]) or "message"
        raise RefusedError(400, "bad_message", f"{where}: {first['msg']}") from None


class Api:
    """The routes, bound to one room."""

    def __init__(self, room: Room, limits: Limits, debriefs: Debriefs) -> None:
        self.room, self.limits, self.debriefs = room, limits, debriefs
        self.static = load_static()

    def _limit(self, key: str) -> None:
        if not self.limits.token.allow(key):
            raise RefusedError(429, "too_many", "too many requests: slow down")

    def _team(self, request: Request) -> TeamGame:
        token = _bearer(request)
        self._limit(token_hash(token))
        game = self.room.team_of(token)
        if game is None:
            raise RefusedError(401, "unauthorized", "this token is not a team's of this workshop")
        return game

    def _facilitator(self, request: Request) -> None:
        token = _bearer(request)
        self._limit(token_hash(token))
        if not self.room.is_facilitator(token):
            raise RefusedError(401, "unauthorized", "this is not the facilitator's token")

    async def health(self, request: Request) -> Response:
        return JSONResponse({"ok": True})

    async def join(self, request: Request) -> Response:
        address = request.client.host if request.client else "?"
        if not self.limits.join.allow(address):
            raise RefusedError(429, "too_many", "too many join attempts: wait a moment")
        message = _parse(JoinRequest, await _body(request))
        return JSONResponse(self.room.join(message.code, message.team), status_code=201)

    async def team_state(self, request: Request) -> Response:
        game = self._team(request)
        since = request.query_params.get("since", "0")
        if not since.isdigit() or len(since) > 18:
            raise RefusedError(400, "bad_message", "since: a message id (a whole number from 0)")
        return JSONResponse(self.room.state(game, int(since)))

    async def report(self, request: Request) -> Response:
        game = self._team(request)
        week = request.path_params["week"]
        message = _parse(WeekReport, await _body(request))
        return JSONResponse(self.room.report(game, week, message))

    async def workshop(self, request: Request) -> Response:
        self._facilitator(request)
        return JSONResponse(self.room.info())

    async def teams(self, request: Request) -> Response:
        self._facilitator(request)
        return JSONResponse(self.room.snapshot())

    async def timer(self, request: Request) -> Response:
        self._facilitator(request)
        message = _parse(TimerRequest, await _body(request))
        return JSONResponse(self.room.control_timer(message.action, message.team))

    async def fire(self, request: Request) -> Response:
        self._facilitator(request)
        message = _parse(FireRequest, await _body(request))
        return JSONResponse(self.room.fire(message.event, message.team))

    async def message(self, request: Request) -> Response:
        self._facilitator(request)
        message = _parse(MessageRequest, await _body(request))
        return JSONResponse(self.room.message(message.text, message.team))

    async def end(self, request: Request) -> Response:
        self._facilitator(request)
        _parse(EndRequest, await _body(request))
        return JSONResponse(self.room.end())

    async def debrief(self, request: Request) -> Response:
        self._facilitator(request)
        _parse(DebriefRequest, await _body(request))
        return JSONResponse(await self.debriefs.build())

    # --- the dashboard's page and the debrief's files (no token: a browser loads them) ---

    async def dashboard(self, request: Request) -> Response:
        body, kind = self.static[PAGE]
        return strict(body, kind)

    async def no_icon(self, request: Request) -> Response:
        return Response(status_code=204)  # the browser asks; the dashboard has none

    async def static_file(self, request: Request) -> Response:
        found = self.static.get(request.path_params["name"])
        if found is None:
            raise RefusedError(404, "not_found", "no such file")
        return strict(*found)

    async def debrief_file(self, request: Request) -> Response:
        found = self.debriefs.file(request.path_params["key"], request.path_params["name"])
        if found is None:
            raise RefusedError(404, "not_found", "no such debrief file: ask the dashboard again")
        body, kind = found
        return strict(body, kind, page_policy(body) if kind.startswith("text/html") else "")

    async def live(self, socket: WebSocket) -> None:
        """The dashboard's push: after a first message {"token": ...} (never in the URL),
        the teams' snapshot whenever anything changed, and every PUSH_ANYWAY seconds."""
        await socket.accept()
        try:
            raw = await asyncio.wait_for(socket.receive_text(), HELLO_SECONDS)
            hello = _parse(SocketHello, raw.encode("utf-8")[: MAX_BODY + 1])
            if not self.room.is_facilitator(hello.token):
                raise RefusedError(401, "unauthorized", "this is not the facilitator's token")
        except (RefusedError, TimeoutError, WebSocketDisconnect, KeyError) as exc:
            reason = exc.message if isinstance(exc, RefusedError) else "authenticate first"
            await _close(socket, 4401, reason)
            return
        await self._push(socket)

    async def _push(self, socket: WebSocket) -> None:
        seen, quiet = -1, 0.0
        try:
            while True:
                if self.room.version != seen or quiet >= PUSH_ANYWAY:
                    seen, quiet = self.room.version, 0.0
                    await socket.send_json(self.room.snapshot())
                await asyncio.sleep(PUSH_EVERY)
                quiet += PUSH_EVERY
        except (WebSocketDisconnect, RuntimeError, OSError):
            return  # the dashboard went away


async def _close(socket: WebSocket, code: int, reason: str) -> None:
    with contextlib.suppress(RuntimeError, OSError):
        await socket.close(code=code, reason=reason)


def _json_error(status: int, code: str, message: str, **detail: Any) -> JSONResponse:
    return JSONResponse(
        RefusedError(status, code, message, detail).body(),
        status_code=status,
        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None,
    )


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RefusedError)
    return _json_error(exc.status, exc.code, exc.message, **exc.detail)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return _json_error(exc.status_code, code, str(exc.detail))


async def _crash(request: Request, exc: Exception) -> Response:
    # A bug, not bad input: log it (never the request's headers or body) and answer plainly.
    log.exception("internal error on %s %s", request.method, request.url.path)
    return _json_error(500, "internal", "the host failed on this request; it is logged")


def build_app(room: Room, limits: Limits | None = None, state: Path | None = None) -> Starlette:
    """The ASGI app of the live workshop; the debrief is written into `state` (the
    workshop's folder; None: a new temporary folder)."""
    api = Api(room, limits or Limits(), Debriefs(room, state))
    routes = [
        Route("/", api.dashboard, methods=["GET"]),
        Route("/static/{name}", api.static_file, methods=["GET"]),
        Route("/favicon.ico", api.no_icon, methods=["GET"]),
        Route("/debrief/{key}/{name:path}", api.debrief_file, methods=["GET"]),
        Route("/api/health", api.health, methods=["GET"]),
        Route("/api/join", api.join, methods=["POST"]),
        Route("/api/team/state", api.team_state, methods=["GET"]),
        Route("/api/team/weeks/{week:int}", api.report, methods=["PUT"]),
        Route("/api/workshop", api.workshop, methods=["GET"]),
        Route("/api/teams", api.teams, methods=["GET"]),
        Route("/api/timer", api.timer, methods=["POST"]),
        Route("/api/events", api.fire, methods=["POST"]),
        Route("/api/messages", api.message, methods=["POST"]),
        Route("/api/end", api.end, methods=["POST"]),
        Route("/api/debrief", api.debrief, methods=["POST"]),
        WebSocketRoute("/api/live", api.live),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        RefusedError: _refused,
        HTTPException: _http_error,
        Exception: _crash,
    }
    return Starlette(routes=routes, exception_handlers=handlers)
