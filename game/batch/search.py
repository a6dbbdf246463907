"""Policy search: the cross-entropy method over a parametric policy.

The parametric policy spends a share of capacity on relationships (changing
over the game), splits it over the relationship actions by weights, aims at
the stakeholders who need it most or in turn, adds quality and testing
effort, and builds with the rest. The search looks for the best such policy;
if it is degenerate (relationships ignored or overdone, one action spammed,
or far better than `balanced`), the scenario's lesson has a hole.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model import Observation, Params, empty_plan, new_state, observe, outcome, step
from game.model.rng import game_keys, uniforms
from game.model.state import AWAITING, OPEN
from game.policies.allocate import stakeholder_share
from game.policies.builtin import Policy, _finish
from game.policies.catalogue import Catalogue, catalogue
from game.scenario.schema import Scenario

F64 = npt.NDArray[np.float64]

# The relationship actions a policy may weigh, by the catalogue job that finds them.
JOBS = ("check_in", "workshop", "demo", "reset", "favour")
# Parameter layout: share, front-loading, targeting, quality, testing, then one weight per job.
SHARE, FRONT, AIM, QUALITY, TESTING = range(5)
DIM = 5 + len(JOBS)
# The search plays game ids from here on; reports judge its result on ids 0, 1, 2, ...
SEARCH_GAMES_FROM = 10_000_000
NAMES = (
    "relationship share",
    "front-loading",
    "aim at need",
    "quality",
    "testing",
    *(f"weight: {job}" for job in JOBS),
)


def _unit(raw: F64) -> F64:
    """Unconstrained search space -> [0, 1]."""
    result: F64 = 1.0 / (1.0 + np.exp(-raw))
    return result


@dataclass(frozen=True)
class Knobs:
    """The parametric policy's settings, each in [0, 1], one row per game (N, DIM)."""

    values: F64

    def describe(self) -> dict[str, float]:
        row = self.values[0]
        return {name: round(float(v), 3) for name, v in zip(NAMES, row, strict=True)}


def parametric(knobs: Knobs) -> Policy:
    """The parametric policy with per-game knobs (rows follow the games of the batch)."""

    def policy(obs: Observation, params: Params) -> F64:
        return _plan(obs, params, knobs.values, catalogue(params))

    return policy


def _plan(obs: Observation, params: Params, k: F64, cat: Catalogue) -> F64:
    n, s = obs.turn.shape[0], params.n_stakeholders
    plan = empty_plan(n, params)
    capacity = np.floor(obs.capacity)
    phase = np.clip(obs.turn / max(params.deadline - 1, 1), 0.0, 1.0)
    tilt = (2.0 * k[:, FRONT] - 1.0) * (1.0 - 2.0 * phase)  # > 0: more relationship work early
    share = np.clip(0.8 * k[:, SHARE] * (1.0 + tilt), 0.0, 0.9)
    budget = np.floor(share * capacity + 0.5)
    need = (1.0 - obs.trust) + 0.25 * obs.since_contact + np.maximum(obs.expectation - obs.seen, 0)
    turn_order = obs.since_contact + 0.01 * np.arange(s)[None, :]
    priority = k[:, AIM, None] * need + (1.0 - k[:, AIM, None]) * turn_order
    useful = _opportunities(obs, params)
    actions = [getattr(cat, job) for job in JOBS]
    weights = np.stack(
        [k[:, 5 + j] if a is not None else np.zeros(n) for j, a in enumerate(actions)], 1
    )
    weights = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    spent = np.zeros(n)
    for j, (job, action) in enumerate(zip(JOBS, actions, strict=True)):
        if action is None:
            continue
        cost = params.action_cost[action]
        uses = np.floor(budget * weights[:, j] / cost + 0.5)
        uses = np.minimum(uses, np.floor((capacity - spent) / cost))
        # At most one use per person per action: contact saturates within a turn.
        eligible = np.where(useful[job], priority, -np.inf)
        rank = np.argsort(np.argsort(-eligible, axis=1, kind="stable"), axis=1)
        chosen = useful[job] & (rank < uses[:, None])
        plan[:, action, :s] = chosen * cost
        spent += chosen.sum(axis=1) * cost
    for effort, knob, most in ((cat.quality, QUALITY, 3), (cat.testing, TESTING, 3)):
        if effort is not None:
            cost = params.action_cost[effort]
            uses = np.minimum(
                np.floor(k[:, knob] * most + 0.5), np.floor((capacity - spent) / cost)
            )
            plan[:, effort, 0] = uses * cost
            spent += uses * cost
    return _finish(obs, params, cat, plan, capacity - spent)


def search_actions(params: Params, scenario: Scenario) -> list[str]:
    """Ids of the catalogue actions the parametric policy can use."""
    cat = catalogue(params)
    indices = [getattr(cat, job) for job in (*JOBS, "quality", "testing")]
    return [scenario.actions[i].id for i in indices if i is not None]


def _opportunities(obs: Observation, params: Params) -> dict[str, npt.NDArray[np.bool_]]:
    """Where each relationship action can do anything at all (N, S) per job."""
    open_work = stakeholder_share(obs, params, (obs.package_status == OPEN).astype(np.float64))
    waiting = stakeholder_share(obs, params, (obs.package_status == AWAITING).astype(np.float64))
    shown = stakeholder_share(obs, params, obs.package_reported)
    return {
        "check_in": np.ones_like(obs.vague),
        "workshop": open_work > 0,
        "demo": shown - obs.seen >= 0.1,
        "reset": obs.expectation - obs.seen > 0.15,
        "favour": (waiting > 0) & (obs.trust >= params.coef.favour_min_trust),
    }


@dataclass(frozen=True)
class SearchResult:
    best: Knobs
    best_score: float
    history: list[float]  # best mean score per iteration


def evaluate(params: Params, raw: F64, games: int, seed: int) -> F64:
    """Mean score of each candidate (rows of raw) over the same `games` seeds."""
    pop = raw.shape[0]
    knobs = Knobs(np.repeat(_unit(raw), games, axis=0))
    # Every candidate meets the same luck, on games kept apart from the ones used to judge.
    ids = np.tile(np.arange(games), pop) + SEARCH_GAMES_FROM
    state = new_state(params, ids, seed)
    policy = parametric(knobs)
    while not state.done.all():
        state, _ = step(state, policy(observe(state, params), params), params)
    result: F64 = outcome(state, params).score.reshape(pop, games).mean(axis=1)
    return result


def cross_entropy(
    params: Params,
    games: int = 200,
    population: int = 24,
    elite: int = 6,
    iterations: int = 8,
    seed: int = 11,
) -> SearchResult:
    """Search the parametric policy's knobs for the highest mean score."""
    mean, spread = np.zeros(DIM), np.full(DIM, 1.5)
    best_raw, best_score, history = mean.copy(), -np.inf, []
    for it in range(iterations):
        u = uniforms(game_keys(seed, [it]), np.zeros(1, dtype=np.int64), 2 * population * DIM)
        u = u.reshape(2, population, DIM)
        # Box-Muller from counter-based uniforms: the search is as reproducible as the games.
        normal = np.sqrt(-2.0 * np.log(1.0 - u[0])) * np.cos(2.0 * np.pi * u[1])
        raw = mean + spread * normal
        raw[0] = best_raw if it else mean  # keep the best so far in the race
        scores = evaluate(params, raw, games, seed)
        order = np.argsort(-scores, kind="stable")
        top = raw[order[:elite]]
        if scores[order[0]] > best_score:
            best_score, best_raw = float(scores[order[0]]), raw[order[0]].copy()
        mean = 0.3 * mean + 0.7 * top.mean(axis=0)
        spread = 0.3 * spread + 0.7 * (top.std(axis=0) + 0.05)
        history.append(round(best_score, 3))
    return SearchResult(Knobs(_unit(best_raw)[None, :]), best_score, history)
