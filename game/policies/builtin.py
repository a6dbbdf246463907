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
from game.policies.allocate import max_overtime_uses
from game.policies.catalogue import Catalogue, catalogue
from game.policies.reference_team import (
    BALANCED_SHARE,
    BUILD_PER_USE,
    CANDIDATE_JOBS,
    CANDIDATES,
    CANDIDATES_FILL,
    EVERYONE_COST,
    EXTRA_HOURS,
    FAIR_WAIT,
    FAVOUR_TRUST,
    LATE_PENALTY,
    N_NUMBERS,
    NONE,
    OVERTIME_PER_USE,
    OVERTIME_USES,
    QUALITY_COST,
    SKIP,
    STEERING_COST,
    TESTING_COST,
    finish_all,
    relationship_plans,
)

F64 = npt.NDArray[np.float64]
Policy = Callable[[Observation, Params], F64]


def _finish(obs: Observation, params: Params, cat: Catalogue, plan: F64, build_points: F64) -> F64:
    """Put `build_points` into packages in whole uses; what nothing can take goes to testing
    while something is still open (testing looks only at open packages)."""
    finish_all(
        np.ascontiguousarray(build_points, dtype=np.float64),
        obs.package_status,
        obs.buildable,
        obs.package_remaining,
        obs.package_reported,
        params.action_cost,
        _jobs(cat),
        float(params.action_effect[cat.build, Channel.BUILD]),
        plan,
    )
    return plan


def _jobs(cat: Catalogue) -> npt.NDArray[np.int64]:
    """The catalogue's actions for the kernels (reference_team.BUILD...; NONE: absent)."""
    found = (cat.build, cat.check_in, cat.workshop, cat.demo, cat.reset, cat.favour,
             cat.escalate, cat.quality, cat.testing, cat.overtime, cat.steering)  # fmt: skip
    return np.array([NONE if a is None else a for a in found], dtype=np.int64)


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
    plan = empty_plan(obs.turn.shape[0], params)
    capacity = np.floor(obs.capacity)
    jobs = _jobs(cat)
    rules = CANDIDATES_FILL if fill else CANDIDATES
    candidates = np.array([r for r in rules if jobs[CANDIDATE_JOBS[r]] != NONE], dtype=np.int64)
    if candidates.size == 0:  # a catalogue with no relationship actions: build with everything
        return _finish(obs, params, cat, plan, capacity)
    numbers = np.zeros(N_NUMBERS)
    numbers[LATE_PENALTY] = params.scoring.late_penalty
    if cat.overtime is not None:
        numbers[OVERTIME_USES] = max_overtime_uses(params, cat.overtime)
        numbers[OVERTIME_PER_USE] = params.action_effect[cat.overtime, Channel.OVERTIME]
    numbers[BUILD_PER_USE] = params.action_effect[cat.build, Channel.BUILD]
    numbers[SKIP] = -1 if skip is None else skip
    numbers[FAVOUR_TRUST] = params.coef.favour_min_trust + 0.05
    numbers[FAIR_WAIT] = params.coef.escalate_fair_wait
    numbers[EXTRA_HOURS] = extra_hours
    # A demo comes first only when the budget covers a check-in with everyone and the demo.
    numbers[EVERYONE_COST] = params.n_stakeholders * cat.cost(params, cat.check_in) + cat.cost(
        params, cat.demo
    )
    numbers[QUALITY_COST] = cat.cost(params, cat.quality)
    numbers[TESTING_COST] = cat.cost(params, cat.testing)
    numbers[STEERING_COST] = cat.cost(params, cat.steering)
    relationship_plans(
        obs.done,
        capacity,
        np.round(share * capacity),
        obs.hype,
        obs.sponsor,
        obs.fatigue,
        obs.turn,
        obs.reported_progress,
        obs.package_status,
        obs.package_reported,
        obs.package_clarity,
        obs.buildable,
        obs.rejections,
        obs.package_remaining,
        obs.package_waiting,
        obs.trust,
        obs.seen,
        obs.expectation,
        obs.since_contact,
        params.owner,
        params.owner_slots,
        params.size,
        params.size @ params.owner_onehot,  # as stakeholder_share weighs them
        params.hype_susceptibility,
        params.action_cost,
        jobs,
        candidates,
        numbers,
        params.deadline,
        plan,
    )
    return plan


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
