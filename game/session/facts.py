"""The facts of one turn, worked out once from its log: what was rejected and why, what was
signed off, what testing found, who complained, whose trust moved and why.

Three narrators render them: the transcript (the designer's English, the whole truth),
the week report (the player's language, what IT can see) and the debrief's key moments.
They choose facts and word them; none works out again from the log who did what and why.
Facts are numbers and indexes, never words. What is too small to be news (a find under
MINOR_REWORK, a trust move under MINOR_TRUST) is not a fact.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from game.model import Channel, Observation, Params, TurnLog
from game.model.rules.stakeholders import NO_COMPLAINT
from game.model.state import AWAITING
from game.model.step import in_syndrome

F64 = npt.NDArray[np.float64]

# Finds smaller than this (in points) are routine and would only clutter the story.
MINOR_REWORK = 0.25
# Trust moves smaller than this are the weekly drift; they are not news.
MINOR_TRUST = 0.02
# Below this clarity the owner's needs count as unclear: the cause, not the tests, is the story.
UNCLEAR = 0.6
# The time the player spends with one person, in the order the week report tells it.
CONTACTS = (Channel.CLARIFY, Channel.DEMO, Channel.RESET)


class Cause(StrEnum):
    """Why work came back: it was built while the owner's needs were unclear, or it simply
    had defects (built clear enough, or at a clarity nobody knows)."""

    UNCLEAR = "unclear"
    DEFECTS = "defects"


class TrustCause(StrEnum):
    """Why a stakeholder's trust moved, the most telling of the turn's facts."""

    REJECTION = "rejection"  # they rejected a package of theirs
    ESCALATION = "escalation"  # the player went over their head
    FAVOUR = "favour"  # they granted a favour (trust spent)
    SIGNOFF = "signoff"  # they signed a package of theirs off
    NEWS = "news"  # an event touched their trust
    CONTACT = "contact"  # time with them, and trust rose
    DESPITE = "despite"  # time with them, and trust fell all the same
    NONE = "none"  # no contact at all


@dataclass(frozen=True)
class EventFired:
    event: int


@dataclass(frozen=True)
class Rejection:
    """The owner's acceptance test found defects and the package went back to the team."""

    package: int
    owner: int
    found: float  # points of defects the test found
    clarity: float  # clarity the found work had been built at
    trust: float  # the owner's trust at the decision
    cause: Cause


@dataclass(frozen=True)
class SignOff:
    package: int
    owner: int
    known_defects: float  # points the acceptance test found and the owner accepted anyway

    @property
    def with_defects(self) -> bool:
        """Whether the known defects are worth telling (MINOR_REWORK or more)."""
        return self.known_defects >= MINOR_REWORK


@dataclass(frozen=True)
class ReworkFound:
    """The team's own testing found work to redo (MINOR_REWORK points or more)."""

    package: int
    owner: int
    found: float
    clarity: float  # clarity the found work had been built at (NaN if not known)
    cause: Cause


@dataclass(frozen=True)
class HandedOver:
    """A package was finished and now awaits its owner's sign-off."""

    package: int
    owner: int


@dataclass(frozen=True)
class Escalation:
    """A stakeholder went to the sponsor about the project."""

    stakeholder: int
    support: float  # the sponsor's support after the turn


@dataclass(frozen=True)
class ForcedDecision:
    """The player went over a stakeholder's head."""

    stakeholder: int
    awaiting: bool  # something of theirs awaited sign-off, so a decision was forced


@dataclass(frozen=True)
class Favour:
    """The player asked a stakeholder for a favour."""

    stakeholder: int
    granted: bool
    expert: bool  # granted with nothing of theirs awaiting sign-off: they lent an expert
    trust: float  # their trust before the turn (a favour needs enough of it)


@dataclass(frozen=True)
class Contact:
    """Time the player spent with one stakeholder on `channel` (clarify, demo, reset)."""

    stakeholder: int
    channel: Channel


@dataclass(frozen=True)
class Complaint:
    """A complaint a stakeholder voiced this turn and had not voiced the turn before."""

    stakeholder: int
    code: int  # index into rules.stakeholders.COMPLAINTS


@dataclass(frozen=True)
class TrustMove:
    """A stakeholder's trust moved by MINOR_TRUST or more (whether IT can see it or not)."""

    stakeholder: int
    before: float
    after: float
    cause: TrustCause

    @property
    def rose(self) -> bool:
        return self.after > self.before


@dataclass(frozen=True)
class Syndrome:
    """The 90% syndrome this turn: IT reports nearly done, the truth lags far behind."""

    reported: float
    true: float


@dataclass(frozen=True)
class TurnFacts:
    """Everything worth telling about one turn of one game, each kind in index order."""

    turn: int  # 1-based
    events: tuple[EventFired, ...]
    rejections: tuple[Rejection, ...]
    signoffs: tuple[SignOff, ...]
    rework: tuple[ReworkFound, ...]
    handovers: tuple[HandedOver, ...]
    escalations: tuple[Escalation, ...]
    forced: tuple[ForcedDecision, ...]
    favours: tuple[Favour, ...]
    contacts: tuple[Contact, ...]  # clarify, then demo, then reset
    steering: bool  # the player met the sponsor
    complaints: tuple[Complaint, ...]
    trust: tuple[TrustMove, ...]
    syndrome: Syndrome | None
    cancelled: bool


def _cause(clarity: float) -> Cause:
    return Cause.UNCLEAR if clarity < UNCLEAR else Cause.DEFECTS


def _asked(plan: F64, params: Params, channel: Channel) -> list[int]:
    """Stakeholders the (A, T) `plan` aimed `channel` at."""
    rows = params.action_effect[:, channel] > 0
    aimed = (plan[rows, : params.n_stakeholders] > 0).any(axis=0)
    return [int(s) for s in np.flatnonzero(aimed)]


class _Turn:
    """Reads game `i`'s log of one turn: the facts, one kind at a time."""

    def __init__(self, params: Params, log: TurnLog, plan: F64, i: int) -> None:
        self.params, self.log, self.plan, self.i = params, log, plan, i
        self.owner = [int(k) for k in params.owner]

    def packages(self, mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
        """(package, owner) for each package set in game i's row of the (N, P) `mask`."""
        return [(int(p), self.owner[p]) for p in np.flatnonzero(mask[self.i])]

    def mine(self, s: int, mask: npt.NDArray[np.bool_]) -> bool:
        """Whether any of stakeholder `s`'s packages is set in the (P,) `mask`."""
        return any(mask[p] for p, k in enumerate(self.owner) if k == s)

    def rejections(self) -> tuple[Rejection, ...]:
        log, i = self.log, self.i
        return tuple(
            Rejection(
                p,
                k,
                float(log.acceptance_found[i, p]),
                float(log.acceptance_cause_clarity[i, p]),
                float(log.decision_trust[i, p]),
                _cause(log.acceptance_cause_clarity[i, p]),
            )
            for p, k in self.packages(log.rejected)
        )

    def rework(self) -> tuple[ReworkFound, ...]:
        log, i = self.log, self.i
        return tuple(
            ReworkFound(
                p,
                k,
                float(log.rework_found[i, p]),
                float(log.rework_cause_clarity[i, p]),
                _cause(log.rework_cause_clarity[i, p]),
            )
            for p, k in self.packages(log.rework_found >= MINOR_REWORK)
        )

    def favours(self) -> tuple[Favour, ...]:
        log, i = self.log, self.i
        return tuple(
            Favour(
                s,
                bool(log.favour_granted[i, s]),
                bool(log.favour_expert[i, s]),
                float(log.trust_before[i, s]),
            )
            for s in _asked(self.plan, self.params, Channel.FAVOUR)
        )

    def complaints(self, previous: TurnLog | None) -> tuple[Complaint, ...]:
        """Only fresh complaints are news: what they said last turn was heard then."""
        said = self.log.complaint[self.i]
        heard = previous.complaint[self.i] if previous is not None else NO_COMPLAINT
        fresh = (said != NO_COMPLAINT) & (said != heard)
        return tuple(Complaint(int(s), int(said[s])) for s in np.flatnonzero(fresh))

    def trust(self) -> tuple[TrustMove, ...]:
        log, i = self.log, self.i
        before, after = log.trust_before[i], log.trust_after[i]
        moved = np.flatnonzero(np.abs(after - before) >= MINOR_TRUST)
        return tuple(
            TrustMove(int(s), float(before[s]), float(after[s]), self.trust_cause(int(s)))
            for s in moved
        )

    def trust_cause(self, s: int) -> TrustCause:
        """Why stakeholder `s`'s trust moved, from the turn's facts (most telling first)."""
        log, i = self.log, self.i
        rose = log.trust_after[i, s] > log.trust_before[i, s]
        causes = [
            (self.mine(s, log.rejected[i]), TrustCause.REJECTION),
            (s in _asked(self.plan, self.params, Channel.ESCALATE), TrustCause.ESCALATION),
            (log.favour_granted[i, s], TrustCause.FAVOUR),
            (self.mine(s, log.accepted[i]), TrustCause.SIGNOFF),
            ((self.params.events.trust[log.events[i], s] != 0).any(), TrustCause.NEWS),
            (log.contacted[i, s] and rose, TrustCause.CONTACT),
            (log.contacted[i, s], TrustCause.DESPITE),
        ]
        return next((why for true, why in causes if true), TrustCause.NONE)

    def syndrome(self) -> Syndrome | None:
        """The same test the model uses for state.syndrome."""
        log, i = self.log, self.i
        if not in_syndrome(log.reported_progress, log.true_progress)[i]:
            return None
        return Syndrome(float(log.reported_progress[i]), float(log.true_progress[i]))


def turn_facts(
    params: Params,
    log: TurnLog,
    plan: F64,
    before: Observation,
    previous: TurnLog | None = None,
    i: int = 0,
) -> TurnFacts:
    """The facts of game `i`'s turn, from its log, its (A, T) `plan`, what IT saw before
    the turn (`before`) and the turn before's log (`previous`, None for the first turn)."""
    turn = _Turn(params, log, plan, i)
    awaiting = before.package_status[i] == AWAITING
    steering = params.action_effect[:, Channel.SPONSOR] > 0
    return TurnFacts(
        turn=int(log.turn[i]) + 1,
        events=tuple(EventFired(int(e)) for e in np.flatnonzero(log.events[i])),
        rejections=turn.rejections(),
        signoffs=tuple(
            SignOff(p, k, float(log.acceptance_found[i, p])) for p, k in turn.packages(log.accepted)
        ),
        rework=turn.rework(),
        handovers=tuple(HandedOver(p, k) for p, k in turn.packages(log.finished)),
        escalations=tuple(
            Escalation(int(s), float(log.sponsor[i])) for s in np.flatnonzero(log.escalated[i])
        ),
        forced=tuple(
            ForcedDecision(s, turn.mine(s, awaiting))
            for s in _asked(plan, params, Channel.ESCALATE)
        ),
        favours=turn.favours(),
        contacts=tuple(
            Contact(s, channel) for channel in CONTACTS for s in _asked(plan, params, channel)
        ),
        steering=bool(plan[steering].any()),
        complaints=turn.complaints(previous),
        trust=turn.trust(),
        syndrome=turn.syndrome(),
        cancelled=bool(log.cancelled[i]),
    )


def game_facts(
    params: Params,
    logs: Sequence[TurnLog],
    plans: Sequence[F64],
    observations: Sequence[Observation],
    i: int = 0,
) -> Iterator[TurnFacts]:
    """The facts of game `i`'s turns in order, while it was running.

    `plans` are game i's (A, T) plans; `observations` what IT saw before each turn.
    """
    previous = None
    for log, plan, before in zip(logs, plans, observations, strict=True):
        if not log.active[i]:
            return
        yield turn_facts(params, log, plan, before, previous, i)
        previous = log
