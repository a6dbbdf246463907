"""What the week report and the planner tell the player is true to the model (issue 10).

An honest talk states both figures and the direction; a favour says what it bought (a
sign-off, a rejection, no decision yet, an expert) or why it was refused; the planner's
"needs" and "spare" build points are what the model builds and wastes.
"""

from dataclasses import replace

import numpy as np
import pytest

from game.i18n import percent
from game.model.state import AWAITING
from game.policies import POLICIES
from game.session.session import Session
from game.session.week import WeekItem, week_report
from game.ui.planner import Planner
from tests.helpers.report_checks import assert_build_adds_up
from tests.helpers.scenarios import loaded
from tests.helpers.sessions import plan_of

DANA, PIETER = 0, 3


def _session() -> tuple[Session, list[str]]:
    scenario, params = loaded("crm-rollout")
    return Session(scenario, params, seed=1), [a.id for a in scenario.actions]


def _items(session: Session, kind: str, turn: int = -1) -> list[WeekItem]:
    report = week_report(session, turn % len(session.logs))
    return [item for item in report.items if item.kind == kind]


# --- an honest talk ---------------------------------------------------------------------
@pytest.mark.parametrize("builds", [0, 3, 6])
def test_an_honest_talk_says_both_figures_and_which_way_they_went(builds: int) -> None:
    session, ids = _session()
    for _ in range(builds):
        session.play(plan_of(session, ids, build=(0, 5), check_in=(DANA, 1)))
    session.play(plan_of(session, ids, reset=(DANA, 1)))
    truth = session.logs[-2].expectation[0, DANA] if builds else 0.0
    after = session.logs[-1].expectation[0, DANA]
    trimmed = session.logs[-1].reset_trimmed[0, DANA]
    [line] = [i.text for i in _items(session, "contact") if i.text.startswith("Honest talk")]
    if percent(trimmed) == percent(0.0):
        # Expectations did not run ahead of what is built: the talk says it had nothing to
        # trim, what they expect and have seen, and a change only where there was one.
        seen = session.observe().seen[0, DANA]
        assert "nothing to trim" in line and f"they expect {percent(after)}" in line
        assert f"{percent(seen)}" in line
        moved = f"{percent(truth)} to {percent(after)}" in line
        assert moved == (percent(truth) != percent(after) and seen < after), line
    elif percent(truth) == percent(after):
        assert line == f"Honest talk with Dana: expectations held at {percent(after)}"
    else:
        assert f"{percent(truth)} to {percent(after)}" in line, line
        assert ("down" in line) == (after < truth), line
        # Higher all the same: by how much the talk held them back.
        assert (f"{percent(trimmed)} lower than without the talk" in line) == (after > truth)


def test_an_honest_talk_with_someone_out_of_touch_corrects_the_remembered_figure() -> None:
    session, ids = _session()
    for _ in range(8):  # never a word with Pieter: the card keeps an old figure
        session.play(plan_of(session, ids, build=(0, 5), check_in=(DANA, 1)))
    card = session.observe().expectation[0, PIETER]
    truth = session.logs[-1].expectation[0, PIETER]
    assert session.observe().vague[0, PIETER] and percent(card) != percent(truth)
    session.play(plan_of(session, ids, reset=(PIETER, 1)))
    after = session.logs[-1].expectation[0, PIETER]
    [line] = [i.text for i in _items(session, "contact") if i.text.startswith("Honest talk")]
    assert line == (
        f"Honest talk with Pieter: you remembered {percent(card)}, "
        f"but they expected {percent(truth)}; now {percent(after)}"
    )


# --- a favour ---------------------------------------------------------------------------
def _favour(**log: tuple[int, float | bool]) -> tuple[Session, str]:
    """A turn where the player asked Dana for a favour, its log changed as `log` says
    (name=(index, value)), with Dana's package 0 awaiting sign-off before it."""
    session, ids = _session()
    session.play(plan_of(session, ids, favour=(DANA, 1)))
    changed = session.logs[0]
    for name, (k, value) in ({"favour_expert": (DANA, False)} | log).items():
        row = getattr(changed, name).copy()
        row[0, k] = value
        changed = replace(changed, **{name: row})
    session.logs[0] = changed
    status = session.observations[0].package_status.copy()
    status[0, 0] = AWAITING
    session.observations[0] = replace(session.observations[0], package_status=status)
    [item] = _items(session, "favour", 0)
    return session, item.text


TITLE = "Sales pipeline and opportunity tracking"


def test_a_favour_that_bought_a_sign_off_names_the_package() -> None:
    _, text = _favour(favour_granted=(DANA, True), accepted=(0, True))
    assert text == f"Dana granted the favour: a quick, fair acceptance test, and signed off {TITLE}"


def test_a_favour_that_ended_in_a_rejection_says_so_and_why() -> None:
    _, text = _favour(favour_granted=(DANA, True), rejected=(0, True), acceptance_found=(0, 2.0))
    assert text == (
        f"Dana granted the favour: tested quickly, but rejected {TITLE} (2.0 pts of defects found)"
    )


def test_a_favour_that_decided_nothing_says_nothing_was_decided_yet() -> None:
    _, text = _favour(favour_granted=(DANA, True))
    assert text.startswith(f"Dana granted the favour, but has not decided on {TITLE} yet")


def test_a_favour_with_nothing_waiting_lent_an_expert() -> None:
    _, text = _favour(favour_granted=(DANA, True), favour_expert=(DANA, True))
    assert text.startswith(
        "Dana granted the favour: nothing awaited sign-off, so Dana lent you an expert (Sales"
    ) and text.endswith("requirements clearer)")


def test_a_refused_favour_names_the_trust_it_needed() -> None:
    _, text = _favour(favour_granted=(DANA, False), trust_before=(DANA, 0.3))
    assert text == "Dana refused the favour: trust too low (30%, a favour needs 45%)"


def test_a_favour_played_for_real_tells_the_decision_the_log_holds() -> None:
    """Over many seeds, the line agrees with the log's sign-offs and rejections."""
    seen = set()
    for seed in range(40):
        scenario, params = loaded("crm-rollout")
        session = Session(scenario, params, seed=seed)
        ids = [a.id for a in scenario.actions]
        while not session.done and len(session.logs) < 12:
            waiting = session.observe().package_status[0, :4] == AWAITING
            favour = (DANA, 1) if waiting.any() else (DANA, 0)
            session.play(
                plan_of(
                    session,
                    ids,
                    build=(int(np.argmax(session.observe().buildable[0])), 6),
                    favour=favour,
                )
            )
            log = session.logs[-1]
            if not favour[1] or not log.favour_granted[0, DANA]:
                continue
            [text] = [i.text for i in _items(session, "favour")]
            if log.rejected[0, :4].any():
                seen.add("rejected")
                assert "but rejected" in text, text
            elif log.accepted[0, :4].any():
                seen.add("signed")
                assert "signed off" in text, text
            else:
                seen.add("undecided")
                assert "has not decided" in text, text
    assert {"signed", "undecided"} <= seen, seen


# --- build points -----------------------------------------------------------------------
def test_the_planner_needs_and_spare_are_what_the_model_builds() -> None:
    """For random states and random build plans: the model builds min(pace * planned, needs)
    on each package, one pace for the whole team, so 'needs' is the cap and 'spare' is
    what would be wasted at the usual pace."""
    scenario, params = loaded("crm-rollout")
    rng = np.random.default_rng(5)  # the test's own plans; the model's luck is its own
    checked = 0
    for seed in range(6):
        session = Session(scenario, params, seed=seed)
        while not session.done:
            seen = session.observe()
            planner = Planner(scenario, params, seen)
            rows = planner.build_rows()
            for _ in range(int(rng.integers(0, 12))):
                planner.add(rows[int(rng.integers(len(rows)))])
            effort = planner.build_effort()
            needs = np.array([planner.needs(p) for p in range(params.n_packages)])
            spare = np.array([planner.spare(p) for p in range(params.n_packages)])
            np.testing.assert_allclose(spare, np.maximum(effort - needs, 0.0))
            if not rng.integers(3):  # now and then a random policy moves the game on
                session.play(POLICIES["random"](seen, params)[0])
                continue
            log = session.play(planner.plan)
            if log.events[0].any() or effort.sum() == 0:
                continue  # an event may add work before the team builds
            pace = (log.effort[0].sum() + log.wasted[0]) / effort.sum()
            np.testing.assert_allclose(log.effort[0], np.minimum(pace * effort, needs), atol=1e-9)
            np.testing.assert_allclose(
                log.wasted[0], np.maximum(pace * effort - needs, 0.0).sum(), atol=1e-9
            )
            checked += 1
    assert checked > 20


def test_spare_points_are_named_in_the_planner_and_the_week_report() -> None:
    session, _ = _session()
    scenario, params = session.scenario, session.params
    planner = Planner(scenario, params, session.observe())
    [row] = [r for r in planner.build_rows() if r.target == 12]  # 3 points of work
    assert planner.row_text(row).endswith(" · 3 pts to go")
    for _ in range(7):
        planner.add(row)
    warning = planner.warning()
    assert warning == (
        f"4 pts would have nothing to build: {scenario.packages[12].title} has only 3 to go"
    )
    session.play(planner.plan)
    [line] = [i.text for i in _items(session, "progress")]
    built = session.logs[-1].effort[0].sum()
    wasted = session.logs[-1].wasted[0]
    assert line.startswith(f"{round(built * 10) / 10:g} pts built"), line
    # Planned - unused (+/- pace) = built, in tenths as shown.
    assert wasted > 0 and "(7 planned: " in line and "had nothing left to build" in line, line
    assert_build_adds_up(line)


def test_a_week_that_built_more_than_planned_says_the_team_was_faster() -> None:
    """'8 planned became 9 built': the team's pace varies from week to week."""
    for seed in range(30):
        scenario, params = loaded("crm-rollout")
        session = Session(scenario, params, seed=seed)
        ids = [a.id for a in scenario.actions]
        session.play(plan_of(session, ids, build=(0, 8)))
        log = session.logs[0]
        built = round(10 * log.effort[0].sum()) / 10
        if built > 8:
            [line] = [i.text for i in _items(session, "progress")]
            assert line.startswith(f"{built:g} pts built"), line
            more = f"+{built - 8:.1f}"
            assert f"(8 planned: {more} from the team's pace: a good run +" in line, line
            return
    pytest.fail("no seed built more than 8 planned points")


def test_a_late_week_is_titled_past_the_deadline_never_week_9_of_8():
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, 1, team="Late")
    while session.turn <= params.deadline and not session.done:
        session.play(POLICIES["delivery_first"](session.observe(), params)[0] * 0)
    if session.turn <= params.deadline:
        pytest.skip("this round ended before the deadline")
    late = week_report(session, params.deadline)  # the first week past the deadline
    assert late.title == f"Week {params.deadline + 1}: 1 week past the deadline"
    assert week_report(session, 0).title == f"Week 1 of {params.deadline}"
