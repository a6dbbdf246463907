"""The audit's vocabulary: a number with its 95 % CI, a judged cell, and a check.

A check is one line of the audit's table: a rule (for instance "balanced scores at least
1.5x delivery_first") judged on one cell per scenario, or on several per scenario (one per
stakeholder, strategy or complaint). It passes when every judged cell meets the rule, or,
for a rule that asks for "at least k scenarios", when k cells do.
"""

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.batch.lesson import Paired, Ratio

F64 = npt.NDArray[np.float64]
Z95 = 1.96

# How a number is written, by unit.
FORMATS = {
    "x": "{:.2f}×",  # a ratio of two means
    "%": "{:.1%}",  # a share or a rate
    "+%": "{:+.1%}",  # a change, as a share of a base
    "pts": "{:.1f}",  # a mean score
    "+pts": "{:+.1f}",  # a difference of scores
    "n": "{:.2f}",  # a plain mean (turns, shares of effort)
    "#": "{:,.0f}",  # a count
}


@dataclass(frozen=True)
class Number:
    """A measured number and its 95 % confidence interval (None: it has none)."""

    value: float
    low: float | None = None
    high: float | None = None
    unit: str = "x"

    def text(self) -> str:
        """The number alone, as the table shows it."""
        return _format(self.value, self.unit)

    def ci_text(self) -> str:
        """The interval, or an empty string when there is none."""
        if self.low is None or self.high is None:
            return ""
        return f"{_format(self.low, self.unit)} – {_format(self.high, self.unit)}"

    def full(self) -> str:
        """The number with its interval: `1.62× (95 % CI 1.55× – 1.70×)`."""
        ci = self.ci_text()
        return f"{self.text()} (95 % CI {ci})" if ci else self.text()


def _format(value: float, unit: str) -> str:
    if not math.isfinite(value):
        return str(value)
    return FORMATS[unit].format(value)


@dataclass(frozen=True)
class Cell:
    """One judged number of one scenario (subject: the policy, stakeholder, job...)."""

    scenario: str
    subject: str
    number: Number
    ok: bool | None  # the rule met; None: shown for context, not judged
    margin: float = math.inf  # how far on the good side of the line (< 0: past it)
    note: str = ""  # a word that goes with the number (the action or strategy it is about)
    extra: tuple[tuple[str, Number], ...] = ()  # the numbers behind it


@dataclass(frozen=True)
class Check:
    """One rule judged over the scenarios audited.

    `need` None: every judged cell must meet the rule; k: at least k cells must.
    `skipped`: why the check was not run (its scenario was not audited, no search...).
    """

    key: str  # "1", "6a", ... (the numbering)
    title: str  # short, for the table
    rule: str  # the rule in a sentence, for the report
    cells: tuple[Cell, ...] = ()
    need: int | None = None
    skipped: str = ""

    @property
    def passed(self) -> bool | None:
        """True or False; None when skipped."""
        if self.skipped:
            return None
        judged = [c.ok for c in self.cells if c.ok is not None]
        if self.need is None:
            return all(judged)
        return sum(judged) >= self.need

    def headline(self, scenario: str) -> Cell | None:
        """The scenario's cell nearest to failing (or past the line furthest), if any."""
        cells = [c for c in self.cells if c.scenario == scenario]
        judged = [c for c in cells if c.ok is not None] or cells
        return min(judged, key=lambda c: c.margin) if judged else None

    def culprits(self) -> list[Cell]:
        """The cells that fail the rule (for "at least k" rules: every cell short of it)."""
        if self.passed is not False:
            return []
        return [c for c in self.cells if c.ok is False]


def judged(
    scenario: str,
    subject: str,
    number: Number,
    *,
    at_least: float | None = None,
    at_most: float | None = None,
    on: float | None = None,
    strict: bool = False,
    note: str = "",
    extra: tuple[tuple[str, Number], ...] = (),
) -> Cell:
    """A cell whose rule is `on` (default: the number's value) >= at_least and/or <= at_most
    (with `strict`: > and <).

    NaN fails every rule: a number that cannot be measured cannot show the lesson.
    """
    value = float(number.value if on is None else on)
    margins: list[float] = []
    if at_least is not None:
        margins.append(value - at_least)
    if at_most is not None:
        margins.append(at_most - value)
    margin = min(margins) if margins else math.inf
    if math.isnan(margin):
        margin = -math.inf
    ok = bool(margin > 0 if strict else margin >= 0)
    return Cell(scenario, subject, number, ok, margin, note, extra)


def context(scenario: str, subject: str, number: Number, note: str = "") -> Cell:
    """A cell shown for context, not judged."""
    return Cell(scenario, subject, number, None, note=note)


def mean_of(values: F64, unit: str = "pts") -> Number:
    """The mean over games with its 95 % confidence interval (NaN games left out)."""
    values = values[np.isfinite(values)]
    if values.size < 2:
        return Number(float(values.mean()) if values.size else math.nan, unit=unit)
    half = Z95 * float(values.std(ddof=1)) / math.sqrt(values.size)
    mean = float(values.mean())
    return Number(mean, mean - half, mean + half, unit)


def of_paired(diff: Paired, unit: str = "+pts") -> Number:
    """A paired difference (a - b per game) with its interval."""
    return Number(diff.mean, diff.low, diff.high, unit)


def of_ratio(r: Ratio | None, fallback: float = math.nan, unit: str = "x") -> Number:
    """A ratio of means with its interval; `fallback` without an interval when r is None."""
    if r is None:
        return Number(fallback, unit=unit)
    return Number(r.mean, r.low, r.high, unit)


def proportion(hits: float, n: int) -> Number:
    """A rate of `hits` in `n` independent games with its Wilson 95 % interval (exact at 0
    and 1, where the plain mean ± 1.96 sd would collapse)."""
    if n <= 0:
        return Number(math.nan, unit="%")
    p = hits / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Number(p, max(centre - half, 0.0), min(centre + half, 1.0), "%")
