"""Workshop result files: one team's round, written once into a shared folder, read back
by the debrief.

A result file is the round record of `debrief.round_record` (replayable plans, every
observation, the outcome, the per-turn truth and the key moments) plus the scenario's
debrief questions and the workshop settings. It carries everything the comparative
debrief shows, so the facilitator's machine needs neither the teams' scenario files
nor a replay. Writing never replaces another team's file: a second team with the same
name gets `-2`, `-3`, ...

Reading trusts nothing: a file comes from another laptop, a USB stick or a shared folder.
It is read with a size and nesting bound (`bounded_json`), then validated whole against
`result_schema.ResultRecord` and checked for consistency, so that every consumer (the
HTML report, its charts, the projector view) can use it as it is.
"""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.scenario.errors import Diagnostic, InputError
from game.scenario.yaml_source import KeyPath, Mark
from game.session.atomic_file import create_exclusive
from game.session.bounded_json import JsonFileError, read_json
from game.session.debrief.record import FORMAT, round_record, round_stem
from game.session.result_schema import ResultRecord, describe, first_inconsistency
from game.session.savefile import to_record
from game.session.session import Session

MAX_BYTES = 8 << 20
MAX_FILES = 200  # far more teams than a room holds; a bigger folder is the wrong folder
HINT = "result files are written by play --workshop: was this one edited by hand?"


class ResultsError(InputError):
    """A results folder or file the debrief cannot use."""


def result_record(session: Session, scenario_ref: str, workshop: dict[str, Any]) -> dict[str, Any]:
    """The round record, with what the debrief needs from the scenario and the workshop."""
    record = round_record(session, scenario_ref)
    sc = session.scenario
    record["scenario"] |= {
        "deadline": sc.deadline,
        "turn_label": sc.turn_label,
        "stakeholders": [{"id": s.id, "name": s.name, "role": s.role} for s in sc.stakeholders],
    }
    record["debrief_questions"] = list(sc.debrief_questions)
    record["workshop"] = workshop
    return record


def write_result(
    directory: Path, session: Session, scenario_ref: str, workshop: dict[str, Any]
) -> Path:
    """Write the team's result atomically under a name no other file has; returns its path.

    The text goes to a temporary file first, then is hard-linked to the first free
    name: the link fails instead of replacing a file that appeared meanwhile (another
    team's laptop writing to the same shared folder), and a reader never sees half a file.
    The file's mode follows the umask, like any file the user saves (0644 under the usual
    022): the facilitator who collects it from a shared folder must be able to read it.
    """
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result_record(session, scenario_ref, workshop), indent=1, ensure_ascii=False)
    tmp = _new_file(directory, text)
    try:
        for n in range(1, MAX_FILES + 1):
            path = directory / (
                f"{round_stem(session)}.json" if n == 1 else f"{round_stem(session)}-{n}.json"
            )
            try:
                _publish(tmp, path, text)
            except FileExistsError:
                continue
            return path
        raise OSError(f"more than {MAX_FILES} results of {round_stem(session)} in {directory}")
    finally:
        tmp.unlink(missing_ok=True)


def _new_file(directory: Path, text: str) -> Path:
    """A hidden temporary file in `directory` holding `text`, synced to disk.

    Not `tempfile.mkstemp`: it makes the file 0600 whatever the umask, and the hard link
    that publishes the file keeps that mode.
    """
    while True:
        path = directory / f".result.{secrets.token_hex(8)}.tmp"
        try:
            _write_new(path, text)
        except FileExistsError:
            continue
        return path


def _write_new(path: Path, text: str) -> None:
    """Create `path` (FileExistsError if it is there) with the umask's mode, write `text`."""
    fd = create_exclusive(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _publish(tmp: Path, path: Path, text: str) -> None:
    """Put the finished file at `path`, raising FileExistsError rather than replacing one.

    A hard link is atomic and never replaces; USB sticks (FAT, exFAT) and many network
    shares have no hard links, so there the file is created exclusively and written.
    """
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # no hard links on this file system
    _write_new(path, text)


def already_written(directory: Path, session: Session, scenario_ref: str) -> Path | None:
    """The result file of this very round, if one is in `directory` (same team, seed and
    plans): resuming a finished round must not add the team to the leaderboard twice.
    A file that cannot be read is not this round's."""
    mine = _as_json(to_record(session, scenario_ref))
    keys = ("round_id", "team", "seed", "plans", "fired")
    for path in sorted(directory.glob(f"{round_stem(session)}*.json")):
        try:
            data = read_json(path, MAX_BYTES)
        except JsonFileError:
            continue
        if isinstance(data, dict) and all(data.get(k) == mine.get(k) for k in keys):
            return path
    return None


def _as_json(value: Any) -> Any:
    """`value` as it reads back from JSON (integer keys become strings)."""
    return json.loads(json.dumps(value))


@dataclass(frozen=True)
class TeamResult:
    """One team's round as the debrief reads it: validated whole by `read_result`."""

    path: Path
    team: str
    scenario_id: str
    title: str
    seed: int
    score: float
    grade: str
    won: bool
    cancelled: bool
    record: dict[str, Any]  # the whole file as `ResultRecord` holds it, for the charts
    finished: bool = True  # False: stopped before its end (the facilitator ended the round)

    @property
    def name(self) -> str:
        return self.team or self.path.stem


def _fail(
    path: Path, message: str, hint: str = "", key: KeyPath = (), line: int = 1, col: int = 1
) -> ResultsError:
    return ResultsError([Diagnostic(Mark(str(path), line, col), key, message, hint)])


def read_result(path: Path) -> TeamResult:
    """One result file, validated whole; ResultsError (file, key path, what was expected,
    a hint) for anything the debrief cannot use. Reads at most MAX_BYTES of the file."""
    try:
        data = read_json(path, MAX_BYTES)
    except JsonFileError as exc:
        hint = exc.hint or "result files are written by play --workshop"
        raise _fail(path, exc.message, hint, line=exc.line, col=exc.col) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, "this is not an Odd Duck result file", "written by play --workshop")
    try:
        record = ResultRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = tuple(p for p in first["loc"] if p != "[key]")
        raise _fail(path, describe(first), HINT, key) from None
    wrong = first_inconsistency(record)
    if wrong:
        raise _fail(path, wrong[1], HINT, wrong[0])
    s, outcome = record.scenario, record.outcome
    return TeamResult(
        path, record.team, s.id, s.title, record.seed, outcome.score, outcome.grade,
        outcome.won, outcome.cancelled, record.model_dump(mode="json"), outcome.finished,
    )  # fmt: skip


def load_results(directory: Path) -> list[TeamResult]:
    """Every team's result in `directory`, best score first.

    Raises ResultsError when the folder is missing or holds no result, when a file is
    broken (every broken file is listed), or when the teams played different scenarios.
    """
    if not directory.is_dir():
        raise _fail(
            directory,
            "the results folder does not exist",
            "give the folder of the teams' result files",
        )
    try:
        found = sorted(p for p in directory.glob("*.json") if not p.name.startswith("."))
    except OSError as exc:
        raise _fail(directory, f"cannot list the folder: {exc.strerror or exc}") from None
    results, problems = [], []
    for path in found[:MAX_FILES]:
        try:
            results.append(read_result(path))
        except ResultsError as exc:
            problems += exc.diagnostics
    if problems:
        raise ResultsError(problems)
    if not results:
        raise _fail(
            directory,
            "no result files (*.json) in this folder",
            "teams write them at the end of play --workshop",
        )
    scenarios = sorted({r.scenario_id for r in results})
    if len(scenarios) > 1:
        raise _fail(
            directory,
            f"the teams played different scenarios: {', '.join(scenarios)}",
            "debrief one scenario per folder",
        )
    rules = sorted({r.record["rules"] for r in results})
    if len(rules) > 1:  # the same plans score differently: a leaderboard would mislead
        raise _fail(
            directory,
            f"the teams played under different versions of the game's rules: {rules}",
            "install the same version of the game on every laptop, or debrief them apart",
        )
    return sorted(results, key=lambda r: (-r.score, r.name))
