"""Checks on the week report's words that several test files share."""

import re


def assert_build_adds_up(line: str) -> None:
    """'4.4 pts built, … (5 planned: 0.6 had nothing left to build; +0.4 from the team's
    pace: …)': planned less the unused parts, plus or minus the pace, is the points built,
    in the tenths shown."""
    match = re.search(r"\(([\d.]+) planned: (.*)\)$", line)
    assert match is not None, line
    built = float(re.search(r"([\d.]+) pts? built", line)[1])  # type: ignore[index]
    counts = [re.match(r"([+-]?)([\d.]+)", part) for part in match[2].split("; ")]
    change = sum((float(m[2]) if m[1] == "+" else -float(m[2])) for m in counts if m is not None)
    assert abs(float(match[1]) + change - built) < 1e-6, line
