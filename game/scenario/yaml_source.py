"""Safe, bounded YAML reading that remembers where every key came from.

We compose the YAML node tree with PyYAML's SafeLoader and build plain Python
values ourselves, so that we can (a) record file:line:col for every key path,
(b) reject duplicate keys, which PyYAML silently overwrites, and (c) bound the
work an input can cause: a file-size cap, a node-visit cap (aliases are
counted on every visit, which defuses "billion laughs") and a depth cap.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]
MAX_BYTES = 1 << 20
MAX_NODES = 200_000
MAX_DEPTH = 40
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

    def __init__(self, mark: Mark, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


@dataclass
class Document:
    """A YAML mapping with the position of every key path in it."""

    data: dict[str, Any]
    marks: dict[KeyPath, Mark]
    file: str


def read_document(path: Path) -> Document:
    """Read `path` as a YAML mapping; raise SourceError with a position on failure."""
    name = str(path)
    start = Mark(name, 1, 1)
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
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(name, mark.line + 1, mark.column + 1) if mark else start
        what = exc.problem or exc.context or "invalid YAML"
        raise SourceError(
            where,
            f"YAML syntax error: {what}",
            "check indentation and quote text that contains ': '",
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(start, f"YAML error: {exc}") from None
    except RecursionError:
        raise SourceError(
            start, "nesting is far too deep", "a scenario nests a few levels"
        ) from None
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
    builder = _Builder(name, loader)
    data = builder.build(root, (), 0)
    builder.marks[()] = start
    return Document(data, builder.marks, name)


def _mark(name: str, node: yaml.Node) -> Mark:
    return Mark(name, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, name: str, loader: yaml.SafeLoader) -> None:
        self.name, self.loader = name, loader
        self.marks: dict[KeyPath, Mark] = {}
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
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.marks[(*path, i)] = _mark(self.name, item)
                items.append(self.build(item, (*path, i), depth + 1))
            return items
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        """Plain YAML scalars only; dates and other exotic types stay as their text."""
        tag = node.tag
        if tag in _PLAIN_TAGS:
            try:
                return self.loader.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, AttributeError):
                raise SourceError(
                    _mark(self.name, node),
                    f"'{node.value}' is not a valid {tag.rsplit(':', 1)[-1]}",
                    "remove the tag, or put the value in quotes",
                ) from None
        if tag in _TEXT_TAGS:
            return str(node.value)
        raise SourceError(
            _mark(self.name, node),
            f"the YAML tag '{tag}' is not supported",
            "scenarios use plain values: remove the tag",
        )

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
            key = str(key_node.value)
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
