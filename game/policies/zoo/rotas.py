"""Fixed rotas: the same relationship work every week, whatever the board shows.

A rota decides its relationship work from the week number and the scenario alone; only
the building reads the board (a team cannot build a package that is not there). If a rota
comes close to balanced, the board does not matter: reading it must pay.
"""

import numpy as np
import numpy.typing as npt

from game.model.observe import Observation
from game.model.params import Params
from game.model.plan import empty_plan
from game.policies.builtin import balanced_share
from game.policies.zoo.plans import action_of, add_uses, capacity, rebuild
from game.policies.zoo.transforms import Policy, named

F64 = npt.NDArray[np.float64]

# The relationship actions a rota cycles through, in the order of a sensible week.
CYCLE = ("workshop", "check_in", "demo", "reset")


def _one_each(obs: Observation, params: Params, jobs: tuple[str, ...]) -> F64:
    """One use of each job a week, the k-th job with stakeholder (week + k) mod S."""
    n, s = obs.turn.shape[0], params.n_stakeholders
    plan = empty_plan(n, params)
    budget = capacity(obs)
    for k, job in enumerate(jobs):
        action = action_of(params, job)
        if action is None:
            continue
        uses = (np.arange(s)[None, :] == ((obs.turn + k) % s)[:, None]).astype(np.float64)
        budget = add_uses(plan, params, action, uses, budget)
    return rebuild(obs, params, plan)


def workshop_demo(obs: Observation, params: Params) -> F64:
    """One workshop and one demo a week with stakeholders in turn; the rest is built."""
    return _one_each(obs, params, ("workshop", "demo"))


def workshop_check_in(obs: Observation, params: Params) -> F64:
    """One workshop and one check-in a week with stakeholders in turn; the rest is built."""
    return _one_each(obs, params, ("workshop", "check_in"))


def check_in_everyone(obs: Observation, params: Params) -> F64:
    """A check-in with every stakeholder every week; the rest is built."""
    plan = empty_plan(obs.turn.shape[0], params)
    action = action_of(params, "check_in")
    if action is not None:
        everyone = np.ones((obs.turn.shape[0], params.n_stakeholders))
        add_uses(plan, params, action, everyone, capacity(obs))
    return rebuild(obs, params, plan)


def _cycle(obs: Observation, params: Params, share: float) -> F64:
    """`share` of capacity on a fixed cycle of (action, stakeholder) pairs, one use each.

    Pair k is action k mod m with stakeholder (k div m + k mod m) mod S: every pair once
    per cycle, and neighbours differ in both. Each week starts one pair further on; a pair
    that does not fit the points left is skipped.
    """
    n, s = obs.turn.shape[0], params.n_stakeholders
    plan = empty_plan(n, params)
    actions = np.array([a for a in (action_of(params, job) for job in CYCLE) if a is not None])
    m = actions.size
    left = np.round(share * capacity(obs))
    uses = np.zeros((n, params.n_actions, s))
    rows = np.arange(n)
    for k in range(m * s):  # each pair at most once a week; a loop over pairs, not games
        pair = (obs.turn + k) % (m * s)
        action, who = actions[pair % m], (pair // m + pair % m) % s
        cost = params.action_cost[action]
        fits = cost <= left + 1e-9
        uses[rows[fits], action[fits], who[fits]] += 1.0
        left = left - cost * fits
    plan[:, :, :s] = uses * params.action_cost[None, :, None]
    return rebuild(obs, params, plan)


def half_and_half(obs: Observation, params: Params) -> F64:
    """Half the capacity on a fixed cycle of workshops, check-ins, demos and resets."""
    return _cycle(obs, params, 0.5)


def rota_at_balanced_budget(obs: Observation, params: Params) -> F64:
    """Balanced's relationship budget on the same fixed cycle; the rest is built."""
    return _cycle(obs, params, balanced_share(params))


ROTAS: dict[str, Policy] = {
    "rota_workshop_demo": named("rota_workshop_demo", workshop_demo.__doc__ or "", workshop_demo),
    "rota_workshop_check_in": named(
        "rota_workshop_check_in", workshop_check_in.__doc__ or "", workshop_check_in
    ),
    "rota_check_in_everyone": named(
        "rota_check_in_everyone", check_in_everyone.__doc__ or "", check_in_everyone
    ),
    "rota_half_and_half": named("rota_half_and_half", half_and_half.__doc__ or "", half_and_half),
    "rota_balanced_budget": named(
        "rota_balanced_budget", rota_at_balanced_budget.__doc__ or "", rota_at_balanced_budget
    ),
}
