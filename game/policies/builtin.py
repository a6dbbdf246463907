"""The built-in policies, vectorised over N games: archetypes of how teams play.

A policy reads only the Observation (IT's view) and the scenario's Params and
returns a legal plan (N, A, T). They exist to show, over many seeds, that the
lesson emerges: neither pure delivery nor pure relationship work wins.
"""

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from game.model.channels import PROJECT_EFFECTS, Channel
from game.model.observe import Observation
from game.model.params import Params
from game.model.plan import empty_plan
from game.model.rng import POLICY_STREAM, uniforms
from game.model.state import AWAITING, OPEN
from game.policies.allocate import (
    fill_packages,
    greedy,
    longest_wait,
    max_overtime_uses,
    stakeholder_share,
    urgency,
    waiting_for_signoff,
)
from game.policies.catalogue import Catalogue, catalogue

F64 = npt.NDArray[np.float64]
Policy = Callable[[Observation, Params], F64]


def _finish(obs: Observation, params: Params, cat: Catalogue, plan: F64, build_points: F64) -> F64:
    """Put `build_points` into packages in whole uses; what nothing can take goes to testing
    while something is still open (testing looks only at open packages)."""
    cost = params.action_cost[cat.build]
    per_use = params.action_effect[cat.build, Channel.BUILD]
    uses = fill_packages(obs, np.floor(build_points / cost), urgency(obs), per_use)
    plan[:, cat.build, : params.n_packages] += uses * cost
    spare = build_points - uses.sum(axis=1) * cost
    if cat.testing is not None:
        cost = params.action_cost[cat.testing]
        anything_open = (obs.package_status == OPEN).any(axis=1)
        plan[:, cat.testing, 0] += np.minimum(np.floor(spare / cost), 2) * cost * anything_open
    return plan


def delivery_first(obs: Observation, params: Params) -> F64:
    """All hands on building; overtime when behind schedule; no relationship work."""
    cat = catalogue(params)
    plan = empty_plan(obs.turn.shape[0], params)
    points = np.floor(obs.capacity)
    if cat.overtime is not None:
        schedule = np.minimum((obs.turn + 1) / params.deadline, 1.0)
        behind = obs.reported_progress < schedule - 0.1
        # Overtime only pays when there is more buildable work than the week's capacity.
        per_use = params.action_effect[cat.overtime, Channel.OVERTIME]
        uses = np.floor(min(2.0, params.max_overtime) / per_use)
        buildable_work = (obs.package_remaining * obs.buildable).sum(axis=1)
        wanted = behind & (buildable_work > points + uses * per_use)
        plan[:, cat.overtime, 0] = np.where(wanted, uses * params.action_cost[cat.overtime], 0.0)
        points = points + np.where(wanted, uses * per_use, 0.0)
    return _finish(obs, params, cat, plan, points)


# The most of its capacity the reference team spends on relationships in one week.
BALANCED_SHARE = 0.35
# Weeks without contact after which the reference team checks in before anything else.
OUT_OF_TOUCH = 3
# Clarity up to which the reference team holds requirements workshops.
TALK_UNTIL = 0.75
# Clarity below which the reference team tests what it built before the owner does.
UNCLEAR = 0.75
# Clarity of buildable work below which the reference team adds quality effort.
QUALITY_BELOW = 0.75
# Sponsor support below which the reference team briefs the sponsor.
BRIEF_BELOW = 0.7
# Weeks before the deadline in which a short overtime sprint may pay.
SPRINT_WEEKS = 3
# Fatigue below which the team may put in a few extra hours in a week with enough to build.
FRESH = 0.15
# A demo's priority among the relationship work (a check-in's is about 2 to 4): ahead of
# routine contact where the week's budget covers a check-in with everyone and a demo
# besides, behind it where it does not (a busy week: keeping everyone in touch comes first).
DEMO_FIRST = 4.0
DEMO_WAITS = 1.0


def _relationship_plan(
    obs: Observation,
    params: Params,
    share: float,
    fill: bool,
    skip: int | None = None,
    extra_hours: bool = True,
) -> F64:
    """Relationship work on a budget of `share` of capacity, then build with the rest.

    The rules of thumb a sensible project lead follows, reading the board: stay in
    touch (check-in when it has been a while), talk requirements through early and
    after a rejection, demo when there is something new (sooner under hype; in a week
    whose budget cannot give everyone a check-in and a demo besides, only with what
    contact leaves over), reset expectations that run ahead, call in a favour for a
    waiting sign-off where trust allows (escalate only as a last resort: a sign-off
    overdue, trust too low for a favour, nothing else left to build), brief the sponsor
    when their support dips, test after unclear building, put in a few extra hours while
    the team is fresh, and sprint briefly before the deadline when it is in reach.
    With `fill`, spare relationship points go to extra contact anyway.
    `skip` names a stakeholder who is never contacted (for neglect experiments); without
    `extra_hours` the team works overtime only in the sprint before the deadline.
    """
    cat = catalogue(params)
    n, s = obs.turn.shape[0], params.n_stakeholders
    plan = empty_plan(n, params)
    capacity = np.floor(obs.capacity)
    budget = np.round(share * capacity)
    open_share = stakeholder_share(obs, params, (obs.package_status == OPEN).astype(np.float64))
    has_open = open_share > 0
    shown = stakeholder_share(obs, params, obs.package_reported)
    rejected = stakeholder_share(obs, params, obs.rejections.astype(np.float64)) > 0
    early = (obs.turn < max(2, params.deadline // 4))[:, None]
    # Personal power, used where there is capital to spend: a favour for a waiting sign-off.
    waiting = waiting_for_signoff(obs, params)
    favour_trust = params.coef.favour_min_trust + 0.05
    # Positional power only as a last resort: a hand-over overdue for sign-off (a fair
    # wait has passed) when nothing is left to build, so that it alone holds up the
    # go-live, and the owner's trust is too low to ask a favour.
    overdue = longest_wait(obs, params) >= params.coef.escalate_fair_wait
    nothing_open = ~(obs.package_status == OPEN).any(axis=1, keepdims=True)
    last_resort = overdue & nothing_open & (obs.trust < favour_trust)
    since = obs.since_contact.astype(np.float64)
    check_in_need = 2.0 + 0.2 * since + 2.0 * (since >= OUT_OF_TOUCH)
    # Under hype, show what works sooner and talk expectations down sooner.
    hyped = np.clip(obs.hype[:, None] * params.hype_susceptibility[None, :], 0.0, 1.0)
    news = 0.2 - 0.1 * hyped
    # Showing new software to some must not cost the others their contact: a demo comes
    # first only when the budget covers a check-in with everyone and the demo besides.
    everyone = s * cat.cost(params, cat.check_in) + cat.cost(params, cat.demo)
    demo_priority = np.where(budget >= everyone, DEMO_FIRST, DEMO_WAITS)[:, None]

    # Talk requirements through where the team knows it does not yet understand them.
    vague_need = (obs.package_status == OPEN) & (obs.package_clarity < TALK_UNTIL)
    kickoff = ((vague_need @ params.owner_onehot) > 0) & early
    # Talk first to the people whose packages are next in the build queue.
    queue = np.where(obs.buildable, urgency(obs), 0.0)
    next_up = np.max(queue[:, None, :] * params.owner_onehot.T[None, :, :], axis=2)
    # ... and again when one of their packages is about to start.
    rank = np.argsort(np.argsort(-queue, axis=1, kind="stable"), axis=1)
    starting = obs.buildable & (obs.package_reported < 0.05) & (rank < 3) & vague_need
    about_to_start = (starting @ params.owner_onehot) > 0
    # Packages still far from understood are worth a second conversation.
    unclear = ((starting * (obs.package_clarity < UNCLEAR)) @ params.owner_onehot) > 0
    candidates: list[tuple[int | None, F64]] = [
        (cat.workshop, np.where(kickoff, 5.0 + 0.1 * since + next_up, 0.0)),
        (cat.workshop, np.where(~early & about_to_start & (since >= 2), 4.5, 0.0)),
        (cat.workshop, np.where(~early & unclear & (since >= 1), 4.4, 0.0)),
        (cat.demo, np.where(shown - obs.seen >= news, demo_priority + shown - obs.seen, 0.0)),
        (cat.reset, np.where(obs.expectation - obs.seen > 0.3 - 0.2 * hyped, 3.0, 0.0)),
        (cat.favour, np.where(waiting & (obs.trust >= favour_trust), 3.5, 0.0)),
        (cat.escalate, np.where(last_resort, 3.4, 0.0)),
        (cat.workshop, np.where(has_open & ~early & (rejected | (since >= 4)), 2.5, 0.0)),
        # Nobody goes OUT_OF_TOUCH weeks without a word: then a check-in comes first.
        (cat.check_in, np.where(since >= 1, check_in_need - 0.5 * obs.trust, 0.0)),
    ]
    if fill:
        candidates += [
            (cat.workshop, np.where(has_open, 0.5, 0.0)),
            (cat.check_in, np.full((n, s), 0.4)),
        ]
    actions = [(a, p) for a, p in candidates if a is not None]
    if not actions:  # a catalogue with no relationship actions: build with everything
        return _finish(obs, params, cat, plan, capacity)
    priority = np.concatenate([p for _, p in actions], axis=1)
    if skip is not None:
        priority[:, skip::s] = 0.0
    cost = np.concatenate([np.full(s, params.action_cost[a]) for a, _ in actions])
    chosen = greedy(priority, cost, budget)
    for k, (action, _) in enumerate(actions):
        plan[:, action, :s] += chosen[:, k * s : (k + 1) * s] * params.action_cost[action]
    spent = (chosen * cost).sum(axis=1)
    spent = spent + _project_care(obs, params, cat, plan, capacity - spent)
    extra = _sprint(obs, params, cat, plan, capacity - spent, extra_hours)
    return _finish(obs, params, cat, plan, capacity - spent + extra)


def _use(plan: F64, params: Params, action: int | None, wanted: npt.NDArray[np.bool_]) -> F64:
    """One use of a project action where `wanted` (N,); returns the points it took."""
    if action is None:
        return np.zeros(plan.shape[0])
    points = np.where(wanted, params.action_cost[action], 0.0)
    plan[:, action, 0] += points
    return points


def _project_care(obs: Observation, params: Params, cat: Catalogue, plan: F64, left: F64) -> F64:
    """Quality, testing and steering where the board calls for them; returns points spent.

    Quality effort where the work about to be built is not yet well understood and the
    schedule allows it; testing when work built at low clarity waits for sign-off or is
    being finished; a steering update when support dips.
    """
    spent = np.zeros(obs.turn.shape[0])
    building_unclear = (obs.buildable & (obs.package_clarity < QUALITY_BELOW)).any(axis=1)
    q_cost = cat.cost(params, cat.quality)
    # Reviews slow the build a little: the dearer a late week, the less schedule slack the
    # reference team gives up for them.
    slack = 0.3 - 4.0 * params.scoring.late_penalty
    on_schedule = obs.reported_progress >= (obs.turn + 1) / params.deadline - slack
    affordable = (left - spent >= 3 + q_cost) & on_schedule
    spent += _use(plan, params, cat.quality, affordable & building_unclear)
    unclear = obs.package_clarity < UNCLEAR
    finishing = (obs.package_status == AWAITING) | (obs.buildable & (obs.package_reported > 0.5))
    t_cost = cat.cost(params, cat.testing)
    needs_test = (unclear & finishing).any(axis=1) & (left - spent >= 3 + t_cost)
    spent += _use(plan, params, cat.testing, needs_test)
    s_cost = cat.cost(params, cat.steering)
    dipping = (obs.sponsor < BRIEF_BELOW) & (left - spent >= 3 + s_cost)
    spent += _use(plan, params, cat.steering, dipping)
    return spent


def _sprint(
    obs: Observation, params: Params, cat: Catalogue, plan: F64, build: F64, extra_hours: bool
) -> F64:
    """Overtime; returns the extra points. A few extra hours (one use) in a week with more
    buildable work than build points, while the team is fresh: rested people shrug that off,
    and it stops by itself once fatigue builds up. A short full sprint just before the
    deadline, when the known work left is just out of reach of the build points and the team
    is rested."""
    if cat.overtime is None:
        return np.zeros(obs.turn.shape[0])
    weeks_left = params.deadline - obs.turn
    per_use = params.action_effect[cat.overtime, Channel.OVERTIME]
    uses = max_overtime_uses(params, cat.overtime)
    left = (obs.package_remaining * (obs.package_status == OPEN)).sum(axis=1)
    in_reach = (left > build * weeks_left) & (left <= (build + uses * per_use) * weeks_left)
    sprint = (weeks_left >= 1) & (weeks_left <= SPRINT_WEEKS) & in_reach & (obs.fatigue < 0.3)
    buildable_work = (obs.package_remaining * obs.buildable).sum(axis=1)
    fresh = extra_hours & (weeks_left >= 1) & (buildable_work > build) & (obs.fatigue < FRESH)
    used: F64 = np.where(sprint, uses, np.where(fresh, min(1.0, uses), 0.0))
    plan[:, cat.overtime, 0] = used * params.action_cost[cat.overtime]
    extra: F64 = used * per_use
    return extra


def balanced_share(params: Params) -> float:
    """About a third of capacity on relationships, at most: the rules above decide how much
    of it the board calls for (a quiet week leaves points to building)."""
    return BALANCED_SHARE


def balanced(obs: Observation, params: Params) -> F64:
    """A share of capacity on relationships, aimed where it is needed; the rest builds."""
    return _relationship_plan(obs, params, share=balanced_share(params), fill=False)


def relationship_first(obs: Observation, params: Params) -> F64:
    """Most of the capacity on relationships; building gets what is left."""
    return _relationship_plan(obs, params, share=0.7, fill=True, extra_hours=False)


def neglecting(stakeholder: int) -> Policy:
    """`balanced`, except that one stakeholder is never contacted."""

    def policy(obs: Observation, params: Params) -> F64:
        return _relationship_plan(
            obs, params, share=balanced_share(params), fill=False, skip=stakeholder
        )

    policy.__name__ = f"balanced_neglecting_{stakeholder}"
    return policy


def random_policy(obs: Observation, params: Params) -> F64:
    """Whole uses of legal actions drawn at random, within capacity (no overtime)."""
    cat = catalogue(params)
    n = obs.turn.shape[0]
    plan = empty_plan(n, params)
    slots = np.argwhere(params.legal)
    slots = slots[params.action_effect[slots[:, 0], :].sum(axis=1) > 0]
    if cat.overtime is not None:
        slots = slots[slots[:, 0] != cat.overtime]
    left = np.floor(obs.capacity)
    # The number of draws comes from the scenario, never from the batch, so that a game
    # draws the same picks whatever games it is played with.
    gains = np.maximum(params.events.project[:, PROJECT_EFFECTS.index("capacity")], 0.0).sum()
    points = 2 * int(np.ceil(params.capacity + gains))
    draws = uniforms(obs.rng_key, obs.turn, points, stream=POLICY_STREAM)
    rows = np.arange(n)
    for k in range(points):  # a loop over capacity points, never over games
        pick = slots[np.minimum((draws[:, k] * len(slots)).astype(np.int64), len(slots) - 1)]
        cost = params.action_cost[pick[:, 0]]
        fits = cost <= left
        plan[rows[fits], pick[fits, 0], pick[fits, 1]] += cost[fits]
        left = left - cost * fits
    return plan


POLICIES: dict[str, Policy] = {
    "delivery_first": delivery_first,
    "relationship_first": relationship_first,
    "balanced": balanced,
    "random": random_policy,
}
