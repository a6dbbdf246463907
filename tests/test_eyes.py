"""Through their eyes: each stakeholder's round, week by week, agrees with what the model
recorded (the logs, the plans, the states the round went through)."""

import numpy as np
import pytest

from game.model import Target
from game.model.rules.stakeholders import NO_COMPLAINT
from game.policies import POLICIES
from game.session.debrief.eyes import (
    DecisionCause,
    DecisionKind,
    Eyes,
    replayed_states,
    through_their_eyes,
)
from game.session.session import Session
from tests.helpers.scenarios import loaded
from tests.helpers.sessions import played


@pytest.fixture(scope="module")
def delivery() -> Session:
    return played("Delivery", "delivery_first", seed=5)


@pytest.fixture(scope="module")
def balanced() -> Session:
    return played("Balanced", "balanced", seed=5)


def _planned(session: Session, k: int, s: int) -> list[str]:
    """The labels of the stakeholder actions turn k's plan aimed at stakeholder s."""
    actions, plan, kind = session.scenario.actions, session.plans[k], session.params.action_target
    return [a.label for i, a in enumerate(actions) if kind[i] == Target.STAKEHOLDER and plan[i, s]]


def test_every_stakeholder_has_a_week_for_every_turn_played(balanced: Session) -> None:
    people = through_their_eyes(balanced)
    assert [e.short for e in people] == [p.short_name for p in balanced.scenario.stakeholders]
    for eyes in people:
        assert [w.turn for w in eyes.weeks] == list(range(1, balanced.turn + 1))


def test_a_delivery_first_round_has_no_contact_and_trust_falls(delivery: Session) -> None:
    people = through_their_eyes(delivery)
    for eyes in people:
        assert not any(w.contacts for w in eyes.weeks), eyes.short
        assert not any(w.talked for w in eyes.weeks)
        # Out of touch from the start: the weeks without contact only add up.
        assert [w.since_contact for w in eyes.weeks] == list(range(1, len(eyes.weeks) + 1))
    fell = [e for e in people if e.weeks[-1].trust < e.weeks[0].trust_before - 0.1]
    assert fell, "nobody lost trust in a round without a single conversation"
    causes = {w.trust_cause for e in people for w in e.weeks}
    assert "contact" not in causes and "despite" not in causes


def test_a_balanced_round_shows_its_contacts_as_planned(balanced: Session) -> None:
    people = through_their_eyes(balanced)
    assert all(any(w.talked for w in e.weeks) for e in people)
    for eyes in people:
        for k, week in enumerate(eyes.weeks):
            assert [c.label for c in week.contacts] == _planned(balanced, k, eyes.stakeholder)
            # The model's own contact clock agrees with the talks the timeline shows.
            assert (week.since_contact == 0) == week.talked


def test_the_truth_of_each_week_is_the_model_record(balanced: Session) -> None:
    states = replayed_states(balanced)
    for eyes in through_their_eyes(balanced):
        s = eyes.stakeholder
        for k, week in enumerate(eyes.weeks):
            log = balanced.logs[k]
            assert week.expected == log.expectation[0, s] and week.seen == log.seen[0, s]
            assert week.trust == log.trust_after[0, s]
            assert week.satisfaction == states[k].satisfaction[0, s]
            code = int(log.complaint[0, s])
            assert (week.said is None) == (code == NO_COMPLAINT)
            seen_by_it = balanced.observations[k + 1] if k + 1 < balanced.turn else None
            if seen_by_it is not None and not seen_by_it.vague[0, s]:  # IT saw the truth
                assert week.mood == seen_by_it.mood[0, s]
                assert week.it_trust == week.trust


def test_the_replay_is_the_round(delivery: Session) -> None:
    final = replayed_states(delivery)[-1]
    assert np.array_equal(final.trust, delivery.state.trust)
    assert np.array_equal(final.status, delivery.state.status)


def _decisions(eyes: Eyes, kind: DecisionKind) -> list[tuple[int, int | None]]:
    return [(w.turn, d.package) for w in eyes.weeks for d in w.decisions if d.kind is kind]


@pytest.mark.parametrize("policy", ["delivery_first", "balanced", "relationship_first"])
def test_every_decision_matches_the_session_record(policy: str) -> None:
    session = played("Team", policy, seed=3)
    owner = session.params.owner
    favour = [i for i, a in enumerate(session.scenario.actions) if "favour" in a.effects]
    for eyes in through_their_eyes(session):
        s = eyes.stakeholder
        logs = session.logs[: len(eyes.weeks)]
        mine = [int(p) for p in np.flatnonzero(owner == s)]
        signed = [(k + 1, p) for k, log in enumerate(logs) for p in mine if log.accepted[0, p]]
        rejected = [(k + 1, p) for k, log in enumerate(logs) for p in mine if log.rejected[0, p]]
        escalated = [(k + 1, None) for k, log in enumerate(logs) if log.escalated[0, s]]
        asked = [(k + 1, None) for k in range(len(logs)) if session.plans[k][favour, s].sum() > 0]
        assert _decisions(eyes, DecisionKind.SIGNOFF) == signed
        assert _decisions(eyes, DecisionKind.REJECTION) == rejected
        assert _decisions(eyes, DecisionKind.ESCALATION) == escalated
        assert _decisions(eyes, DecisionKind.FAVOUR) == asked
        for k, week in enumerate(eyes.weeks):
            for d in week.decisions:
                if d.kind is DecisionKind.FAVOUR:
                    assert d.granted == bool(logs[k].favour_granted[0, s])
                    assert (d.cause is DecisionCause.TOO_LITTLE_TRUST) == (not d.granted)
                if d.kind in (DecisionKind.SIGNOFF, DecisionKind.REJECTION):
                    assert d.trust == logs[k].decision_trust[0, d.package]


def test_a_complaint_names_what_it_costs_them(delivery: Session) -> None:
    said = [w.said for e in through_their_eyes(delivery) for w in e.weeks if w.said]
    assert said, "a round without a conversation and without a complaint"
    assert all(x.cost > 0 for x in said)
    assert {x.code for x in said} <= {0, 1, 2, 3}
    fresh = [x for x in said if x.fresh]
    assert fresh and len(fresh) < len(said)  # they repeat themselves; the first time is fresh


def test_events_fired_by_hand_are_replayed() -> None:
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, 7)
    touching = [e for e in range(params.n_events) if params.events.trust[e].any()]
    assert touching
    session.play(POLICIES["balanced"](session.observe(), params)[0], [touching[0]])
    session.play(POLICIES["balanced"](session.observe(), params)[0])
    assert np.array_equal(replayed_states(session)[-1].trust, session.state.trust)
    hit = int(np.flatnonzero(params.events.trust[touching[0]])[0])
    assert touching[0] in through_their_eyes(session)[hit].weeks[0].events


def test_before_the_first_week_there_is_nothing_to_tell() -> None:
    scenario, params = loaded("tutorial")
    people = through_their_eyes(Session(scenario, params, 1))
    assert len(people) == len(scenario.stakeholders) and all(e.weeks == () for e in people)
