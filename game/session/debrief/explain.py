"""The score breakdown in words: a line a package, and the names of the causes.

The sentences come from the catalogue (keys "why.*"), in the language in effect when they
are made, like the key moments'.
"""

import math

from game.i18n import number, percent, tr
from game.session.debrief.breakdown import Loss, PackageScore, ScoreBreakdown
from game.session.session import Session
from game.session.transcript import first_names

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


def why_not_more(package: PackageScore, session: Session) -> str:
    """Why `package` did not bring its whole share, its own worst cause first."""
    cause = package.cause
    if cause is None:
        full = package.potential - package.earned < 0.05
        return tr("why.full" if full else "why.shared_only")
    if cause is Loss.NOT_BUILT:
        return tr("why.not_built")
    if cause is Loss.REJECTED:
        return tr("why.rejected", found=number(package.rework_found, 1))
    if cause is Loss.WAITING:
        name = first_names(session.scenario)[package.owner]
        return tr("why.waiting", name=name, trust=percent(package.owner_trust))
    if math.isnan(package.clarity):
        return tr("why.defects.plain")
    return tr("why.defects", clarity=percent(package.clarity))


def package_lines(breakdown: ScoreBreakdown, session: Session) -> list[tuple[str, str, str]]:
    """(package title, "3 of 13", why) for each package, the one that lost most first."""
    titles = [p.title for p in session.scenario.packages]
    return [
        (
            titles[p.package],
            tr("why.points", earned=points(p.earned), potential=points(p.potential)),
            why_not_more(p, session),
        )
        for p in breakdown.worst_first()
    ]


def summary(breakdown: ScoreBreakdown) -> list[tuple[Loss | None, float, str]]:
    """The score bar's parts: (cause, points, "defects 40"); None is the score itself.

    The labels are whole points that add up to what the bar covers, as a reader checks
    them: the score as the heading rounds it, and the rest shared among the causes by
    largest remainder (rounding each on its own once showed 67 + 17 + 12 + 4.3 = 100.3).
    Causes that round to nothing are left out."""
    score = round(breakdown.score)
    losses = [(cause, breakdown.lost(cause)) for cause in Loss]
    whole = round(breakdown.score + sum(lost for _, lost in losses))  # 100: the bar's width
    shown = _whole_parts([lost for _, lost in losses], whole - score)
    parts: list[tuple[Loss | None, float, str]] = [
        (None, breakdown.score, f"{tr('why.legend.earned')} {number(score, 0)}")
    ]
    for (cause, lost), whole in zip(losses, shown, strict=True):
        if whole > 0:
            parts.append((cause, lost, f"{loss_name(cause)} {number(whole, 0)}"))
    return parts


def _whole_parts(values: list[float], total: int) -> list[int]:
    """Whole numbers near `values` that add up to `total` (largest remainder)."""
    floors = [int(v) for v in values]
    order = sorted(range(len(values)), key=lambda k: values[k] - floors[k], reverse=True)
    for k in order[: max(0, total - sum(floors))]:
        floors[k] += 1
    return floors
