"""Save files: a game as (scenario, seed, game id, plans), written atomically.

The file is JSON a person can read: plans name actions and targets by their
ids. Loading replays the plans, so a save can never hold a state the model
could not have produced. The save keeps a copy of the scenario as it was played,
so a round survives its scenario file being edited, moved or broken during a
workshop, and the version of the rules that played it, so a resumed round says
when the game has changed since. A file that is broken or inconsistent gets one
positioned message and no traceback.
"""

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.model import RULES_VERSION, PlanError, Target, validate_plan
from game.scenario.compile import compile_scenario
from game.scenario.errors import Diagnostic, InputError, short_file_name
from game.scenario.loader import load, scenario_digest
from game.scenario.references import check_references
from game.scenario.schema import Scenario
from game.scenario.yaml_source import Mark
from game.session.atomic_file import write_text_atomic
from game.session.bounded_json import JsonFileError, read_json
from game.session.session import Session

F64 = npt.NDArray[np.float64]
FORMAT = "odd-duck-save"
# 2: the scenario's content and the rules version are kept in the save; 3: so is the plan
# being made for the next week (a crash mid-plan lost minutes of a team's talk: playtest 11)
VERSION = 3
MAX_BYTES = 4 << 20
PROJECT = "project"  # the target name of project-wide actions


class SaveFileError(InputError):
    """A save file that cannot be restored."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class _ScenarioRef(_Strict):
    ref: str = Field(max_length=4096, description="shipped id or path the game was started from")
    id: str = Field(max_length=200)
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    content: dict[str, Any] | None = Field(
        None, description="the scenario as played (after extends); absent in version 1"
    )


class _Attempt(_Strict):
    score: float = Field(ge=0.0, le=100.0)
    grade: str = Field(min_length=1, max_length=40)
    replayed_from: int = Field(ge=0, le=200, description="the turn the next attempt went back to")


@dataclass(frozen=True)
class Attempt:
    """An earlier attempt at the same round, ended and then replayed from `replayed_from`."""

    score: float
    grade: str
    replayed_from: int  # 0-based turn index: 0 is "from the start"


class SaveRecord(_Strict):
    format: str = Field(pattern=f"^{FORMAT}$")
    version: int = Field(ge=1, le=VERSION)
    scenario: _ScenarioRef
    rules: int = Field(0, ge=0, description="RULES_VERSION that played it; 0: not recorded")
    seed: int = Field(ge=0, le=2**64 - 1)
    game_id: int = Field(ge=0, le=2**63 - 1)
    team: str = Field("", max_length=200)
    round_id: str = Field("", max_length=64, description="unique per round started")
    plans: list[dict[str, dict[str, float]]] = Field(max_length=200)
    fired: dict[int, list[str]] = Field(
        default_factory=dict, description="turn index -> events a facilitator fired by hand"
    )
    attempts: list[_Attempt] = Field(
        default_factory=list, max_length=200, description="earlier attempts, oldest first"
    )
    draft: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="the plan being made for the next week, not played"
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


def to_record(
    session: Session,
    scenario_ref: str,
    attempts: Sequence[Attempt] = (),
    draft: F64 | None = None,
) -> dict[str, Any]:
    """The JSON-ready record of a session (with the earlier attempts it replays and the
    plan being made for its next week)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "rules": RULES_VERSION,
        "scenario": {
            "ref": scenario_ref,
            "id": session.scenario.id,
            "sha256": scenario_digest(session.scenario),
            "content": session.scenario.model_dump(mode="json"),
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
        "attempts": [asdict(a) for a in attempts],
        "draft": encode_plan(draft, session.scenario) if draft is not None else {},
    }


def save(
    session: Session,
    scenario_ref: str,
    path: Path,
    attempts: Sequence[Attempt] = (),
    draft: F64 | None = None,
) -> None:
    """Write the session to `path` atomically: a crash leaves the old file or the new one."""
    record = to_record(session, scenario_ref, attempts, draft)
    text = json.dumps(record, indent=1, ensure_ascii=False)
    write_text_atomic(path, text + "\n")


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
        data = read_json(path, MAX_BYTES)
    except JsonFileError as exc:
        raise _fail(path, exc.message, exc.hint, exc.line, exc.col) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, "this is not an Odd Duck save file", "saves are written by the game")
    version = data.get("version")
    if isinstance(version, int) and version > VERSION:
        raise _fail(
            path,
            f"saved by a newer version of the game (save format {version}, this game reads"
            f" up to {VERSION})",
            "continue it with the version that saved it",
            key=("version",),
        )
    try:
        return SaveRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"][0].lower() + first["msg"][1:]
        raise _fail(
            path, message, "the file was edited by hand?", key=tuple(first["loc"])
        ) from None


@dataclass(frozen=True)
class Restored:
    """A replayed save: the session, where its scenario came from, and what to tell the player."""

    session: Session
    scenario_ref: str
    notes: tuple[str, ...] = ()  # e.g. the scenario file changed and the kept copy was used
    attempts: tuple[Attempt, ...] = ()  # earlier attempts at the same round
    draft: F64 | None = None  # the plan being made for the next week, when there was one


def restore(path: Path) -> Restored:
    """Load a save file and replay it; SaveFileError for a file that cannot be replayed."""
    record = _read(path)
    scenario, notes = _scenario_of(record, path)
    rules_note = _rules_note(record.rules)
    session = Session(
        scenario, compile_scenario(scenario), record.seed, record.game_id, record.team
    )
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
            hint = "the file was edited by hand?"
            if rules_note:
                hint = f"saved under {rules_note}, which this game cannot replay: start again"
            raise _fail(path, f"turn {turn + 1}: {exc}", hint, key=where) from None
    if rules_note and record.plans:
        notes = (
            *notes,
            f"saved under {rules_note}; replayed under rules version {RULES_VERSION},"
            " so numbers may differ",
        )
    attempts = tuple(Attempt(a.score, a.grade, a.replayed_from) for a in record.attempts)
    draft, draft_note = _draft_of(record, session)
    return Restored(session, record.scenario.ref, (*notes, *draft_note), attempts, draft)


def _draft_of(record: SaveRecord, session: Session) -> tuple[F64 | None, tuple[str, ...]]:
    """The plan being made when the round was saved, if the rules still allow it; else
    None and a note (it is only a draft: the round itself is restored either way)."""
    if not record.draft or session.done:
        return None, ()
    plan, problems = decode_plan(record.draft, session, ("draft",))
    try:
        if problems:
            raise PlanError(problems[0][1])
        validate_plan(plan[None], session.observe(), session.params)
    except PlanError as exc:
        return None, (f"the plan being made for week {session.turn + 1} was left out: {exc}",)
    return plan, ()


def _scenario_of(record: SaveRecord, path: Path) -> tuple[Scenario, tuple[str, ...]]:
    """The scenario the round was played with: the file if unchanged, else the kept copy."""
    ref = record.scenario
    shown = short_file_name(ref.ref)  # a hand-edited save may hold any text here
    try:
        scenario, _ = load(ref.ref)
    except InputError as exc:
        if ref.content is None:
            raise _fail(
                path,
                f"scenario '{shown}' cannot be loaded: {exc.diagnostics[0].message}",
                "this save is from an older version that kept no copy of the scenario;"
                " restore the scenario file",
                key=("scenario", "ref"),
            ) from None
        why = "can no longer be read"
    else:
        if scenario_digest(scenario) == ref.sha256:
            return scenario, ()
        if ref.content is None:
            raise _fail(
                path,
                f"scenario '{shown}' has changed since this game was saved",
                "restore the scenario file as it was, or start a new game",
                key=("scenario", "sha256"),
            )
        why = "changed after this round began"
    # Short: the turn screen shows it in a three-line toast, at projector text size too.
    note = f"{short_file_name(Path(ref.ref).name)} {why}; the round goes on unchanged"
    return _kept_copy(ref.content, ref.sha256, path), (note,)


def _kept_copy(content: dict[str, Any], sha256: str, path: Path) -> Scenario:
    """The scenario copy kept in a save, checked as thoroughly as a scenario file."""
    key = ("scenario", "content")
    try:
        scenario = Scenario.model_validate(content)
    except ValidationError:
        raise _fail(path, "the kept copy of the scenario is damaged", key=key) from None
    if check_references(scenario) or scenario_digest(scenario) != sha256:
        raise _fail(path, "the kept copy of the scenario is damaged", key=key)
    return scenario


def _rules_note(saved: int) -> str:
    """'' when the save was made under these rules, else the rules it was made under."""
    if saved == RULES_VERSION:
        return ""
    return f"rules version {saved}" if saved else "an earlier version of the rules"
