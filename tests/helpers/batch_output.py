"""Reading what `run_game.py batch` wrote, for comparing two runs."""

import json
from pathlib import Path
from typing import Any


def comparable_summary(out: Path) -> dict[str, Any]:
    """summary.json without what may differ between runs of the same games: the timings and
    how the work was cut up (workers, chunk size)."""
    data: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in ("elapsed_s", "game_turns_per_s"):
        data.pop(key)
    for key in ("workers", "chunk"):
        data["inputs"].pop(key)
    return data
