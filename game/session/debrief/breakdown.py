"""Why the round scored what it did: the score split into what each package brought and
what it lost, and why.

The score is `100 x accepted value net of defects x verdict x schedule x budget x
cancellation` (game/model/score.py). Its first factor is a sum over packages, so every
package owns a slice of the 100 points (its `potential`) and the score is the sum of what
each package kept of its slice. A package loses its whole slice when it was not signed off,
part of it to the defects it went live with, and the rest of what it lost goes to the
round's shared factors, taken one after another in the order they multiply.

Nothing here restates a rule: each package's value and its value net of defects come from
`outcome` itself, asked about the same final state with only that package accepted.
"""

from dataclasses import dataclass, fields, replace
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from game.model import outcome
from game.model.state import ACCEPTED, AWAITING, OPEN, State
from game.session.session import Session

F64 = npt.NDArray[np.float64]

# A package lost less than this many points to a cause: not worth a word on a projector.
NEGLIGIBLE = 0.05


class Loss(StrEnum):
    """Why a package did not bring all of its points."""

    NOT_BUILT = "not_built"  # never handed over for sign-off
    REJECTED = "rejected"  # handed over, sent back, not redone in time
    WAITING = "waiting"  # still awaiting its owner's sign-off at the end
    DEFECTS = "defects"  # went live with defects
    VERDICT = "verdict"  # the stakeholders' and the sponsor's verdict (shared)
    LATE = "late"  # finished after the deadline (shared)
    BUDGET = "budget"  # over budget (shared)
    CANCELLED = "cancelled"  # the sponsor cancelled the project (shared)


# The causes of a package's own, in the order a debrief tells them.
OWN = (Loss.NOT_BUILT, Loss.REJECTED, Loss.WAITING, Loss.DEFECTS)
# The round's factors every accepted package shares, in the order the score multiplies them.
SHARED = (Loss.VERDICT, Loss.LATE, Loss.BUDGET, Loss.CANCELLED)


@dataclass(frozen=True)
class PackageScore:
    """What one package could have brought, what it brought, and what it lost, in points."""

    package: int
    owner: int
    potential: float  # its slice of the 100 points: its share of the scenario's value
    earned: float  # what it added to the score
    lost: dict[Loss, float]  # every cause it lost points to (zero where none)
    clarity: float  # mean clarity its faulty work was built at (NaN when none was found)
    owner_trust: float  # the owner's trust at the last sign-off decision (at the end if none)
    rework_found: float  # points of rework found in it, by tests and by its owner
    rejections: int
    faulty: float = 0.0  # points of it faulty at the end (hidden rework and known defects)
    scope: float = 0.0  # its size in points at the end
    planned: float = 0.0  # its size as the scenario planned it (before found rework grew it)
    known_at_signoff: float = 0.0  # points of defects its owner's acceptance test found

    @property
    def own_loss(self) -> float:
        """Points lost for reasons of this package's own (not the round's shared factors)."""
        return sum(self.lost[cause] for cause in OWN)

    @property
    def cause(self) -> Loss | None:
        """The package's own cause that cost it most, None when it lost nothing of its own."""
        worst = max(OWN, key=lambda c: self.lost[c])
        return worst if self.lost[worst] >= NEGLIGIBLE else None


@dataclass(frozen=True)
class ScoreBreakdown:
    """The score of one (N = 1) game, package by package; `earned` adds up to `score`."""

    score: float
    packages: tuple[PackageScore, ...]  # in scenario order
    late_turns: int
    # Why the shared factors cost what they did, for the words (read off `outcome`).
    verdict: float  # the stakeholders' and the sponsor's satisfaction at the end
    budget_used: float  # budget spent as a share of the budget (1.0 = all of it)

    def lost(self, cause: Loss) -> float:
        """Points lost to `cause` over all packages."""
        return sum(p.lost[cause] for p in self.packages)

    def worst_first(self) -> list[PackageScore]:
        """The packages, the one that lost most points first (scenario order on ties)."""
        return sorted(self.packages, key=lambda p: -(p.potential - p.earned))


def _each_package_alone(state: State, n: int) -> State:
    """The final state of game 0 copied `n` times; copy k has only package k accepted."""
    alone = replace(
        state, **{f.name: getattr(state, f.name)[[0] * n].copy() for f in fields(state)}
    )
    alone.status = np.where(np.eye(n, dtype=bool), ACCEPTED, OPEN)
    return alone


def _decisions(session: Session) -> tuple[F64, F64, F64, F64]:
    """Per package: the mean clarity of its work found faulty (NaN if none), the owner's
    trust at the last sign-off decision (NaN if none), rework found, and rejections."""
    P = session.params.n_packages
    found, weighted = np.zeros(P), np.zeros(P)
    trust, rejections = np.full(P, np.nan), np.zeros(P)
    for log in (log for log in session.logs if log.active[0]):
        for amount, clarity in (
            (log.rework_found[0], log.rework_cause_clarity[0]),
            (log.acceptance_found[0], log.acceptance_cause_clarity[0]),
        ):
            known = np.isfinite(clarity) & (amount > 0)
            found += amount
            weighted += np.where(known, amount * np.nan_to_num(clarity), 0.0)
        decided = log.accepted[0] | log.rejected[0]
        trust = np.where(decided, log.decision_trust[0], trust)
        rejections += log.rejected[0]
    # Rework still hidden at the end went live (or waits) with the clarity it was built at.
    state = session.state
    hidden = state.hidden[0]
    weight = found + hidden
    weighted += np.where(hidden > 0, hidden * np.nan_to_num(state.hidden_clarity[0]), 0.0)
    clarity = np.divide(weighted, weight, out=np.full(P, np.nan), where=weight > 0)
    return clarity, trust, found, rejections


def score_breakdown(session: Session) -> ScoreBreakdown:
    """The session's score split by package and cause (see the module's docstring).

    Works on a round in play too: the score then is the provisional one.
    """
    state, params = session.state, session.params
    result = outcome(state, params)
    P = params.n_packages
    alone = outcome(_each_package_alone(state, P), params)
    value = 100.0 * alone.value_delivered  # (P,) each package's slice of the 100 points
    net = 100.0 * alone.quality  # (P,) what is left of it after its defects
    status = state.status[0]
    accepted = status == ACCEPTED
    clarity, decision_trust, found, rejections = _decisions(session)
    # Defects known when it was signed off, as the week report named them then.
    known = sum((log.acceptance_found[0] * log.accepted[0] for log in session.logs), np.zeros(P))
    owner = params.owner
    owner_trust = np.where(np.isfinite(decision_trust), decision_trust, state.trust[0, owner])
    factors = [
        float(result.verdict_factor[0]),
        float(result.schedule_factor[0]),
        float(result.budget_factor[0]),
        float(result.cancel_factor[0]),
    ]
    packages = []
    for p in range(P):
        lost = dict.fromkeys(Loss, 0.0)
        if not accepted[p]:
            built = state.finish_turn[0, p] >= 0
            why = Loss.WAITING if status[p] == AWAITING else Loss.NOT_BUILT
            lost[Loss.REJECTED if built and status[p] == OPEN else why] = float(value[p])
            kept = 0.0
        else:
            lost[Loss.DEFECTS] = float(value[p] - net[p])
            kept = float(net[p])
        for cause, factor in zip(SHARED, factors, strict=True):
            lost[cause] = kept * (1.0 - factor)
            kept *= factor
        packages.append(
            PackageScore(
                package=p,
                owner=int(owner[p]),
                potential=float(value[p]),
                earned=kept,
                lost=lost,
                clarity=float(clarity[p]),
                owner_trust=float(owner_trust[p]),
                rework_found=float(found[p]),
                rejections=int(rejections[p]),
                faulty=float(state.hidden[0, p] + state.defects[0, p]),
                scope=float(state.scope[0, p]),
                planned=float(params.size[p]),
                known_at_signoff=float(known[p]),
            )
        )
    return ScoreBreakdown(
        float(result.score[0]),
        tuple(packages),
        int(result.late_turns[0]),
        verdict=float(result.verdict[0]),
        budget_used=float(state.budget_spent[0] / params.budget),
    )
