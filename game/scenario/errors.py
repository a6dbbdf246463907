"""Scenario problems as one clear line each: `file:line:col: key.path: what (hint)`."""

from dataclasses import dataclass
from typing import Literal

from game.scenario.characters import escape
from game.scenario.yaml_source import KeyPath, Mark

MAX_SHOWN = 50  # a file with thousands of problems is the wrong file: the first ones say so
MAX_FILE_SHOWN = 160  # characters of a file name in a message; a 5,000-character path says less


@dataclass(frozen=True)
class Diagnostic:
    mark: Mark
    path: KeyPath
    message: str
    hint: str = ""
    # A warning is shown but does not fail validation: the game runs, perhaps not as meant.
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        """One line; invisible characters in it are escaped, so none can reorder it."""
        where = f"{short_file_name(self.mark.file)}:{self.mark.line}:{self.mark.col}"
        if self.level == "warning":
            where += ": warning"
        key = format_path(self.path)
        text = f"{where}: {key}: {self.message}" if key else f"{where}: {self.message}"
        return escape(f"{text} ({self.hint})" if self.hint else text)


class InputError(Exception):
    """Bad input from a file; `diagnostics` lists every problem found, in file order."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        # In file order, so that an author can work down the file.
        ordered = sorted(diagnostics, key=lambda d: (d.mark.file, d.mark.line, d.mark.col))
        self.diagnostics = ordered
        super().__init__("\n".join(self.lines()))

    def lines(self, limit: int = MAX_SHOWN) -> list[str]:
        """The first `limit` problems, one line each, then how many more there are."""
        shown = [str(d) for d in self.diagnostics[:limit]]
        more = len(self.diagnostics) - len(shown)
        return [*shown, f"… and {more:,} more"] if more > 0 else shown


class ScenarioError(InputError):
    """A scenario that failed to load."""


def short_file_name(name: str) -> str:
    """A file name as a message shows it: escaped, and its middle cut when it is very long."""
    name = escape(name)
    if len(name) <= MAX_FILE_SHOWN:
        return name
    half = MAX_FILE_SHOWN // 2
    return f"{name[:half]}…{name[-half:]}"


def format_path(path: KeyPath) -> str:
    """('packages', 2, 'owner') -> 'packages[2].owner'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def locate(marks: dict[KeyPath, Mark], path: KeyPath, fallback: Mark) -> Mark:
    """The position of `path`, or of its nearest ancestor that is in the file."""
    for n in range(len(path), -1, -1):
        if path[:n] in marks:
            return marks[path[:n]]
    return fallback
