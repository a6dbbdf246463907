"""Workshop result files: one team's round, written once into a shared folder, read back
by the debrief.

A result file is the round record of `debrief.round_record` (replayable plans, every
observation, the outcome, the per-turn truth and the key moments) plus the scenario's
debrief questions and the workshop settings. It carries everything the comparative
debrief shows, so the facilitator's machine needs neither the teams' scenario files
nor a replay. Writing never replaces another team's file: a second team with the same
name gets `-2`, `-3`, ...
"""

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.scenario.errors import Diagnostic, InputError
from game.scenario.yaml_source import Mark
from game.session.debrief import FORMAT, round_record, round_stem
from game.session.savefile import to_record
from game.session.session import Session

MAX_BYTES = 8 << 20
MAX_FILES = 200  # far more teams than a room holds; a bigger folder is the wrong folder
REQUIRED = ("team", "seed", "scenario", "outcome", "series", "key_moments")


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
    """
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result_record(session, scenario_ref, workshop), indent=1, ensure_ascii=False)
    fd, name = tempfile.mkstemp(prefix=".result.", suffix=".tmp", dir=directory)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
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
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def already_written(directory: Path, session: Session, scenario_ref: str) -> Path | None:
    """The result file of this very round, if one is in `directory` (same team, seed and
    plans): resuming a finished round must not add the team to the leaderboard twice."""
    mine = _as_json(to_record(session, scenario_ref))
    for path in sorted(directory.glob(f"{round_stem(session)}*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        keys = ("round_id", "team", "seed", "plans", "fired")
        if all(data.get(k) == mine.get(k) for k in keys):
            return path
    return None


def _as_json(value: Any) -> Any:
    """`value` as it reads back from JSON (integer keys become strings)."""
    return json.loads(json.dumps(value))


@dataclass(frozen=True)
class TeamResult:
    """One team's round as the debrief reads it."""

    path: Path
    team: str
    scenario_id: str
    title: str
    seed: int
    score: float
    grade: str
    won: bool
    cancelled: bool
    record: dict[str, Any]  # the whole file, for the charts and key moments

    @property
    def name(self) -> str:
        return self.team or self.path.stem


def _fail(
    path: Path, message: str, hint: str = "", key: tuple[str | int, ...] = ()
) -> ResultsError:
    return ResultsError([Diagnostic(Mark(str(path), 1, 1), key, message, hint)])


def read_result(path: Path) -> TeamResult:
    """One result file; ResultsError (file, key path, hint) for anything the debrief cannot use."""
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise _fail(path, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(path, f"the file is larger than {MAX_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _fail(
            path, "not a JSON file", "result files are written by play --workshop"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, "this is not an Odd Duck result file", "written by play --workshop")
    for key in REQUIRED:
        if key not in data:
            raise _fail(path, f"the key '{key}' is missing", "the file was edited by hand?", (key,))
    try:
        outcome, scenario = data["outcome"], data["scenario"]
        title = str(scenario.get("title", scenario["id"]))
        return TeamResult(
            path, str(data["team"]), str(scenario["id"]), title, int(data["seed"]),
            float(outcome["score"]), str(outcome["grade"]), bool(outcome["won"]),
            bool(outcome["cancelled"]), data,
        )  # fmt: skip
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(
            path, f"a value is missing or has the wrong type ({exc})", "edited by hand?"
        ) from None


def load_results(directory: Path) -> list[TeamResult]:
    """Every team's result in `directory`, best score first.

    Raises ResultsError when the folder is missing or holds no result, when a file is
    broken (every broken file is listed), or when the teams played different scenarios.
    """
    if not directory.is_dir():
        raise _fail(directory, "the results folder does not exist", "give the --results folder")
    files = sorted(p for p in directory.glob("*.json") if not p.name.startswith("."))[:MAX_FILES]
    results, problems = [], []
    for path in files:
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
    return sorted(results, key=lambda r: (-r.score, r.name))
