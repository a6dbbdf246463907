"""The quick balance check a facilitator runs after editing a scenario (`validate
--check-balance`): the smoke test (game.batch.smoke) and the strategy zoo, plus what a
facilitator needs to act on it.

- the workload against the team's capacity, in points and weeks (game.batch.workload);
- custom actions that are overpowered or dead (game.batch.custom_actions);
- "too easy": balanced wins more than EASY_WINS of games and so do most of the zoo's
  shortcuts, so winning takes no judgement;
- for every warning, the levers a facilitator sets (work, capacity, weeks, how patient and
  hype-prone people are) first (game.batch.levers); the coefficients after them.

It must stay quick (under 3 s for a shipped-size scenario, bench/quick_check.py): the zoo,
the slowest part, plays in a second process while the lesson plays in this one.
"""

import dataclasses
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

from game.batch.balanced_play import play_balanced
from game.batch.custom_actions import ActionVerdict, judge
from game.batch.levers import first_levers
from game.batch.pool import worker_pool
from game.batch.smoke import (
    CLOSE,
    EXTREME_WINS,
    ZOO_SHARE,
    SmokeFinding,
    SmokeResult,
    smoke_check,
    zoo_finding,
)
from game.batch.workload import Workload, measure
from game.batch.zoo import ZooResult, run_zoo
from game.model import Params
from game.policies.zoo import ZOO
from game.scenario.schema import Scenario

EASY_WINS = 0.90  # balanced wins more often than this...
EASY_SHORTCUTS = 0.50  # ...and so does more than this share of the zoo's strategies
# The zoo is played in groups, so this process can take over the groups the second process
# has not begun when its own part is done (each group plays balanced once more: 4 of ~40).
ZOO_GROUPS = 4

# How the smoke test's findings begin (game.batch.smoke), and the problem each one names:
# the levers are chosen from the problem, not from the coefficients the text suggests.
SMOKE_OPENINGS = {
    "Relationship-only play": "relationship_only",
    "Delivery-only play": "delivery_only",
    "Even balanced play": "hard",
    "Too easy": "easy",
    "Never contacting": "neglect",
}


@dataclass(frozen=True)
class QuickCheck:
    """The smoke test's result with every finding of the quick check, and the plain words."""

    result: SmokeResult  # findings: the smoke test's, the zoo's, custom actions, too easy
    workload: Workload
    actions: tuple[ActionVerdict, ...]
    levers: tuple[str, ...]  # what to change first, when there is a warning

    @property
    def warnings(self) -> list[SmokeFinding]:
        return self.result.warnings


def _kind(finding: SmokeFinding, scenario: Scenario) -> tuple[str, str] | None:
    """(problem, subject) of a smoke-test finding, or None when no plain lever fixes it."""
    for opening, kind in SMOKE_OPENINGS.items():
        if finding.text.startswith(opening):
            subject = ""
            if kind == "neglect":  # "Never contacting <name> raises ..."
                names = (s.name for s in scenario.stakeholders if s.name in finding.text)
                subject = next(names, "")
            return kind, subject
    return None


def _action_finding(verdict: ActionVerdict) -> SmokeFinding:
    name = f"The custom action '{verdict.action_id}' ({verdict.label})"
    spam = verdict.spam
    alone = (
        f"; spending balanced's relationship points on nothing else scores {spam}"
        if spam is not None
        else ""
    )
    if verdict.kind == "overpowered":
        text = (
            f"{name}: good play pours {verdict.share:.0%} of its points for people and project"
            f" into it{alone}. It does too much for its cost, so teams learn to repeat it"
            " instead of reading the people."
        )
    else:
        text = (
            f"{name}: good play spends {verdict.share:.0%} of its points for people and"
            f" project on it, and spending them all on it scores {verdict.spam_mean:.1f}, no"
            " better than building instead. Nobody benefits from it; it only costs points."
        )
    return SmokeFinding("warning", text)


def _too_easy(zoo: ZooResult) -> SmokeFinding | None:
    winners = sum(row.win_rate > EASY_WINS for row in zoo.rows)
    if zoo.balanced_win_rate <= EASY_WINS or winners <= EASY_SHORTCUTS * len(zoo.rows):
        return None
    return SmokeFinding(
        "warning",
        f"Too easy: balanced play wins {zoo.balanced_win_rate:.0%} of games, and {winners} of"
        f" the {len(zoo.rows)} shortcuts of the strategy zoo win more than {EASY_WINS:.0%} too:"
        " winning takes no judgement.",
    )


def _extreme_close(result: SmokeResult, policy: str) -> bool:
    """The smoke test's line for an extreme policy, on the point estimates."""
    score, base = result.score[policy], max(result.score["balanced"], 1e-9)
    return score / base >= CLOSE or result.win_rate[policy] >= EXTREME_WINS


def _merge(parts: list[ZooResult]) -> ZooResult:
    """One ZooResult from zoo runs of disjoint strategy groups on the same games (each
    played balanced too, with the same result)."""
    first = parts[0]
    scores = {name: s for part in parts for name, s in part.scores.items()}
    rows = tuple(row for part in parts for row in part.rows)
    return dataclasses.replace(first, rows=rows, scores=scores)


def _groups() -> list[list[str]]:
    names = list(ZOO)
    size = -(-len(names) // ZOO_GROUPS)
    return [names[k : k + size] for k in range(0, len(names), size)]


def _zoo_shared(pool: Executor, params: Params, games: int, seed: int) -> Callable[[], ZooResult]:
    """Start the zoo in `pool`, group by group; the returned function plays the groups the
    pool has not begun itself (this process is free by then) and waits for the rest."""
    groups = _groups()
    futures = [pool.submit(run_zoo, params, games, seed, names) for names in groups]

    def collect() -> ZooResult:
        parts: dict[int, ZooResult] = {}
        for k in reversed(range(len(groups))):  # the last groups are the likeliest not begun
            if futures[k].cancel():
                parts[k] = run_zoo(params, games, seed, groups[k])
        for k, future in enumerate(futures):
            if k not in parts:
                parts[k] = future.result()
        return _merge([parts[k] for k in range(len(groups))])

    return collect


def _play(
    params: Params, scenario: Scenario, games: int, seed: int, pool: Executor | None
) -> tuple[SmokeResult, ZooResult, Workload, list[ActionVerdict]]:
    zoo_games = max(2, games // ZOO_SHARE)
    zoo = _zoo_shared(pool, params, zoo_games, seed) if pool is not None else None
    base = smoke_check(params, scenario, games=games, seed=seed, zoo=False)
    played = play_balanced(params, zoo_games, seed)
    verdicts = judge(scenario, params, played, base.score["delivery_first"], seed)
    cynics = zoo() if zoo is not None else run_zoo(params, zoo_games, seed)
    return base, cynics, measure(scenario, played), verdicts


def _assemble(
    base: SmokeResult,
    cynics: ZooResult,
    verdicts: list[ActionVerdict],
    workload: Workload,
    scenario: Scenario,
) -> tuple[list[SmokeFinding], list[tuple[str, str]], bool]:
    """Every finding (the smoke test's "ok" only when nothing warns), the problems a plain
    lever fixes, and whether anything warns."""
    findings = [f for f in base.findings if f.level != "ok"]
    problems = [k for k in (_kind(f, scenario) for f in base.warnings) if k is not None]
    for flag in cynics.flags():
        findings.append(zoo_finding(flag, scenario))
        if flag.sure and flag.kind in ("spam", "state_blind"):
            problems.append((flag.kind, ""))
    easy = _too_easy(cynics)
    if easy is not None and not any(k == "easy" for k, _ in problems):
        findings.append(easy)
        problems.append(("easy", ""))
    # Time to spare explains a lesson that does not come across, not a custom action's cost.
    lesson_warned = any(f.level == "warning" for f in findings)
    if lesson_warned and workload.verdict == "spare":
        problems.append(("spare", ""))
    if lesson_warned and _extreme_close(base, "relationship_first"):
        problems.append(("relationship_only", ""))
    for verdict in verdicts:
        if verdict.kind != "ok":
            findings.append(_action_finding(verdict))
            problems.append((verdict.kind, verdict.action_id))
    warned = any(f.level == "warning" for f in findings)
    if not warned:
        findings = [f for f in base.findings if f.level == "ok"] + findings
    return findings, problems, warned


def quick_check(
    params: Params, scenario: Scenario, games: int = 200, seed: int = 2026, workers: int = 2
) -> QuickCheck:
    """The quick check of one scenario on `games` shared games per built-in policy (the zoo,
    balanced's workload and the custom actions on a third of them). With `workers` > 1 the
    zoo plays in a second process while this one plays the rest, and then helps with the
    zoo; the result is the same either way."""
    if workers > 1:
        with worker_pool(1) as pool:
            base, cynics, workload, verdicts = _play(params, scenario, games, seed, pool)
    else:
        base, cynics, workload, verdicts = _play(params, scenario, games, seed, None)
    findings, problems, warned = _assemble(base, cynics, verdicts, workload, scenario)
    result = dataclasses.replace(base, findings=tuple(findings), zoo=cynics)
    levers = tuple(first_levers(problems, scenario)) if warned else ()
    return QuickCheck(result, workload, tuple(verdicts), levers)
