"""What-if tests: each rule moves the state in the direction the design says.

Every test plays the same game twice from the same seed, differing in one thing (an
action, a stock), and compares. The rules are vectorised, so "the same game twice" is
one batch of two games with the same id and seed.
"""

from dataclasses import replace

import numpy as np
import pytest

from game.model import new_state, outcome, step
from game.model.params import Params
from game.model.plan import empty_plan
from game.model.rules.attribution import apportion
from game.model.rules.discovery import built
from game.model.rules.events import fire
from game.model.rules.project import SponsorTerm
from game.model.rules.relationships import TrustTerm
from game.model.rules.stakeholders import COMPLAINTS, EXPECT_MAX, complaints, grievances
from game.model.rules.work import fatigue_strain, micromanagement
from game.model.state import ACCEPTED, AWAITING, State
from tests.helpers.scenarios import loaded

SEED = 7


@pytest.fixture
def crm() -> tuple[list[str], Params]:
    scenario, params = loaded("crm-rollout")
    return [a.id for a in scenario.actions], params


def twins(params: Params) -> State:
    """Two copies of the same game: same id, same seed, so the same luck."""
    return new_state(params, [3, 3], SEED)


def plans(params: Params, ids: list[str], *extra: tuple[int, str, int, float]) -> np.ndarray:
    """Both games build 6 points on the pipeline; `extra` adds (game, action, target, points)."""
    plan = empty_plan(2, params)
    plan[:, ids.index("build"), 0] = 6
    for game, action, target, points in extra:
        plan[game, ids.index(action), target] = points
    return plan


def dana_owns(params: Params) -> np.ndarray:
    return params.owner == 0


def test_one_more_workshop_never_lowers_clarity(crm):
    ids, params = crm
    after, _ = step(twins(params), plans(params, ids, (1, "workshop", 0, 2)), params)
    mine = dana_owns(params)
    assert (after.clarity[1] >= after.clarity[0]).all()
    assert (after.clarity[1, mine] > after.clarity[0, mine]).all()


def test_escalation_leaves_friction_that_slows_sign_off_and_costs_satisfaction(crm):
    ids, params = crm
    after, _ = step(twins(params), plans(params, ids, (1, "escalate", 0, 1)), params)
    assert after.friction[1, 0] > 0.3 and after.friction[0, 0] == 0.0
    assert after.satisfaction[1, 0] < after.satisfaction[0, 0]
    assert after.forced[1] == 1 and after.forced[0] == 0
    # The others saw it: their trust fell more than in the game without it.
    assert (after.trust[1, 1:] < after.trust[0, 1:]).all()
    # Friction fades slowly: five quiet weeks later most of it is still there.
    state = after
    for _ in range(5):
        state, _ = step(state, plans(params, ids), params)
    assert state.friction[1, 0] > 0.6 * after.friction[1, 0]


def test_each_escalation_costs_the_sponsor_more_than_the_last(crm):
    ids, params = crm
    state = twins(params)
    state.sponsor[:] = 0.9
    once, _ = step(state, plans(params, ids, (1, "escalate", 0, 1)), params)
    first_cost = once.sponsor[0] - once.sponsor[1]
    again, _ = step(once, plans(params, ids, (1, "escalate", 1, 1)), params)
    second_cost = (again.sponsor[0] - again.sponsor[1]) - first_cost
    assert second_cost > first_cost > 0


def _awaiting(params: Params, hidden: float) -> State:
    """Twins whose pipeline is built, with `hidden` points of hidden rework, awaiting Dana."""
    state = twins(params)
    size = params.size[0]
    state.work_new[:, 0] = 0.0
    state.correct[:, 0] = size - hidden
    state.hidden[:, 0] = hidden
    state.hidden_clarity[:, 0] = 0.4
    state.status[:, 0] = AWAITING
    state.handover_turn[:, 0] = 0
    state.finish_turn[:, 0] = 0
    return state


def test_a_favour_buys_a_quick_decision(crm):
    ids, params = crm
    slow = replace(params, coef=params.coef._replace(signoff_base=0.0, signoff_trust=0.0))
    state = _awaiting(slow, hidden=0.5)
    state.trust[:, 0] = 0.6
    _, log = step(state, plans(slow, ids, (1, "favour", 0, 1)), slow)
    assert not (log.accepted[0, 0] or log.rejected[0, 0])  # no decision without it
    assert log.accepted[1, 0] or log.rejected[1, 0]


def test_a_favoured_acceptance_test_is_fair_and_rejects_less(crm):
    ids, params = crm
    # Every package is decided this week, and an unfavoured test of this one mostly rejects.
    strict = params.coef._replace(signoff_base=1.0, reject_scale=12.0, reject_max=1.0)
    params = replace(params, coef=strict)
    plain = favoured = 0
    for seed in range(60):
        state = _awaiting(params, hidden=3.0)
        state.key = new_state(params, [seed, seed], SEED).key
        state.trust[:, 0] = 0.6
        _, log = step(state, plans(params, ids, (1, "favour", 0, 1)), params)
        assert log.rejected[1, 0] <= log.rejected[0, 0]  # same luck, a fairer test
        plain += int(log.rejected[0, 0])
        favoured += int(log.rejected[1, 0])
    assert plain > 40 and favoured < 0.6 * plain


def test_an_escalation_over_an_overdue_sign_off_is_a_fair_last_resort(crm):
    ids, params = crm
    # Nobody decides on their own, and the sponsor would back a forced decision at 0.
    slow = replace(params, coef=params.coef._replace(signoff_base=0.0, signoff_trust=0.0))
    fresh = _awaiting(slow, hidden=0.0)
    fresh.sponsor[:] = 0.0001
    overdue = fresh.copy()
    wait = int(slow.coef.escalate_fair_wait)
    overdue.turn[:] = wait  # handed over at turn 0: it has waited the fair wait
    escalate = plans(slow, ids, (0, "escalate", 0, 1), (1, "escalate", 0, 1))
    early, early_log = step(fresh, escalate, slow)
    late, late_log = step(overdue, escalate, slow)
    assert not early_log.forced_fair[0, 0] and late_log.forced_fair[0, 0]
    # The sponsor decides an overdue sign-off, whatever their support ...
    assert not early_log.accepted[0, 0] and late_log.accepted[0, 0]
    # ... and a last resort leaves less friction and costs the witnesses less trust.
    assert late.friction[0, 0] < early.friction[0, 0]
    witnessed_late = overdue.trust[0, 1:] - late.trust[0, 1:]
    witnessed_early = fresh.trust[0, 1:] - early.trust[0, 1:]
    assert (witnessed_late < witnessed_early).all()


def test_a_favour_with_nothing_waiting_lends_an_expert(crm):
    ids, params = crm
    state = twins(params)
    state.trust[:, 0] = 0.6
    after, log = step(state, plans(params, ids, (1, "favour", 0, 1)), params)
    assert log.favour_expert[1, 0] and not log.favour_granted[0, 0]
    mine = dana_owns(params)
    assert (after.clarity[1, mine] > after.clarity[0, mine]).all()
    assert after.trust[1, 0] < after.trust[0, 0]  # paid for in trust


def test_a_favour_needs_trust(crm):
    ids, params = crm
    state = twins(params)
    state.trust[:, 0] = params.coef.favour_min_trust - 0.1
    _, log = step(state, plans(params, ids, (1, "favour", 0, 1)), params)
    assert not log.favour_granted[1, 0]


def test_testing_patches_a_package_awaiting_sign_off_before_the_owner_tests_it(crm):
    ids, params = crm
    no_decision = params.coef._replace(signoff_base=0.0, signoff_trust=0.0)
    quiet = replace(params, coef=no_decision)
    after, log = step(_awaiting(quiet, 2.0), plans(quiet, ids, (1, "testing", 0, 2)), quiet)
    assert after.hidden[1, 0] < after.hidden[0, 0]
    assert after.correct[1, 0] > after.correct[0, 0]
    assert after.status[1, 0] == AWAITING  # patched, not taken back (it blocks nothing)
    assert log.rework_found[1, 0] > 0 and log.rework_found[0, 0] == 0


def test_testing_finds_nothing_in_clean_work(crm):
    ids, params = crm
    after, _ = step(_awaiting(params, 0.0), plans(params, ids, (1, "testing", 0, 2)), params)
    assert after.hidden[1, 0] == after.hidden[0, 0] == 0.0


def test_hidden_rework_in_live_packages_turns_into_defects_and_friction(crm):
    ids, params = crm
    state = _awaiting(params, 2.0)
    state.status[1, 0] = ACCEPTED  # game 1: the same package already went live
    after, _ = step(state, plans(params, ids), params)
    assert after.defects[1, 0] > 0 and after.hidden[1, 0] < 2.0
    assert after.friction[1, 0] > after.friction[0, 0]


def test_a_short_sprint_is_shrugged_off_a_long_one_is_not(crm):
    _, params = crm
    state = twins(params)
    state.fatigue[:] = [0.0, params.coef.fatigue_slack]
    assert fatigue_strain(state, params).tolist() == [0.0, 0.0]
    state.fatigue[:] = [0.0, 0.8]
    assert fatigue_strain(state, params)[1] > 0.5


def test_overtime_adds_build_effort_this_week(crm):
    ids, params = crm
    plan = plans(params, ids, (1, "overtime", 0, 2))
    plan[1, ids.index("build"), 0] = 8
    after, log = step(twins(params), plan, params)
    assert log.effort[1].sum() > log.effort[0].sum()
    assert after.fatigue[1] > after.fatigue[0] == 0.0


def test_a_doubting_sponsor_slows_the_team(crm):
    ids, params = crm
    state = twins(params)
    state.sponsor[:] = [0.9, 0.2]
    assert micromanagement(state, params).tolist()[0] == 0.0
    assert micromanagement(state, params)[1] > 0.0
    _, log = step(state, plans(params, ids), params)
    assert log.effort[1].sum() < log.effort[0].sum()


def test_a_steering_update_restores_support_that_fades_without_news(crm):
    ids, params = crm
    state = twins(params)
    state.sponsor[:] = 0.5
    after, _ = step(state, plans(params, ids, (1, "steering", 0, 1)), params)
    assert after.sponsor[0] < 0.5 < after.sponsor[1]


def test_hype_can_promise_more_than_the_whole_scope_and_a_reset_calms_it(crm):
    ids, params = crm
    state = twins(params)
    state.hype[:] = 1.0
    state.expectation[:] = 0.95
    after, _ = step(state, plans(params, ids, (1, "reset", 0, 1)), params)
    assert after.expectation[0, 0] > 1.0
    assert (after.expectation <= EXPECT_MAX).all()
    assert after.hype[1] < after.hype[0]
    assert after.expectation[1, 0] < after.expectation[0, 0]


def test_each_complaint_comes_from_its_own_state(crm):
    _, params = crm
    base = new_state(params, [0, 0, 0, 0], SEED)
    base.trust[:] = 0.5
    base.since_contact[0, 0] = 8  # out of touch
    base.rejections[1, params.owner == 0] = 2  # they rejected what IT built
    base.friction[2, 0] = 1.0  # forced and full of defects
    base.expectation[3, 0], base.seen[3, 0] = 1.0, 0.2  # promised much, seen little
    base.clarity[:] = 0.9
    costs = grievances(base, params)
    assert [int(np.argmax(costs[g, 0])) for g in range(4)] == [0, 1, 2, 3]
    base.satisfaction[:, 0] = 0.0
    said = complaints(base, params)[:, 0]
    assert [COMPLAINTS[k] for k in said] == list(COMPLAINTS)


def test_the_sponsor_judges_the_end_too(crm):
    _, params = crm
    state = twins(params)
    state.sponsor[:] = [0.2, 0.9]
    verdict = outcome(state, params).verdict
    assert verdict[1] > verdict[0]


def test_one_more_check_in_never_lowers_trust_and_raises_the_persons(crm):
    ids, params = crm
    after, _ = step(twins(params), plans(params, ids, (1, "check_in", 0, 1)), params)
    assert (after.trust[1] >= after.trust[0] - 1e-12).all()
    assert after.trust[1, 0] > after.trust[0, 0]  # Dana, the one IT spoke to


def test_one_more_build_point_never_lowers_what_is_built(crm):
    ids, params = crm
    plan = plans(params, ids)
    plan[1, ids.index("build"), 0] += 1
    after, _ = step(twins(params), plan, params)
    assert (built(after)[1] >= built(after)[0] - 1e-12).all()
    assert built(after)[1, 0] > built(after)[0, 0]


def test_a_triggered_event_fires_when_and_only_when_its_condition_holds(crm):
    """'Sales complains' needs Dana's satisfaction at most 0.3: meet it in one twin only."""
    _, params = crm
    e = 3  # crm-rollout's sales-complains: weeks 10-18, satisfaction of dana <= 0.3
    assert params.events.cond_var[e] >= 0 and params.events.probability[e] > 0
    state = twins(params)
    state.turn[:] = params.events.start[e]
    state.satisfaction[:, 0] = [0.9, 0.1]
    draws = np.zeros((2, params.n_events))  # every chance comes up
    fired = fire(state, params, draws, np.ones(2, dtype=np.bool_))
    assert fired[:, e].tolist() == [False, True]
    again = fire(state, params, draws, np.ones(2, dtype=np.bool_))
    assert not again[:, e].any()  # once per game


def test_a_rejection_logs_the_work_it_puts_back_at_the_late_cost(crm):
    """The log's redo_added is what the board's 'to redo' grew by: a rejection puts the
    defects found back at (1 + late_cost) times their size, and the team's finds at theirs."""
    _, params = crm
    strict = params.coef._replace(signoff_base=1.0, reject_scale=12.0, reject_max=1.0)
    params = replace(params, coef=strict)
    state = _awaiting(params, hidden=3.0)
    state.trust[:, 0] = 0.6
    before = state.work_redo.copy()
    after, log = step(state, empty_plan(2, params), params)
    assert log.rejected[:, 0].any()
    late = 1.0 + params.coef.late_cost
    expected = log.acceptance_found * log.rejected * late
    found_cost = log.redo_added - expected
    assert np.all(found_cost >= -1e-12)  # the rest is the team's own finds, never negative
    # Nothing was built: the work to redo grew by exactly what the log says was added.
    np.testing.assert_allclose(after.work_redo - before, log.redo_added, atol=1e-12)


def test_an_escalation_is_told_as_its_own_part_of_the_trust_and_sponsor_changes(crm):
    ids, params = crm
    state = twins(params)
    _, log = step(state, plans(params, ids, (1, "escalate", 0, 1)), params)
    c = params.coef
    # Going over Dana's head costs her trust in proportion, and the sponsor's patience.
    cost = log.trust_parts[:, 0, TrustTerm.ESCALATION]
    assert cost[0] == 0.0 and cost[1] == pytest.approx(-c.escalate_trust_cost * state.trust[1, 0])
    # The others saw it: who is next to be overruled?
    assert (log.trust_parts[1, 1:, TrustTerm.WITNESSED] < 0).all()
    assert (log.trust_parts[0, :, TrustTerm.WITNESSED] == 0).all()
    patience = log.sponsor_parts[:, SponsorTerm.FORCED]
    assert patience[0] == 0.0 and patience[1] == pytest.approx(-c.escalate_sponsor_cost)
    # The fade is every week's, whatever was planned.
    assert (log.sponsor_parts[:, SponsorTerm.FADE] == -c.sponsor_fade).all()


def test_apportion_scales_the_side_a_clip_cut_and_a_moved_bound_takes_the_rest():
    parts = np.array([[0.3, -0.1], [0.05, -0.4], [0.0, -0.1]])
    change = np.array([0.1, -0.2, -0.3])  # clipped at a ceiling, at a floor, below a new bound
    out = apportion(parts, change, residual_to=1)
    assert np.allclose(out.sum(axis=1), change)
    assert out[0, 1] == pytest.approx(-0.1)  # the ceiling cut the gain, not the loss
    assert out[1, 0] == pytest.approx(0.05)  # the floor cut the loss, not the gain
    assert out[2].tolist() == pytest.approx([0.0, -0.3])


def test_apportion_gives_a_row_where_nothing_moved_its_zeros_at_once():
    """A stakeholder whose trust nothing moved (most, most turns): +0.0 for every part, as
    the scaling gives (-0.0 too), whatever term takes the residual."""
    parts = np.array([[0.0, -0.0, 0.0], [0.0, 0.0, 0.0], [0.2, 0.0, 0.0], [np.nan, 0.0, 0.0]])
    change = np.array([0.0, -0.0, 0.0, 0.0])
    for residual_to in (None, 2):
        out = apportion(parts, change, residual_to=residual_to)
        assert np.array_equal(np.signbit(out[:2]), np.zeros((2, 3), dtype=bool))
        assert (out[:2] == 0.0).all()
        assert out[2].sum() == 0.0  # a part pushed where nothing moved: the clip took it
        assert np.isnan(out[3, 0])  # NaN is not nothing


def test_the_teams_testing_misses_what_it_misunderstood(crm):
    ids, params = crm
    no_decision = params.coef._replace(signoff_base=0.0, signoff_trust=0.0)
    quiet = replace(params, coef=no_decision)
    state = _awaiting(quiet, 2.0)
    state.clarity[0, 0], state.clarity[1, 0] = 0.9, 0.3  # game 1 never understood the need
    both = plans(quiet, ids, (0, "testing", 0, 2), (1, "testing", 0, 2))
    _, log = step(state, both, quiet)
    assert 0 < log.rework_found[1, 0] < log.rework_found[0, 0]


def test_a_workshop_with_nothing_left_to_specify_leaves_friction(crm):
    ids, params = crm
    state = twins(params)
    mine = dana_owns(params)
    state.status[:, mine] = AWAITING  # nothing of Dana's is still open
    state.handover_turn[:, mine] = 0
    state.friction[:] = 0.0
    after, log = step(state, plans(params, ids, (1, "workshop", 0, 2)), params)
    assert after.friction[1, 0] > after.friction[0, 0] == 0.0
    assert log.idle_workshop[1, 0] and not log.idle_workshop[0, 0]
    # With work of theirs still open, the same workshop is requirements work, not friction.
    open_again = twins(params)
    open_again.friction[:] = 0.0
    after, log = step(open_again, plans(params, ids, (1, "workshop", 0, 2)), params)
    assert after.friction[1, 0] == after.friction[0, 0] == 0.0
    assert not log.idle_workshop.any()
