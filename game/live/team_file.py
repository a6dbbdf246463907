"""What a team's laptop keeps of the workshop it joined: beside the autosave, so that a
crashed or closed game reconnects on Continue (docs/LIVE-PROTOCOL.md, the reconnect rule).

`team.json` holds the host's address, the team's token (the file is readable by its
owner only) and which autosaved round it belongs to; the scenario the host sent is kept
as a file of its own, so the round is started, saved and resumed like any other.
"""

import json
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.live.protocol import Joined
from game.scenario.errors import InputError
from game.scenario.loader import load, scenario_digest
from game.session.atomic_file import write_private_text, write_text_atomic
from game.session.bounded_json import JsonFileError, read_json

TEAM_FILE = "team.json"
MAX_BYTES = 64 << 10


class LiveTeam(BaseModel):
    """A team's place in a live workshop."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(min_length=1, max_length=2000)
    token: str = Field(min_length=20, max_length=200)
    team: str = Field(min_length=1, max_length=80)
    turn_timer: float | None = Field(ge=0.0)
    round_id: str = Field("", max_length=64, description="the autosaved round it plays")
    # The facilitator ended the round: a resumed game goes no further (issue 10).
    ended: bool = False


def keep_scenario(joined: Joined, folder: Path) -> Path:
    """The host's scenario as a file in `folder`, checked against the digest the host sent;
    ValueError if the copy does not load as that scenario."""
    copy = joined.scenario
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in copy.id)[:80] or "scenario"
    path = folder / f"{name}.yaml"
    write_text_atomic(path, yaml.safe_dump(copy.content, allow_unicode=True, sort_keys=False))
    try:
        scenario, _ = load(str(path))
    except InputError as exc:
        raise ValueError(f"the host's scenario does not load: {exc}") from None
    if scenario_digest(scenario) != copy.sha256:
        raise ValueError("the host's scenario does not match its digest")
    return path


def save_team(team: LiveTeam, folder: Path) -> None:
    write_private_text(folder / TEAM_FILE, team.model_dump_json(indent=1) + "\n")


def mark_ended(folder: Path, round_id: str) -> None:
    """Remember that the facilitator ended the round `round_id` (the team file's own), so
    that Continue after a restart (the host gone by then) does not play on."""
    team = load_team(folder)
    if team is not None and team.round_id == round_id and not team.ended:
        save_team(team.model_copy(update={"ended": True}), folder)


def load_team(folder: Path) -> LiveTeam | None:
    """The team file, or None when there is none or it cannot be used (the round then
    goes on offline; its weeks are in the autosave)."""
    path = folder / TEAM_FILE
    if not path.exists():
        return None
    try:
        return LiveTeam.model_validate(read_json(path, MAX_BYTES))
    except (JsonFileError, ValidationError, OSError, json.JSONDecodeError):
        return None
