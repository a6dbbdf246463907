"""Why a round scored what it did: the score split by package and cause adds up to the score."""

import json
import math

import pytest

from game.model import outcome
from game.model.state import ACCEPTED
from game.session import debrief
from game.session.debrief.breakdown import OWN, SHARED, Loss, score_breakdown
from game.session.debrief.explain import package_lines, summary
from game.session.savefile import Attempt
from tests.helpers.sessions import round_of

ROUNDS = [
    ("tutorial", "balanced", 1),
    ("tutorial", "delivery_first", 2),
    ("crm-rollout", "delivery_first", 1),
    ("crm-rollout", "relationship_first", 2),
    ("finance-erp", "balanced", 4),
    ("lan-migration", "delivery_first", 5),
    ("ai-hype", "random", 3),
]


@pytest.mark.parametrize(("ref", "policy", "seed"), ROUNDS)
def test_the_packages_points_add_up_to_the_score(ref, policy, seed):
    session = round_of(ref, policy, seed)
    result = outcome(session.state, session.params)
    breakdown = score_breakdown(session)
    assert breakdown.score == float(result.score[0])
    assert sum(p.earned for p in breakdown.packages) == pytest.approx(breakdown.score, abs=1e-9)
    assert sum(p.potential for p in breakdown.packages) == pytest.approx(100.0)
    for p in breakdown.packages:
        assert set(p.lost) == set(Loss)
        assert all(lost >= -1e-12 for lost in p.lost.values()), p
        assert p.earned + sum(p.lost.values()) == pytest.approx(p.potential)
    # Each cause's total is what the score's own factors say it costs.
    quality = 100.0 * float(result.quality[0])
    assert breakdown.lost(Loss.VERDICT) == pytest.approx(
        quality * (1.0 - float(result.verdict_factor[0]))
    )
    own = sum(breakdown.lost(c) for c in OWN)
    assert own == pytest.approx(100.0 - quality)


def test_a_package_not_signed_off_earns_nothing_and_says_why():
    session = round_of("crm-rollout", "relationship_first", 2)
    breakdown = score_breakdown(session)
    status = session.state.status[0]
    open_ones = [p for p in breakdown.packages if status[p.package] != ACCEPTED]
    assert open_ones, "relationship_first on crm-rollout leaves work unfinished"
    for p in open_ones:
        assert p.earned == 0.0
        assert p.cause in (Loss.NOT_BUILT, Loss.REJECTED, Loss.WAITING)
        assert p.lost[p.cause] == pytest.approx(p.potential)
        assert all(p.lost[c] == 0.0 for c in SHARED)


def test_a_delivered_package_loses_its_defects_and_the_shared_factors():
    session = round_of("crm-rollout", "delivery_first", 1)
    breakdown = score_breakdown(session)
    done = [p for p in breakdown.packages if session.state.status[0, p.package] == ACCEPTED]
    assert done
    for p in done:
        assert p.lost[Loss.NOT_BUILT] == p.lost[Loss.WAITING] == p.lost[Loss.REJECTED] == 0.0
        assert p.cause in (None, Loss.DEFECTS)
        assert 0.0 <= p.owner_trust <= 1.0
    assert any(p.cause is Loss.DEFECTS and not math.isnan(p.clarity) for p in done)


def test_a_round_in_play_is_broken_down_too():
    session = round_of("tutorial", "balanced", seed=3, turns=4)
    breakdown = score_breakdown(session)
    assert sum(p.earned for p in breakdown.packages) == pytest.approx(breakdown.score, abs=1e-9)
    before = score_breakdown(round_of("tutorial", "balanced", seed=3, turns=0))
    assert before.score == pytest.approx(sum(p.earned for p in before.packages))


def test_the_words_name_every_package_worst_first_and_the_bar_adds_up():
    session = round_of("crm-rollout", "delivery_first", 1)
    breakdown = score_breakdown(session)
    lines = package_lines(breakdown, session)
    assert len(lines) == len(session.scenario.packages)
    # Worst first as the reader sees it: by the whole points each line shows lost.
    shown = [[int(n) for n in kept.split(" of ")] for _, kept, _ in lines]
    losses = [potential - earned for earned, potential in shown]
    assert losses == sorted(losses, reverse=True)
    assert all(why for _, _, why in lines)
    parts = summary(breakdown)
    assert parts[0][0] is None and parts[0][1] == breakdown.score
    assert sum(points for _, points, _ in parts) == pytest.approx(100.0, abs=0.5 * len(Loss))


def test_the_record_carries_the_breakdown_and_the_earlier_tries(tmp_path):
    session = round_of("tutorial", "delivery_first", seed=2, team="Red")
    tries = (Attempt(31.5, "C", 3), Attempt(40.0, "B", 0))
    record = debrief.round_record(session, "tutorial", tries)
    json.dumps(record, allow_nan=False)
    assert [a["score"] for a in record["attempts"]] == [31.5, 40.0]
    earned = sum(p["earned"] for p in record["breakdown"]["packages"])
    assert earned == pytest.approx(record["outcome"]["score"])
    from game.ui.charts import report_png

    path, png = debrief.export_round(
        session, "tutorial", tmp_path, lambda s, p: report_png(s, p, attempts=tries), tries
    )
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["attempts"][1]["replayed_from"] == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("ref", "policy", "seed"), ROUNDS)
def test_the_bar_labels_add_up_to_100_and_the_score_matches_the_heading(ref, policy, seed):
    """A reader adds the labels up (a playtest found 67 + 17 + 12 + 4.3 = 100.3)."""
    breakdown = score_breakdown(round_of(ref, policy, seed))
    labels = [label.rsplit(" ", 1)[1] for _, _, label in summary(breakdown)]
    assert all(value.isdigit() for value in labels), labels
    assert sum(int(value) for value in labels) == 100
    assert int(labels[0]) == round(breakdown.score)
