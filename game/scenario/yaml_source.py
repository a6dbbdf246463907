"""Safe, bounded YAML reading that remembers where every key came from.

We compose the YAML node tree with PyYAML's SafeLoader and build plain Python
values ourselves, so that we can (a) record file:line:col for every key path,
(b) reject duplicate keys, which PyYAML silently overwrites, (c) refuse what
cannot be shown (control characters, tags), and (d) bound the work an input can
cause: a path-length cap, a file-size cap, node and depth caps counted while
PyYAML composes (so a huge list is refused before its tree exists), and a
node-visit cap while we build (aliases are counted on every visit, which defuses
"billion laughs").
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.scenario.characters import CONTROL_HINT, describe, first_control, quoted
from game.scenario.yaml_messages import plain_syntax_error

KeyPath = tuple[str | int, ...]
MAX_BYTES = 1 << 20
MAX_NODES = 20_000  # the largest shipped scenario has 758; the format allows about 10,000
MAX_DEPTH = 40
MAX_INT = 10**15  # far beyond any count or size, and every such number prints in a line
MAX_NUMBER_TEXT = 40  # characters; Python refuses to convert integers of 4,300 digits
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
MAX_PATH = 4096  # characters in a path, and 255 in one of its names: what Linux allows
MAX_NAME = 255
# What PyYAML's reader refuses: we find it first, to say where and which character.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Dates and the like: a scenario has no such fields, so keep what the author wrote.
_TEXT_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}


@dataclass(frozen=True)
class Mark:
    file: str
    line: int  # 1-based
    col: int  # 1-based


class SourceError(Exception):
    """A file that cannot be read as YAML at all; carries its position."""

    def __init__(self, mark: Mark, message: str, hint: str = "", path: KeyPath = ()) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint, self.path = mark, message, hint, path


@dataclass(frozen=True)
class CutText:
    """An unquoted text followed by ' #...' on its line: YAML read the rest as a comment."""

    path: KeyPath
    mark: Mark  # where the '#' is
    value: str  # what YAML kept
    comment: str  # what it dropped, from the '#'


@dataclass
class Document:
    """A YAML mapping with the position of every key path in it."""

    data: dict[str, Any]
    marks: dict[KeyPath, Mark]
    file: str
    # Unquoted texts followed by ' #...' on their line: YAML reads the rest as a comment,
    # which cuts a title such as 'Ward 3 #2' short. Paths are this file's own (before merging).
    comments: list[CutText] = field(default_factory=list)


def path_problem(text: str) -> str | None:
    """Why no file system would take `text` as a path (a NUL byte, too long), or None."""
    if "\0" in text:
        return "the path contains U+0000 NULL"
    if len(text) > MAX_PATH:
        return f"the path is {len(text)} characters long, more than {MAX_PATH}"
    if any(len(part) > MAX_NAME for part in text.replace("\\", "/").split("/")):
        return f"a name in the path is longer than {MAX_NAME} characters"
    return None


def read_document(path: Path) -> Document:
    """Read `path` as a YAML mapping; raise SourceError with a position on failure."""
    name = str(path)
    start = Mark(name, 1, 1)
    problem = path_problem(name)
    if problem:
        raise SourceError(start, problem, "give the path of a .yaml scenario")
    try:
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "is not a regular file"
            if not path.exists():
                what = "does not exist"
            raise SourceError(start, f"the file {what}", "give the path of a .yaml scenario")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(start, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise SourceError(
            start,
            f"file is larger than {MAX_BYTES} bytes",
            "a scenario is a few kilobytes; is this the right file?",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            start, f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8"
        ) from None
    _refuse_unreadable_characters(name, text)
    loader = _BoundedLoader(name, text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(name, mark.line + 1, mark.column + 1) if mark else start
        what = exc.problem or exc.context or "invalid YAML"
        context = exc.context_mark.line + 1 if exc.context_mark else None
        message, hint = plain_syntax_error(what, text, where.line, context)
        raise SourceError(where, f"YAML syntax error: {message}", hint) from None
    except yaml.YAMLError as exc:
        raise SourceError(start, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        raise SourceError(start, "the file is empty", "a scenario starts with 'id:' and 'title:'")
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(
            _mark(name, root),
            "the top level must be a mapping of keys",
            "a scenario starts with 'id:' and 'title:'",
        )
    builder = _Builder(name, loader, text)
    data = builder.build(root, (), 0)
    builder.marks[()] = start
    return Document(data, builder.marks, name, builder.comments)


def _refuse_unreadable_characters(name: str, text: str) -> None:
    found = _NOT_YAML.search(text)
    if found:
        at = found.start()
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise SourceError(
            Mark(name, line, col), f"{describe(found.group())} is not allowed here", CONTROL_HINT
        )


def _short_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/object:x' -> '!!python/object:x', as the author wrote it."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _mark(name: str, node: yaml.Node) -> Mark:
    return Mark(name, node.start_mark.line + 1, node.start_mark.column + 1)


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that counts nodes and nesting as it composes them.

    PyYAML builds the whole node tree before we see it; a file of 190,000 list
    items cost seconds and hundreds of megabytes that way. Counting here stops
    at the cap, having scanned only that much of the file.
    """

    def __init__(self, name: str, text: str) -> None:
        super().__init__(text)
        self.name, self.nodes, self.depth = name, 0, 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.nodes += 1
        self.depth += 1
        try:
            # The root is composed at depth 1 and built at depth 0: the same limit as _Builder.
            if self.nodes > MAX_NODES or self.depth > MAX_DEPTH + 1:
                self._refuse()
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse(self) -> None:
        start = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        where = Mark(self.name, start.line + 1, start.column + 1)
        if self.depth > MAX_DEPTH + 1:
            raise SourceError(where, f"nesting deeper than {MAX_DEPTH} levels")
        raise SourceError(
            where,
            f"more than {MAX_NODES} YAML nodes (keys, values and list items)",
            "a scenario has a few hundred; is this the right file?",
        )


class _Builder:
    def __init__(self, name: str, loader: yaml.SafeLoader, text: str) -> None:
        self.name, self.loader, self.text = name, loader, text
        self.marks: dict[KeyPath, Mark] = {}
        self.comments: list[CutText] = []
        self.visits = 0

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.visits += 1
        if self.visits > MAX_NODES:
            raise SourceError(
                _mark(self.name, node),
                f"more than {MAX_NODES} YAML nodes",
                "anchors and aliases may be expanding without bound",
            )
        if depth > MAX_DEPTH:
            raise SourceError(_mark(self.name, node), f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self._plain_collection(node, path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.marks[(*path, i)] = _mark(self.name, item)
                items.append(self.build(item, (*path, i), depth + 1))
            return items
        return self._scalar(node, path)

    def _plain_collection(self, node: yaml.Node, path: KeyPath) -> None:
        """A tag on a mapping or list ('!!python/object:...') would otherwise be ignored."""
        if node.tag not in (_MAP_TAG, _SEQ_TAG):
            raise SourceError(
                _mark(self.name, node),
                f"the YAML tag '{_short_tag(node.tag)}' is not supported",
                "scenarios use plain values: remove the tag",
                path,
            )

    def _scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        """Plain YAML scalars only; dates and other exotic types stay as their text."""
        tag = node.tag
        if tag in _PLAIN_TAGS:
            if tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_TEXT:
                raise SourceError(
                    _mark(self.name, node),
                    f"'{quoted(node.value)}' is far too long for a number",
                    "a scenario's numbers are counts, sizes and shares",
                    path,
                )
            try:
                # PyYAML's own constructors raise KeyError ('!!bool 5') or ValueError (an
                # integer of more digits than Python converts) besides its YAMLError.
                value = self.loader.construct_object(node, deep=True)
            except (yaml.YAMLError, KeyError, ValueError, TypeError, AttributeError):
                raise SourceError(
                    _mark(self.name, node),
                    f"'{quoted(node.value)}' is not a valid {tag.rsplit(':', 1)[-1]}",
                    "remove the tag, or put the value in quotes",
                    path,
                ) from None
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
                raise SourceError(
                    _mark(self.name, node),
                    f"'{quoted(node.value)}' is far too large a number",
                    "a scenario's numbers are counts, sizes and shares",
                    path,
                )
            if isinstance(value, str):
                self._note_comment(node, path, value)
                return self._text(node, value, path)
            return value
        if tag in _TEXT_TAGS:
            return self._text(node, str(node.value), path)
        raise SourceError(
            _mark(self.name, node),
            f"the YAML tag '{_short_tag(tag)}' is not supported",
            "scenarios use plain values: remove the tag",
        )

    def _note_comment(self, node: yaml.Node, path: KeyPath, value: str) -> None:
        """Remember a ' #' comment right after an unquoted text on the same line."""
        if not isinstance(node, yaml.ScalarNode) or node.style is not None:
            # quoted or a block: a '#' inside it is text
            return
        end = node.end_mark.index
        line_end = self.text.find("\n", end)
        rest = self.text[end : line_end if line_end >= 0 else len(self.text)]
        if rest.lstrip().startswith("#"):
            at = end + len(rest) - len(rest.lstrip())
            where = Mark(self.name, node.end_mark.line + 1, node.end_mark.column + 1 + at - end)
            self.comments.append(CutText(path, where, value, rest.strip()))

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(
                    _mark(self.name, key_node),
                    "merge keys ('<<') are not supported",
                    "use 'extends:' to build on another scenario",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(
                    _mark(self.name, key_node), "a key must be plain text", "write 'name: value'"
                )
            key = self._text(key_node, str(key_node.value), path, allow_newline=False)
            where = _mark(self.name, key_node)
            if key in out:
                raise SourceError(
                    where,
                    f"duplicate key '{key}'",
                    f"'{key}' is already set at line {self.marks[(*path, key)].line}",
                )
            self.marks[(*path, key)] = where
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def _text(self, node: yaml.Node, text: str, path: KeyPath, allow_newline: bool = True) -> str:
        """Escapes such as "\\v" or "\\0" in quoted text reach here, past the reader."""
        char = first_control(text, allow_newline)
        if char is not None:
            raise SourceError(
                _mark(self.name, node), f"the text contains {describe(char)}", CONTROL_HINT, path
            )
        return text
