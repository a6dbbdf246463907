"""The turn report tells each week's story from the logs: complete, short, deterministic."""

from functools import cache

import numpy as np
import pytest

from game import i18n
from game.i18n import percent
from game.model import Params, empty_plan, step
from game.model.observe import shown_progress
from game.model.rules.stakeholders import NO_COMPLAINT
from game.policies import POLICIES
from game.scenario.loader import load
from game.scenario.schema import Scenario
from game.session.facts import MINOR_REWORK
from game.session.session import Session
from game.session.week import WeekItem, WeekReport, week_report

KINDS = (
    "deadline",
    "event",
    "rejection",
    "escalation",
    "rework",
    "minor_rework",
    "favour",
    "signoff",
    "handover",
    "contact",
    "complaint",
    "mood",
    "sponsor",
    "budget",
    "trust",
    "progress",
)
ICONS = {"warning", "check", "cross", "hammer", "hourglass", "speech", "handshake"}
ICONS |= {"arrow_up", "arrow_down", "clock"}


def _play(scenario: Scenario, params: Params, policy: str, seed: int = 1) -> Session:
    session = Session(scenario, params, seed=seed)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return session


# Seed 5 for balanced: any seed would do (it keeps in touch with everyone in the 13-week
# crm-rollout); delivery first loses touch, which test_out_of_touch_trust_is_not_revealed needs.
SEEDS = {"delivery_first": 1, "balanced": 5}


@cache
def _crm(policy: str) -> Session:
    scenario, params = load("crm-rollout")
    return _play(scenario, params, policy, SEEDS[policy])


def _reports(session: Session) -> list[WeekReport]:
    return [week_report(session, i) for i in range(len(session.logs))]


def _names(item: WeekItem, title: str) -> bool:
    """The item names the package: in full, or shortened with an ellipsis."""
    if title in item.text:
        return True
    return any(f"{title[:n]}…" in item.text for n in range(8, len(title)))


def _check_shape(report: WeekReport) -> None:
    assert report.headline
    order = [KINDS.index(item.kind) for item in report.items]
    assert order == sorted(order), "items come by importance"
    for item in report.items:
        assert item.text, item.text  # whole: the screens wrap and scroll (issue 10)
        assert item.icon in ICONS and item.tone in {"good", "bad", "neutral"}


@pytest.fixture(params=["delivery_first", "balanced"])
def session(request: pytest.FixtureRequest) -> Session:
    return _crm(request.param)


def test_every_week_has_a_headline_and_short_lines(session: Session) -> None:
    for i, report in enumerate(_reports(session)):
        assert report.turn == i + 1
        if i + 1 <= 13:
            assert report.title == f"Week {i + 1} of 13"
        else:  # never "Week 14 of 13" (issue 10)
            late = i + 1 - 13
            weeks = "week" if late == 1 else "weeks"
            assert report.title == f"Week {i + 1}: {late} {weeks} past the deadline"
        _check_shape(report)


def test_every_rejection_and_rework_find_is_reported(session: Session) -> None:
    titles, owner = [p.title for p in session.scenario.packages], session.params.owner
    for log, report in zip(session.logs, _reports(session), strict=True):
        for kind, mask in (
            ("rejection", log.rejected[0]),
            ("rework", log.rework_found[0] >= MINOR_REWORK),
        ):
            # A decision a favour bought is told once, in the favour's line.
            items = [item for item in report.items if item.kind in (kind, "favour")]
            items = [
                i for i in items if i.kind == kind or (kind == "rejection" and i.tone == "bad")
            ]
            assert len(items) == mask.sum()
            for p in np.flatnonzero(mask):
                assert any(
                    _names(item, titles[p]) and item.stakeholder == owner[p] for item in items
                ), (kind, titles[p], [item.text for item in items])


def test_signoffs_and_handovers_are_reported(session: Session) -> None:
    for log, report in zip(session.logs, _reports(session), strict=True):
        kinds = [item.kind for item in report.items]
        # A sign-off a favour bought is told once, in the favour's line.
        bought = sum(
            any(
                _names(item, session.scenario.packages[p].title)
                for item in report.items
                if item.kind == "favour"
            )
            for p in np.flatnonzero(log.accepted[0])
        )
        assert kinds.count("signoff") + bought == log.accepted[0].sum()
        assert kinds.count("handover") == log.finished[0].sum()


def test_only_fresh_complaints_are_quoted(session: Session) -> None:
    heard = np.full(session.params.n_stakeholders, NO_COMPLAINT)
    for log, report in zip(session.logs, _reports(session), strict=True):
        said = log.complaint[0]
        fresh = set(np.flatnonzero((said != NO_COMPLAINT) & (said != heard)))
        quoted = [item for item in report.items if item.kind == "complaint"]
        assert {item.stakeholder for item in quoted} == fresh
        assert all(item.text.count('"') == 2 for item in quoted)
        heard = said


def test_out_of_touch_trust_is_not_revealed() -> None:
    # Delivery first loses touch with people; balanced keeps in touch with everyone.
    session = _crm("delivery_first")
    hidden = 0
    for i, report in enumerate(_reports(session)):
        after = session.observations[i + 1] if i + 1 < len(session.logs) else session.observe()
        for s in np.flatnonzero(after.vague[0]):
            name = session.scenario.stakeholders[s].name.split()[0]
            trust_lines = [item.text for item in report.items if item.kind == "trust"]
            assert not any(f"{name} " in t and "%" in t for t in trust_lines), trust_lines
            hidden += 1
    assert hidden > 0  # the policies do leave someone out of touch at some point


def test_moves_match_the_logs(session: Session) -> None:
    for i, report in enumerate(_reports(session)):
        log, before = session.logs[i], session.observations[i]
        after = session.observations[i + 1] if i + 1 < len(session.logs) else session.observe()
        # Every bar whose figure changed on screen.
        moved = np.array(
            [
                percent(a) != percent(b)
                for a, b in zip(log.trust_before[0], log.trust_after[0], strict=True)
            ]
        )
        # Trust of someone IT is out of touch with is not known, so it is not shown moving.
        moved &= ~after.vague[0]
        trust = {m.stakeholder: m for m in report.moves if m.stakeholder is not None}
        assert set(trust) == set(np.flatnonzero(moved))
        for s, move in trust.items():
            assert (move.before, move.after) == (log.trust_before[0, s], log.trust_after[0, s])
        others = {m.label: (m.before, m.after) for m in report.moves if m.stakeholder is None}
        if "Reported progress" in others:
            # As the top bar shows it: rounded down to whole percent (observe.shown_progress).
            progress = (
                float(shown_progress(before.reported_progress[0])),
                float(shown_progress(log.reported_progress[0])),
            )
            assert others["Reported progress"] == progress
        if "Sponsor support" in others:
            assert others["Sponsor support"] == (before.sponsor[0], log.sponsor[0])
    # Progress moves most weeks of a game; a report that never shows it would be broken.
    assert any(m.label == "Reported progress" for r in _reports(session) for m in r.moves)


def test_neglect_shows_up_as_unclear_needs() -> None:
    texts = [item.text for r in _reports(_crm("delivery_first")) for item in r.items]
    unclear = [t for t in texts if "requirements were unclear (clarity" in t]
    assert unclear, "delivery_first builds on unclear requirements"
    departments = {s.department for s in _crm("delivery_first").scenario.stakeholders}
    # "Finance's requirements", but "Sales' requirements" (a name ending in s).
    owners = tuple(f"{i18n.possessive(d)} requirements" for d in departments)
    assert all(t.startswith(owners) for t in unclear)


def test_reports_are_deterministic() -> None:
    scenario, params = load("crm-rollout")
    again = _play(scenario, params, "delivery_first")
    assert _reports(again) == _reports(_crm("delivery_first"))
    # A replay from the saved plans (what a restored round shows) tells the same story...
    assert _reports(again.branch(again.turn)) == _reports(again)
    # ...and the equality is not empty: other plans tell another one.
    assert _reports(again) != _reports(_crm("balanced"))


def test_a_turn_after_the_end_gives_an_empty_report() -> None:
    finished = _crm("delivery_first")
    session = finished.branch(finished.turn)
    assert session.done
    plan = empty_plan(1, session.params)
    _, log = step(session.state, plan, session.params)
    assert not log.active[0]
    session.observations.append(session.observe())
    session.plans.append(plan[0])
    session.logs.append(log)
    report = week_report(session, len(session.logs) - 1)
    assert report.items == [] and report.moves == []
    assert "over" in report.headline


def test_favours_and_escalations_say_why() -> None:
    scenario, params = load("crm-rollout")
    session = Session(scenario, params, seed=1)
    ids = [a.id for a in scenario.actions]
    plan = empty_plan(1, params)[0]
    plan[ids.index("favour"), 0] = 1  # nothing of Dana's awaits sign-off: she lends an expert
    plan[ids.index("escalate"), 1] = 1  # nor of Omar's
    session.play(plan)
    report = week_report(session, 0)
    _check_shape(report)
    by_kind = {item.kind: item for item in report.items}
    assert by_kind["favour"].stakeholder == 0 and "lent you an expert" in by_kind["favour"].text
    assert by_kind["escalation"].stakeholder == 1
    assert "nothing to sign off" in by_kind["escalation"].text


@pytest.mark.parametrize("policy", ["random", "relationship_first"])
def test_every_shipped_scenario_gets_a_report(
    shipped: tuple[Scenario, Params], policy: str
) -> None:
    session = _play(*shipped, policy, seed=3)
    for report in _reports(session):
        _check_shape(report)


def test_time_with_people_says_what_it_did() -> None:
    """A demo, a workshop and a steering update each get a line with what IT can see."""
    scenario, params = load("tutorial")
    session = Session(scenario, params, seed=1)
    ids = [a.id for a in scenario.actions]
    plan = np.zeros((params.n_actions, params.n_targets))
    plan[ids.index("workshop"), 0] = 2
    plan[ids.index("demo"), 1] = 2
    plan[ids.index("steering"), 0] = 1
    session.play(plan)
    report = week_report(session, 0)
    texts = [item.text for item in report.items if item.kind == "contact"]
    assert any(t.startswith("Workshop with Marta") for t in texts), texts
    # Week 1: nothing is built yet, so the demo says it had nothing new to show.
    assert any(t.startswith("Demo for Jonas: nothing new to show") for t in texts), texts
    sponsor = [item.text for item in report.items if item.kind == "sponsor"]
    assert any(t.startswith("Steering update for") for t in texts) or any(
        "your steering update" in t for t in sponsor
    ), (texts, sponsor)
