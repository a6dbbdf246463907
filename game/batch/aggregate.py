"""Streaming, exact aggregation of many games' outcomes.

Every measure is quantised to a fixed-point integer and summed as integers, and
distributions are integer histograms. Integer addition is associative, so the
totals are the same bit for bit whatever the chunk size, the number of workers
or the order in which chunks finish, and no per-game row is ever kept.
"""

from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from game.model import Outcome, Params, State, TurnLog, outcome

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

FINE = 2**20  # resolution of sums (about 1e-6)
SCORE_BINS = 10_001  # score histogram: 0.00 .. 100.00 in steps of 0.01
SHARE_BINS = 101  # histograms of shares in [0, 1]: steps of 0.01
PERCENTILES = (1, 5, 10, 25, 50, 75, 90, 95, 99)


def _q(x: F64, scale: int = FINE) -> I64:
    result: I64 = np.round(np.nan_to_num(x) * scale).astype(np.int64)
    return result


def _exact_square_sum(q: I64) -> int:
    """Sum of q**2, exactly, without int64 overflow: q = hi * 2**10 + lo, summed by parts."""
    hi, lo = q >> 10, q & 1023
    return (int((hi * hi).sum()) << 20) + (int((hi * lo).sum()) << 11) + int((lo * lo).sum())


def _bins(x: F64, bins: int, top: float) -> I64:
    index = np.clip(np.round(x / top * (bins - 1)), 0, bins - 1).astype(np.int64)
    result: I64 = np.bincount(index.ravel(), minlength=bins).astype(np.int64)
    return result


def _share_hist(x: F64) -> I64:
    """Histograms over the last axis' columns: x (N, K) -> (K, SHARE_BINS)."""
    index = np.clip(np.round(x * (SHARE_BINS - 1)), 0, SHARE_BINS - 1).astype(np.int64)
    columns = index.shape[1]
    flat = index + (np.arange(columns) * SHARE_BINS)[None, :]
    counts = np.bincount(flat.ravel(), minlength=columns * SHARE_BINS)
    result: I64 = counts.reshape(columns, SHARE_BINS).astype(np.int64)
    return result


@dataclass
class Tally:
    """Integer totals for one (policy, sweep point); `merge` adds another tally."""

    turns: int
    stakeholders: int
    games: int = 0
    won: int = 0
    cancelled: int = 0
    score_sum: int = 0
    score_sq: int = 0
    score_hist: I64 = field(default_factory=lambda: np.zeros(SCORE_BINS, dtype=np.int64))
    sums: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    delay_sum: I64 = field(init=False)
    delay_n: I64 = field(init=False)
    trust_sum: I64 = field(init=False)  # final trust per stakeholder
    turn_trust: I64 = field(init=False)  # (turns + 1, S) sums
    turn_trust_hist: I64 = field(init=False)  # (turns + 1, S, SHARE_BINS)
    turn_progress: I64 = field(init=False)  # (turns + 1, 2) true, reported
    turn_progress_hist: I64 = field(init=False)  # (turns + 1, 2, SHARE_BINS)
    turn_points: I64 = field(init=False)  # (turns, 3) build, relations, project

    def __post_init__(self) -> None:
        t, s = self.turns, self.stakeholders
        self.delay_sum = np.zeros(s, dtype=np.int64)
        self.delay_n = np.zeros(s, dtype=np.int64)
        self.trust_sum = np.zeros(s, dtype=np.int64)
        self.turn_trust = np.zeros((t + 1, s), dtype=np.int64)
        self.turn_trust_hist = np.zeros((t + 1, s, SHARE_BINS), dtype=np.int64)
        self.turn_progress = np.zeros((t + 1, 2), dtype=np.int64)
        self.turn_progress_hist = np.zeros((t + 1, 2, SHARE_BINS), dtype=np.int64)
        self.turn_points = np.zeros((t, 3), dtype=np.int64)

    def merge(self, other: "Tally") -> None:
        for name in ("games", "won", "cancelled", "score_sum", "score_sq"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in (
            "score_hist",
            "delay_sum",
            "delay_n",
            "trust_sum",
            "turn_trust",
            "turn_trust_hist",
            "turn_progress",
            "turn_progress_hist",
            "turn_points",
        ):
            getattr(self, name).__iadd__(getattr(other, name))
        for key, value in other.sums.items():
            self.sums[key] = self.sums.get(key, 0) + value
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    def record(self) -> tuple[dict[str, Any], dict[str, I64]]:
        """Everything the tally holds, for a checkpoint: exact integers (JSON-ready, however
        large) and the integer arrays. `restore` reads it back."""
        arrays = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if isinstance(getattr(self, f.name), np.ndarray)
        }
        scalars = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in arrays}
        return scalars, arrays

    def restore(self, scalars: dict[str, Any], arrays: dict[str, Any]) -> None:
        """Become the tally `record` described; ValueError when it does not fit this one's
        shape (another scenario) or is not made of integers (a damaged file)."""
        mine, my_arrays = self.record()
        if set(scalars) != set(mine) or set(arrays) != set(my_arrays):
            raise ValueError("the tally's fields differ")
        if (scalars["turns"], scalars["stakeholders"]) != (self.turns, self.stakeholders):
            raise ValueError("the tally is for another scenario")
        for name, value in scalars.items():
            counts = value.values() if isinstance(value, dict) else [value]
            if not all(type(v) is int for v in counts) or isinstance(value, dict) is not (
                isinstance(mine[name], dict)
            ):
                raise ValueError(f"the tally's '{name}' is not made of whole numbers")
            setattr(self, name, dict(value) if isinstance(value, dict) else value)
        for name, array in arrays.items():
            if array.shape != my_arrays[name].shape or array.dtype != np.int64:
                raise ValueError(f"the tally's '{name}' has the wrong shape or type")
            my_arrays[name][...] = array

    def add_turn(self, t: int, state: State, log: TurnLog) -> None:
        """Measures after turn t (1-based) of a chunk; ended games count at their end values.

        Quantised, summed and counted as one table (N, S + 5): a few numpy calls a turn
        instead of one set per measure (integer sums: the same totals either way)."""
        s = self.stakeholders
        measures = np.column_stack(
            [state.trust, log.true_progress, log.reported_progress, log.points_build,
             log.points_relations, log.points_project]
        )  # fmt: skip
        sums = _q(measures).sum(axis=0)
        hist = _share_hist(measures[:, : s + 2])
        self.turn_trust[t] += sums[:s]
        self.turn_progress[t] += sums[s : s + 2]
        self.turn_points[t - 1] += sums[s + 2 :]
        self.turn_trust_hist[t] += hist[:s]
        self.turn_progress_hist[t] += hist[s:]

    def add_start(self, state: State, progress: F64) -> None:
        self.turn_trust[0] += _q(state.trust).sum(axis=0)
        self.turn_trust_hist[0] += _share_hist(state.trust)
        self.turn_progress[0] += _q(progress).sum(axis=0)
        self.turn_progress_hist[0] += _share_hist(progress)

    def add_final(self, state: State, params: Params) -> Outcome:
        result = outcome(state, params)
        n = int(result.score.shape[0])
        self.games += n
        self.won += int(result.won.sum())
        self.cancelled += int(result.cancelled.sum())
        self.score_sum += int(_q(result.score).sum())
        self.score_sq += _exact_square_sum(_q(result.score))
        self.score_hist += _bins(result.score, SCORE_BINS, 100.0)
        for name in ("rework_share", "late_turns", "value_delivered", "verdict", "true_progress"):
            self.sums[name] = self.sums.get(name, 0) + int(_q(getattr(result, name)).sum())
        built = ~np.isnan(result.signoff_delay)
        self.delay_sum += _q(np.where(built, result.signoff_delay, 0.0)).sum(axis=0)
        self.delay_n += built.sum(axis=0)
        self.trust_sum += _q(state.trust).sum(axis=0)
        return result

    def summary(self, stakeholder_ids: list[str]) -> dict[str, Any]:
        """The JSON-ready summary (see docs/BATCH.md for every field)."""
        n = max(self.games, 1)
        mean = self.score_sum / FINE / n
        # Exact integers until the one division: sum of squared deviations = sq - sum^2 / n.
        deviations = self.score_sq - self.score_sum**2 / n if self.games else 0.0
        std = float(np.sqrt(max(deviations, 0.0) / (n - 1))) / FINE if self.games > 1 else None
        half = 1.96 * std / np.sqrt(n) if std is not None else None
        cumulative = np.cumsum(self.score_hist)
        step = 100.0 / (SCORE_BINS - 1)
        percentiles = {
            f"p{p}": round(float(np.searchsorted(cumulative, p / 100 * self.games)) * step, 2)
            for p in PERCENTILES
        }
        occupied = np.flatnonzero(self.score_hist)
        delay = np.where(
            self.delay_n > 0, self.delay_sum / FINE / np.maximum(self.delay_n, 1), np.nan
        )
        return {
            "games": self.games,
            "score": {
                "mean": round(mean, 4),
                "std": None if std is None else round(std, 4),
                "ci95": None if half is None else [round(mean - half, 4), round(mean + half, 4)],
                "min": round(float(occupied[0]) * step, 2) if occupied.size else None,
                "max": round(float(occupied[-1]) * step, 2) if occupied.size else None,
                "percentiles": percentiles,
            },
            "counts": {
                "win": self.won,
                "loss": self.games - self.won - self.cancelled,
                "cancelled": self.cancelled,
            },
            "rates": {
                "win": round(self.won / n, 4),
                "loss": round((self.games - self.won - self.cancelled) / n, 4),
                "cancelled": round(self.cancelled / n, 4),
            },
            **{name: round(total / FINE / n, 4) for name, total in sorted(self.sums.items())},
            "signoff_delay": {
                sid: (None if np.isnan(d) else round(float(d), 3))
                for sid, d in zip(stakeholder_ids, delay, strict=True)
            },
            "final_trust": {
                sid: round(float(v) / FINE / n, 4)
                for sid, v in zip(stakeholder_ids, self.trust_sum, strict=True)
            },
            "per_turn": self._curves(stakeholder_ids, n),
        }

    def _curves(self, stakeholder_ids: list[str], n: int) -> dict[str, Any]:
        def band(hist: I64) -> dict[str, list[float]]:
            cumulative = np.cumsum(hist, axis=-1)
            low = (cumulative < 0.1 * self.games).sum(axis=-1) / (SHARE_BINS - 1)
            high = (cumulative < 0.9 * self.games).sum(axis=-1) / (SHARE_BINS - 1)
            return {"p10": np.round(low, 3).tolist(), "p90": np.round(high, 3).tolist()}

        trust = {
            sid: {
                "mean": np.round(self.turn_trust[:, k] / FINE / n, 4).tolist(),
                **band(self.turn_trust_hist[:, k]),
            }
            for k, sid in enumerate(stakeholder_ids)
        }
        progress = {
            name: {
                "mean": np.round(self.turn_progress[:, k] / FINE / n, 4).tolist(),
                **band(self.turn_progress_hist[:, k]),
            }
            for k, name in enumerate(("true", "reported"))
        }
        points = {
            name: np.round(self.turn_points[:, k] / FINE / n, 4).tolist()
            for k, name in enumerate(("build", "relations", "project"))
        }
        return {"trust": trust, "progress": progress, "points": points}
