"""Scenario problems as one clear line each: `file:line:col: key.path: what (hint)`."""

from dataclasses import dataclass

from game.scenario.yaml_source import KeyPath, Mark


@dataclass(frozen=True)
class Diagnostic:
    mark: Mark
    path: KeyPath
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.mark.file}:{self.mark.line}:{self.mark.col}"
        key = format_path(self.path)
        text = f"{where}: {key}: {self.message}" if key else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(Exception):
    """Bad input from a file; `diagnostics` lists every problem found, in file order."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        # In file order, so that an author can work down the file.
        ordered = sorted(diagnostics, key=lambda d: (d.mark.file, d.mark.line, d.mark.col))
        super().__init__("\n".join(str(d) for d in ordered))
        self.diagnostics = ordered


class ScenarioError(InputError):
    """A scenario that failed to load."""


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
