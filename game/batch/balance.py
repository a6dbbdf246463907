"""`run_game.py balance`: does a scenario teach what it should? A designer's report.

Four questions, each answered from headless games on shared seeds:
1. Does the lesson hold? The built-in policies, with confidence intervals.
2. Is there a dominant degenerate strategy? A cross-entropy policy search, flagged
   when its best policy ignores or overdoes relationships, spams one action, or
   beats `balanced` by far; plus actions that are never worth using.
3. How sensitive is it? Every model coefficient at x0.5 and x2 (a tornado chart),
   and whether `balanced` keeps >= 1.3x each extreme under every change.
4. Is it too easy or too hard? Win rates.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from game.batch.run import run_batch
from game.batch.search import Knobs, SearchResult, cross_entropy, parametric
from game.model import Params, new_state, observe, outcome, step
from game.model.channels import Channel, Target
from game.policies import POLICIES, Policy
from game.scenario.coefficients import ModelCoefficients
from game.scenario.errors import ScenarioError
from game.scenario.loader import load
from game.scenario.schema import Scenario

BUILT_IN = ("balanced", "delivery_first", "relationship_first")
SHARE_BAND = (0.15, 0.55)
MAX_LEAD = 1.15  # the best policy may beat balanced by at most 15 %
MAX_ONE_ACTION = 0.80  # of the best policy's relationship points
MIN_RATIO = 1.3  # balanced over each extreme, under every coefficient change
NEVER_USED = 0.02  # an action below this share of non-build points counts as unused


@dataclass
class BalanceReport:
    scenario: Scenario
    games: int
    lesson: dict[str, dict[str, Any]]
    search: SearchResult
    best_share: float  # of all points, on relationships
    best_actions: dict[str, float]  # action id -> share of the best policy's non-build points
    best_score: float
    best_name: str  # "search" or "balanced": whichever scored higher on the same games
    flags: list[str] = field(default_factory=list)  # degenerate strategies: a hole in the lesson
    notes: list[str] = field(default_factory=list)  # worth a look, not a failure
    sensitivity: list[dict[str, Any]] = field(default_factory=list)

    @property
    def degenerate(self) -> bool:
        return bool(self.flags)


def _lesson(params: Params, games: int, seed: int, ids: list[str]) -> dict[str, dict[str, Any]]:
    result = run_batch([params], list(BUILT_IN), games=games, seed=seed)
    return {p: result.tallies[(0, p)].summary(ids) for p in BUILT_IN}


def _usage(
    params: Params, scenario: Scenario, policy: Policy, games: int, seed: int
) -> tuple[float, dict[str, float], float]:
    """How a policy spends its points, measured over real games, and its mean score."""
    state = new_state(params, np.arange(games), seed)
    points = np.zeros(params.n_actions)
    while not state.done.all():
        plan = policy(observe(state, params), params)
        points += (plan * ~state.done[:, None, None]).sum(axis=(0, 2))
        state, _ = step(state, plan, params)
    kind = params.action_target
    overtime = params.action_effect[:, Channel.OVERTIME] > 0
    relations = points[kind == Target.STAKEHOLDER].sum()
    used = points[~overtime].sum()
    non_build = points[(kind != Target.PACKAGE) & ~overtime].sum()
    shares = {
        a.id: float(points[i] / non_build) if non_build else 0.0
        for i, a in enumerate(scenario.actions)
        if kind[i] != Target.PACKAGE and not overtime[i]
    }
    score = float(outcome(state, params).score.mean())
    return float(relations / used) if used else 0.0, shares, score


def _flags(report: BalanceReport, params: Params, scenario: Scenario) -> None:
    low, high = SHARE_BAND
    balanced = report.lesson["balanced"]["score"]["mean"]
    if not low <= report.best_share <= high:
        report.flags.append(
            f"The best policy found spends {report.best_share:.0%} of its points on"
            f" relationships, outside {low:.0%}-{high:.0%}: "
            + ("delivery alone pays." if report.best_share < low else "relationships alone pay.")
        )
    if report.best_score > MAX_LEAD * balanced:
        report.flags.append(
            f"The best policy found scores {report.best_score:.1f},"
            f" {report.best_score / balanced - 1:.0%} above balanced ({balanced:.1f}):"
            " look at its settings below."
        )
    kind = params.action_target
    relationship_ids = [
        a.id for i, a in enumerate(scenario.actions) if kind[i] == Target.STAKEHOLDER
    ]
    total = sum(report.best_actions[a] for a in relationship_ids)
    for action_id in relationship_ids:
        share = report.best_actions[action_id] / total if total else 0.0
        if share > MAX_ONE_ACTION:
            report.flags.append(
                f"'{action_id}' takes {share:.0%} of the best policy's relationship points (spam)."
            )
    for action_id, share in report.best_actions.items():
        if share < NEVER_USED:
            report.notes.append(f"'{action_id}' is never worth using for the best policy found.")


def _difficulty(report: BalanceReport) -> None:
    """Too easy or too hard: who wins how often."""
    wins = {p: report.lesson[p]["rates"]["win"] for p in BUILT_IN}
    if wins["balanced"] < 0.1:
        report.notes.append(f"Hard: balanced wins only {wins['balanced']:.0%} of games.")
    if wins["balanced"] > 0.95:
        report.notes.append(f"Easy: balanced wins {wins['balanced']:.0%} of games.")
    for extreme in BUILT_IN[1:]:
        if wins[extreme] > 0.3:
            report.flags.append(
                f"{extreme} wins {wins[extreme]:.0%} of games: an extreme should rarely win."
            )


def _coefficient_points(base: Scenario) -> list[tuple[str, float, float]]:
    """(name, value x0.5, value x2) for every model coefficient, kept inside its range."""
    values = base.model.model_dump()
    out = []
    for name, info in ModelCoefficients.model_fields.items():
        value = float(values[name])
        if value == 0:
            continue
        lo, hi = -np.inf, np.inf
        for bound in info.metadata:
            lo = float(getattr(bound, "ge", lo) if getattr(bound, "ge", None) is not None else lo)
            hi = float(getattr(bound, "le", hi) if getattr(bound, "le", None) is not None else hi)
        out.append((name, float(np.clip(value * 0.5, lo, hi)), float(np.clip(value * 2.0, lo, hi))))
    return out


def _sensitivity(
    ref: str | Path, scenario: Scenario, games: int, seed: int
) -> tuple[list[dict[str, Any]], list[str]]:
    ids = [s.id for s in scenario.stakeholders]
    cases, params_list, skipped = [], [], []
    for name, low, high in _coefficient_points(scenario):
        for factor, value in (("x0.5", low), ("x2", high)):
            try:
                _, params = load(ref, overrides={f"model.{name}": value})
            except ScenarioError as exc:
                skipped.append(f"model.{name} {factor}: {exc.diagnostics[0].message}")
                continue
            cases.append((name, factor, value))
            params_list.append(params)
    result = run_batch(params_list, list(BUILT_IN), games=games, seed=seed)
    rows = []
    for k, (name, factor, value) in enumerate(cases):
        means = {p: result.tallies[(k, p)].summary(ids)["score"]["mean"] for p in BUILT_IN}
        rows.append(
            {
                "coefficient": name,
                "factor": factor,
                "value": value,
                **means,
                "ratio_delivery": means["balanced"] / max(means["delivery_first"], 1e-9),
                "ratio_relationship": means["balanced"] / max(means["relationship_first"], 1e-9),
            }
        )
    return rows, skipped


def balance(
    ref: str | Path,
    games: int = 1000,
    seed: int = 2026,
    search_games: int = 200,
    iterations: int = 8,
    sensitivity_games: int = 300,
    sensitivity: bool = True,
) -> BalanceReport:
    """Answer the four questions for one scenario."""
    scenario, params = load(ref)
    ids = [s.id for s in scenario.stakeholders]
    lesson = _lesson(params, games, seed, ids)
    found = cross_entropy(params, games=search_games, iterations=iterations, seed=seed)
    searched = parametric(Knobs(found.best.values.repeat(games, axis=0)))
    # The best policy known is the search's, or balanced if the search did not beat it.
    candidates = {"search": searched, "balanced": POLICIES["balanced"]}
    measured = {name: _usage(params, scenario, p, games, seed) for name, p in candidates.items()}
    best = max(measured, key=lambda name: measured[name][2])
    share, actions, best_score = measured[best]
    report = BalanceReport(scenario, games, lesson, found, share, actions, best_score, best)
    _flags(report, params, scenario)
    _difficulty(report)
    if sensitivity:
        report.sensitivity, skipped = _sensitivity(ref, scenario, sensitivity_games, seed)
        report.notes += [f"Not varied ({s})." for s in skipped]
        for row in report.sensitivity:
            worst = min(row["ratio_delivery"], row["ratio_relationship"])
            if worst < MIN_RATIO:
                report.notes.append(
                    f"With {row['coefficient']} {row['factor']} ({row['value']:g}) balanced keeps"
                    f" only {worst:.2f}x an extreme (wanted >= {MIN_RATIO}x)."
                )
    return report
