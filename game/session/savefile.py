"""Save files: a game as (scenario, seed, game id, plans), written atomically.

The file is JSON a person can read: plans name actions and targets by their
ids. Loading replays the plans, so a save can never hold a state the model
could not have produced; a file that is broken, from another scenario version,
or inconsistent gets one positioned message and no traceback.
"""

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.model import PlanError, Target
from game.scenario.errors import Diagnostic, InputError
from game.scenario.loader import load, scenario_digest
from game.scenario.schema import Scenario
from game.scenario.yaml_source import Mark
from game.session.session import Session

F64 = npt.NDArray[np.float64]
FORMAT = "odd-duck-save"
VERSION = 1
MAX_BYTES = 4 << 20
PROJECT = "project"  # the target name of project-wide actions


class SaveFileError(InputError):
    """A save file that cannot be restored."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class _ScenarioRef(_Strict):
    ref: str = Field(description="shipped id or path the game was started from")
    id: str
    sha256: str


class SaveRecord(_Strict):
    format: str = Field(pattern=f"^{FORMAT}$")
    version: int = Field(ge=1, le=VERSION)
    scenario: _ScenarioRef
    seed: int = Field(ge=0, le=2**64 - 1)
    game_id: int = Field(ge=0, le=2**63 - 1)
    team: str = Field("", max_length=200)
    round_id: str = Field("", max_length=64, description="unique per round started")
    plans: list[dict[str, dict[str, float]]] = Field(max_length=200)
    fired: dict[int, list[str]] = Field(
        default_factory=dict, description="turn index -> events a facilitator fired by hand"
    )


def encode_plan(plan: F64, scenario: Scenario) -> dict[str, dict[str, float]]:
    """An (A, T) plan as {action id: {target id: points}}, zeros left out."""
    out: dict[str, dict[str, float]] = {}
    for a, action in enumerate(scenario.actions):
        names = _target_names(scenario, action.target)
        entries = {names[t]: float(plan[a, t]) for t in np.flatnonzero(plan[a]) if t < len(names)}
        if entries:
            out[action.id] = entries
    return out


def _target_names(scenario: Scenario, kind: str) -> list[str]:
    if kind == Target.PACKAGE.name.lower():
        return [p.id for p in scenario.packages]
    if kind == Target.STAKEHOLDER.name.lower():
        return [s.id for s in scenario.stakeholders]
    return [PROJECT]


def decode_plan(
    entries: dict[str, dict[str, float]], session: Session, where: tuple[str | int, ...]
) -> tuple[F64, list[tuple[tuple[str | int, ...], str]]]:
    """The plan array of one saved turn, and the problems with its ids."""
    scenario, params = session.scenario, session.params
    plan = np.zeros((params.n_actions, params.n_targets))
    problems = []
    actions = {a.id: i for i, a in enumerate(scenario.actions)}
    for action_id, targets in entries.items():
        if action_id not in actions:
            problems.append(((*where, action_id), f"unknown action '{action_id}'"))
            continue
        a = actions[action_id]
        names = _target_names(scenario, scenario.actions[a].target)
        for target_id, points in targets.items():
            if target_id not in names:
                problems.append(((*where, action_id, target_id), f"unknown target '{target_id}'"))
                continue
            plan[a, names.index(target_id)] = points
    return plan, problems


def to_record(session: Session, scenario_ref: str) -> dict[str, Any]:
    """The JSON-ready record of a session."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {
            "ref": scenario_ref,
            "id": session.scenario.id,
            "sha256": scenario_digest(session.scenario),
        },
        "seed": session.seed,
        "game_id": session.game_id,
        "team": session.team,
        "round_id": session.round_id,
        "plans": [encode_plan(p, session.scenario) for p in session.plans],
        "fired": {
            turn: [session.scenario.events[e].id for e in events]
            for turn, events in enumerate(session.fired_by_hand)
            if events
        },
    }


def save(session: Session, scenario_ref: str, path: Path) -> None:
    """Write the session to `path` atomically: a crash leaves the old file or the new one."""
    text = json.dumps(to_record(session, scenario_ref), indent=1, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fail(
    path: Path,
    message: str,
    hint: str = "",
    line: int = 1,
    col: int = 1,
    key: tuple[str | int, ...] = (),
) -> SaveFileError:
    return SaveFileError([Diagnostic(Mark(str(path), line, col), key, message, hint)])


def _read(path: Path) -> SaveRecord:
    try:
        if not path.is_file():
            raise _fail(path, "the save file does not exist or is not a file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _fail(path, f"cannot read the save file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(path, f"the save file is larger than {MAX_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _fail(path, "the save file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _fail(
            path, f"not valid JSON: {exc.msg}", "the file may be cut short", exc.lineno, exc.colno
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, "this is not an Odd Duck save file", "saves are written by the game")
    try:
        return SaveRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"][0].lower() + first["msg"][1:]
        raise _fail(
            path, message, "the file was edited by hand?", key=tuple(first["loc"])
        ) from None


def restore(path: Path) -> tuple[Session, str]:
    """Load a save file and replay it; returns the session and its scenario reference."""
    record = _read(path)
    scenario, params = load(record.scenario.ref)
    if scenario_digest(scenario) != record.scenario.sha256:
        raise _fail(
            path,
            f"scenario '{record.scenario.ref}' has changed since this game was saved",
            "restore the scenario file as it was, or start a new game",
            key=("scenario", "sha256"),
        )
    session = Session(scenario, params, record.seed, record.game_id, record.team)
    session.round_id = record.round_id
    event_ids = [e.id for e in scenario.events]
    for turn, names in record.fired.items():
        unknown = [n for n in names if n not in event_ids]
        if unknown or not 0 <= turn < len(record.plans):
            what = f"unknown event '{unknown[0]}'" if unknown else f"no turn {turn + 1} was played"
            raise _fail(path, what, "the file was edited by hand?", key=("fired", turn))
    for turn, entries in enumerate(record.plans):
        where: tuple[str | int, ...] = ("plans", turn)
        plan, problems = decode_plan(entries, session, where)
        if problems:
            key, message = problems[0]
            raise _fail(path, message, key=key)
        if session.done:
            raise _fail(path, f"turn {turn + 1} was saved after the game ended", key=where)
        try:
            session.play(plan, [event_ids.index(n) for n in record.fired.get(turn, [])])
        except PlanError as exc:
            raise _fail(
                path, f"turn {turn + 1}: {exc}", "the file was edited by hand?", key=where
            ) from None
    return session, record.scenario.ref
