"""Load scenarios: YAML file or shipped id -> validated Scenario -> compiled Params."""

import functools
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from game.data import SCENARIO_DIR
from game.model.params import Params
from game.scenario.advice import scenario_warnings
from game.scenario.compile import compile_scenario
from game.scenario.errors import Diagnostic, ScenarioError, locate
from game.scenario.merge import merge_documents
from game.scenario.names import derived_short_name, name_words
from game.scenario.references import check_references
from game.scenario.schema import Scenario
from game.scenario.validation import validate
from game.scenario.yaml_source import Document, Mark, SourceError, path_problem, read_document

SHIPPED_DIR = SCENARIO_DIR
MAX_EXTENDS = 8
FOLDER_VARIABLE = "ODD_DUCK_SCENARIOS"
_SCENARIO_KEYS = {*Scenario.model_fields, "extends"}


def shipped_dir() -> Path:
    """Where the shipped scenarios live (ODD_DUCK_SCENARIOS overrides it).

    Raises ScenarioError for a variable set to nothing (which would quietly mean
    the current folder) or to a path no file system takes.
    """
    value = os.environ.get(FOLDER_VARIABLE)
    if value is None:
        return SHIPPED_DIR
    problem = "is set but empty" if not value.strip() else path_problem(value)
    if problem:
        raise ScenarioError(
            [
                Diagnostic(
                    Mark(FOLDER_VARIABLE, 1, 1),
                    (),
                    problem,
                    f"set it to a folder of scenario files, or unset it for {SHIPPED_DIR}",
                )
            ]
        )
    return Path(value)


def shipped_ids() -> list[str]:
    """Ids of the shipped scenarios (file stems), sorted."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def is_file(path: Path) -> bool:
    """Path.is_file, but False rather than an exception for a name too long or with a NUL."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def as_ref(text: str) -> str | Path:
    """A command-line argument: an existing file or folder as a Path, else the text as given."""
    try:
        return Path(text) if Path(text).exists() else text
    except (OSError, ValueError):
        return text  # resolve() says what is wrong with it


def _looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref


def resolve(ref: str, relative_to: Path | None = None) -> Path:
    """A scenario reference -> file path: a path to a YAML file, or a shipped id."""
    problem = path_problem(ref)
    if problem:
        raise ScenarioError(
            [Diagnostic(Mark(ref, 1, 1), (), problem, "give a scenario id or path")]
        )
    if _looks_like_path(ref):
        path = Path(ref)
        if relative_to is not None and not path.is_absolute():
            path = relative_to.parent / path
        return path
    path = shipped_dir() / f"{ref}.yaml"
    if not is_file(path):
        known = ", ".join(shipped_ids()) or "none"
        mark = Mark(ref, 1, 1)
        raise ScenarioError([Diagnostic(mark, (), f"unknown scenario '{ref}'", f"known: {known}")])
    return path


def _read_with_extends(path: Path, chain: tuple[Path, ...] = ()) -> Document:
    try:
        doc = read_document(path)
    except SourceError as exc:
        raise ScenarioError([Diagnostic(exc.mark, exc.path, exc.message, exc.hint)]) from None
    if not _SCENARIO_KEYS & doc.data.keys():
        # Say nothing of what the file holds: `extends: /etc/shadow` must not print it.
        raise ScenarioError(
            [
                Diagnostic(
                    doc.marks[()],
                    (),
                    "this is not a scenario: none of its keys is a scenario key",
                    "a scenario starts with 'id:' and 'title:'",
                )
            ]
        )
    base_ref = doc.data.pop("extends", None)
    if base_ref is None:
        return doc
    where = doc.marks.get(("extends",), doc.marks[()])
    if not isinstance(base_ref, str):
        raise ScenarioError([Diagnostic(where, ("extends",), "must be a scenario id or a path")])
    if _looks_like_path(base_ref) and not base_ref.endswith((".yaml", ".yml")):
        raise ScenarioError(
            [
                Diagnostic(
                    where,
                    ("extends",),
                    "a scenario file's name ends in .yaml",
                    "give a shipped id or the path of a .yaml file",
                )
            ]
        )
    try:
        base_path = resolve(base_ref, relative_to=path)
    except ScenarioError as exc:
        # Point at the 'extends:' line of this file, not at the missing scenario.
        raise ScenarioError(
            [Diagnostic(where, ("extends",), d.message, d.hint) for d in exc.diagnostics]
        ) from None
    if base_path.resolve() in chain or base_path.resolve() == path.resolve():
        raise ScenarioError(
            [Diagnostic(where, ("extends",), f"'{base_ref}' extends itself in a loop")]
        )
    if len(chain) >= MAX_EXTENDS:
        raise ScenarioError(
            [Diagnostic(where, ("extends",), f"more than {MAX_EXTENDS} levels of extends")]
        )
    if not is_file(base_path):
        raise ScenarioError([Diagnostic(where, ("extends",), f"no such file: {base_path}")])
    base = _read_with_extends(base_path, (*chain, path.resolve()))
    return merge_documents(base, doc)


def load_scenario(ref: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Load and fully check a scenario; raise ScenarioError listing every problem.

    `overrides` sets values by key path before validation, e.g.
    {"model.late_cost": 2.0, "stakeholders.dana.traits.patience": 0.2}; list items
    are addressed by id or by index.
    """
    return _checked(ref, overrides)[0]


def load_with_warnings(ref: str | Path) -> tuple[Scenario, list[Diagnostic]]:
    """Load and check a scenario as `load_scenario` does, and also return its warnings:
    what plays, but perhaps not as meant (advice.py). Errors raise ScenarioError."""
    scenario, doc = _checked(ref, None)
    return scenario, scenario_warnings(scenario, doc, people_elsewhere())


def people_elsewhere() -> dict[str, str]:
    """Words of the names of the shipped scenarios' people -> the scenario's id, to find
    a copy's leftover names. A shipped file that does not read is skipped: validate
    reports it when it is the one being checked."""
    try:
        folder = shipped_dir()
    except ScenarioError:
        return {}
    return dict(_names_in(str(folder)))


@functools.lru_cache(maxsize=4)
def _names_in(folder: str) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = read_document(path).data
        except SourceError:
            continue
        people = [data.get("sponsor"), *(data.get("stakeholders") or [])]
        for person in people:
            name = person.get("name") if isinstance(person, dict) else None
            if isinstance(name, str):
                for word in name_words(name) | {derived_short_name(name, "")} - {""}:
                    found.setdefault(word, path.stem)
    return tuple(sorted(found.items()))


def _checked(ref: str | Path, overrides: Mapping[str, Any] | None) -> tuple[Scenario, Document]:
    path = ref if isinstance(ref, Path) else resolve(ref)
    doc = _read_with_extends(path)
    for key, value in (overrides or {}).items():
        _override(doc, key, value)
    scenario, problems = validate(doc)
    if scenario is None:
        raise ScenarioError(problems)
    fallback = doc.marks[()]
    diagnostics = [
        Diagnostic(locate(doc.marks, p.path, fallback), p.path, p.message, p.hint)
        for p in check_references(scenario)
    ]
    if diagnostics:
        raise ScenarioError(diagnostics)
    return scenario, doc


def scenario_digest(scenario: Scenario) -> str:
    """A content hash of the validated scenario (after extends), for results and saves."""
    return hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()


def load(ref: str | Path, overrides: Mapping[str, Any] | None = None) -> tuple[Scenario, Params]:
    """Load a scenario (with optional key-path overrides) and compile it for the model."""
    scenario = load_scenario(ref, overrides)
    return scenario, compile_scenario(scenario)


def _override(doc: Document, key: str, value: Any) -> None:
    """Set `key` (dotted path) in the document; unknown steps are a ScenarioError."""
    node: Any = doc.data
    parts = key.split(".")
    where = doc.marks[()]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if isinstance(node, list):
            index = next(
                (i for i, v in enumerate(node) if isinstance(v, dict) and v.get("id") == part), None
            )
            if index is None and part.isdigit() and int(part) < len(node):
                index = int(part)
            if index is None:
                ids = [str(v.get("id")) for v in node if isinstance(v, dict)]
                raise ScenarioError(
                    [
                        Diagnostic(
                            where,
                            tuple(parts[:depth]),
                            f"no item '{part}' in {key}",
                            "known: " + ", ".join(ids),
                        )
                    ]
                )
            if last:
                node[index] = value
                return
            node = node[index]
        elif isinstance(node, dict):
            if last:
                node[part] = value
                return
            node = node.setdefault(part, {})
        else:
            raise ScenarioError(
                [
                    Diagnostic(
                        where,
                        tuple(parts[:depth]),
                        f"cannot set {key}: '{parts[depth - 1]}' has no keys",
                    )
                ]
            )
