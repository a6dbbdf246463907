"""`run_game.py new-scenario NAME --from ID`: a commented copy of a shipped scenario to edit.

The copy is the source file's own text (its comments kept), with the id set to NAME,
the title marked as a copy, a schema line for editors, a header saying what to do
next and a short comment above each section. It is checked before the command
reports success, so a facilitator always starts from a file that validates.
"""

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from game.cli.options import path_arg
from game.data import SCHEMA_FILE
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario, resolve, shipped_dir, shipped_ids
from game.scenario.schema import Id
from game.scenario.yaml_source import read_document

# A checkout links docs/scenario.schema.json, the path its guides name, to the same file.
DOCS_SCHEMA = SCHEMA_FILE.parents[2] / "docs" / SCHEMA_FILE.name
SCHEMA_PREFIX = "# yaml-language-server: $schema="
_ID = TypeAdapter(Id)

BRIEFING = (
    "title",
    "summary",
    "story",
    "goal",
    "learning_goals",
    "facilitator_notes",
    "debrief_questions",
)
# One comment per top-level section, written above it in the copy.
SECTION_NOTES: dict[str, str] = {
    "team": "Team: `capacity` is the points the team spends each turn; overtime adds up to"
    " `max_overtime` more, paid for in fatigue and budget.",
    "budget": "Budget: money for the whole project. A point of capacity costs `cost_per_point`,"
    " overtime `overtime_factor` times as much; over budget, the sponsor's support drains.",
    "sponsor": "Sponsor: the person the project answers to. `support` (0 to 1) is where they"
    " start; at 0 the project is cancelled.",
    "actions": "Actions: what a team can spend its points on. `effects` are weights on the"
    " model's channels (build, trust, clarify, demo, reset, favour, escalate, quality,"
    " testing, overtime, sponsor). Rename and retune freely; keep one action that builds.",
    "stakeholders": "Stakeholders: the line managers who sign off packages. Traits from 0 to 1:"
    " patience, hype_susceptibility, starting trust. `influence` weighs them with the"
    " sponsor and in the verdict; `preferences` make an action work better (>1) or worse (<1)"
    " on them. Players never see the ids: change names freely, keep the ids.",
    "packages": "Packages: the work to build. `owner` is the stakeholder id who signs it off;"
    " `size` is points of work, `value` what it is worth when accepted; higher `complexity`"
    " means less clear requirements at the start; `depends_on` lists packages to build first.",
    "events": "Events: what happens during the round. A trigger is `turn: K`, `window: [A, B]`"
    " with a `probability` per turn, a `condition`, or `manual: true` (only the facilitator"
    " fires it). Effects change hype, sponsor, trust, expectation, clarity, scope, capacity.",
    "model": "Model coefficients: the rules' numbers; unset keys keep their defaults."
    " docs/SCENARIOS.md says what raising or lowering each one does; check a change with balance.",
    "scoring": "Scoring: how the final score and the grade are computed; `win_score` is the score"
    " that counts as a win.",
}


def add_parser(sub: Any) -> None:
    """Register `new-scenario` on the subcommand parsers (`_number`, once the number type,
    is ignored: it is accepted so that callers of the old signature still work)."""
    p = sub.add_parser(
        "new-scenario",
        help="start a new scenario: a commented copy of a shipped one",
        description="Write NAME.yaml, a commented copy of a shipped scenario with its id set to"
        " NAME, ready to edit and check with validate and balance.",
    )
    p.add_argument("name", metavar="NAME", help="id of the new scenario, e.g. my-workshop")
    p.add_argument(
        "--from", dest="source", required=True, metavar="ID", help="the shipped scenario to copy"
    )
    p.add_argument(
        "--out", type=path_arg, metavar="PATH", help="where to write (default NAME.yaml)"
    )
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    """Write the copy; 0 when it was written and validates, else `fail`'s status (2)."""
    name: str = args.name
    try:
        _ID.validate_python(name)
    except ValidationError:
        return fail(_bad_name(name))
    if args.source not in shipped_ids():
        known = ", ".join(shipped_ids()) or f"none in {shipped_dir()}"
        return fail(f"unknown scenario '{args.source}' (known: {known})")
    out: Path = args.out or Path(f"{name}.yaml")
    if out.is_dir():
        out = out / f"{name}.yaml"
    if out.suffix not in (".yaml", ".yml"):
        return fail(f"{out}: a scenario file's name must end in .yaml")
    if out.exists() and not out.is_file():  # a FIFO or a device would hang or swallow it
        return fail(f"{out} is not a regular file: choose another --out")
    if out.exists() and not args.force:
        return fail(f"{out} already exists: choose another NAME or --out, or add --force")
    source = resolve(args.source)
    try:
        original = load_scenario(source)
        text = scenario_copy(source.read_text(encoding="utf-8"), name, original.title, source, out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except ScenarioError as exc:
        return fail(f"the scenario '{args.source}' does not validate: {exc.diagnostics[0]}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    try:
        load_scenario(out)
    except ScenarioError as exc:  # a bug in the copying: say so rather than hand over a bad file
        return fail(f"wrote {out}, but it does not validate: {exc.diagnostics[0]}")
    shown = _shell(out)
    print(f"wrote {out}: a copy of {args.source} with id {name}; it validates.")
    print(f"It still tells {args.source}'s story. Rewrite these texts in your own words:")
    for line in texts_to_rewrite(out):
        print(f"  {line}")
    print(f"validate warns about any text that still names {args.source}'s people.")
    print(f"Edit it, then:\n  python run_game.py validate {shown}")
    print(f"  python run_game.py play --scenario {shown}")
    return 0


# The texts of a scenario that tell its story, by section: (section, keys, what they are).
_STORY_TEXTS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("", frozenset(BRIEFING), "the briefing: " + ", ".join(BRIEFING)),
    ("sponsor", frozenset({"name", "role"}), "the sponsor's name and role"),
    (
        "stakeholders",
        frozenset({"name", "short_name", "role", "department", "cares_about"}),
        "{n} people's names, roles, departments and what they care about",
    ),
    ("packages", frozenset({"title"}), "{n} package titles"),
    ("events", frozenset({"title", "text"}), "{n} event titles and texts"),
)


def texts_to_rewrite(path: Path) -> list[str]:
    """One line per part of the story in the scenario file at `path`, with its lines."""
    marks = read_document(path).marks
    found: list[str] = []
    for section, keys, what in _STORY_TEXTS:
        rows = sorted(
            {
                mark.line
                for key_path, mark in marks.items()
                if _text_key(key_path) in keys
                and (key_path[0] == section if section else len(key_path) <= 2)
            }
        )
        if not rows:
            continue
        items = {p[1] for p in marks if section and len(p) > 1 and p[0] == section}
        span = f"line {rows[0]}" if len(rows) == 1 else f"lines {rows[0]}-{rows[-1]}"
        found.append(f"{what.format(n=len(items))}: {span}")
    return found


def _text_key(path: tuple[str | int, ...]) -> str:
    """The key a text is under: ('events', 2, 'text') -> 'text', ('learning_goals', 0) ->
    'learning_goals'."""
    named = [part for part in path if isinstance(part, str)]
    return named[-1] if named else ""


def _bad_name(name: str) -> str:
    """The message for an invalid NAME, with a corrected suggestion when there is one."""
    guess = "-".join(name.strip().lower().split())
    try:
        _ID.validate_python(guess)
        hint = f" (did you mean '{guess}'?)"
    except ValidationError:
        hint = " (e.g. my-workshop)"
    return (
        f"'{name}' is not a valid scenario id: start with a lower-case letter, then use"
        f" lower-case letters, digits, '-' and '_', at most 40 characters{hint}"
    )


def _shell(path: Path) -> str:
    """The path as one word for a terminal (quoted when it has spaces)."""
    text = str(path)
    return f'"{text}"' if " " in text else text


def _relative(target: Path, start: Path) -> str:
    """`target` relative to the folder `start`, with '/'; ValueError across Windows drives."""
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def _schema_file() -> Path:
    """The schema editors should read: docs/ in a checkout, else the installed package's."""
    try:
        if DOCS_SCHEMA.resolve() == SCHEMA_FILE.resolve():
            return DOCS_SCHEMA
    except OSError:  # a link loop where docs/ would be: use the package's own file
        pass
    return SCHEMA_FILE


def _schema_ref(folder: Path) -> str:
    """The schema's path for a file in `folder`: relative inside the Odd Duck folder (so it
    survives moving the whole folder), else absolute (editors accept both). Links are kept,
    not resolved: an editor reads the path from where the file was opened."""
    schema = _schema_file()
    where = os.path.abspath(folder)  # noqa: PTH100 - unlike resolve(), it keeps links
    if Path(where).is_relative_to(schema.parents[1]):
        return Path(os.path.relpath(schema, where)).as_posix()
    return schema.as_posix()


def scenario_copy(text: str, name: str, title: str, source: Path, out: Path) -> str:
    """The commented copy of scenario `text` (read from `source`) to be written at `out`.

    The source's lines are kept, comments included; only the `id:` and `title:` values
    (and a relative `extends:` path, re-aimed from the new place) are replaced, the
    source's own schema line is dropped, and a header and section comments are added.
    """
    text = text.removeprefix("\ufeff")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)  # load_scenario has already accepted the file
    keys = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the source text

    def set_value(key: str, value: str) -> None:
        if key in keys:
            k, v = keys[key]
            old = text[k.start_mark.index : v.end_mark.index]
            edits.append((k.start_mark.index, v.end_mark.index, f"{key}: {value}" + _tail(old)))
        else:  # inherited through extends: state it, above the first key
            at = root.value[0][0].start_mark.index - root.value[0][0].start_mark.column
            edits.append((at, at, f"{key}: {value}\n"))

    set_value("id", name)
    set_value("title", json.dumps(f"{title} (copy)", ensure_ascii=False))
    base = keys.get("extends", (None, None))[1]
    if isinstance(base, yaml.ScalarNode) and _is_path(base.value):
        target = resolve(base.value, source).resolve()
        try:
            set_value("extends", json.dumps(_relative(target, out.parent)))
        except ValueError:  # another Windows drive
            set_value("extends", json.dumps(target.as_posix()))
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    for i, line in enumerate(lines[: root.value[0][0].start_mark.line]):
        if line.startswith(SCHEMA_PREFIX):  # it points from the old place; ours is on top
            edits.append((starts[i], starts[i + 1], ""))
    for key, note in SECTION_NOTES.items():
        if key in keys:
            row = keys[key][0].start_mark.line
            while row > 0 and lines[row - 1].lstrip().startswith("#"):
                row -= 1  # above the source's own comment on this section
            gap = "" if row == 0 or not lines[row - 1].strip() else "\n"
            edits.append((starts[row], starts[row], gap + _comment(note)))
    # From the end backwards, so earlier offsets stay right; at one offset, the edit made
    # first ends up first.
    for _, (start, end, new) in sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]))[::-1]:
        text = text[:start] + new + text[end:]
    return _header(name, source, out) + text


def _is_path(ref: str) -> bool:
    """Whether an `extends:` value is a file path (as the loader reads it), not an id."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref


def _tail(replaced: str) -> str:
    """The line breaks a block value's span ends with, so the next key keeps its line."""
    return replaced[len(replaced.rstrip("\n")) :]


def _comment(note: str, width: int = 96) -> str:
    """`note` as '# ' comment lines of at most `width` characters."""
    lines: list[str] = []
    for word in note.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append("# " + word)
    return "\n".join(lines) + "\n"


def _header(name: str, source: Path, out: Path) -> str:
    """The schema line for editors and what to do with the file, as comments."""
    shown = _shell(out)
    return (
        f"{SCHEMA_PREFIX}{_schema_ref(out.parent)}\n"
        f"# {name}: a new Odd Duck scenario, copied from {source.stem}.\n"
        "#\n"
        "# Edit the texts (title, summary, story, goal, names, event texts: all in your own\n"
        "# words and language) and the numbers. Lines starting with # are comments. Then check:\n"
        f"#   python run_game.py validate {shown}\n"
        f"#   python run_game.py balance --scenario {shown} --out reports/{name}\n"
        "# docs/SCENARIOS.md lists every key with its default and allowed range.\n"
        "#\n"
        "# The original file's text follows.\n"
    )
