"""Read a JSON file a player or a facilitator handed us, with bounds set before parsing.

Save files, result files and settings come from disk, where anything can be: a
symlink to /dev/zero, a file cut short, `[` repeated 200,000 times. The standard
library's parser recurses once per nesting level, so a deep file raises
RecursionError (or worse) from inside `json.loads`; we measure the nesting first,
with the strings taken out, and refuse before parsing. Reading stops at the size
limit, so a huge or endless file costs at most that many bytes.
"""

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

MAX_DEPTH = 32  # our files nest 5 levels; anything far deeper was not written by us
# A JSON string, written as the "unrolled loop" so that long strings match quickly.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


class JsonFileError(Exception):
    """Why a JSON file could not be read, with the line and column when known."""

    def __init__(self, message: str, hint: str = "", line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.hint, self.line, self.col = message, hint, line, col


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes` of a regular file; JsonFileError for anything else."""
    try:
        if not path.is_file():
            what = "does not exist" if not path.exists() else "is not a regular file"
            raise JsonFileError(f"the file {what}")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise JsonFileError(f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError as exc:  # a path with a NUL byte in it
        raise JsonFileError(f"cannot read the file: {exc}") from None
    if len(raw) > max_bytes:
        raise JsonFileError(f"the file is larger than {max_bytes} bytes")
    return raw


def nesting_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest in `raw`, brackets inside strings not counted."""
    bare = np.frombuffer(_STRING.sub(b"", raw), dtype=np.uint8)
    steps = (np.isin(bare, (ord("["), ord("{"))).astype(np.int64)) - np.isin(
        bare, (ord("]"), ord("}"))
    )
    return int(np.cumsum(steps).max(initial=0))


def parse(raw: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in `raw`; JsonFileError (with line and column) when it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonFileError(f"not UTF-8 text (byte {exc.start})", "the file is damaged") from None
    depth = nesting_depth(raw)
    if depth > max_depth:
        raise JsonFileError(
            f"lists and objects nest {depth} levels deep (at most {max_depth})",
            "this file was not written by the game",
        )
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise JsonFileError(
            f"not valid JSON: {exc.msg}", "the file may be cut short", exc.lineno, exc.colno
        ) from None
    except (RecursionError, ValueError) as exc:
        raise JsonFileError(f"not valid JSON: {exc}", "the file is damaged") from None
    if not _SURROGATE_ESCAPE.search(raw):
        return value  # UTF-8 cannot hold a surrogate: only a '\ud8xx' escape makes one
    try:
        # A '\ud800' escape decodes to half a character, which nothing can write back.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
        raise JsonFileError(
            f"the text '{bad}' is half a character (a lone UTF-16 surrogate)",
            "the file was edited by hand?",
        ) from None
    return value


def read_json(path: Path, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """`read_bytes` then `parse`: the one way the game reads JSON it did not just write."""
    return parse(read_bytes(path, max_bytes), max_depth)


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON; Python's parser accepts them unless told otherwise.
    raise ValueError(f"'{name}' is not a number JSON allows")
