"""The facts of a turn: a constructed turn log gives exactly the facts it holds, no more.

Each test starts from a quiet turn of crm-rollout (nothing happened: no event, no decision,
no find, no complaint, nobody's trust moved), changes the one thing it is about, and
compares the facts with the ones that thing must make. Dana (0) owns packages 0-3,
Omar (1) owns 4-6.
"""

from dataclasses import replace

import numpy as np
import pytest

from game.model import Channel, Observation, TurnLog, empty_plan, new_state, observe, step
from game.model.rules.relationships import N_TRUST_TERMS, TrustTerm
from game.model.rules.stakeholders import NO_COMPLAINT
from game.model.state import AWAITING
from game.session.facts import (
    MINOR_REWORK,
    MINOR_TRUST,
    Cause,
    Complaint,
    Contact,
    Escalation,
    EventFired,
    Favour,
    ForcedDecision,
    HandedOver,
    Rejection,
    SignOff,
    Syndrome,
    TrustMove,
    TurnFacts,
    game_facts,
    turn_facts,
)
from tests.helpers.scenarios import loaded

DANA, OMAR = 0, 1


class Turn:
    """A quiet turn of crm-rollout to change one thing in: its log, plan and IT's view."""

    def __init__(self) -> None:
        scenario, self.params = loaded("crm-rollout")
        self.ids = [a.id for a in scenario.actions]
        state = new_state(self.params, [0], seed=1)
        self.before: Observation = observe(state, self.params)
        _, log = step(state, empty_plan(1, self.params), self.params)
        P, S = self.params.n_packages, self.params.n_stakeholders
        trust = np.full((1, S), 0.5)
        self.log: TurnLog = replace(
            log,
            events=np.zeros_like(log.events),
            finished=np.zeros((1, P), dtype=np.bool_),
            accepted=np.zeros((1, P), dtype=np.bool_),
            rejected=np.zeros((1, P), dtype=np.bool_),
            rework_found=np.zeros((1, P)),
            acceptance_found=np.zeros((1, P)),
            trust_before=trust,
            trust_after=trust.copy(),
            trust_parts=np.zeros((1, S, N_TRUST_TERMS)),
            favour_granted=np.zeros((1, S), dtype=np.bool_),
            favour_expert=np.zeros((1, S), dtype=np.bool_),
            escalated=np.zeros((1, S), dtype=np.bool_),
            complaint=np.full((1, S), NO_COMPLAINT, dtype=np.int64),
            contacted=np.zeros((1, S), dtype=np.bool_),
            reported_progress=np.array([0.2]),
            true_progress=np.array([0.2]),
            cancelled=np.zeros(1, dtype=np.bool_),
        )
        self.plan = empty_plan(1, self.params)[0]

    def set(self, **values: tuple[int, float | bool]) -> None:
        """Set one entry of the log's per-package, per-stakeholder or per-event fields:
        name=(index, value)."""
        for name, (k, value) in values.items():
            row = getattr(self.log, name).copy()
            row[0, k] = value
            self.log = replace(self.log, **{name: row})

    def trust(self, s: int, **parts: float) -> None:
        """Move stakeholder `s`'s trust by the model's parts, named by TrustTerm."""
        row = self.log.trust_parts.copy()
        for name, amount in parts.items():
            row[0, s, TrustTerm[name.upper()]] = amount
        after = self.log.trust_after.copy()
        after[0, s] = self.log.trust_before[0, s] + row[0, s].sum()
        self.log = replace(self.log, trust_parts=row, trust_after=after)

    def ask(self, action: str, target: int, points: float = 1) -> None:
        self.plan[self.ids.index(action), target] = points

    def facts(self, previous: TurnLog | None = None) -> TurnFacts:
        return turn_facts(self.params, self.log, self.plan, self.before, previous)


@pytest.fixture
def turn() -> Turn:
    return Turn()


def told(facts: TurnFacts) -> dict[str, object]:
    """The kinds of fact the turn has, with their facts."""
    empty = ((), False, None)
    return {k: v for k, v in vars(facts).items() if k != "turn" and v not in empty}


def test_a_quiet_turn_has_no_facts(turn: Turn) -> None:
    facts = turn.facts()
    assert facts.turn == 1
    assert told(facts) == {}


def test_a_rejection_of_work_built_while_unclear_has_unclear_needs_as_its_cause(turn):
    turn.set(rejected=(2, True), acceptance_found=(2, 1.5))
    turn.set(acceptance_cause_clarity=(2, 0.4), decision_trust=(2, 0.3))
    turn.trust(DANA, rejection=-0.1)
    facts = turn.facts()
    assert facts.rejections == (Rejection(2, DANA, 1.5, 0.4, 0.3, Cause.UNCLEAR),)
    assert facts.trust == (
        TrustMove(DANA, 0.5, 0.4, TrustTerm.REJECTION, ((TrustTerm.REJECTION, -0.1),)),
    )
    assert told(facts).keys() == {"rejections", "trust"}


def test_a_rejection_of_work_built_clear_has_defects_as_its_cause(turn):
    turn.set(rejected=(5, True), acceptance_found=(5, 0.8))
    turn.set(acceptance_cause_clarity=(5, 0.9), decision_trust=(5, 0.6))
    assert turn.facts().rejections == (Rejection(5, OMAR, 0.8, 0.9, 0.6, Cause.DEFECTS),)


def test_a_sign_off_tells_known_defects_only_when_they_are_not_routine(turn):
    turn.set(accepted=(0, True), acceptance_found=(0, MINOR_REWORK))
    turn.set(accepted=(4, True), acceptance_found=(4, MINOR_REWORK / 2))
    facts = turn.facts()
    assert facts.signoffs == (SignOff(0, DANA, MINOR_REWORK), SignOff(4, OMAR, MINOR_REWORK / 2))
    assert [ok.with_defects for ok in facts.signoffs] == [True, False]


def test_only_rework_worth_telling_is_a_fact_and_unknown_clarity_is_no_unclear_need(turn):
    turn.set(rework_found=(1, MINOR_REWORK / 2), rework_cause_clarity=(1, 0.2))
    turn.set(rework_found=(3, 2.0), rework_cause_clarity=(3, 0.5))
    turn.set(rework_found=(6, 0.5), rework_cause_clarity=(6, np.nan))
    found = turn.facts().rework
    assert [(r.package, r.owner, r.found, r.cause) for r in found] == [
        (3, DANA, 2.0, Cause.UNCLEAR),
        (6, OMAR, 0.5, Cause.DEFECTS),
    ]
    assert np.isnan(found[1].clarity)


def test_a_hand_over_names_the_owner_who_must_sign_off(turn):
    turn.set(finished=(4, True))
    assert turn.facts().handovers == (HandedOver(4, OMAR),)


def test_favours_asked_are_facts_whether_granted_lent_an_expert_or_refused(turn):
    for s in (0, 1, 2):
        turn.ask("favour", s)
    turn.set(favour_granted=(0, True), favour_expert=(0, True))
    turn.set(favour_granted=(1, True), trust_before=(2, 0.1))
    assert turn.facts().favours == (
        Favour(0, granted=True, expert=True, trust=0.5),
        Favour(1, granted=True, expert=False, trust=0.5),
        Favour(2, granted=False, expert=False, trust=0.1),
    )


def test_going_over_a_head_forces_a_decision_only_where_something_awaits_sign_off(turn):
    turn.ask("escalate", DANA)
    turn.ask("escalate", OMAR)
    status = turn.before.package_status.copy()
    status[0, 5] = AWAITING  # one of Omar's
    turn.before = replace(turn.before, package_status=status)
    turn.trust(OMAR, escalation=-0.2)
    facts = turn.facts()
    assert facts.forced == (ForcedDecision(DANA, awaiting=False), ForcedDecision(OMAR, True))
    [move] = facts.trust
    assert (move.stakeholder, move.cause, move.after) == (OMAR, TrustTerm.ESCALATION, 0.3)


def test_a_stakeholder_going_to_the_sponsor_is_an_escalation(turn):
    turn.set(escalated=(2, True))
    turn.log = replace(turn.log, sponsor=np.array([0.45]))
    assert turn.facts().escalations == (Escalation(2, 0.45),)


def test_contacts_come_clarify_then_demo_then_reset_and_steering_is_one_fact(turn):
    turn.ask("reset", 0)
    turn.ask("demo", 3, 2)
    turn.ask("workshop", 1, 2)
    turn.ask("steering", 0)
    facts = turn.facts()
    assert facts.contacts == (
        Contact(1, Channel.CLARIFY),
        Contact(3, Channel.DEMO),
        Contact(0, Channel.RESET),
    )
    assert facts.steering


def test_only_a_complaint_not_made_the_turn_before_is_a_fact(turn):
    turn.set(complaint=(0, 1))
    turn.set(complaint=(2, 3))
    previous = turn.log
    assert turn.facts().complaints == (Complaint(0, 1), Complaint(2, 3))
    turn.set(complaint=(2, 2))  # Lena says something else now; Dana repeats herself
    assert turn.facts(previous).complaints == (Complaint(2, 2),)


@pytest.mark.parametrize(
    ("parts", "cause"),
    [
        ({"signoff": 0.03, "neglect": -0.01}, TrustTerm.SIGNOFF),
        ({"contact": 0.02}, TrustTerm.CONTACT),
        ({"news": 0.05, "unmet": -0.02}, TrustTerm.NEWS),
    ],
)
def test_a_trust_rise_has_its_largest_gain_as_its_cause(turn, parts, cause):
    turn.trust(DANA, **parts)
    assert [(m.stakeholder, m.cause, m.rose) for m in turn.facts().trust] == [(DANA, cause, True)]


def test_the_cause_is_the_largest_part_the_way_trust_went_and_every_part_is_told(turn):
    turn.trust(DANA, signoff=0.05, contact=0.08, rejection=-0.4)
    [move] = turn.facts().trust
    assert move.cause is TrustTerm.REJECTION
    assert move.parts == (
        (TrustTerm.REJECTION, -0.4),
        (TrustTerm.CONTACT, 0.08),
        (TrustTerm.SIGNOFF, 0.05),
    )


def test_trust_falling_despite_contact_names_what_outweighed_it_and_drift_is_no_fact(turn):
    turn.set(contacted=(DANA, True))
    turn.trust(DANA, contact=0.02, unmet=-0.12)
    turn.trust(OMAR, neglect=-MINOR_TRUST / 2)  # the weekly drift
    [move] = turn.facts().trust
    assert (move.stakeholder, move.cause) == (DANA, TrustTerm.UNMET)
    assert [term for term, _ in move.parts] == [TrustTerm.UNMET, TrustTerm.CONTACT]


def test_an_event_that_touches_trust_is_the_news_behind_a_move(turn):
    touching = int(np.flatnonzero((turn.params.events.trust != 0).any(axis=1))[0])
    s = int(np.flatnonzero(turn.params.events.trust[touching])[0])
    turn.set(events=(touching, True))
    turn.trust(s, news=-0.2)
    facts = turn.facts()
    assert facts.events == (EventFired(touching),)
    assert [(m.stakeholder, m.cause) for m in facts.trust] == [(s, TrustTerm.NEWS)]


def test_the_ninety_percent_syndrome_and_a_cancellation_are_facts(turn):
    turn.log = replace(
        turn.log,
        reported_progress=np.array([0.92]),
        true_progress=np.array([0.7]),
        cancelled=np.ones(1, dtype=np.bool_),
    )
    facts = turn.facts()
    assert facts.syndrome == Syndrome(0.92, 0.7)
    assert facts.cancelled


def test_a_games_facts_end_with_the_game_and_number_its_turns(turn):
    second = replace(turn.log, turn=np.array([1]))
    over = replace(turn.log, turn=np.array([2]), active=np.zeros(1, dtype=np.bool_))
    logs = [turn.log, second, over]
    facts = list(game_facts(turn.params, logs, [turn.plan] * 3, [turn.before] * 3))
    assert [f.turn for f in facts] == [1, 2]
