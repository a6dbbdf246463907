"""One rework story everywhere (issue 10): the faults found, told by the week report and
drawn by the debrief's chart, add up the same; the board's larger "to redo" is named
apart and agrees with the planner's points to go; a stalled sign-off says why."""

from collections.abc import Iterator

import numpy as np
import pytest

from game.i18n import number
from game.model import Observation
from game.model.state import AWAITING, OPEN
from game.policies import POLICIES
from game.session.debrief.record import rework_story, round_record
from game.session.debrief.series import series
from game.session.facts import game_facts
from game.session.session import Session
from game.ui.progress import built_and_to_go, points_text, progress_text
from game.ui.widgets import board
from tests.helpers.scenarios import loaded

# The playtest's seed (tutorial), and a few more so a rule is not one seed's accident.
SEEDS = (68742, 3, 11, 29)


def _round(seed: int, policy: str = "balanced") -> Session:
    scenario, params = loaded("tutorial")
    session = Session(scenario, params, seed, team="ducks")
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return session


@pytest.fixture(scope="module")
def rounds() -> list[Session]:
    return [_round(seed, policy) for seed in SEEDS for policy in ("balanced", "delivery_first")]


def _seen(rounds: list[Session]) -> Iterator[tuple[Session, Observation]]:
    for session in rounds:
        for seen in [*session.observations, session.observe()]:
            yield session, seen


def test_the_chart_is_the_sum_of_what_the_reports_name(rounds: list[Session]) -> None:
    """Team-found rework, defects of rejected packages and known defects of signed-off ones
    add up to the chart's bars, turn by turn; the last two are the week report's facts."""
    for session in rounds:
        story, chart = rework_story(session), series(session).rework_found
        parts = np.array([story["team_found"], story["rejected_found"], story["accepted_defects"]])
        assert np.allclose(parts.sum(axis=0), chart)
        facts = game_facts(session.params, session.logs, session.plans, session.observations)
        for k, turn in enumerate(facts):
            assert sum(r.found for r in turn.rejections) == pytest.approx(
                story["rejected_found"][k]
            )
            assert sum(ok.known_defects for ok in turn.signoffs) == pytest.approx(
                story["accepted_defects"][k]
            )
            # The report tells every team find of MINOR_REWORK or more; none is more than found.
            assert sum(r.found for r in turn.rework) <= story["team_found"][k] + 1e-9


def test_the_round_record_names_the_work_to_redo_apart(rounds: list[Session]) -> None:
    session = rounds[0]
    record = round_record(session, "tutorial")
    story = record["rework"]
    assert set(story) == {"team_found", "rejected_found", "accepted_defects", "to_redo"}
    assert all(len(values) == len(record["series"]["turns"]) for values in story.values())
    after = [*session.observations[1:], session.observe()]
    assert story["to_redo"] == pytest.approx([float(o.package_redo[0].sum()) for o in after])


def test_a_rejection_shows_its_work_to_redo_on_the_row_and_tooltip(rounds: list[Session]) -> None:
    """The figure on the row is the tooltip's, the one the planner's points to go hold."""
    shown = 0
    for session, seen in _seen(rounds):
        for p in range(len(session.scenario.packages)):
            redo = float(seen.package_redo[0, p])
            if seen.package_status[0, p] != OPEN or redo < board.SHOWN_POINTS:
                continue
            view = board.PackageView.of(session.scenario, seen, p)
            words = [text for text, _ in board.status_parts(view)]
            tip = board.tooltip(session.scenario, seen, p)
            assert points_text(redo) in " ".join(words)
            assert points_text(redo) in tip
            if seen.rejections[0, p]:
                assert view.status == board.tr("board.status.rejected")
                shown += 1
    assert shown, "no rejected package with work to redo in these rounds"


def test_percent_built_and_points_to_go_add_up(rounds: list[Session]) -> None:
    """'38 %' and '6 pts to go' of 10 disagreed: the tooltip gives built and to go in
    tenths, adding up to the size, and the percent is the built share rounded down."""
    for session, seen in _seen(rounds):
        for p in range(len(session.scenario.packages)):
            if seen.package_status[0, p] != OPEN:
                continue
            size, to_go = float(seen.package_size[0, p]), float(seen.package_remaining[0, p])
            built, left, whole = built_and_to_go(size, to_go)
            assert float(built) + float(left) == pytest.approx(float(whole))
            assert left == points_text(to_go)
            assert board.tr("board.tip.points", built=built, to_go=left, size=whole) in (
                board.tooltip(session.scenario, seen, p)
            )
            # The percent is IT's share built; built in tenths is within a tenth of it.
            share = float(seen.package_reported[0, p])
            assert abs(share * size - float(built)) <= 0.1 + 1e-9
    assert points_text(6.2) == number(6.2, 1) and points_text(10.0) == "10"


def test_a_stalled_sign_off_says_why_and_what_may_help(rounds: list[Session]) -> None:
    stalled = 0
    for session, seen in _seen(rounds):
        sc = session.scenario
        for p in range(len(sc.packages)):
            view = board.PackageView.of(sc, seen, p)
            waiting = int(seen.package_waiting[0, p])
            if seen.package_status[0, p] != AWAITING or waiting < board.STALLED_AFTER:
                assert view.stalled == ""
                continue
            stalled += 1
            assert view.stalled in [text for text, _ in board.status_parts(view)]
            assert number(waiting) in view.stalled
            tip = board.tooltip(sc, seen, p)
            owner = [s.id for s in sc.stakeholders].index(sc.packages[p].owner)
            # IT's view of the owner's trust (what sign-off speed depends on), never the truth.
            assert progress_text(float(seen.trust[0, owner])) in tip
            favour = next(a.label for a in sc.actions if a.effects.get("favour"))
            assert favour in tip
    assert stalled, "no sign-off waited long enough in these rounds"
