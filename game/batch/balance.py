"""`run_game.py balance`: does a scenario teach what it should? A designer's report.

Four questions, each answered from headless games on shared seeds:
1. Does the lesson hold? The built-in policies, with confidence intervals.
2. Is there a dominant degenerate strategy? A cross-entropy policy search, flagged
   when its best policy ignores or overdoes relationships, spams one action, or
   beats `balanced` by far; plus actions that are never worth using. Then the
   strategy zoo (game.batch.zoo): cynical shortcuts on the lesson's games.
3. How sensitive is it? Every model coefficient at x0.5 and x2 (a tornado chart),
   and whether `balanced` keeps >= 1.3x each extreme under every change.
4. Is it too easy or too hard? Win rates.

First, in a facilitator's words: the workload against the team's capacity
(game.batch.workload), custom actions that are overpowered or dead
(game.batch.custom_actions), and what to change first (game.batch.levers).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from game.batch.backend import Backend, LocalBackend
from game.batch.balanced_play import play_balanced
from game.batch.custom_actions import ActionVerdict, judge
from game.batch.levers import first_levers
from game.batch.run import run_batch
from game.batch.search import Knobs, SearchResult, cross_entropy, parametric, search_actions
from game.batch.workload import Workload
from game.batch.workload import measure as measure_workload
from game.batch.zoo import ZooResult, run_zoo
from game.model import Params, outcome
from game.model.channels import Channel, Target
from game.model.rules.intensity import point_split
from game.policies import POLICIES, Policy
from game.scenario.coefficients import ModelCoefficients
from game.scenario.errors import ScenarioError
from game.scenario.loader import load
from game.scenario.schema import Scenario
from game.session.runner import Turn, TurnHook, play

BUILT_IN = ("balanced", "delivery_first", "relationship_first")
SHARE_BAND = (0.15, 0.55)
MAX_LEAD = 1.15  # the best policy may beat balanced by at most 15 %
MAX_ONE_ACTION = 0.80  # of the best policy's relationship points
MIN_RATIO = 1.3  # balanced over each extreme, under every coefficient change
NEVER_USED = 0.02  # an action below this share of non-build points counts as unused
CHUNK = 1000  # games per play when measuring a policy: memory stays flat however many games


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
    lead: tuple[float, float, float]  # the search's lead over balanced: CI low, mean, CI high
    seed: int
    settings: dict[str, int]
    flags: list[str] = field(default_factory=list)  # degenerate strategies: a hole in the lesson
    notes: list[str] = field(default_factory=list)  # worth a look, not a failure
    sensitivity: list[dict[str, Any]] = field(default_factory=list)
    zoo: ZooResult | None = None  # the cynical strategies against balanced, on the same games
    workload: Workload | None = None  # the work against the team's capacity
    actions: list[ActionVerdict] = field(default_factory=list)  # the custom actions
    levers: list[str] = field(default_factory=list)  # what to change first, in plain words

    @property
    def degenerate(self) -> bool:
        return bool(self.flags)


def _lesson(
    params: Params, games: int, seed: int, ids: list[str], backend: Backend
) -> dict[str, dict[str, Any]]:
    result = run_batch([params], list(BUILT_IN), games=games, seed=seed, backend=backend)
    return {p: result.tallies[(0, p)].summary(ids) for p in BUILT_IN}


@dataclass(frozen=True)
class Measured:
    """How a policy spends its points over real games, and its per-game scores."""

    share: float  # of all points (overtime aside), on relationships
    actions: dict[str, float]  # action id -> share of non-build points
    scores: npt.NDArray[np.float64]
    # Points per game and action (games, A), behind the shares: for confidence intervals.
    points: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))


PolicyFor = Callable[[int], Policy]
"""A policy for a batch of n games (the search's policy takes its knobs one row per game)."""


def searched_policy(found: SearchResult) -> PolicyFor:
    """The search's best policy, for batches of any size."""
    return lambda n: parametric(Knobs(found.best.values.repeat(n, axis=0)))


def _counting(points: npt.NDArray[np.float64]) -> TurnHook:
    """A turn hook adding the points each running game planned per action to `points` (N, A)."""

    def count(turn: Turn) -> None:
        points[:] += (turn.plan * ~turn.observation.done[:, None, None]).sum(axis=2)

    return count


def usage(
    params: Params,
    scenario: Scenario,
    policy_for: PolicyFor,
    games: int,
    seed: int,
    chunk: int = CHUNK,
) -> Measured:
    """Play game ids 0..games-1, at most `chunk` at a time (memory stays flat), and measure
    how the policy spends its points and what it scores."""
    points, scores = [], []
    for first in range(0, games, chunk):
        ids = np.arange(first, min(first + chunk, games))
        counts = np.zeros((ids.size, params.n_actions))
        final = play(
            params, policy_for(ids.size), ids, seed, record=False, on_turn=_counting(counts)
        )
        points.append(counts)
        scores.append(outcome(final.final, params).score)
    per_game = np.concatenate(points)
    total = per_game.sum(axis=0)
    kind = params.action_target
    overtime = params.action_effect[:, Channel.OVERTIME] > 0
    build, relations, project = point_split(total, params)
    used, non_build = build + relations + project, relations + project
    shares = {
        a.id: float(total[i] / non_build) if non_build else 0.0
        for i, a in enumerate(scenario.actions)
        if kind[i] != Target.PACKAGE and not overtime[i]
    }
    share = float(relations / used) if used else 0.0
    return Measured(share, shares, np.concatenate(scores), per_game)


@dataclass(frozen=True)
class HeldOut:
    """The search's best policy and balanced, measured on the same held-out games."""

    measured: dict[str, Measured]  # "search" and "balanced"
    best: str  # whichever scored higher: the best policy known
    lead: tuple[float, float, float]  # the search's lead over balanced: CI low, mean, CI high


def held_out(
    params: Params, scenario: Scenario, found: SearchResult, games: int, seed: int
) -> HeldOut:
    """Judge the search's best policy against balanced on game ids 0..games-1 (the search
    played ids of its own), paired: the lead is a share of balanced's mean score."""
    candidates: dict[str, PolicyFor] = {
        "search": searched_policy(found),
        "balanced": lambda n: POLICIES["balanced"],
    }
    measured = {name: usage(params, scenario, p, games, seed) for name, p in candidates.items()}
    best = max(measured, key=lambda name: float(measured[name].scores.mean()))
    d = measured["search"].scores - measured["balanced"].scores
    base = max(float(measured["balanced"].scores.mean()), 1e-9)
    half = 1.96 * float(d.std(ddof=1)) / np.sqrt(d.size) if d.size > 1 else 0.0
    lead = (float(d.mean() - half) / base, float(d.mean()) / base, float(d.mean() + half) / base)
    return HeldOut(measured, best, lead)


def _flags(report: BalanceReport, params: Params, scenario: Scenario) -> None:
    low, high = SHARE_BAND
    if not low <= report.best_share <= high:
        report.flags.append(
            f"The best policy known spends {report.best_share:.0%} of its points on"
            f" relationships, outside {low:.0%}-{high:.0%}: "
            + ("delivery alone pays." if report.best_share < low else "relationships alone pay.")
        )
    lead_low, lead, lead_high = report.lead
    if lead_low > MAX_LEAD - 1:
        report.flags.append(
            f"The policy found beats balanced by {lead:.0%} (95 % CI {lead_low:.0%} to"
            f" {lead_high:.0%}) on games the search never saw: look at its settings."
        )
    elif lead > MAX_LEAD - 1:
        report.notes.append(
            f"The policy found beats balanced by {lead:.0%}, but the 95 % CI ({lead_low:.0%} to"
            f" {lead_high:.0%}) includes {MAX_LEAD - 1:.0%}: borderline, worth a second look."
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
    searched = set(search_actions(params, scenario))
    for action_id, share in report.best_actions.items():
        if action_id in searched and share < NEVER_USED:
            report.notes.append(
                f"'{action_id}' takes under {NEVER_USED:.0%} of the best policy's non-build points:"
                " it is rarely worth its cost."
            )
    unsearched = sorted(set(report.best_actions) - searched)
    if unsearched:
        report.notes.append("Not part of the search: " + ", ".join(unsearched) + ".")


def _zoo(report: BalanceReport, result: ZooResult) -> None:
    """The zoo's flags: sure ones (95 % CI past the line) flag, borderline ones are notes."""
    report.zoo = result
    report.settings["zoo_strategies"] = len(result.rows)
    for flag in result.flags():
        if flag.sure:
            report.flags.append(f"Zoo: {flag.text}")
        else:
            report.notes.append(f"Zoo, borderline (the 95 % CI includes the line): {flag.text}")


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


FACILITATOR_GAMES = 300  # balanced's finish week and the custom actions' spam: a quick pass


def _facilitator(report: BalanceReport, params: Params, scenario: Scenario) -> None:
    """The workload, the custom actions and the levers to change first (the quick check's)."""
    played = play_balanced(params, min(report.games, FACILITATOR_GAMES), report.seed)
    report.workload = measure_workload(scenario, played)
    delivery = float(report.lesson["delivery_first"]["score"]["mean"])
    report.actions = judge(scenario, params, played, delivery, report.seed)
    problems: list[tuple[str, str]] = []
    if report.flags and report.workload.verdict == "spare":
        problems.append(("spare", ""))
    for verdict in report.actions:
        if verdict.kind == "overpowered":
            report.flags.append(
                f"The custom action '{verdict.action_id}' takes {verdict.share:.0%} of balanced"
                " play's points for people and project: it does too much for its cost."
            )
        elif verdict.kind == "dead":
            report.notes.append(
                f"The custom action '{verdict.action_id}' is never worth its points: nobody"
                " benefits from it."
            )
        if verdict.kind != "ok":
            problems.append((verdict.kind, verdict.action_id))
    report.levers = first_levers(problems, scenario)


def _coefficient_points(base: Scenario) -> list[tuple[str, float, float]]:
    """(name, base value, varied value) for every model coefficient at x0.5 and x2, kept
    inside its documented range; a variant the range clips back to the base is left out."""
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
        for factor in (0.5, 2.0):
            varied = float(np.clip(value * factor, lo, hi))
            if varied != value:
                out.append((name, value, varied))
    return out


def _sensitivity(
    ref: str | Path, scenario: Scenario, games: int, seed: int, backend: Backend
) -> tuple[list[dict[str, Any]], list[str]]:
    ids = [s.id for s in scenario.stakeholders]
    # The unchanged scenario runs on the same games, so a change with no effect shows none.
    cases: list[tuple[str, float, float]] = [("(base)", 1.0, 1.0)]
    params_list, skipped = [load(ref)[1]], []
    for name, value, varied in _coefficient_points(scenario):
        try:
            _, params = load(ref, overrides={f"model.{name}": varied})
        except ScenarioError as exc:
            skipped.append(f"model.{name} = {varied:g}: {exc.diagnostics[0].message}")
            continue
        cases.append((name, value, varied))
        params_list.append(params)
    result = run_batch(params_list, list(BUILT_IN), games=games, seed=seed, backend=backend)
    rows = []
    for k, (name, value, varied) in enumerate(cases):
        means = {p: result.tallies[(k, p)].summary(ids)["score"]["mean"] for p in BUILT_IN}
        rows.append(
            {
                "coefficient": name,
                "factor": f"x{varied / value:.3g}",
                "value": varied,
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
    zoo: bool = True,
    backend: Backend | None = None,
) -> BalanceReport:
    """Answer the four questions for one scenario (`zoo`: with the strategy zoo).

    The built-in policies, the search and the sensitivity are played on `backend` (local
    processes or a Dask cluster; this process when None), with the same results."""
    backend = backend or LocalBackend(1)
    scenario, params = load(ref)
    ids = [s.id for s in scenario.stakeholders]
    lesson = _lesson(params, games, seed, ids, backend)
    found = cross_entropy(
        params, games=search_games, iterations=iterations, seed=seed, backend=backend
    )
    # The best policy known is the search's, or balanced if the search did not beat it.
    judged = held_out(params, scenario, found, games, seed)
    best, lead = judged.best, judged.lead
    chosen = judged.measured[best]
    report = BalanceReport(
        scenario,
        games,
        lesson,
        found,
        chosen.share,
        chosen.actions,
        float(chosen.scores.mean()),
        best,
        lead,
        seed,
        {
            "games": games,
            "search_games": search_games,
            "iterations": iterations,
            "sensitivity_games": sensitivity_games if sensitivity else 0,
        },
    )
    _flags(report, params, scenario)
    if zoo and games >= 2:  # its confidence intervals need two games
        _zoo(report, run_zoo(params, games, seed, backend=backend))
    _difficulty(report)
    _facilitator(report, params, scenario)
    if sensitivity:
        report.sensitivity, skipped = _sensitivity(ref, scenario, sensitivity_games, seed, backend)
        report.notes += [f"Not varied ({s})." for s in skipped]
        for row in report.sensitivity[1:]:
            worst = min(row["ratio_delivery"], row["ratio_relationship"])
            if worst < MIN_RATIO:
                report.notes.append(
                    f"With {row['coefficient']} {row['factor']} ({row['value']:g}) balanced keeps"
                    f" only {worst:.2f}x an extreme (wanted >= {MIN_RATIO}x)."
                )
    return report
