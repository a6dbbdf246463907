"""The scenario format's reference tables, generated from the pydantic models.

docs/SCENARIOS.md carries these tables between two markers. Regenerate them with
`python -m game.scenario.reference --write docs/SCENARIOS.md`; a test fails when the
committed block differs, so the guide cannot drift from `schema.py`.
"""

import argparse
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.scenario.schema import Id, Scenario, scenario_json_schema

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"

_ID = get_args(Id)
_ID_PATTERN: str = _ID[1].pattern
_ID_DESCRIPTION: str = _ID[2].description
# Plain words for the patterns a facilitator meets; any other pattern is shown as is.
_PLAIN_PATTERNS = {
    _ID_PATTERN: "a lower-case letter, then lower-case letters, digits, `-` or `_`",
    r"^[a-z]{2}(-[A-Z]{2})?$": "a language code such as `en`, `de` or `pt-BR`",
}
_BOUNDS = ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern")

# Meanings for keys whose field has no description of its own (or only the generic
# one every id shares). A test asserts that every row ends up with a meaning.
NOTES: dict[str, str] = {
    "id": "the scenario's id, in reports and saves; use the file name without `.yaml`",
    "title": "the name shown on the title screen and the debrief",
    "language": "the language the scenario's texts are written in",
    "difficulty": "shown on the title screen",
    "learning_goals": "for the facilitator: what the round should teach",
    "facilitator_notes": "advice for the facilitator: when to pause, what to watch for",
    "debrief_questions": "questions for the discussion after the round",
    "goal": "the team's goal, shown in the briefing and on the first turn; the game adds"
    ' "(deadline: N weeks)" from `deadline`, so leave the number of weeks out of it (it would'
    " go stale when `deadline` changes)",
    "deadline": "the turn by which everything should be accepted; later turns cost score",
    "team": "the project team's capacity",
    "budget": "the money for the whole project",
    "sponsor": "the person who can cancel the project",
    "actions": "the action catalogue: what a team can spend its points on",
    "stakeholders": "the line managers who own and sign off packages",
    "packages": "the work packages to build",
    "events": "things that happen during the round",
    "model": "model coefficients; unset keys keep their defaults (see above for what each does)",
    "scoring": "how the score and the grade are computed",
    "sponsor.name": "the sponsor's name",
    "sponsor.role": "the sponsor's job title",
    "actions[].id": "the action's id, used in `preferences`",
    "actions[].label": "the action's name on the turn screen",
    "stakeholders[].id": "the person's id, used by `owner`, events, and for a generated portrait",
    "stakeholders[].name": "full name; its first word that is not a title (Dr., Frau) is their"
    " short name on screen, unless `short_name` is set",
    "stakeholders[].role": "job title",
    "stakeholders[].department": "their department",
    "stakeholders[].traits": "how this person behaves",
    "packages[].id": "the package's id, used by `depends_on` and events",
    "packages[].title": "the package's name on the work board",
    "packages[].depends_on": "ids of packages that must be built before this one can start",
    "events[].id": "the event's id",
    "events[].title": "the headline of the event in the turn report",
    "events[].text": "what happened, in the scenario's words",
    "events[].trigger": "when the event fires",
    "events[].effects": "what the event changes",
    "events[].trigger.condition": "fire only on turns when this holds (inside the window, if any)",
    "events[].trigger.condition.var": "what to test: `budget_left` in money, the rest from 0 to 1",
    "events[].trigger.condition.stakeholder": "whose trust or satisfaction to test",
    "events[].trigger.condition.op": "at least (`>=`) or at most (`<=`)",
    "events[].trigger.condition.value": "the threshold",
    "events[].trigger.once": "fire at most once per round",
    "events[].effects.hype": "market hype added (hype inflates expectations)",
    "events[].effects.sponsor": "sponsor support added (negative: lost)",
    "events[].effects.fatigue": "team fatigue added",
    "events[].effects.expectation": "stakeholder id -> expected share done added",
    "scoring.fail_grade": "the grade below the lowest band",
}


@dataclass(frozen=True)
class Row:
    """One key of the format, as the reference table shows it."""

    path: str
    kind: str
    default: str
    allowed: str
    meaning: str


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """(bare type, constraint objects) with Annotated and `| None` peeled off."""
    meta: list[Any] = []
    while True:
        origin, args = get_origin(tp), get_args(tp)
        if origin is Annotated:
            tp = args[0]
            for extra in args[1:]:
                meta += extra.metadata if isinstance(extra, FieldInfo) else [extra]
        elif origin in (Union, types.UnionType) and type(None) in args:
            # The format's only unions are `X | None`; "not set" shows as the default.
            tp = next(a for a in args if a is not type(None))
        else:
            return tp, meta


def _bounds(meta: list[Any]) -> dict[str, Any]:
    """ge, gt, le, lt, min_length, max_length and pattern, from any constraint object."""
    return {n: getattr(m, n) for m in meta for n in _BOUNDS if getattr(m, n, None) is not None}


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _kind(tp: Any, meta: list[Any]) -> str:
    """The type in plain words: number, whole number, id, text, map: id → number, ..."""
    origin, args = get_origin(tp), get_args(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "section"
    if origin is Literal:
        return "choice"
    if origin is list:
        inner = _unwrap(args[0])
        item = "entries" if _kind(*inner) == "section" else _kind(*inner)
        return f"list of {item}" if item in ("entries", "text") else f"list of {item}s"
    if origin is dict:
        key, value = (_kind(*_unwrap(a)) for a in args)
        return f"map: {'channel' if key == 'choice' else key} → {value}"
    if origin is tuple:
        return "[" + ", ".join(_kind(*_unwrap(a)) for a in args) + "]"
    names = {float: "number", int: "whole number", bool: "`true` or `false`"}
    if tp is str:
        return "id" if _bounds(meta).get("pattern") == _ID_PATTERN else "text"
    return names.get(tp, getattr(tp, "__name__", str(tp)))


def _allowed(tp: Any, meta: list[Any]) -> str:
    """The allowed values from Field constraints and Literal choices ('' when anything goes)."""
    b = _bounds(meta)
    origin, args = get_origin(tp), get_args(tp)
    parts: list[str] = []
    if origin is Literal:
        parts.append("one of " + ", ".join(f"`{a}`" for a in args))
    lo, hi = b.get("ge", b.get("gt")), b.get("le", b.get("lt"))
    if "ge" in b and "le" in b:
        parts.append(f"{_num(lo)} to {_num(hi)}")
    else:
        signs = (("gt", "more than"), ("ge", "at least"), ("lt", "less than"), ("le", "at most"))
        parts += [f"{word} {_num(b[key])}" for key, word in signs if key in b]
    one, many = {str: ("character", "characters"), dict: ("entry", "entries")}.get(
        origin or tp, ("item", "items")
    )
    low, high = b.get("min_length"), b.get("max_length")
    if low is not None and high is not None:
        parts.append(f"{low} to {high} {many}")
    elif high is not None:
        parts.append(f"at most {high} {many}")
    elif low is not None:
        parts.append(f"at least {low} {one if low == 1 else many}")
    if "pattern" in b:
        parts.append(_PLAIN_PATTERNS.get(b["pattern"], f"`{b['pattern']}`"))
    if origin is dict:
        key_tp = _unwrap(args[0])[0]
        if get_origin(key_tp) is Literal:
            parts.append("keys: " + ", ".join(f"`{a}`" for a in get_args(key_tp)))
        value = _allowed(*_unwrap(args[1]))
        parts += [f"each value {value}"] if value else []
    # A list's items: sections have tables of their own, ids are explained once per id row.
    if origin is list and _kind(*_unwrap(args[0])) not in ("section", "id"):
        item = _allowed(*_unwrap(args[0]))
        parts += [f"each {item}"] if item else []
    return "; ".join(parts)


def _default(field: FieldInfo) -> str:
    """The default as a facilitator would write it, or **required**."""
    if field.is_required():
        return "**required**"
    value = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
    if isinstance(value, BaseModel):
        return "(below)"
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value in ("", [], {}):
        return "empty"
    if isinstance(value, dict):
        return "`{" + ", ".join(f"{k}: {_num(v)}" for k, v in value.items()) + "}`"
    return f"`{_num(value)}`"


def reference_sections() -> list[tuple[str, list[Row]]]:
    """(section path, rows) for `Scenario` and every model nested in it, depth first.

    Paths are the keys as written in a file, with `[]` for "each item of the list":
    `stakeholders[].traits.patience`.
    """
    extends = scenario_json_schema()["properties"]["extends"]["description"]
    top = Row("extends", "text", "not set", "a shipped id or a YAML path", extends)
    sections: list[tuple[str, list[Row]]] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        rows: list[Row] = [top] if not prefix else []
        sections.append((prefix, rows))
        nested: list[tuple[type[BaseModel], str]] = []
        for attribute, field in model.model_fields.items():
            name = field.alias or attribute  # the key as a file writes it
            path = f"{prefix}.{name}" if prefix else name
            tp, meta = _unwrap(field.annotation)
            meta = [*field.metadata, *meta]
            text = field.description if field.description != _ID_DESCRIPTION else None
            meaning = text or NOTES.get(path, "")
            rows.append(Row(path, _kind(tp, meta), _default(field), _allowed(tp, meta), meaning))
            item = _unwrap(get_args(tp)[0])[0] if get_origin(tp) is list else tp
            if isinstance(item, type) and issubclass(item, BaseModel):
                nested.append((item, path + ("[]" if item is not tp else "")))
        for sub, at in nested:
            walk(sub, at)

    walk(Scenario, "")
    return sections


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or "—"


def reference_markdown() -> str:
    """The generated Markdown: one table per section, between the START and END markers."""
    out = [
        START,
        "<!-- Generated from game/scenario/schema.py and coefficients.py by"
        " `python -m game.scenario.reference --write docs/SCENARIOS.md`; do not edit. -->",
        "",
    ]
    for prefix, rows in reference_sections():
        # A section's heading says what it is: the meaning of the key that holds it.
        heading = (
            f"`{prefix}`: {NOTES.get(prefix.removesuffix('[]'), '')}" if prefix else "Top level"
        )
        out += [f"### {heading.removesuffix(': ')}", ""]
        out += ["| key | type | default | allowed | meaning |", "|---|---|---|---|---|"]
        for r in rows:
            cells = [f"`{r.path}`", r.kind, r.default, r.allowed, r.meaning]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
    out.append(END)
    return "\n".join(out) + "\n"


def replace_block(document: str, block: str) -> str:
    """`document` with the text from START to END (inclusive) replaced by `block`.

    Raises ValueError when the markers are missing or out of order.
    """
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {START} ... {END} are missing or out of order")
    rest = document[end + len(END) :].removeprefix("\n")
    return document[:start] + block + rest


def main(argv: Sequence[str] | None = None) -> int:
    """Print the reference block, or regenerate it in place in FILE (--write FILE)."""
    parser = argparse.ArgumentParser(prog="python -m game.scenario.reference")
    parser.add_argument("--write", type=Path, metavar="FILE", help="regenerate the block in FILE")
    target: Path | None = parser.parse_args(argv).write
    if target is None:
        sys.stdout.write(reference_markdown())
        return 0
    try:
        old = target.read_text(encoding="utf-8")
        new = replace_block(old, reference_markdown())
    except (OSError, ValueError) as exc:
        print(f"error: {target}: {exc}", file=sys.stderr)
        return 2
    if new != old:
        target.write_text(new, encoding="utf-8")
    print(f"{target}: reference block {'updated' if new != old else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
