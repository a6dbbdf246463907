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
    Causes that cost under half a point are left out, so the parts add up to 100 less
    those crumbs."""
    parts: list[tuple[Loss | None, float, str]] = [
        (None, breakdown.score, f"{tr('why.legend.earned')} {points(breakdown.score)}")
    ]
    for cause in Loss:
        lost = breakdown.lost(cause)
        if lost >= 0.5:  # under half a point rounds to nothing on the bar's label
            parts.append((cause, lost, f"{loss_name(cause)} {points(lost)}"))
    return parts
