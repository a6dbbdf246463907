"""Turn pydantic's validation errors into positioned, hinted diagnostics."""

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.scenario.characters import quoted
from game.scenario.errors import Diagnostic, locate
from game.scenario.schema import TEXT_ERROR, Scenario
from game.scenario.yaml_source import Document, KeyPath


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    """The pydantic model class that holds the keys at `path`, if there is one."""
    model: Any = Scenario
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _inner(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner(annotation: Any) -> Any:
    """list[X] / X | None / dict[str, X] -> X."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin in (list, tuple, dict) and args:
            annotation = args[-1]
        elif origin is typing.Annotated or (
            origin in (typing.Union, types.UnionType) and len(args) == 1
        ):
            annotation = args[0]
        else:
            return annotation


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _diagnostic(error: ErrorDetails, doc: Document) -> Diagnostic:
    loc: KeyPath = tuple(p for p in error["loc"] if p != "[key]")
    kind = error["type"]
    mark = locate(doc.marks, loc, doc.marks[()])
    if kind == "extra_forbidden" and str(loc[-1]).isdigit():
        split = _split_number(doc, loc)
        if split:
            return Diagnostic(mark, loc, *split)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        options = [f.alias or name for name, f in model.model_fields.items()] if model else []
        hint = _suggest(key, options) or ("allowed: " + ", ".join(options) if options else "")
        return Diagnostic(mark, loc, f"unknown key '{quoted(str(key))}'", hint)
    if kind == TEXT_ERROR:
        return Diagnostic(mark, loc, error["msg"], str(error.get("ctx", {}).get("hint", "")))
    if kind == "missing" and loc == ("actions",):
        return Diagnostic(mark, loc, NO_ACTIONS, NO_ACTIONS_HINT)
    if kind == "missing":
        return Diagnostic(mark, loc, "required key is missing", f"add '{loc[-1]}:'")
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        given = str(error.get("input"))
        hint = _suggest(given, expected) or ("one of: " + ", ".join(expected))
        return Diagnostic(mark, loc, f"'{given}' is not allowed here", hint)
    given = error.get("input")
    number = _number_advice(kind, given, loc)
    if number:
        return Diagnostic(mark, loc, *number)
    if kind == "string_type" and isinstance(given, bool | int | float):
        return Diagnostic(
            mark,
            loc,
            f"expected text, but YAML read {_KIND[type(given)]} ({given!r})",
            "put the value in quotes",
        )
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "owner"):
        return Diagnostic(
            mark,
            loc,
            f"'{quoted(given)}' is not a valid id",
            "use lower-case letters, digits, '-' and '_', starting with a letter",
        )
    message = error["msg"][0].lower() + error["msg"][1:]
    if isinstance(given, str):
        hint = f"got '{quoted(given)}'"
    else:
        hint = f"got {given!r}" if isinstance(given, int | float | bool) else ""
    return Diagnostic(mark, loc, message, hint)


_KIND = {bool: "a yes/no value", int: "a number", float: "a number"}
NO_ACTIONS = (
    "required key is missing: there is no default action catalogue, so the team could do nothing"
)
NO_ACTIONS_HINT = (
    "copy the 'actions:' section of a shipped scenario such as"
    " game/data/scenarios/crm-rollout.yaml, or start from a full copy:"
    " run_game.py new-scenario NAME --from crm-rollout"
)
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")


def _split_number(doc: Document, loc: KeyPath) -> tuple[str, str] | None:
    """'{patience: 0,6}': inside braces the comma ends the value, and '6' becomes a key."""
    parent: Any = doc.data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    keys = list(parent) if isinstance(parent, dict) else []
    at = keys.index(loc[-1]) if loc[-1] in keys else 0
    before = keys[at - 1] if at > 0 else None
    if before is None or not isinstance(parent[before], int) or parent[loc[-1]] is not None:
        return None
    number = f"{parent[before]}.{loc[-1]}"
    return (
        f"'{before}: {parent[before]},{loc[-1]}' is read as two keys: inside {{ }} a comma"
        " separates keys",
        f"write {before}: {number}: use a decimal point, not a comma",
    )


def _upper_bound(loc: KeyPath) -> float | None:
    """The `le` bound of the number field at `loc` (1 for a share from 0 to 1), if any."""
    model = _model_at(loc[:-1]) if loc and isinstance(loc[-1], str) else None
    field = model.model_fields.get(str(loc[-1])) if model else None
    for meta in field.metadata if field else []:
        bound = getattr(meta, "le", None)
        if bound is not None:
            return float(bound)
    return None


def _number_advice(kind: str, given: Any, loc: KeyPath) -> tuple[str, str] | None:
    """(message, hint) for numbers written as people write them elsewhere: '70%', '0,6',
    or 50 for a share from 0 to 1; None for anything else."""
    share = _upper_bound(loc) == 1.0
    # 50 for a share is a percentage; 1.9 may be anything, and keeps pydantic's words.
    if kind == "less_than_equal" and share and isinstance(given, int) and 1 < given <= 100:
        return (
            "input should be less than or equal to 1: this is a share from 0 (none) to 1 (all)",
            f"write {given / 100:g} for {given} %",
        )
    if kind not in ("float_parsing", "int_parsing") or not isinstance(given, str):
        return None
    text = given.strip()
    digits = text.removesuffix("%").strip().replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    if text.endswith("%"):
        if share:
            return f"'{text}' is not a number", f"write {value / 100:g}: shares go from 0 to 1"
        return f"'{text}' is not a number", f"write {value:g}, without '%'"
    if _DECIMAL_COMMA.match(text):
        return f"'{text}' is not a number", f"write {value:g}: use a decimal point, not a comma"
    return None


def validate(doc: Document) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate a document against the schema: the scenario, or its problems."""
    try:
        return Scenario.model_validate(doc.data), []
    except ValidationError as exc:
        found = [_diagnostic(e, doc) for e in exc.errors()]
    # A misspelt key also makes the right one "missing"; the suggestion says it all.
    suggested = {
        (d.path[:-1], d.hint.split("'")[1]) for d in found if d.hint.startswith("did you mean")
    }
    return None, [
        d
        for d in found
        if not (d.message == "required key is missing" and (d.path[:-1], d.path[-1]) in suggested)
    ]
