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

from game.i18n import percent
from game.model import Channel, Observation, Params, State, TurnLog
from game.model.channels import PROJECT_EFFECTS
from game.model.rules.events import apply_effects
from game.model.rules.intensity import resolve
from game.model.rules.project import SponsorTerm
from game.model.rules.relationships import TrustTerm
from game.model.rules.stakeholders import NO_COMPLAINT, grievances
from game.model.rules.work import fatigue_strain, micromanagement
from game.model.state import AWAITING
from game.model.step import in_syndrome

F64 = npt.NDArray[np.float64]

# Finds smaller than this (in points) are routine and would only clutter the story.
MINOR_REWORK = 0.25
# Known defects (accepted with a package) are named from this many points on, and told
# in tenths, everywhere they are told: the week report, the board, "Through their eyes"
# (a playtest saw 0.2 pts named in one and not in the others). See `shown_defects`.
KNOWN_DEFECTS = MINOR_REWORK
# Trust moves smaller than this are the weekly drift; they are not news.
MINOR_TRUST = 0.02
# Below this clarity the owner's needs count as unclear: the cause, not the tests, is the story.
UNCLEAR = 0.6
# The time the player spends with one person, in the order the week report tells it.
CONTACTS = (Channel.CLARIFY, Channel.DEMO, Channel.RESET)


SPONSOR_EFFECT = PROJECT_EFFECTS.index("sponsor")  # columns of params.events.project
BUDGET_EFFECT = PROJECT_EFFECTS.index("budget")


class Cause(StrEnum):
    """Why work came back: it was built while the owner's needs were unclear, or it simply
    had defects (built clear enough, or at a clarity nobody knows)."""

    UNCLEAR = "unclear"
    DEFECTS = "defects"


class SponsorCause(StrEnum):
    """What moved the sponsor's support this turn: the terms of the model's sponsor rule
    (rules.project.update_project, rules.stakeholders.escalate, rules.events) that applied."""

    SIGNOFF = "signoff"  # packages were signed off (support rises with delivered value)
    STEERING = "steering"  # the player gave the sponsor a steering update
    EVENT = "event"  # an event moved support
    FORCED = "forced"  # the player went over someone's head: the sponsor's patience
    ESCALATION = "escalation"  # stakeholders complained to the sponsor
    LATE = "late"  # the project is past its deadline
    OVER_BUDGET = "over_budget"  # the project has spent more than its budget
    FADE = "fade"  # support fades a little every turn


# The model's terms of a sponsor change (rules.project.SponsorTerm), as causes.
SPONSOR_CAUSES = {
    SponsorTerm.NEWS: SponsorCause.EVENT,
    SponsorTerm.COMPLAINT: SponsorCause.ESCALATION,
    SponsorTerm.SIGNOFF: SponsorCause.SIGNOFF,
    SponsorTerm.STEERING: SponsorCause.STEERING,
    SponsorTerm.LATE: SponsorCause.LATE,
    SponsorTerm.OVER_BUDGET: SponsorCause.OVER_BUDGET,
    SponsorTerm.FORCED: SponsorCause.FORCED,
    SponsorTerm.FADE: SponsorCause.FADE,
}


class BudgetCause(StrEnum):
    """What the budget was spent on this turn (rules.project, rules.events)."""

    TEAM = "team"  # the team's pay for the turn, every turn
    OVERTIME = "overtime"  # overtime is paid extra
    EVENT = "event"  # an event took money (or gave it back)


@dataclass(frozen=True)
class SponsorMove:
    """Sponsor support before and after the turn and why it moved: the model's parts of
    the change worth telling, largest first (a sign-off can soften a week that fell)."""

    before: float
    after: float
    causes: tuple[SponsorCause, ...]
    amounts: tuple[float, ...]  # each cause's part of the change (every nonzero part)
    events: tuple[int, ...]  # the events among the causes
    signed_off: int  # packages signed off this turn
    complained: tuple[int, ...]  # stakeholders who went to the sponsor
    forced: tuple[int, ...]  # stakeholders the player went over the head of


@dataclass(frozen=True)
class BudgetMove:
    """Budget left (in money, as params.budget) before and after the turn and why it moved."""

    before: float
    after: float
    causes: tuple[BudgetCause, ...]
    events: tuple[int, ...]  # the events among the causes
    overtime: float  # overtime points paid this turn


@dataclass(frozen=True)
class Stocks:
    """How the turn moved the project's sponsor support and budget, and why."""

    sponsor: SponsorMove
    budget: BudgetMove


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
        """Whether the known defects are worth telling (see `shown_defects`)."""
        return shown_defects(self.known_defects)


def shown_defects(points: float) -> bool:
    """Whether `points` of known defects are named at all (KNOWN_DEFECTS or more): one
    rule for every screen that tells them."""
    return points >= KNOWN_DEFECTS


def visibly_moved(before: float, after: float) -> bool:
    """Whether a share moved as the screens show it (the whole percent changed): one rule
    for the bars, the week report and Through their eyes."""
    return percent(before) != percent(after)


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
    left: float = 0.0  # known work it went with, too little to keep it open: now untested


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
    cause: TrustTerm  # the largest part that moved it the way it went
    parts: tuple[tuple[TrustTerm, float], ...]  # every part of the change, largest first

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
        return tuple(trust_move(log, int(s), i) for s in moved)

    def syndrome(self) -> Syndrome | None:
        """The same test the model uses for state.syndrome."""
        log, i = self.log, self.i
        if not in_syndrome(log.reported_progress, log.true_progress)[i]:
            return None
        return Syndrome(float(log.reported_progress[i]), float(log.true_progress[i]))


def trust_move(log: TurnLog, s: int, i: int = 0) -> TrustMove:
    """Stakeholder `s`'s trust in game `i`'s turn, with the model's parts of its change."""
    before, after = float(log.trust_before[i, s]), float(log.trust_after[i, s])
    parts = log.trust_parts[i, s]
    told = sorted(
        ((TrustTerm(int(k)), float(parts[k])) for k in np.flatnonzero(parts)),
        key=lambda part: -abs(part[1]),
    )
    # The cause is the largest part pushing the way trust went (a part pushing the other
    # way only slowed it).
    direction = 1.0 if after >= before else -1.0
    cause = TrustTerm(int(np.argmax(parts * direction)))
    return TrustMove(s, before, after, cause, tuple(told))


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
        handovers=tuple(
            HandedOver(p, k, float(log.left_at_handover[i, p]))
            for p, k in turn.packages(log.finished)
        ),
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


def _events_moving(params: Params, log: TurnLog, column: int, rose: bool, i: int) -> list[int]:
    """Events fired in game `i`'s turn whose effect in `column` of params.events.project
    went the way the stock went (up if `rose`)."""
    effect = params.events.project[:, column]
    fired = log.events[i] & ((effect > 0) if rose else (effect < 0))
    return [int(e) for e in np.flatnonzero(fired)]


def _sponsor_move(
    params: Params, log: TurnLog, plan: F64, before: Observation, after: Observation, i: int
) -> SponsorMove:
    start, end = float(before.sponsor[i]), float(log.sponsor[i])
    rose = end > start
    events = _events_moving(params, log, SPONSOR_EFFECT, rose, i)
    signed = int(log.accepted[i].sum())
    complained = tuple(int(s) for s in np.flatnonzero(log.escalated[i]))
    forced = tuple(_asked(plan, params, Channel.ESCALATE))
    parts = log.sponsor_parts[i]
    told = sorted((int(k) for k in np.flatnonzero(parts)), key=lambda k: -abs(parts[k]))
    causes = tuple(SPONSOR_CAUSES[SponsorTerm(k)] for k in told)
    amounts = tuple(float(parts[k]) for k in told)
    return SponsorMove(start, end, causes, amounts, tuple(events), signed, complained, forced)


def _budget_move(
    params: Params, log: TurnLog, before: Observation, after: Observation, i: int
) -> BudgetMove:
    start, end = float(before.budget_left[i]), float(after.budget_left[i])
    rose = end > start
    events = _events_moving(params, log, BUDGET_EFFECT, rose, i)
    overtime = float(log.overtime[i])
    found = [(not rose, BudgetCause.TEAM), (not rose and overtime > 0, BudgetCause.OVERTIME)]
    found += [(bool(events), BudgetCause.EVENT)]
    causes = tuple(why for true, why in found if true)
    return BudgetMove(start, end, causes, tuple(events), overtime)


def stock_facts(
    params: Params, log: TurnLog, plan: F64, before: Observation, after: Observation, i: int = 0
) -> Stocks:
    """How game `i`'s turn moved sponsor support and the budget, and which of the model's
    reasons applied: what IT saw before (`before`) and after (`after`) the turn, its log
    and its (A, T) `plan`. A cause is named only where the model applied it this turn."""
    return Stocks(
        _sponsor_move(params, log, plan, before, after, i),
        _budget_move(params, log, before, after, i),
    )


@dataclass(frozen=True)
class Unbuilt:
    """Planned build points that built nothing on one package, and why."""

    package: int
    points: float  # planned points (at the usual pace) whose effort found nothing to build
    blocked_by: tuple[int, ...]  # its dependencies rejected this turn: it was blocked again


@dataclass(frozen=True)
class Pace:
    """The week's build, as rules.work.build made it: the points planned, the work that
    went in, the points that found nothing to build, and what set the team's pace.

    Pace = (1 - fatigue_cost) x (1 - checks_cost) x (1 + luck), the model's productivity."""

    planned: float  # build points the plan put on packages, at the usual pace
    built: float  # work that went into packages
    unbuilt: tuple[Unbuilt, ...]
    fatigue: float  # the team's fatigue when it built
    fatigue_cost: float  # share of pace fatigue took
    sponsor: float  # sponsor support when the team built
    checks_cost: float  # share of pace the sponsor's reports and checks took
    luck: float  # the week's own luck: above 0 a good week, below 0 a slow one

    @property
    def speed(self) -> float:
        return (1.0 - self.fatigue_cost) * (1.0 - self.checks_cost) * (1.0 + self.luck)


def pace_facts(params: Params, log: TurnLog, plan: F64, start: State) -> Pace | None:
    """Game 0's build this turn from its log, its (A, T) `plan` and the true state before
    the turn (`start`, one game); None if no build points were planned.

    The model builds after the turn's events (which may tire the team or move the
    sponsor) and after sign-off (a rejection reopens a package and blocks what depends
    on it); the pace's parts are the model's own terms (rules.work), the luck is what
    is left of the productivity the log implies."""
    acts = resolve(plan[None], plan[None].sum(axis=2), params)
    per_package = acts.build[0]
    planned = float(per_package.sum())
    if planned <= 0:
        return None
    at_build = start.copy()
    apply_effects(at_build, params, log.events[:1].astype(np.float64))
    fatigue_cost = float(params.coef.fatigue_productivity * fatigue_strain(at_build, params)[0])
    checks_cost = float(micromanagement(at_build, params)[0])
    built = float(log.effort[0].sum())
    speed = (built + float(log.wasted[0])) / planned
    usual = (1.0 - fatigue_cost) * (1.0 - checks_cost)
    luck = speed / usual - 1.0 if usual > 0 else 0.0
    unbuilt = []
    for p in np.flatnonzero(per_package > 0):
        lost = float(per_package[p] * speed - log.effort[0, p])
        if lost <= 1e-9 or speed <= 0:
            continue
        deps = np.flatnonzero(params.depends[p] & log.rejected[0])
        blocked = tuple(int(d) for d in deps) if log.effort[0, p] <= 0 else ()
        unbuilt.append(Unbuilt(int(p), lost / speed, blocked))
    return Pace(
        planned,
        built,
        tuple(unbuilt),
        float(at_build.fatigue[0]),
        fatigue_cost,
        float(at_build.sponsor[0]),
        checks_cost,
        luck,
    )


class MoodCause(StrEnum):
    """The terms of rules.stakeholders.satisfaction: what a stakeholder's mood follows."""

    DELIVERY = "delivery"  # what they have seen working against what they expect
    TRUST = "trust"
    DISTANCE = "distance"  # no contact for a while
    MISUNDERSTOOD = "misunderstood"  # unclear needs of work not yet accepted, rejections
    FRICTION = "friction"  # force and defects they met


# Satisfaction moves smaller than this are not a cause worth naming.
MINOR_MOOD = 0.01


@dataclass(frozen=True)
class MoodChange:
    """A stakeholder's face on IT's card changed this turn, and the terms of their
    satisfaction that moved it that way, largest first (each with the satisfaction it
    moved). `remembered`: before the turn the card showed IT's memory of them. (A card
    that falls out of touch keeps the face it last showed: IT remembers what it saw while
    in touch, so going out of touch is never a change.)"""

    stakeholder: int
    before: int  # face (observe.MOOD_NAMES) as the card showed it before the turn
    after: int
    causes: tuple[tuple[MoodCause, float], ...]
    remembered: bool


def satisfaction_terms(state: State, params: Params) -> F64:
    """Each stakeholder's satisfaction split into the terms of rules.stakeholders.satisfaction
    that can move (N, S, 5), in MoodCause order; constants left out."""
    c = params.coef
    held = grievances(state, params)
    delivery = c.sat_gap * (state.seen - state.expectation)
    trust = c.sat_trust * state.trust
    return np.stack([delivery, trust, -held[..., 0], -held[..., 1], -held[..., 2]], axis=2)


def mood_facts(
    params: Params, start: State, end: State, before: Observation, after: Observation
) -> tuple[MoodChange, ...]:
    """Game 0's faces that changed on IT's cards (`before` and `after` the turn, as
    observed), with the terms of the true satisfaction (`start`, `end`) that moved them."""
    moved = satisfaction_terms(end, params)[0] - satisfaction_terms(start, params)[0]
    out = []
    for s in np.flatnonzero(before.mood[0] != after.mood[0]):
        fell = after.mood[0, s] < before.mood[0, s]
        sign = -1.0 if fell else 1.0
        terms = [
            (why, float(moved[s, k]))
            for k, why in enumerate(MoodCause)
            if sign * moved[s, k] >= MINOR_MOOD
        ]
        terms.sort(key=lambda term: -abs(term[1]))
        out.append(
            MoodChange(
                int(s),
                int(before.mood[0, s]),
                int(after.mood[0, s]),
                tuple(terms),
                bool(before.vague[0, s]),
            )
        )
    return tuple(out)
