"""Checks 4, 6b, 7, 8 and 11: the strategy zoo against balanced (game.batch.zoo.run_zoo).

Each function takes the zoo's result per scenario (scenario id -> ZooResult); the lines
are the zoo's own (LEAD, SPAM_CLOSE, BLIND_CLOSE, ESCALATION_CLOSE), so the audit and
`run_game.py balance` cannot drift apart.
"""

from collections.abc import Mapping

from game.batch.audit.numbers import (
    Cell,
    Check,
    Number,
    context,
    judged,
    mean_of,
    of_paired,
    proportion,
)
from game.batch.lesson import Paired
from game.batch.zoo import BLIND_CLOSE, ESCALATION, ESCALATION_CLOSE, LEAD, SPAM_CLOSE, ZooResult
from game.batch.zoo import ZooRow as Row

TUTORIAL = "tutorial"
MIN_SCENARIOS = 3  # "on at least three scenarios"
FIRST_TIMER_WINS = 0.70


def _ratio(row: Row) -> Number:
    return Number(row.ratio, row.ratio_ci[0], row.ratio_ci[1])


def _lead(row: Row, base: float) -> Number:
    """(strategy − balanced) as a share of balanced's mean, with the paired CI."""
    d, base = row.vs_balanced, max(base, 1e-9)
    return Number(d.mean / base, d.low / base, d.high / base, "+%")


def zoo_lead(zoos: Mapping[str, ZooResult]) -> Check:
    """Check 4: no zoo strategy beats balanced by more than 10 %: the lower end of the paired
    95 % CI of (strategy − balanced) / balanced's mean is at most 0.10."""
    cells = [
        judged(
            sid,
            row.name,
            _lead(row, zoo.balanced_mean),
            at_most=LEAD,
            on=_lead(row, zoo.balanced_mean).low,
            extra=(
                ("÷ balanced", _ratio(row)),
                ("wins", proportion(round(row.win_rate * zoo.games), zoo.games)),
            ),
        )
        for sid, zoo in zoos.items()
        for row in zoo.rows
    ]
    return Check(
        "4",
        f"zoo lead, CI low ≤ {LEAD:.0%}",
        f"no zoo strategy beats balanced by more than {LEAD:.0%}: the lower end of the paired"
        f" 95 % CI of (strategy − balanced) ÷ balanced's mean is at most {LEAD:.0%} (the value"
        " shown is the point estimate).",
        tuple(cells),
    )


def spam(zoos: Mapping[str, ZooResult]) -> Check:
    """Check 6b: spamming any one action scores <= 0.8x balanced on every scenario."""
    cells = [
        judged(sid, row.name, _ratio(row), at_most=SPAM_CLOSE)
        for sid, zoo in zoos.items()
        for row in zoo.rows
        if row.spam is not None
    ]
    return Check(
        "6b",
        f"spam ≤ {SPAM_CLOSE}× balanced",
        f"every spam strategy (one action every week) scores at most {SPAM_CLOSE}× balanced's"
        " mean on every scenario.",
        tuple(cells),
    )


def escalation(zoos: Mapping[str, ZooResult]) -> list[Check]:
    """Check 7a: escalation_heavy and late_escalation score <= 1.0x balanced everywhere."""
    return [
        Check(
            "7a",
            f"{name} ≤ {ESCALATION_CLOSE}×",
            f"{name} scores at most {ESCALATION_CLOSE}× balanced's mean on every scenario:"
            " positional power does not pay better than relationships.",
            tuple(
                judged(sid, name, _ratio(zoo.row(name)), at_most=ESCALATION_CLOSE)
                for sid, zoo in zoos.items()
            ),
        )
        for name in ESCALATION
    ]


def favours(zoos: Mapping[str, ZooResult]) -> Check:
    """Check 7b: balanced without favours scores below balanced (the paired CI's upper end
    below 0) on at least three scenarios (all of them when fewer are audited)."""
    need = min(MIN_SCENARIOS, len(zoos))
    cells = tuple(
        judged(
            sid,
            "no_favours",
            of_paired(zoo.row("no_favours").vs_balanced),
            at_most=0.0,
            on=zoo.row("no_favours").vs_balanced.high,
            strict=True,
        )
        for sid, zoo in zoos.items()
    )
    return Check(
        "7b",
        f"no_favours < balanced (≥ {need})",
        f"no_favours − balanced has its paired 95 % CI below 0 on at least {need} scenarios:"
        " favours are worth their points somewhere.",
        cells,
        need=need,
    )


def testing(zoos: Mapping[str, ZooResult]) -> Check:
    """Check 7c: test_after_unclear beats never_test (paired CI above 0) on at least three
    scenarios (all of them when fewer are audited)."""
    need = min(MIN_SCENARIOS, len(zoos))
    cells = []
    for sid, zoo in zoos.items():
        diff = Paired.of(zoo.scores["test_after_unclear"], zoo.scores["never_test"])
        cells.append(
            judged(
                sid,
                "test_after_unclear − never_test",
                of_paired(diff),
                on=diff.low,
                at_least=0.0,
                strict=True,
            )
        )
    return Check(
        "7c",
        f"test_after_unclear > never_test (≥ {need})",
        f"test_after_unclear − never_test has its paired 95 % CI above 0 on at least {need}"
        " scenarios: testing where the work is unclear pays.",
        tuple(cells),
        need=need,
    )


def state_blind(zoos: Mapping[str, ZooResult]) -> Check:
    """Check 8: the best state-blind strategy scores <= 0.9x balanced on every scenario but
    the tutorial (shown there for context)."""
    cells: list[Cell] = []
    for sid, zoo in zoos.items():
        blind = [row for row in zoo.rows if row.state_blind]
        if not blind:
            continue
        best = max(blind, key=lambda row: row.ratio)
        if sid == TUTORIAL:
            cells.append(context(sid, "best state-blind", _ratio(best), note=best.name))
        else:
            cells.append(
                judged(sid, "best state-blind", _ratio(best), at_most=BLIND_CLOSE, note=best.name)
            )
    return Check(
        "8",
        f"best state-blind ≤ {BLIND_CLOSE}×",
        f"the best state-blind strategy (rotas and spam) scores at most {BLIND_CLOSE}×"
        " balanced's mean on every scenario but the tutorial: reading the board pays.",
        tuple(cells),
    )


def first_timer(zoos: Mapping[str, ZooResult]) -> Check:
    """Check 11: on the tutorial, `first_timer` wins >= 70 % of games."""
    title = f"tutorial: first_timer wins ≥ {FIRST_TIMER_WINS:.0%}"
    rule = (
        f"a newcomer following the tutorial's briefing (first_timer) wins at least"
        f" {FIRST_TIMER_WINS:.0%} of the tutorial's games (95 % CI: Wilson)."
    )
    zoo = zoos.get(TUTORIAL)
    if zoo is None:
        return Check("11", title, rule, skipped="the tutorial was not audited")
    row = zoo.row("first_timer")
    wins = proportion(round(row.win_rate * zoo.games), zoo.games)
    cell = judged(
        TUTORIAL,
        "first_timer",
        wins,
        at_least=FIRST_TIMER_WINS,
        extra=(("mean score", mean_of(zoo.scores["first_timer"])),),
    )
    return Check("11", title, rule, (cell,))
