"""The lesson audit: issue 9's "Done when" list, as code.

`audit(scenarios, games)` plays every policy the checks need on the same game ids and
seed (game.batch.audit.measure), judges each check (lesson_checks, zoo_checks,
probe_checks) and returns an AuditReport that prints as a table and writes as markdown
with every number's 95 % confidence interval. `tools/lesson_audit.py` is its command line.
"""

from collections.abc import Sequence
from time import perf_counter

from game.batch.audit import lesson_checks, probe_checks, zoo_checks
from game.batch.audit.measure import ScenarioAudit, measure
from game.batch.audit.numbers import Cell, Check, Number
from game.batch.audit.report import AuditReport


def all_checks(measured: Sequence[ScenarioAudit]) -> tuple[Check, ...]:
    """Every check, in the issue's order, on what was measured per scenario."""
    lessons = {m.scenario: m.lesson for m in measured}
    zoos = {m.scenario: m.zoo for m in measured}
    searches = {m.scenario: m.search for m in measured if m.search is not None}
    hype = next((m.hype for m in measured if m.hype is not None), None)
    heard = next((m.complaints for m in measured if m.complaints is not None), None)
    return (
        *lesson_checks.balanced_beats_extremes(lessons),
        *lesson_checks.syndrome(lessons),
        lesson_checks.neglect(lessons, {m.scenario: m.stakeholders for m in measured}),
        zoo_checks.zoo_lead(zoos),
        *probe_checks.search(searches or None),
        *probe_checks.dead_actions({m.scenario: m.drops for m in measured}),
        zoo_checks.spam(zoos),
        *zoo_checks.escalation(zoos),
        zoo_checks.favours(zoos),
        zoo_checks.testing(zoos),
        zoo_checks.state_blind(zoos),
        *probe_checks.hype(hype),
        probe_checks.complaints(heard),
        zoo_checks.first_timer(zoos),
    )


def audit(
    scenario_ids: Sequence[str],
    games: int,
    seed: int = 2026,
    workers: int = 1,
    search: bool = True,
) -> AuditReport:
    """Run every check of the lesson audit on the scenarios (shipped ids or YAML paths).

    Every policy plays game ids 0..games-1 with `seed`, at most 1,000 games per policy at
    a time (the zoo, the search's judging, the audit's own plays), except check_lesson,
    which keeps the final states of its `games` (no turn records: memory grows with games,
    not with turns). `workers` processes play the zoo and the audit's plays, and run the
    lessons and searches of several scenarios side by side.
    `search` False skips the policy search (check 5; check 6 then drops jobs from balanced).
    Needs at least 2 games, for the confidence intervals.
    """
    if games < 2:
        raise ValueError("the audit needs at least 2 games for its confidence intervals")
    start = perf_counter()
    measured = measure(list(scenario_ids), games, seed, workers, search)
    return AuditReport(
        scenarios=tuple(m.scenario for m in measured),
        games=games,
        seed=seed,
        workers=workers,
        search=search,
        checks=all_checks(measured),
        elapsed=perf_counter() - start,
        digests=tuple(m.digest for m in measured),
        settings={m.scenario: m.search.settings for m in measured if m.search is not None},
    )


__all__ = ["AuditReport", "Cell", "Check", "Number", "all_checks", "audit"]
