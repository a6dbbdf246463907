"""Checks 5, 6a, 9 and 10: the search, dead actions, the hype and the four complaints.

The numbers come from game.batch.audit.measure; each holder below keeps the per-game
scores behind them, so every number gets its paired 95 % CI.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.batch.audit.numbers import (
    Cell,
    Check,
    Number,
    judged,
    mean_of,
    of_paired,
    of_ratio,
)
from game.batch.balance import MAX_ONE_ACTION, SHARE_BAND
from game.batch.lesson import Paired, ratio
from game.batch.zoo import LEAD
from game.model.rules.stakeholders import COMPLAINTS
from game.policies.zoo.plans import JOBS

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

MIN_DROP_COST = 0.03  # dropping a live action costs at least this share of the score
MIN_HYPE_GAIN = 1.10  # balanced without the hype scores at least this much more
HYPE_WORTH = 2.0  # demos and resets are worth at least this many times more with the hype
MIN_COMPLAINT = 0.05  # each complaint is at least this share of all heard
HYPE_SCENARIO = "ai-hype"
COMPLAINT_SCENARIO = "crm-rollout"


@dataclass(frozen=True)
class SearchNumbers:
    """The search's best policy against balanced on the audit's games (never searched on)."""

    lead: Number  # (search − balanced) / balanced's mean, paired CI
    share: Number  # stakeholder-action points / all non-overtime points
    top_action: str  # the stakeholder action with the most of the relationship points
    top_share: Number  # its share of them
    best: str  # "search" or "balanced": the best policy known
    search_mean: Number
    balanced_mean: Number
    settings: dict[str, float]  # the knobs, in words (game.batch.search.Knobs.describe)
    knobs: F64 = field(compare=False, repr=False)  # (1, DIM), to play it again
    scores: F64 = field(compare=False, repr=False)  # per game, ids 0..games-1


@dataclass(frozen=True)
class Drops:
    """The best policy known, and it without each job the scenario has (per-game scores)."""

    best: str  # "balanced" or "search"
    base: F64
    dropped: dict[str, F64]  # job -> scores with its points built instead


@dataclass(frozen=True)
class Hype:
    """Balanced, and balanced without demos and resets, with and without the hype events."""

    balanced: F64
    plain: F64  # without demos and resets
    calm: F64  # balanced with the hype events switched off
    calm_plain: F64


def search(found: Mapping[str, SearchNumbers] | None) -> list[Check]:
    """Check 5: the search's best policy beats balanced by at most 10 % (the lower end of the
    paired CI), spends 15-55 % of its points on stakeholders, and puts no more than 80 % of
    those on one action."""
    if found is None:
        rule = "the policy search's checks: its lead over balanced, its share and its top action."
        return [Check("5", "search", rule, skipped="--no-search")]
    low, high = SHARE_BAND
    lead = [
        judged(
            sid,
            "lead over balanced",
            s.lead,
            at_most=LEAD,
            on=s.lead.low,
            note=f"best known: {s.best}",
            extra=(("search", s.search_mean), ("balanced", s.balanced_mean)),
        )
        for sid, s in found.items()
    ]
    share = [
        judged(sid, "relationship share", s.share, at_least=low, at_most=high)
        for sid, s in found.items()
    ]
    top = [
        judged(sid, "top action", s.top_share, at_most=MAX_ONE_ACTION, note=s.top_action)
        for sid, s in found.items()
    ]
    return [
        Check(
            "5",
            f"search lead, CI low ≤ {LEAD:.0%}",
            f"the search's best policy beats balanced by at most {LEAD:.0%} on the audit's"
            " games: the lower end of the paired 95 % CI of (search − balanced) ÷ balanced's"
            " mean is at most that.",
            tuple(lead),
        ),
        Check(
            "5",
            f"search relationship share {low:.0%}–{high:.0%}",
            "the search's best policy spends between"
            f" {low:.0%} and {high:.0%} of its points (overtime aside) on stakeholder actions.",
            tuple(share),
        ),
        Check(
            "5",
            f"search top action ≤ {MAX_ONE_ACTION:.0%}",
            f"no single stakeholder action takes more than {MAX_ONE_ACTION:.0%} of the search's"
            " best policy's relationship points.",
            tuple(top),
        ),
    ]


def dead_actions(drops: Mapping[str, Drops]) -> list[Check]:
    """Check 6a: for each job, dropping it from the best policy known costs >= 3 % of the
    score on at least one scenario that has it (0 where the policy never uses it)."""
    checks = []
    for job in JOBS:
        cells: list[Cell] = []
        for sid, d in drops.items():
            if job not in d.dropped:
                continue
            kept = ratio(d.dropped[job], d.base)  # what is left of the score without it
            cost = (
                Number(1 - kept.mean, 1 - kept.high, 1 - kept.low, "+%")
                if kept is not None
                else Number(float("nan"), unit="+%")
            )
            extra = (("without it − with it", of_paired(Paired.of(d.dropped[job], d.base))),)
            cells.append(
                judged(sid, job, cost, at_least=MIN_DROP_COST, note=f"from {d.best}", extra=extra)
            )
        title = f"drop {job} costs ≥ {MIN_DROP_COST:.0%} (any)"
        rule = (
            f"dropping {job} from the best policy known (its points built instead) costs at"
            f" least {MIN_DROP_COST:.0%} of the mean score on at least one scenario."
        )
        skipped = "" if cells else "no scenario audited has the action"
        checks.append(Check("6a", title, rule, tuple(cells), need=1, skipped=skipped))
    return checks


def hype(h: Hype | None) -> list[Check]:
    """Check 9 (ai-hype): without its hype events balanced scores >= 10 % more; demos plus
    resets are worth >= 2x as much with the hype as without."""
    gain_title, worth_title = f"no hype ÷ hype ≥ {MIN_HYPE_GAIN}×", "demo+reset worth ×2 with hype"
    gain_rule = (
        f"on {HYPE_SCENARIO}, balanced scores at least {MIN_HYPE_GAIN}× as much when every event"
        " that raises the hype has probability 0."
    )
    worth_rule = (
        f"on {HYPE_SCENARIO}, demos plus resets are worth (balanced − balanced without both)"
        f" at least {HYPE_WORTH:g}× as much with the hype as without: the value shown is"
        f" worth with − {HYPE_WORTH:g} × worth without (≥ 0), paired per game."
    )
    if h is None:
        why = f"{HYPE_SCENARIO} was not audited"
        return [
            Check("9a", gain_title, gain_rule, skipped=why),
            Check("9b", worth_title, worth_rule, skipped=why),
        ]
    gain = judged(
        HYPE_SCENARIO,
        "balanced without hype",
        of_ratio(ratio(h.calm, h.balanced)),
        at_least=MIN_HYPE_GAIN,
        extra=(("with hype", mean_of(h.balanced)), ("without hype", mean_of(h.calm))),
    )
    worth, calm_worth = Paired.of(h.balanced, h.plain), Paired.of(h.calm, h.calm_plain)
    margin = Paired.of(h.balanced - h.plain, HYPE_WORTH * (h.calm - h.calm_plain))
    extra: tuple[tuple[str, Number], ...] = (
        ("worth with hype", of_paired(worth)),
        ("worth without hype", of_paired(calm_worth)),
    )
    if calm_worth.mean > 0:  # a ratio to nothing, or to a loss, says nothing
        extra += (("with ÷ without", Number(worth.mean / calm_worth.mean)),)
    worth_cell = judged(
        HYPE_SCENARIO, "demos + resets", of_paired(margin), at_least=0.0, extra=extra
    )
    return [
        Check("9a", gain_title, gain_rule, (gain,)),
        Check("9b", worth_title, worth_rule, (worth_cell,)),
    ]


def complaints(heard: I64 | None) -> Check:
    """Check 10 (crm-rollout): each complaint is >= 5 % of all complaints heard, counted per
    turn, running game and stakeholder over the three built-in policies' games."""
    title = f"each complaint ≥ {MIN_COMPLAINT:.0%} of all"
    rule = (
        f"on {COMPLAINT_SCENARIO}, each of the four complaints is at least {MIN_COMPLAINT:.0%}"
        " of all complaints heard (per turn, running game and stakeholder) over the games of"
        " the three built-in policies; CI: ratio of per-game counts (delta method)."
    )
    if heard is None:
        return Check("10", title, rule, skipped=f"{COMPLAINT_SCENARIO} was not audited")
    per_game = heard.astype(np.float64)
    total = per_game.sum(axis=1)
    cells = tuple(
        judged(
            COMPLAINT_SCENARIO,
            text,
            of_ratio(ratio(per_game[:, k], total), unit="%"),
            at_least=MIN_COMPLAINT,
            extra=(("heard", Number(float(per_game[:, k].sum()), unit="#")),),
        )
        for k, text in enumerate(COMPLAINTS)
    )
    return Check("10", title, rule, cells)
