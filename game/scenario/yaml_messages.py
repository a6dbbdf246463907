"""PyYAML's syntax errors in a facilitator's words: what is wrong on which line, and the fix.

PyYAML says "found character '\\t' that cannot start any token" or "expected <block
end>, but found '<block mapping start>'"; a trainer who wrote the file in a text
editor needs "line 7 is indented with a tab: replace the tab with spaces". Each rule
below recognises one of PyYAML's problem texts; anything else keeps PyYAML's words
with a general hint.
"""

from collections.abc import Callable

GENERAL_HINT = "check indentation and quote text that contains ': '"

Rule = Callable[[str, list[str], int, int | None], tuple[str, str] | None]


def plain_syntax_error(
    problem: str, text: str, line: int, context_line: int | None
) -> tuple[str, str]:
    """(message, hint) for PyYAML's `problem` at 1-based `line` of `text`; `context_line`
    is where the construct it was reading began, when PyYAML says so. The caller puts
    "YAML syntax error: " before the message."""
    lines = text.splitlines() or [""]
    for rule in _RULES:
        found = rule(problem, lines, line, context_line)
        if found:
            return found
    return problem, GENERAL_HINT


def _line(lines: list[str], line: int) -> str:
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def _tab(problem: str, lines: list[str], line: int, _: int | None) -> tuple[str, str] | None:
    row = _line(lines, line)
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    if "'\\t'" not in problem and "\t" not in indent:
        return None
    return (
        f"line {line} contains a tab, which YAML does not accept for indenting",
        "replace the tab with spaces; set your editor to insert spaces for the Tab key",
    )


def _indent_back(problem: str, _: list[str], line: int, ctx: int | None) -> tuple[str, str] | None:
    if not problem.startswith("expected <block end>"):
        return None
    since = f" (the section starting on line {ctx})" if ctx else ""
    return (
        f"line {line} is indented differently from the lines above it{since}",
        f"give line {line} exactly as many spaces at its start as the other keys or list"
        " items at its level",
    )


def _colon(problem: str, lines: list[str], line: int, _: int | None) -> tuple[str, str] | None:
    if problem != "mapping values are not allowed here":
        return None
    row = _line(lines, line).strip()
    if row.startswith("- "):
        row = row[2:]
    key, sep, value = row.partition(": ")
    if (sep and ": " in value) or value.endswith(":"):
        return (
            f"the text on line {line} contains ': ', which YAML reads as another key",
            f'put the text in quotes: {key}: "{value}"',
        )
    return (
        f"line {line} is indented further than the key above it",
        f"indent line {line} like the other keys at its level; a key's value goes on the"
        " key's own line or, for a section, below it",
    )


def _quote(problem: str, lines: list[str], line: int, ctx: int | None) -> tuple[str, str] | None:
    if "end of stream" not in problem or ctx is None:
        return None
    return (
        f"a quoted text that starts on line {ctx} is never closed",
        "end the text with the same quote mark it starts with",
    )


def _bracket(problem: str, lines: list[str], line: int, ctx: int | None) -> tuple[str, str] | None:
    for closing in ("]", "}"):
        if problem.startswith(f"expected ',' or '{closing}'"):
            where = f"line {ctx}" if ctx else "above"
            return (
                f"a '{'[' if closing == ']' else '{'}' on {where} is not closed before line {line}",
                f"close it with '{closing}', and separate its items with ', '",
            )
    return None


def _no_colon(problem: str, lines: list[str], line: int, _: int | None) -> tuple[str, str] | None:
    if problem != "could not find expected ':'":
        return None
    return (
        f"line {line} is neither 'key: value' nor part of the text above it",
        "write 'key: value' with a space after the ':', or put a long text in quotes",
    )


def _dash(problem: str, lines: list[str], line: int, ctx: int | None) -> tuple[str, str] | None:
    if problem.startswith(("did not find expected '-'", "did not find expected key")):
        return (
            f"line {line} does not line up with the list or section above it",
            f"indent line {line} like the other items at its level, and put text that"
            " starts with a quote or contains ': ' in quotes",
        )
    return None


_RULES: tuple[Rule, ...] = (_tab, _indent_back, _colon, _quote, _bracket, _no_colon, _dash)
