"""Batch outputs: summary.json, the optional games.csv, and the terminal table."""

import csv
import json
import os
import platform
from pathlib import Path
from typing import IO, Any

import numpy as np

from game.batch.run import GAME_COLUMNS, BatchResult, ChunkResult
from game.scenario.schema import Scenario
from game.session.atomic_file import write_text_atomic

SUMMARY_VERSION = 1


def summary(
    result: BatchResult,
    scenario: Scenario,
    inputs: dict[str, Any],
    points: list[dict[str, Any]],
    policies: list[str],
) -> dict[str, Any]:
    """The whole run as one JSON document (fields in docs/BATCH.md)."""
    ids = [s.id for s in scenario.stakeholders]
    return {
        "format": "odd-duck-batch-summary",
        "version": SUMMARY_VERSION,
        "inputs": inputs,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "game_turns": result.game_turns,
        "elapsed_s": round(result.elapsed_s, 3),
        "game_turns_per_s": round(result.game_turns / max(result.elapsed_s, 1e-9)),
        "results": [
            {"policy": policy, "sweep": point, **result.tallies[(k, policy)].summary(ids)}
            for k, point in enumerate(points)
            for policy in policies
        ],
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write atomically: a reader never sees half a file."""
    write_text_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


class GameRows:
    """Streams one CSV row per game, in job order, as chunks arrive."""

    def __init__(
        self, handle: IO[str], seed: int, points: list[dict[str, Any]], header: bool = True
    ) -> None:
        self.writer = csv.writer(handle)
        self.seed, self.points = seed, points
        if header:  # a resumed run appends to a file that has its header already
            self.writer.writerow(["seed", "game_id", "policy", "sweep", *GAME_COLUMNS])

    def add(self, chunk: ChunkResult) -> None:
        rows = chunk.rows
        if rows is None:
            return
        sweep = (
            json.dumps(self.points[chunk.job.point], sort_keys=True)
            if self.points[chunk.job.point]
            else ""
        )
        columns = [rows[name] for name in GAME_COLUMNS]
        for offset, game in enumerate(range(chunk.job.first, chunk.job.stop)):
            values = [
                _cell(name, col[offset]) for name, col in zip(GAME_COLUMNS, columns, strict=True)
            ]
            self.writer.writerow([self.seed, game, chunk.job.policy, sweep, *values])


def _cell(name: str, value: float) -> str:
    if name in ("won", "cancelled", "grade", "turns_played"):
        return str(int(value))
    return f"{value:.6g}"


def table_rows(data: dict[str, Any]) -> list[list[str]]:
    """The terminal summary, one row per policy and sweep point."""
    rows = []
    for entry in data["results"]:
        score = entry["score"]
        delays = [d for d in entry["signoff_delay"].values() if d is not None]
        rows.append(
            [
                entry["policy"],
                ", ".join(f"{k}={v}" for k, v in entry["sweep"].items()) or "-",
                f"{score['mean']:.1f}"
                + (f" [{score['ci95'][0]:.1f}, {score['ci95'][1]:.1f}]" if score["ci95"] else ""),
                f"{score['percentiles']['p50']:.1f}",
                f"{entry['rates']['win']:.0%}",
                f"{entry['rates']['cancelled']:.0%}",
                f"{entry['rework_share']:.2f}",
                f"{np.mean(delays):.1f}" if delays else "-",
                f"{entry['late_turns']:.1f}",
            ]
        )
    return rows


TABLE_HEADER = [
    "policy",
    "sweep",
    "score (95% CI)",
    "median",
    "win",
    "cancelled",
    "rework",
    "sign-off (mean of people)",
    "late",
]
