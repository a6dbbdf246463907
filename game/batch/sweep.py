"""`--sweep key.path=v1,v2,v3`: a grid over scenario keys."""

import itertools
import math
import re
from typing import Any

from game.scenario.characters import quoted


class SweepError(ValueError):
    """A sweep argument that cannot be read."""


def parse_sweep(text: str) -> tuple[str, list[Any]]:
    """'model.late_cost=1,1.5,2' -> ('model.late_cost', [1, 1.5, 2])."""
    key, sep, values = text.partition("=")
    key = key.strip()
    shown = quoted(text)
    if not sep or not key or not values.strip():
        raise SweepError(f"'{shown}' is not KEY.PATH=V1,V2,... (e.g. model.late_cost=1,1.5,2)")
    parsed: list[Any] = []
    for raw in values.split(","):
        value = _number(raw.strip())
        # Coefficients, traits, sizes and counts are numbers; anything else is a typo.
        if value is None:
            raise SweepError(f"'{quoted(raw.strip())}' in '{shown}' is not a number")
        if value in parsed:
            raise SweepError(f"'{quoted(raw.strip())}' is given twice in '{shown}'")
        parsed.append(value)
    return key, parsed


def _number(text: str) -> int | float | None:
    """A whole or decimal number as a person types it ('3', '-0.25', '1e-3'), or None.

    Not YAML: a value here is only ever a number, and a YAML reader would also take
    '!!bool x' or 5,000 nested brackets and fail in ways of its own."""
    if not _NUMBER.fullmatch(text):
        return None
    if _WHOLE.fullmatch(text):
        return int(text)
    value = float(text)
    return value if math.isfinite(value) else None


_WHOLE = re.compile(r"[+-]?\d{1,18}")
_NUMBER = re.compile(r"[+-]?(\d{1,18}(\.\d{0,18})?|\.\d{1,18})([eE][+-]?\d{1,3})?")


MAX_POINTS = 1000  # each point holds its own tallies (about 0.2 MB per policy) and a chart entry


def grid(sweeps: list[str], max_points: int = MAX_POINTS) -> list[dict[str, Any]]:
    """Every combination of the sweeps' values, in order; [{}] when there are none.

    Raises SweepError, before building anything, when there would be more than
    `max_points` combinations.
    """
    axes = [parse_sweep(s) for s in sweeps]
    keys = [k for k, _ in axes]
    if len(set(keys)) != len(keys):
        raise SweepError("a key is swept twice")
    size = math.prod(len(values) for _, values in axes)
    if size > max_points:
        shape = " x ".join(str(len(values)) for _, values in axes)
        raise SweepError(
            f"the sweeps make {shape} = {size:,} sweep points, over the cap of {max_points:,}"
            " (use fewer values, or split the grid into several batches)"
        )
    return [
        dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(v for _, v in axes))
    ]
