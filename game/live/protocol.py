"""The messages of the live protocol, as strict pydantic models (docs/LIVE-PROTOCOL.md).

Host and client share them: the host validates every request body with them, the client
every answer. Strict (no "3" for 3), `extra="forbid"`, and every string and list bounded,
so a hostile or broken peer gets a clear error and cannot make either side hold much.
"""

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

MAX_BODY = 64 * 1024  # bytes of one request body, checked before parsing
MAX_NAME = 40  # characters of a team name
MAX_MESSAGE = 500  # characters of a facilitator's message
MAX_FIRED = 20  # events reported for one week
MAX_ACTIONS = 64
MAX_TARGETS = 128
MAX_POINTS = 10_000.0  # points on one action and target: far above any scenario's capacity


def _printable(text: str) -> str:
    # Control and format characters (an RTL override, a zero-width joiner) would let a
    # name look like another one, or reorder a line on the dashboard.
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise ValueError("must not contain control or invisible characters")
    return text


Id = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")]
TeamName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME),
    AfterValidator(_printable),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE),
    AfterValidator(_printable),
]
Points = Annotated[float, Field(ge=0.0, le=MAX_POINTS)]
Plan = Annotated[
    dict[Id, Annotated[dict[Id, Points], Field(max_length=MAX_TARGETS)]],
    Field(max_length=MAX_ACTIONS),
]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


# --- requests -------------------------------------------------------------------------


class JoinRequest(Strict):
    code: str = Field(min_length=1, max_length=32)
    team: TeamName


class WeekReport(Strict):
    """Week k's plan as the save file writes it ({action id: {target id: points}}) and the
    events the team fired with it (ids of events the facilitator sent it)."""

    plan: Plan
    fired: list[Id] = Field(default_factory=list, max_length=MAX_FIRED)


class TimerRequest(Strict):
    action: Literal["start", "pause", "add_minute"]
    team: TeamName | None = None  # None: every team


class FireRequest(Strict):
    event: Id
    team: TeamName | None = None


class MessageRequest(Strict):
    text: Text
    team: TeamName | None = None


class EndRequest(Strict):
    pass


class DebriefRequest(Strict):
    """`POST /api/debrief`: build (or rebuild) the comparative debrief; no fields."""


class SocketHello(Strict):
    token: str = Field(min_length=1, max_length=200)


# --- answers --------------------------------------------------------------------------


class ScenarioCopy(Strict):
    id: str = Field(max_length=200)
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    content: dict[str, Any]


class Joined(Strict):
    team: str
    token: str = Field(min_length=20, max_length=200)
    seed: int = Field(ge=0, le=2**64 - 1)
    game_id: int = Field(ge=0)
    turn_timer: float | None
    scenario: ScenarioCopy


class Timer(Strict):
    """`off`: no timer; `idle`: not started yet; `running`; `paused`."""

    state: Literal["off", "idle", "running", "paused"]
    seconds_left: float | None = Field(ge=0.0)


class PendingEvent(Strict):
    id: int
    event: str = Field(max_length=80)
    title: str = Field(max_length=400)


class Message(Strict):
    id: int
    text: str = Field(max_length=MAX_MESSAGE)
    at: float


class TeamState(Strict):
    team: str
    week: int = Field(ge=0, description="weeks the host has of this team")
    done: bool
    timer: Timer
    events: list[PendingEvent] = Field(max_length=1000)
    messages: list[Message] = Field(max_length=1000)
    ended: bool = Field(description="the facilitator ended the round")


class Reported(Strict):
    week: int = Field(ge=0)
    done: bool
    score: float | None


class Debrief(Strict):
    """The answer to `POST /api/debrief`: where the page is and how to show it as slides."""

    url: str = Field(description="the debrief page, under an unguessable path")
    teams: list[str] = Field(description="the teams on it: those that played a week")
    results: str = Field(description="the folder of the teams' result files on the host")
    slides: str = Field(description="the command that shows them as slides on the projector")
    version: int
