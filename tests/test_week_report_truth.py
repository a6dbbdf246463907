"""The week report tells the truth, once, with causes (issue 10, the newcomer playtest).

What-if situations (a constructed turn, or a real round) -> the report's lines and bars:
a sponsor move is told only where the percentage the top bar shows changed, with the
model's reasons; the budget shows in "What moved" with why; build points add up as shown;
the deadline week says the project is now late and the button says so; a sign-off a
favour bought is told once. Assertions use numbers and catalogue keys, in both languages.
"""

import re
from functools import cache

import numpy as np
import pytest

from game import i18n
from game.i18n import number, percent, tr
from game.model.state import AWAITING
from game.policies import POLICIES
from game.session.facts import BudgetCause, SponsorCause, stock_facts
from game.session.session import Session
from game.session.week import WeekItem, _Week, week_report
from game.ui.screens.report import next_label
from tests.helpers.scenarios import loaded
from tests.helpers.sessions import plan_of

DANA, OMAR = 0, 1
LANGUAGES = ("en", "de")


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    i18n.set_language(request.param)
    return str(request.param)


def _session(seed: int = 1) -> tuple[Session, list[str]]:
    scenario, params = loaded("crm-rollout")
    return Session(scenario, params, seed=seed), [a.id for a in scenario.actions]


@cache
def _round(policy: str, seed: int) -> Session:
    session, _ = _session(seed)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), session.params)[0])
    return session


def _after(session: Session, i: int):
    return session.observations[i + 1] if i + 1 < len(session.logs) else session.observe()


def _kind(items: list[WeekItem], kind: str) -> list[WeekItem]:
    return [item for item in items if item.kind == kind]


ROUNDS = [("balanced", 1), ("delivery_first", 2), ("delivery_first", 3), ("balanced", 4)]


# --- 1. a sponsor move is told only where the team can see it ---------------------------
@pytest.mark.parametrize(("policy", "seed"), ROUNDS)
def test_sponsor_support_is_told_as_the_top_bar_shows_it(
    language: str, policy: str, seed: int
) -> None:
    session = _round(policy, seed)
    for i, log in enumerate(session.logs):
        report = week_report(session, i)
        before, after = session.observations[i].sponsor[0], log.sponsor[0]
        visible = percent(before) != percent(after)  # the top bar's figure, same rounding
        # A move whose parts cancel out is told too, as held (a playtest missed a -10%).
        told = visible or bool(_Week(session, i).sponsor_parts())
        lines = _kind(report.items, "sponsor")
        assert len(lines) == int(told), (i, lines)
        bars = [m for m in report.moves if m.label == tr("week.bar.sponsor")]
        assert len(bars) == int(told)
        if visible:
            # Both figures, as the top bar shows them (was -> now).
            assert tr("week.change", before=percent(before), after=percent(after)) in lines[0].text
        elif told:
            held = tr("week.sponsor.held", support=percent(after), causes="")
            assert lines[0].text.startswith(held)
        # The escalation line tells its own part of the move, never the week's net move.
        for line in _kind(report.items, "escalation"):
            assert tr("week.change", before=percent(before), after=percent(after)) not in line.text


def test_an_escalation_that_did_not_visibly_move_the_sponsor_claims_no_fall() -> None:
    """A complaint to the sponsor and a steering update in one week: the net move may be
    nil; then nothing claims a fall: support held, with the parts that cancelled out."""
    for seed in range(60):
        session, _ids = _session(seed)
        for _ in range(12):
            if session.done:
                break
            plan = POLICIES["delivery_first"](session.observe(), session.params)[0]
            log = session.play(plan)
            before = session.observations[-1].sponsor[0]
            if log.escalated[0].any() and percent(before) == percent(log.sponsor[0]):
                report = week_report(session, len(session.logs) - 1)
                held = tr("week.sponsor.held", support=percent(log.sponsor[0]), causes="")
                # Nothing claims a fall: at most a line saying support held, with its parts.
                assert all(line.text.startswith(held) for line in _kind(report.items, "sponsor"))
                assert tr("week.sponsor.fell", change="", causes="")[:8] not in report.headline
                return
    pytest.skip("no seed gave an escalation with no visible sponsor move")


# --- 2. every fall of sponsor support or budget has its cause -----------------------------
def test_a_complaint_to_the_sponsor_is_named_as_the_cause(language: str) -> None:
    session = _round("delivery_first", 2)
    found = 0
    for i, log in enumerate(session.logs):
        stocks = stock_facts(
            session.params, log, session.plans[i], session.observations[i], _after(session, i)
        )
        before = session.observations[i].sponsor[0]
        if log.escalated[0].any() and log.sponsor[0] < before:
            assert SponsorCause.ESCALATION in stocks.sponsor.causes
            if percent(before) == percent(log.sponsor[0]):
                continue  # not visible: not told (test above)
            [line] = _kind(week_report(session, i).items, "sponsor")
            for k in np.flatnonzero(log.escalated[0]):
                assert session.scenario.stakeholders[k].name.split()[0] in line.text
            found += 1
    assert found


def test_every_sponsor_move_is_told_in_the_model_s_parts_that_add_up() -> None:
    """The fade is every week's (a sign-off week that still fell says both), lateness
    drains only past the deadline, and the parts add up to the move."""
    for policy, seed in ROUNDS:
        session = _round(policy, seed)
        for i, log in enumerate(session.logs):
            stocks = stock_facts(
                session.params, log, session.plans[i], session.observations[i], _after(session, i)
            )
            move = stocks.sponsor
            assert move.after - move.before == pytest.approx(sum(move.amounts), abs=1e-9)
            if move.after != move.before:
                assert SponsorCause.FADE in move.causes, i
            late = int(log.turn[0]) >= session.params.deadline
            assert (SponsorCause.LATE in move.causes) == late, i
            gains = {c for c, x in zip(move.causes, move.amounts, strict=True) if x > 0}
            assert gains <= {SponsorCause.SIGNOFF, SponsorCause.STEERING, SponsorCause.EVENT}


def test_a_steering_update_is_named_where_support_rose(language: str) -> None:
    session, ids = _session()
    steering = next(a.id for a in session.scenario.actions if a.id.startswith("steer"))
    session.play(plan_of(session, ids, build=(0, 5), **{steering: (0, 2)}))
    report = week_report(session, 0)
    [line] = _kind(report.items, "sponsor")
    assert tr("week.sponsor.steering") in line.text and line.tone == "good"
    # Said once: the steering contact line gives way to the sponsor's line.
    assert not any(tr("week.sponsor.steering") in i.text for i in _kind(report.items, "contact"))


def test_overtime_is_named_in_the_budget_and_the_budget_is_in_what_moved(language: str) -> None:
    session, ids = _session()
    session.play(plan_of(session, ids, build=(0, 5)))
    session.play(plan_of(session, ids, build=(0, 5), overtime=(0, 3)))
    total = session.params.budget
    for i in (0, 1):
        before = session.observations[i].budget_left[0] / total
        after = _after(session, i).budget_left[0] / total
        [bar] = [m for m in week_report(session, i).moves if m.label == tr("week.bar.budget")]
        assert (bar.before, bar.after) == (before, after)
        assert tr("week.why.team") in bar.why
        assert (tr("week.why.overtime") in bar.why) == (i == 1)
    plain = _kind(week_report(session, 0).items, "budget")
    assert plain == []  # the usual pay is routine: its bar says it
    [line] = _kind(week_report(session, 1).items, "budget")
    stocks = stock_facts(
        session.params,
        session.logs[1],
        session.plans[1],
        session.observations[1],
        session.observe(),
    )
    assert stocks.budget.causes == (BudgetCause.TEAM, BudgetCause.OVERTIME)
    assert tr("week.budget.overtime", points=i18n.number(stocks.budget.overtime)) in line.text


# --- 3. build points add up as shown ----------------------------------------------------
@pytest.mark.parametrize(("policy", "seed"), ROUNDS)
def test_a_progress_line_never_contradicts_itself(language: str, policy: str, seed: int) -> None:
    """Wherever the note explains the build, planned - unused +/- pace = the points built,
    in the tenths shown, in both languages (issue 10: "5 planned, 2 unused, 4 built")."""
    session = _round(policy, seed)
    note = re.escape(tr("week.build.note", planned="\x00", parts="\x01"))
    figure = r"(\d+(?:[.,]\d)?)"
    pattern = re.compile(note.replace("\x00", figure).replace("\x01", "(.*)") + "$")
    built_at = re.escape(tr("week.progress.built", points="\x00", progress="")).split("\x00")

    def value(text: str) -> float:
        return float(text.replace(",", "."))

    told = 0
    for i in range(len(session.logs)):
        for line in _kind(week_report(session, i).items, "progress"):
            match = pattern.search(line.text)
            if match is None:
                continue
            planned, parts = value(match[1]), match[2]
            # Points lost or with nothing to build are told unsigned; the pace with its sign.
            counts = [re.match(r"([+-]?)(\d+(?:[.,]\d)?)", part) for part in parts.split("; ")]
            change = sum(
                (value(m[2]) if m[1] == "+" else -value(m[2])) for m in counts if m is not None
            )
            built = round(10 * float(session.logs[i].effort[0].sum())) / 10
            assert abs(planned + change - built) < 1e-6, line.text
            if re.match(built_at[0], line.text):
                assert line.text.startswith(f"{number(built)} "), line.text
            told += 1
    assert told, "no week explained its build"


# --- 6. the deadline --------------------------------------------------------------------
def _late_round() -> Session:
    session, _ = _session(3)
    while not session.done:
        session.play(POLICIES["delivery_first"](session.observe(), session.params)[0])
    assert session.turn > session.params.deadline  # this round runs late
    return session


def test_the_deadline_week_says_the_project_is_now_late_and_what_it_costs(language: str) -> None:
    session, params = _late_round(), loaded("crm-rollout")[1]
    deadline = params.deadline
    report = week_report(session, deadline - 1)  # the report of the deadline week itself
    label = i18n.turn_word(session.scenario.turn_label)
    costs = {
        "label": label,
        "score": percent(params.scoring.late_penalty),
        "drain": percent(params.coef.late_sponsor_drain),
        "last": params.turns,
    }
    said = tr("week.deadline.now", **costs)
    assert report.headline.startswith(said)
    assert [i.text for i in _kind(report.items, "deadline")] == [said]
    # The week after: late by one, still told with its cost.
    late = tr("topbar.late", n=1, label=label)
    [line] = _kind(week_report(session, deadline).items, "deadline")
    assert line.text == tr("week.deadline.late", late=late, **costs)
    # Before the deadline week, nothing about it.
    assert not _kind(week_report(session, deadline - 2).items, "deadline")


def test_the_button_after_the_deadline_says_the_next_week_is_late(language: str) -> None:
    scenario = loaded("crm-rollout")[0]
    label = i18n.turn_word(scenario.turn_label)
    assert next_label(scenario, scenario.deadline) == tr(
        "report.next", label=label, turn=scenario.deadline
    )
    late = tr("report.late", n=1, label=label)
    assert next_label(scenario, scenario.deadline + 1) == tr(
        "report.next.late", label=label, turn=scenario.deadline + 1, late=late
    )


def test_a_round_that_ends_at_the_deadline_says_nothing_of_lateness() -> None:
    session = _round("balanced", 3)  # a seed whose round ends in the deadline's week
    assert session.turn == session.params.deadline
    report = week_report(session, session.turn - 1)
    assert not _kind(report.items, "deadline")
    assert report.headline == tr("week.ending.delivered", label="week", turn=session.turn)


# --- 7. each decision once --------------------------------------------------------------
def test_a_sign_off_a_favour_bought_is_told_once(language: str) -> None:
    """Dana's package awaits sign-off; a favour speeds it: one line tells the sign-off."""
    for seed in range(40):
        session, ids = _session(seed)
        while not session.done and len(session.logs) < 10:
            seen = session.observe()
            waiting = bool((seen.package_status[0, :4] == AWAITING).any())
            build = int(np.argmax(seen.buildable[0]))
            favour = (DANA, 1 if waiting else 0)
            log = session.play(plan_of(session, ids, build=(build, 6), favour=favour))
            if not (waiting and log.favour_granted[0, DANA] and log.accepted[0, :4].any()):
                continue
            report = week_report(session, len(session.logs) - 1)
            titles = [session.scenario.packages[p].title for p in np.flatnonzero(log.accepted[0])]
            for title in titles:
                told = [i for i in report.items if title in i.text and i.kind != "handover"]
                assert len(told) == 1, [i.text for i in told]
            return
    pytest.fail("no seed had a favour buy a sign-off")


@pytest.mark.parametrize(("policy", "seed"), ROUNDS)
def test_no_line_is_told_twice(policy: str, seed: int) -> None:
    session = _round(policy, seed)
    for i in range(len(session.logs)):
        texts = [item.text for item in week_report(session, i).items]
        assert len(texts) == len(set(texts)), texts
