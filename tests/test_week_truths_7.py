"""The week report tells what a demo and an honest talk did (issue 10, a sixth playtest).

A demo that showed nothing new says so and why (nothing new built, or everything signed
off and what went live with defects is all there is to see); an honest talk that found
nothing to trim says what would close the gap instead.
"""

import numpy as np

from game.i18n import tr
from game.session.debrief.eyes import DecisionCause, DecisionKind, through_their_eyes
from game.session.session import Session
from game.session.week import _Week, week_report
from game.ui.screens.eyes.words import Words
from tests.helpers.scenarios import loaded
from tests.helpers.sessions import plan_of, round_of

MARTA = 0


def _tutorial() -> tuple[Session, list[str]]:
    scenario, params = loaded("tutorial")
    return Session(scenario, params, seed=3, team="Blue"), [a.id for a in scenario.actions]


def _texts(session: Session) -> list[str]:
    return [item.text for item in week_report(session, session.turn - 1).items]


def test_a_demo_with_nothing_new_to_show_says_so() -> None:
    session, ids = _tutorial()
    session.play(plan_of(session, ids, demo=(MARTA, 2)))  # week 1: nothing built yet
    name = session.scenario.stakeholders[MARTA].short_name
    [line] = [t for t in _texts(session) if t.startswith(f"Demo for {name}")]
    assert "nothing new to show" in line and "once more of theirs is built" in line


def test_a_demo_that_showed_new_work_says_what_they_have_now_seen() -> None:
    session, ids = _tutorial()
    for _ in range(3):
        session.play(plan_of(session, ids, build=(0, 8)))
    session.play(plan_of(session, ids, demo=(MARTA, 2)))
    name = session.scenario.stakeholders[MARTA].short_name
    [line] = [t for t in _texts(session) if t.startswith(f"Demo for {name}")]
    assert "has now seen" in line and "nothing new" not in line


def test_an_honest_talk_with_nothing_to_trim_points_to_a_demo() -> None:
    text = tr("week.contact.reset.nothing", name="Dana", expects="36%", seen="20%", grew="")
    assert "a demo would show" in text


def test_a_workshop_with_nothing_left_to_specify_says_it_left_friction() -> None:
    session, ids = _tutorial()
    marta = session.params.owner == MARTA
    # Every package of Marta's signed off: the model's state, set as a test of the telling.
    session.state.status[0, marta] = 2
    session.play(plan_of(session, ids, workshop=(MARTA, 2)))
    assert session.logs[-1].idle_workshop[0, MARTA]
    name = session.scenario.stakeholders[MARTA].short_name
    [line] = [t for t in _texts(session) if t.startswith(f"Workshop with {name}")]
    assert "nothing of theirs was left to specify" in line


def test_points_with_nothing_left_to_build_say_when_rework_was_found_after_them() -> None:
    # A playtest read "1 had nothing left to build" beside "1.5 to go": testing had found
    # rework after the build.
    told = {False: 0, True: 0}
    for seed in (1, 5):
        session = round_of("tutorial", "balanced", seed)
        for i, log in enumerate(session.logs):
            for item in week_report(session, i).items:
                if "had nothing left to build" not in item.text:
                    continue
                later = "before rework was found later this week" in item.text
                idle = [
                    u.package
                    for u in _Week(session, i).pace.unbuilt  # type: ignore[union-attr] if not u.blocked_by
                ]
                assert later == any(log.rework_found[0, p] > 0 for p in idle), item.text
                told[later] += 1
    assert told[True] and told[False]


def test_an_event_that_adds_work_names_the_package() -> None:
    # "+5 pts of work" left a team asking on what.
    told = 0
    for seed in range(1, 8):
        session = round_of("crm-rollout", "balanced", seed)
        scope = session.params.events.scope
        for i, log in enumerate(session.logs):
            for e in np.flatnonzero(log.events[0] & (scope.sum(axis=1) > 0)):
                effects = _Week(session, i).effects(int(e))[0]
                for p in np.flatnonzero(scope[e]):
                    title = session.scenario.packages[p].title
                    assert f"+{scope[e, p]:g} pts of work on {title}" in effects, effects
                    told += 1
        if told:
            return
    raise AssertionError("no event that adds work fired")


def test_an_escalation_past_a_fair_wait_is_told_as_a_fair_last_resort() -> None:
    # Playtest 7: a sign-off four weeks overdue, escalated, read "you went over Omar's
    # head: a forced decision", and their eyes said only "IT went over my head".
    session = round_of("ai-hype", "balanced", 2)
    [i] = [i for i, log in enumerate(session.logs) if log.forced_fair[0].any()][:1]
    [s] = np.flatnonzero(session.logs[i].forced_fair[0])
    name = session.scenario.stakeholders[s].short_name
    lines = [x.text for x in week_report(session, i).items if x.kind == "escalation"]
    fair = [t for t in lines if "a fair last resort" in t]
    assert fair and fair[0].startswith(f"{name}'s sign-off was overdue"), lines
    eyes = through_their_eyes(session)[s].weeks[i]
    assert eyes.fair_escalation
    words = Words(session.scenario, need=0.5)
    shown = [text for text, _ in words.week(eyes)]
    assert any("I had kept a sign-off waiting too long" in t for t in shown), shown
    assert not any(t.startswith("IT went over my head") for t in shown)
    signed = [d for d in eyes.decisions if d.kind is DecisionKind.SIGNOFF]
    assert all(d.cause is DecisionCause.FORCED_FAIR for d in signed)


def test_a_favour_granted_with_no_decision_says_so_through_their_eyes() -> None:
    # Playtest 7: the week report said Omar "has not decided … yet"; their eyes said only
    # that his trust "was enough to say yes".
    session = round_of("crm-rollout", "balanced", 4)
    week, s = 6, 0  # Dana granted the favour and did not decide that week
    report = [x.text for x in week_report(session, week).items if x.stakeholder == s]
    assert any("granted the favour, but has not decided" in t for t in report), report
    eyes = through_their_eyes(session)[s].weeks[week]
    shown = [text for text, _ in Words(session.scenario, need=0.5).week(eyes)]
    assert any("but I had not made up my mind" in t for t in shown), shown
