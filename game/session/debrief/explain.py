"""The score breakdown in words: a line a package, and the names of the causes.

Every figure is a whole point, rounded so that the sums a reader checks hold (see
`whole_rows`), and every cause a line lost whole points to is named on it.

The sentences come from the catalogue (keys "why.*"), in the language in effect when they
are made, like the key moments'.
"""

import math
from dataclasses import dataclass

from game.i18n import number, percent, tr, turn_word
from game.model.score import verdict_weights
from game.session.debrief.breakdown import OWN, SHARED, Loss, PackageScore, ScoreBreakdown
from game.session.rounding import table_rounding, value_percents, whole_parts
from game.session.session import Session
from game.session.transcript import first_names

# Below this a figure is a float's noise, not a fraction of a point worth rounding up.
EPSILON = 1e-9

# The catalogue key of each cause's short name (the legend of the score bar).
LOSS_KEYS = {
    Loss.NOT_BUILT: "why.legend.not_built",
    Loss.REJECTED: "why.legend.rejected",
    Loss.WAITING: "why.legend.waiting",
    Loss.DEFECTS: "why.legend.defects",
    Loss.VERDICT: "why.legend.verdict",
    Loss.LATE: "why.legend.late",
    Loss.BUDGET: "why.legend.budget",
    Loss.CANCELLED: "why.legend.cancelled",
}


def points(value: float) -> str:
    """Points as the debrief shows them: whole points, one place below ten."""
    return number(value, 0 if value >= 9.95 or value == 0 else 1)


def loss_name(cause: Loss) -> str:
    """A cause's short name ("defects", "late")."""
    return tr(LOSS_KEYS[cause])


def reason(package: PackageScore, cause: Loss, session: Session) -> str | None:
    """Why `package` lost points to its own `cause`, in a few words (None: nothing to add)."""
    if cause is Loss.REJECTED:
        return tr("why.reason.rejected", found=number(package.rework_found, 1))
    if cause is Loss.WAITING:
        name = first_names(session.scenario)[package.owner]
        return tr("why.reason.waiting", name=name, trust=percent(package.owner_trust))
    if cause is Loss.DEFECTS:
        # A small figure, a big loss: each faulty point costs the scoring's weight times
        # its share of the package's value.
        weight = session.params.scoring.defect_weight
        share = min(1.0, weight * package.faulty / package.scope) if package.scope else 0.0
        # The figures a reader recomputes, in the tenths they are shown in (playtest 7:
        # "0.9 of 5 × 1.5 = 23%" did not recompute: the size was 5.9).
        scope = number(round(package.scope, 1))  # tenths, no trailing ".0"
        planned = number(round(package.planned, 1))
        # Its size includes the rework that grew it, which the board showed as "to redo"
        # (playtest 8: "of its 7.5 pts of work" for a package the board had shown as 7).
        grown = tr("why.reason.grown", planned=planned) if scope != planned else ""
        known = ""
        if package.faulty > package.known_at_signoff + 0.05:
            # The sign-off named only what its acceptance test found (playtest 7: "with 0.8
            # pts of known defects" then, "1.9 went live faulty" here).
            known = tr("why.reason.known", known=number(package.known_at_signoff, 1))
        faulty = tr(
            "why.reason.faulty",
            faulty=number(package.faulty, 1),
            scope=scope,
            grown=grown,
            known=known,
            weight=number(weight, 1),
            share=percent(share),
        )
        if math.isnan(package.clarity):
            return faulty
        return tr("why.reason.defects", faulty=faulty, clarity=percent(package.clarity))
    return None


@dataclass(frozen=True)
class WholeRow:
    """A package's line in whole points: `earned` plus every `lost` adds up to `potential`."""

    package: PackageScore
    earned: int
    potential: int
    lost: dict[Loss, int]


def whole_rows(breakdown: ScoreBreakdown) -> list[WholeRow]:
    """Each package's points rounded to whole ones, in scenario order, so that a reader's
    sums hold both ways: along a line (earned + losses = its "of"), and down the lines
    (the earned ones add up to the heading's score, each cause's to its label on the
    bar, the "of"s to 100). Rounding each figure on its own once showed 69 of 101.

    Each "of" is the package's share of the project's value as the board and the week
    report show it (`value_percents`); in the rare table that cannot keep those and the
    bar's labels at once, the bar's labels are kept and the lines come as near as they can."""
    columns = [total for _, total in _bar_columns(breakdown)]
    values = [[p.earned] + [p.lost[cause] for cause in Loss] for p in breakdown.packages]
    shares = value_percents([p.potential for p in breakdown.packages])
    whole = table_rounding(values, shares, columns) or _controlled_rounding(values, columns)
    return [
        WholeRow(p, row[0], sum(row), dict(zip(Loss, row[1:], strict=True)))
        for p, row in zip(breakdown.packages, whole, strict=True)
    ]


def package_lines(breakdown: ScoreBreakdown, session: Session) -> list[tuple[str, str, str]]:
    """(package title, "3 of 13", what it lost) for each package, the one that lost most
    first; every cause it lost whole points to is named, its own with the reason.

    What lost begins with what the 13 is: the package's value, as the share of the
    project's value the week report names at a sign-off (a playtest could not check
    "of 9 pts" against anything seen in play)."""
    titles = [p.title for p in session.scenario.packages]
    # Biggest loss first as the reader sees it: the whole points shown, then the exact ones.
    rows = sorted(
        whole_rows(breakdown),
        key=lambda r: (r.earned - r.potential, r.package.earned - r.package.potential),
    )
    return [
        (
            titles[row.package.package],
            tr("why.points", earned=number(row.earned, 0), potential=number(row.potential, 0)),
            tr(
                "why.line",
                worth=_worth(row),
                losses=_losses(row, session, round_share(breakdown), shared_parts(breakdown)),
            ),
        )
        for row in rows
    ]


def _worth(row: WholeRow) -> str:
    """'worth 13 pts: 13% of the project's value': the line's "of 13" in play's words."""
    value = tr("format.percent", n=number(row.potential, 0))
    return tr("why.worth", potential=number(row.potential, 0), value=value)


def _losses(row: WholeRow, session: Session, shared: float = 0.0, parts_of_shared: str = "") -> str:
    """ "defects −6 (built at clarity 70%) · late −2": the bar's words, the line's points."""
    parts = []
    for cause in OWN:
        if row.lost[cause] <= 0:
            continue
        lost = number(row.lost[cause], 0)
        why = reason(row.package, cause, session)
        if why is None:
            parts.append(tr("why.loss", cause=loss_name(cause), points=lost))
        else:
            parts.append(tr("why.loss.because", cause=loss_name(cause), points=lost, reason=why))
    # The round's losses (late, verdict, budget) are the whole project's, not this
    # package's doing: the same share of every package, told as that share (in points,
    # rounding put a -1 on some packages and none on others of the same size).
    exact = sum(row.package.lost[cause] for cause in SHARED)
    if shared > 0 and exact > 0:
        text = tr("why.loss.shared", share=percent(shared))
        if parts_of_shared:
            text = tr("why.loss.shared.parts", shared=text, parts=parts_of_shared)
        if sum(row.lost[cause] for cause in SHARED) == 0:
            # Under a whole point on this line: "6 of 6" beside "-14%" read as a
            # contradiction (a playtest); say where the fraction went.
            text = tr("why.loss.shared.rounded", shared=text, points=number(exact, 1))
        parts.append(text)
    return " · ".join(parts) if parts else tr("why.full")


def shared_parts(breakdown: ScoreBreakdown) -> str:
    """'stakeholders' verdict −8%, late −4%': what the round's losses were, each with its
    share of what the packages kept, in whole percents that add up to the share the line
    names (`round_share`, as `percent` rounds it)."""
    return ", ".join(
        tr("why.loss", cause=loss_name(cause), points=tr("format.percent", n=number(k, 0)))
        for cause, k in _shared_percents(breakdown).items()
        if k > 0
    )


def _shared_percents(breakdown: ScoreBreakdown) -> dict[Loss, int]:
    """Each shared cause's share of what the packages kept, in whole percents that add up
    to `round_share` as `percent` rounds it (all zero when nothing was kept)."""
    kept = _kept(breakdown)
    if kept <= 0:
        return dict.fromkeys(SHARED, 0)
    exact = [100 * breakdown.lost(cause) / kept for cause in SHARED]
    shown = whole_parts(exact, round(100 * round_share(breakdown)))
    return dict(zip(SHARED, shown, strict=True))


def round_share(breakdown: ScoreBreakdown) -> float:
    """The share of what each package kept after its own losses that the round's shared
    losses took (the same for every package: the score's factors multiply)."""
    kept = _kept(breakdown)
    lost = sum(p.lost[cause] for p in breakdown.packages for cause in SHARED)
    return lost / kept if kept > 0 else 0.0


def _kept(breakdown: ScoreBreakdown) -> float:
    """Points the packages kept after their own losses: what the round's losses took from."""
    return sum(p.potential - p.own_loss for p in breakdown.packages)


def shared_line(breakdown: ScoreBreakdown, session: Session) -> str | None:
    """The causes the whole project shares, with their whole points and why (None when
    the round lost nothing to them): each package lost its share of them in proportion."""
    totals = dict(_bar_columns(breakdown))
    parts = []
    for cause in SHARED:
        if totals[cause] <= 0:
            continue
        lost = number(totals[cause], 0)
        if cause is Loss.VERDICT:
            why = _verdict_reason(breakdown, session)
        elif cause is Loss.LATE:
            n = breakdown.late_turns
            label = turn_word(session.scenario.turn_label, many=n != 1)
            # The week report's "each late week costs 6% of the score", and what that made
            # of it here: a share of what the verdict left (playtest 8 expected 3 x 6%).
            each = session.params.scoring.late_penalty
            why = tr(
                "why.shared.late",
                n=n,
                label=label,
                each=percent(each),
                total=percent(min(1.0, each * n)),
            )
        elif cause is Loss.BUDGET:
            why = tr("why.shared.budget", spent=percent(breakdown.budget_used))
        else:
            why = tr("why.shared.cancelled")
        parts.append(tr("why.loss.because", cause=loss_name(cause), points=lost, reason=why))
    if not parts:
        return None
    return tr("why.shared", share=percent(round_share(breakdown)), parts=" · ".join(parts))


def _verdict_reason(breakdown: ScoreBreakdown, session: Session) -> str:
    """'70% satisfied at the end; the missing 30% (Dana 25%, the sponsor 5%) × the
    verdict's weight 60% = 18%': whose dissatisfaction cost what, each one's weight in the
    verdict times what they missed, in whole percents that add up to the missing share as
    it is shown, and what that cost as the line of every package names it."""
    weights = verdict_weights(session.params)
    state = session.state
    missing = [
        float(w * (1.0 - sat)) for w, sat in zip(weights, state.satisfaction[0], strict=True)
    ]
    missing.append(float((1.0 - weights.sum()) * (1.0 - state.sponsor[0])))
    names = [*first_names(session.scenario), tr("why.sponsor")]
    total = round(100 * (1.0 - breakdown.verdict))
    shown = whole_parts([100 * m for m in missing], total) if total > 0 else []
    parts = sorted(
        ((k, name) for k, name in zip(shown, names, strict=True) if k > 0), key=lambda p: -p[0]
    )
    verdict = tr("why.shared.verdict", verdict=percent(breakdown.verdict))
    if not parts:
        return verdict
    who = ", ".join(f"{name} {tr('format.percent', n=number(k, 0))}" for k, name in parts)
    # What was missing is not what it cost: a verdict of nothing still keeps the floor's
    # share of the score ("the missing 30%" beside "took 18%" read as an error).
    weight = 1.0 - session.params.scoring.verdict_floor
    cost = tr("format.percent", n=number(_shared_percents(breakdown)[Loss.VERDICT], 0))
    return tr(
        "why.shared.verdict.who",
        verdict=verdict,
        missing=percent(total / 100),
        who=who,
        weight=percent(weight),
        cost=cost,
    )


def summary(breakdown: ScoreBreakdown) -> list[tuple[Loss | None, float, str]]:
    """The score bar's parts: (cause, points, "defects 40"); None is the score itself.

    The labels are whole points that add up to what the bar covers, as a reader checks
    them (see `_bar_columns`). Causes that round to nothing are left out."""
    columns = _bar_columns(breakdown)
    parts: list[tuple[Loss | None, float, str]] = [
        (None, breakdown.score, f"{tr('why.legend.earned')} {number(columns[0][1], 0)}")
    ]
    for cause, whole in columns[1:]:
        if whole > 0 and cause is not None:
            lost = breakdown.lost(cause)
            parts.append((cause, lost, f"{loss_name(cause)} {number(whole, 0)}"))
    return parts


def _bar_columns(breakdown: ScoreBreakdown) -> list[tuple[Loss | None, int]]:
    """The bar's parts in whole points, the score (None) first, then each cause: the score
    as the heading rounds it, and the rest shared among the causes by largest remainder
    (rounding each on its own once showed 67 + 17 + 12 + 4.3 = 100.3)."""
    score = round(breakdown.score)
    losses = [breakdown.lost(cause) for cause in Loss]
    whole = round(breakdown.score + sum(losses))  # 100: the bar's width
    shown = whole_parts(losses, whole - score)
    return [(None, score), *zip(Loss, shown, strict=True)]


def _controlled_rounding(values: list[list[float]], column_totals: list[int]) -> list[list[int]]:
    """Whole numbers near `values` (each its floor or its ceiling) whose columns add up to
    `column_totals`, and whose rows stay as near their own sums as the columns allow.

    Column by column, the cells rounded up are those whose rows have so far been shown
    the most below their true sum; a last pass trades a point within a column between a
    row shown a whole point too high and one too low, while such a trade exists."""
    rows = range(len(values))
    whole = [[math.floor(v + EPSILON) for v in row] for row in values]
    for j, total in enumerate(column_totals):
        behind = [sum(values[i][:j]) - sum(whole[i][:j]) for i in rows]
        fraction = [values[i][j] - whole[i][j] for i in rows]
        candidates = sorted(
            (i for i in rows if fraction[i] > EPSILON),
            key=lambda i: behind[i] + fraction[i],
            reverse=True,
        )
        for i in candidates[: max(0, total - sum(whole[i][j] for i in rows))]:
            whole[i][j] += 1
    while True:
        drift = [sum(whole[i]) - sum(values[i]) for i in rows]
        high, low = max(rows, key=lambda i: drift[i]), min(rows, key=lambda i: drift[i])
        if drift[high] < 1.0 - EPSILON and drift[low] > EPSILON - 1.0:
            return whole
        # A trade only where it brings the two rows nearer (so the passes end).
        if drift[high] - drift[low] <= 1.0 + EPSILON:
            return whole
        trade = next(
            (
                j
                for j in range(len(column_totals))
                if whole[high][j] > values[high][j] + EPSILON
                and whole[low][j] < values[low][j] - EPSILON
            ),
            None,
        )
        if trade is None:
            return whole
        whole[high][trade] -= 1
        whole[low][trade] += 1
