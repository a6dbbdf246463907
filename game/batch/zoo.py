"""The strategy zoo against balanced, on shared games: is there a cynical shortcut?

Balanced and every zoo strategy (game.policies.zoo) play the same game ids with the same
seed, so each comparison is paired: the difference is the strategy's alone. `flags()`
names the holes a facilitator would meet at the table:

- a strategy that beats balanced by more than LEAD (the whole 95 % CI above it);
- a spam strategy above SPAM_CLOSE of balanced (one action repeated is nearly judgement);
- the best state-blind strategy within BLIND_CLOSE of balanced (the board does not matter);
- an escalation strategy above balanced (positional power pays better than relationships).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.batch.backend import Backend, LocalBackend
from game.batch.lesson import Paired, Ratio, ratio
from game.batch.zoo_play import play_all, tasks
from game.model import Params
from game.policies.zoo import SPAM, STATE_BLIND, ZOO, describe
from game.policies.zoo.spam import JOB_WORDS

F64 = npt.NDArray[np.float64]

BALANCED = "balanced"
LEAD = 0.10  # a strategy may not beat balanced by more than this share of its mean
SPAM_CLOSE = 0.80  # nor may one action, spammed, come this close
BLIND_CLOSE = 0.90  # nor may a strategy that ignores the board
ESCALATION = ("escalation_heavy", "late_escalation")
ESCALATION_CLOSE = 1.0  # positional power must not beat relationship work
CHUNK = 1000  # games per strategy and play: memory stays flat however many games


@dataclass(frozen=True)
class ZooRow:
    """One strategy against balanced over the shared games."""

    name: str
    description: str
    mean: float  # mean score
    win_rate: float
    ratio: float  # mean / balanced's mean
    ratio_ci: tuple[float, float]  # its 95 % confidence interval
    vs_balanced: Paired  # strategy minus balanced, paired per game, with its 95 % CI
    spam: str | None  # the job it spams, if it is a spam strategy
    state_blind: bool


@dataclass(frozen=True)
class ZooFlag:
    """A hole in the lesson, in words a facilitator understands."""

    kind: str  # "lead", "spam", "state_blind" or "escalation"
    strategy: str
    text: str
    sure: bool  # the 95 % CI is past the threshold too, not only the mean


@dataclass(frozen=True)
class ZooResult:
    """Balanced and the zoo on `games` shared games of one scenario."""

    games: int
    seed: int
    balanced_mean: float
    balanced_win_rate: float
    rows: tuple[ZooRow, ...]
    scores: dict[str, F64] = field(default_factory=dict, compare=False, repr=False)

    def row(self, name: str) -> ZooRow:
        """The row of strategy `name`; KeyError when it was not played."""
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(name)

    def flags(self) -> list[ZooFlag]:
        """Every hole found, strongest kinds first (see the module docstring)."""
        return flags(self)


def run_zoo(
    params: Params,
    games: int,
    seed: int,
    names: Sequence[str] | None = None,
    workers: int = 1,
    chunk: int = CHUNK,
    backend: Backend | None = None,
) -> ZooResult:
    """Play balanced and the zoo strategies `names` (default: all) on game ids 0..games-1.

    Games are played at most `chunk` per strategy at a time, several strategies side by
    side (game.batch.zoo_play), on `backend` (default: `workers` local processes); the
    result does not depend on either (game i of a batch equals the same game alone).
    Needs at least 2 games.
    """
    if games < 2:
        raise ValueError("the zoo needs at least 2 games for its confidence intervals")
    chosen = list(ZOO) if names is None else list(names)
    unknown = [n for n in chosen if n not in ZOO]
    if unknown:
        raise KeyError(f"unknown zoo strategies: {', '.join(unknown)}")
    order = [BALANCED, *chosen]
    parts: dict[str, list[tuple[F64, F64]]] = {n: [] for n in order}
    todo = tasks(order, games, seed, chunk)
    for played in play_all(params, todo, backend or LocalBackend(workers)):
        for name, part in played.items():
            parts[name].append(part)
    scores = {n: np.concatenate([s for s, _ in parts[n]]) for n in order}
    wins = {n: float(np.concatenate([w for _, w in parts[n]]).mean()) for n in order}
    base = scores[BALANCED]
    rows = tuple(_row(n, scores[n], wins[n], base) for n in chosen)
    return ZooResult(games, seed, float(base.mean()), wins[BALANCED], rows, scores)


def _row(name: str, score: F64, win_rate: float, base: F64) -> ZooRow:
    r: Ratio | None = ratio(score, base)
    mean_base = max(float(base.mean()), 1e-9)
    ci = (r.low, r.high) if r is not None else (np.nan, np.nan)
    return ZooRow(
        name=name,
        description=describe(name),
        mean=float(score.mean()),
        win_rate=win_rate,
        ratio=float(score.mean()) / mean_base,
        ratio_ci=ci,
        vs_balanced=Paired.of(score, base),
        spam=SPAM.get(name),
        state_blind=name in STATE_BLIND,
    )


def _pct(row: ZooRow) -> str:
    low, high = row.ratio_ci
    return f"{row.ratio:.0%} of balanced's score (95 % CI {low:.0%}–{high:.0%})"


def _lead(result: ZooResult) -> list[ZooFlag]:
    bar = LEAD * result.balanced_mean
    return [
        ZooFlag(
            "lead",
            row.name,
            f"'{row.name}' ({row.description[:1].lower()}{row.description[1:].rstrip('.')})"
            f" beats balanced by {row.vs_balanced.mean:.1f} points (95 % CI"
            f" {row.vs_balanced.low:.1f}–{row.vs_balanced.high:.1f}), more than"
            f" {LEAD:.0%} of its score: a cynical shortcut pays better than good practice.",
            sure=True,
        )
        for row in result.rows
        if row.vs_balanced.low > bar
    ]


def _spam(result: ZooResult) -> list[ZooFlag]:
    return [
        ZooFlag(
            "spam",
            row.name,
            f"{_spam_what(row.spam)} ('{row.name}') scores {_pct(row)}: one action repeated"
            " every week is nearly as good as judgement.",
            sure=row.ratio_ci[0] > SPAM_CLOSE,
        )
        for row in result.rows
        if row.spam is not None and row.ratio > SPAM_CLOSE
    ]


def _spam_what(job: str) -> str:
    if job == "overtime":
        return "Working the most overtime allowed every week and building with it"
    return f"Spending the relationship time on nothing but {JOB_WORDS.get(job, job)}"


def _state_blind(result: ZooResult) -> list[ZooFlag]:
    blind = [row for row in result.rows if row.state_blind]
    if not blind:
        return []
    best = max(blind, key=lambda row: row.ratio)
    if best.ratio < BLIND_CLOSE:
        return []
    text = (
        f"A fixed routine that never looks at the board ('{best.name}':"
        f" {best.description[:1].lower()}{best.description[1:].rstrip('.')}) scores"
        f" {_pct(best)}: the board does not matter, so players learn a rota, not to read"
        " the people."
    )
    return [ZooFlag("state_blind", best.name, text, sure=best.ratio_ci[0] >= BLIND_CLOSE)]


def _escalation(result: ZooResult) -> list[ZooFlag]:
    return [
        ZooFlag(
            "escalation",
            row.name,
            f"Escalating stuck sign-offs to the sponsor ('{row.name}') scores {_pct(row)}:"
            " positional power pays better than relationships.",
            sure=row.ratio_ci[0] > ESCALATION_CLOSE,
        )
        for row in result.rows
        if row.name in ESCALATION and row.ratio > ESCALATION_CLOSE
    ]


def flags(result: ZooResult) -> list[ZooFlag]:
    """The zoo's findings: leads, then spam, then state-blind play, then escalation."""
    return _lead(result) + _spam(result) + _state_blind(result) + _escalation(result)
