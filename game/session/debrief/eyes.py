"""Through their eyes: the round as each line manager lived it, week by week.

The debrief's role swap. For one stakeholder and every played week: what they expected
against what they had seen working, their trust and mood (the truth, not IT's card),
when IT spoke to them and about what, what they said and the state behind it, and what
they decided (sign-offs, rejections, escalations, favours) and why.

Nothing here is a rule. The numbers come from the turn logs, the facts of each turn
(game/session/facts.py) and the model's own functions applied to the states the round
went through, which are re-created by replaying its plans (the model is deterministic,
so the replay is the round, bit for bit). Numbers and indexes only: the screen words them.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from game.model import Channel, State, Target, TurnLog
from game.model.observe import mood
from game.model.rules.relationships import TrustTerm, tolerance
from game.model.rules.stakeholders import NO_COMPLAINT, grievances
from game.model.state import ACCEPTED
from game.session.facts import (
    Cause,
    TurnFacts,
    game_facts,
    shown_defects,
    trust_move,
    visibly_moved,
)
from game.session.session import Session

# What a personal action was about: its strongest channel, in the order the turn screen
# lists stakeholder actions (check-in, workshop, demo, reset, favour, escalation).
ABOUT = (
    Channel.TRUST,
    Channel.CLARIFY,
    Channel.DEMO,
    Channel.RESET,
    Channel.FAVOUR,
    Channel.ESCALATE,
)


@dataclass(frozen=True)
class Contact:
    """IT aimed one of the scenario's actions at them this week."""

    action: int  # index into scenario.actions
    label: str  # the scenario's name of the action ("Requirements workshop")
    about: Channel  # its strongest channel: TRUST, CLARIFY, DEMO, RESET, FAVOUR, ESCALATE
    points: float  # capacity points spent on it

    @property
    def over_my_head(self) -> bool:
        """IT went to the sponsor instead of to them: not a conversation (the model agrees:
        an escalation does not count as contact)."""
        return self.about is Channel.ESCALATE


@dataclass(frozen=True)
class Said:
    """Their complaint this week, with the state of the model behind it."""

    code: int  # index into rules.stakeholders.COMPLAINTS (and the catalogue's complaint.N)
    fresh: bool  # they had not said it the week before
    cost: float  # satisfaction the grievance costs them (rules.stakeholders.grievances)
    since_contact: int  # weeks since IT last spoke with them (0: this week)
    expected: float
    seen: float
    tolerance: float  # how far expectations may run ahead of delivery before it hurts
    unclearest: float  # lowest clarity of their work not yet accepted (NaN: none left)
    rejections: int  # times they rejected a package so far
    friction: float  # force and defects they met (0..1)
    overruled: int  # times IT went over their head so far
    defects: float = 0.0  # known defects they live with in their packages (points)


class DecisionKind(StrEnum):
    SIGNOFF = "signoff"
    REJECTION = "rejection"
    ESCALATION = "escalation"  # they went to the sponsor about the project
    FAVOUR = "favour"  # IT asked a favour: granted or refused


class DecisionCause(StrEnum):
    """Why they decided as they did, from what the model recorded of the decision."""

    FAVOUR = "favour"  # a favour bought a quick, fair sign-off
    FORCED = "forced"  # IT went over their head: the sponsor forced a decision
    FORCED_FAIR = "forced_fair"  # the sponsor decided a sign-off they had kept overdue
    OWN = "own"  # in their own time (the more they trust IT, the sooner)
    UNCLEAR = "unclear"  # rejected: built while their needs were unclear
    DEFECTS = "defects"  # rejected: it had defects
    UNHAPPY = "unhappy"  # went to the sponsor: satisfaction too low
    TRUSTED = "trusted"  # favour granted: enough trust to spend
    EXPERT = "expert"  # favour granted with nothing waiting: they lent an expert
    TOO_LITTLE_TRUST = "too_little_trust"  # favour refused


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    cause: DecisionCause
    package: int | None  # the package decided on, None for escalations and favours
    trust: float  # their trust when deciding
    found: float = 0.0  # points of defects their acceptance test found
    clarity: float = float("nan")  # clarity the found work had been built at
    granted: bool = True  # for favours: whether it was granted
    satisfaction: float = float("nan")  # for escalations: how unhappy they were
    complaint: int = NO_COMPLAINT  # for escalations: what they held against IT most


@dataclass(frozen=True)
class EyesWeek:
    """One week of one stakeholder, the truth after the week."""

    turn: int  # 1-based
    expected: float  # share of their scope they expected to see working
    seen: float  # share they had seen working
    trust_before: float
    trust: float
    trust_cause: TrustTerm | None  # None when trust moved less than facts.MINOR_TRUST
    satisfaction: float
    mood: int  # 0 furious .. 4 delighted, as the cards' faces
    since_contact: int  # weeks since IT last spoke with them (0: this week)
    it_trust: float  # what IT's card showed of their trust after the week
    vague: bool  # IT was out of touch: its card was a guess
    contacts: tuple[Contact, ...]
    said: Said | None
    decisions: tuple[Decision, ...]
    events: tuple[int, ...]  # events of the week that touched their trust or expectations
    fair_escalation: bool = False  # IT went to the sponsor only after an overdue sign-off

    @property
    def talked(self) -> bool:
        """IT spoke with them this week (an escalation over their head is no talk)."""
        return any(not c.over_my_head for c in self.contacts)


@dataclass(frozen=True)
class Eyes:
    """One stakeholder's round."""

    stakeholder: int
    name: str  # full name
    short: str  # first name, as the game calls them
    role: str
    department: str
    weeks: tuple[EyesWeek, ...]


def known_defects(state: State, packages: npt.NDArray[np.int64]) -> float:
    """Known defects in `packages` (game 0), each package's counted only where the board
    and the week report name it (facts.shown_defects): one figure on every screen."""
    return sum((float(x) for x in state.defects[0, packages] if shown_defects(float(x))), 0.0)


def replayed_states(session: Session) -> list[State]:
    """The state after each played turn, re-created by replaying the round's plans."""
    again = Session(session.scenario, session.params, session.seed, session.game_id)
    states = []
    for k, plan in enumerate(session.plans):
        fired = session.fired_by_hand[k] if k < len(session.fired_by_hand) else []
        again.play(plan, fired)
        states.append(again.state.copy())
    return states


class _Reader:
    """Reads stakeholder `s`'s week from one turn's log, facts, plan and state after it."""

    def __init__(self, session: Session, s: int) -> None:
        self.session, self.params, self.s = session, session.params, s
        self.mine = np.flatnonzero(self.params.owner == s)
        self.tolerance = float(tolerance(self.params)[s])
        self.overruled = 0

    def contacts(self, plan: np.ndarray) -> tuple[Contact, ...]:
        p, s, out = self.params, self.s, []
        for a, action in enumerate(self.session.scenario.actions):
            if p.action_target[a] != Target.STAKEHOLDER or plan[a, s] <= 0:
                continue
            effects = [float(p.action_effect[a, c]) for c in ABOUT]
            about = ABOUT[int(np.argmax(effects))]
            out.append(Contact(a, action.label, about, float(plan[a, s])))
        return tuple(out)

    def said(self, log: TurnLog, previous: TurnLog | None, state: State) -> Said | None:
        s = self.s
        code = int(log.complaint[0, s])
        if code == NO_COMPLAINT:
            return None
        heard = int(previous.complaint[0, s]) if previous is not None else NO_COMPLAINT
        open_work = [int(k) for k in self.mine if state.status[0, k] != ACCEPTED]
        unclearest = min((float(state.clarity[0, k]) for k in open_work), default=float("nan"))
        return Said(
            code=code,
            fresh=code != heard,
            cost=float(grievances(state, self.params)[0, s, code]),
            since_contact=int(state.since_contact[0, s]),
            expected=float(log.expectation[0, s]),
            seen=float(log.seen[0, s]),
            tolerance=self.tolerance,
            unclearest=unclearest,
            rejections=int(state.rejections[0, self.mine].sum()),
            friction=float(state.friction[0, s]),
            overruled=self.overruled,
            defects=known_defects(state, self.mine),
        )

    def decisions(
        self, facts: TurnFacts, log: TurnLog, state: State, contacts: tuple[Contact, ...]
    ) -> tuple[Decision, ...]:
        """Sign-offs and rejections (package order), escalations, then favours."""
        s, out = self.s, list[Decision]()
        favoured = bool(log.favour_granted[0, s])
        forced = any(c.over_my_head for c in contacts)
        # Escalated past a fair wait, the sponsor's decision is governance, not a power play.
        fair = bool(log.forced_fair[0, s])
        for ok in (x for x in facts.signoffs if x.owner == s):
            cause = (
                DecisionCause.FAVOUR
                if favoured
                else (DecisionCause.FORCED_FAIR if fair else DecisionCause.FORCED)
                if forced
                else DecisionCause.OWN
            )
            trust = float(log.decision_trust[0, ok.package])
            # Known defects as the week report tells them: none below the one threshold.
            found = ok.known_defects if ok.with_defects else 0.0
            out.append(Decision(DecisionKind.SIGNOFF, cause, ok.package, trust, found))
        for r in (x for x in facts.rejections if x.owner == s):
            cause = DecisionCause.UNCLEAR if r.cause is Cause.UNCLEAR else DecisionCause.DEFECTS
            out.append(
                Decision(DecisionKind.REJECTION, cause, r.package, r.trust, r.found, r.clarity)
            )
        for _ in (x for x in facts.escalations if x.stakeholder == s):
            out.append(
                Decision(
                    DecisionKind.ESCALATION,
                    DecisionCause.UNHAPPY,
                    None,
                    float(log.trust_after[0, s]),
                    satisfaction=float(state.satisfaction[0, s]),
                    complaint=int(log.complaint[0, s]),
                )
            )
        for f in (x for x in facts.favours if x.stakeholder == s):
            cause = (
                DecisionCause.TOO_LITTLE_TRUST
                if not f.granted
                else DecisionCause.EXPERT
                if f.expert
                else DecisionCause.TRUSTED
            )
            out.append(Decision(DecisionKind.FAVOUR, cause, None, f.trust, granted=f.granted))
        return tuple(out)

    def events(self, log: TurnLog) -> tuple[int, ...]:
        ev, s = self.params.events, self.s
        fired = np.flatnonzero(log.events[0])
        return tuple(int(e) for e in fired if ev.trust[e, s] != 0 or ev.expectation[e, s] != 0)

    def week(
        self,
        facts: TurnFacts,
        log: TurnLog,
        previous: TurnLog | None,
        plan: np.ndarray,
        state: State,
        it_saw: tuple[float, bool],
    ) -> EyesWeek:
        s = self.s
        contacts = self.contacts(plan)
        decisions = self.decisions(facts, log, state, contacts)
        self.overruled += sum(c.over_my_head for c in contacts)
        # Every move the cards and the week report show (a whole percent), not only the
        # report's trust news (playtest 9: the report said "58% to 56%", their eyes "56%").
        before, after = float(log.trust_before[0, s]), float(log.trust_after[0, s])
        moved = [trust_move(log, s).cause] if visibly_moved(before, after) else []
        satisfaction = float(state.satisfaction[0, s])
        return EyesWeek(
            turn=facts.turn,
            expected=float(log.expectation[0, s]),
            seen=float(log.seen[0, s]),
            trust_before=float(log.trust_before[0, s]),
            trust=float(log.trust_after[0, s]),
            trust_cause=moved[0] if moved else None,
            satisfaction=satisfaction,
            mood=int(mood(satisfaction)),
            since_contact=int(state.since_contact[0, s]),
            it_trust=it_saw[0],
            vague=it_saw[1],
            contacts=contacts,
            said=self.said(log, previous, state),
            decisions=decisions,
            events=self.events(log),
            fair_escalation=bool(log.forced_fair[0, s]),
        )


def through_their_eyes(session: Session) -> list[Eyes]:
    """Every stakeholder's round, in the scenario's order; each has one week per turn
    played while the game ran (none before the first turn)."""
    states = replayed_states(session)
    facts = list(game_facts(session.params, session.logs, session.plans, session.observations))
    out = []
    for s, person in enumerate(session.scenario.stakeholders):
        reader, weeks = _Reader(session, s), []
        for k, turn in enumerate(facts):
            log = session.logs[k]
            after = session.observations[k + 1] if k + 1 < len(session.observations) else None
            seen_by_it = after if after is not None else session.observe()
            it_saw = (float(seen_by_it.trust[0, s]), bool(seen_by_it.vague[0, s]))
            previous = session.logs[k - 1] if k > 0 else None
            weeks.append(reader.week(turn, log, previous, session.plans[k], states[k], it_saw))
        out.append(
            Eyes(
                s,
                person.name,
                person.short_name,
                person.role,
                person.department,
                tuple(weeks),
            )
        )
    return out
