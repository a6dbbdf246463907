"""Policy search: the cross-entropy method over a parametric policy.

The parametric policy can use every job of the action catalogue, each under a
state-conditional trigger whose thresholds are knobs: escalate a stuck sign-off
(late in the game, if asked), call in a favour where trust allows, demo when
there is news, reset inflated expectations, test harder when rework turns up,
sprint on overtime in the last weeks, update the sponsor when support sags. A
share of capacity (changing over the game) goes to contact, workshops, demos and
resets by weights, aimed at need or in turn; the rest builds. The search looks
for the best such policy; if it is degenerate (relationships ignored or overdone,
one action spammed, positional power abused, or far better than `balanced`), the
scenario's lesson has a hole.

Every knob is a unit value in [0, 1]; the search moves raw values squashed into
it, and `decode` turns them into the settings `describe` shows. A switch is on
above 0.5. The search starts with every switch off and spreads wide enough that
about half of its first candidates have each one on, so "never escalate" and
"escalate at once" are both in the race from the start.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.batch.backend import Backend
from game.model import Observation, Params, empty_plan, outcome
from game.model.channels import Channel
from game.model.rng import game_keys, uniforms
from game.model.state import OPEN
from game.policies.allocate import (
    longest_wait,
    max_overtime_uses,
    stakeholder_share,
    waiting_for_signoff,
)
from game.policies.builtin import Policy, _finish
from game.policies.catalogue import Catalogue, catalogue
from game.scenario.schema import Scenario
from game.session.runner import play

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]

# The relationship actions that share the relationship budget by weight.
JOBS = ("check_in", "workshop", "demo", "reset")
# Every catalogue job the parametric policy can use.
ALL_JOBS = (*JOBS, "favour", "escalate", "quality", "testing", "overtime", "steering")
NAMES = (
    "relationship share of capacity",
    "front-loading (+1 early, -1 late)",
    "aim at need (0: in turn)",
    *(f"weight: {job}" for job in JOBS),
    "check_in after turns out of touch",
    "demo when news exceeds (share seen)",
    "reset when expectation - seen exceeds",
    "favour (1: on)",
    "favour for an expert too (1: on)",
    "favour at trust >=",
    "escalate (1: on)",
    "escalate at wait >= (turns)",
    "escalate in the last share of weeks (1: all)",
    "quality points",
    "testing points",
    "testing points per 10% rework found",
    "overtime (1: on)",
    "overtime in the last share of weeks (1: all)",
    "overtime share of the maximum",
    "steering (1: on)",
    "steering when sponsor below",
)
DIM = len(NAMES)
(SHARE, FRONT, AIM, W_CHECK_IN, W_WORKSHOP, W_DEMO, W_RESET) = range(7)
(CHECK_IN_AFTER, DEMO_GAP, RESET_GAP, FAVOUR, FAVOUR_EXPERT, FAVOUR_TRUST) = range(7, 13)
(ESCALATE, ESCALATE_WAIT, ESCALATE_LATE, QUALITY, TESTING, TESTING_REWORK) = range(13, 19)
(OVERTIME, OVERTIME_LATE, OVERTIME_LOAD, STEERING, STEERING_BELOW) = range(19, DIM)
SWITCHES = (FAVOUR, FAVOUR_EXPERT, ESCALATE, OVERTIME, STEERING)
# Where the search starts (raw values; 0 is the middle of each knob's range): every switch
# off, some of each relationship action, and little quality, testing or overtime, so that
# the first candidates are not mostly projects starved of build points.
START = np.zeros(DIM)
START[[QUALITY, TESTING, TESTING_REWORK, OVERTIME_LOAD]] = -1.0
START[list(SWITCHES)] = -0.25
# The search plays game ids from here on; reports judge its result on ids 0, 1, 2, ...
SEARCH_GAMES_FROM = 10_000_000


def _unit(raw: F64) -> F64:
    """Unconstrained search space -> [0, 1]."""
    result: F64 = 1.0 / (1.0 + np.exp(-raw))
    return result


def decode(u: F64) -> F64:
    """Knob unit values (N, DIM) -> the settings they stand for, in the units NAMES give."""
    v = u.copy()
    v[:, SHARE] = 0.8 * u[:, SHARE]
    v[:, FRONT] = 2.0 * u[:, FRONT] - 1.0
    v[:, CHECK_IN_AFTER] = np.floor(3.0 * u[:, CHECK_IN_AFTER] + 0.5)
    v[:, [DEMO_GAP, RESET_GAP]] = 0.05 + 0.45 * u[:, [DEMO_GAP, RESET_GAP]]
    v[:, list(SWITCHES)] = u[:, list(SWITCHES)] > 0.5
    v[:, ESCALATE_WAIT] = 1.0 + 5.0 * u[:, ESCALATE_WAIT]
    v[:, [ESCALATE_LATE, OVERTIME_LATE]] = np.minimum(
        1.25 * u[:, [ESCALATE_LATE, OVERTIME_LATE]], 1
    )
    v[:, [QUALITY, TESTING]] = np.floor(3.0 * u[:, [QUALITY, TESTING]] + 0.5)
    v[:, TESTING_REWORK] = 2.0 * u[:, TESTING_REWORK]
    return v


@dataclass(frozen=True)
class Knobs:
    """The parametric policy's settings, each in [0, 1], one row per game (N, DIM)."""

    values: F64

    def describe(self) -> dict[str, float]:
        """The first row's settings by name, in the units the names give."""
        row = decode(self.values[:1])[0]
        return {name: round(float(v), 3) for name, v in zip(NAMES, row, strict=True)}


def parametric(knobs: Knobs) -> Policy:
    """The parametric policy with per-game knobs (rows follow the games of the batch)."""
    settings = decode(knobs.values)

    def policy(obs: Observation, params: Params) -> F64:
        return _plan(obs, params, settings, catalogue(params))

    return policy


@dataclass
class _Turn:
    """One turn's plan as it fills up: points spent so far come out of `capacity`."""

    plan: F64
    capacity: F64
    spent: F64
    order: npt.NDArray[np.intp]  # (N, S) stakeholder indices, the first to serve first

    def give(self, params: Params, action: int | None, wanted: B8, uses: F64 | None = None) -> B8:
        """One use of `action` for wanted stakeholders, best first, up to `uses` and capacity."""
        if action is None:
            return np.zeros_like(wanted)
        cost = params.action_cost[action]
        fits = np.floor((self.capacity - self.spent) / cost + 1e-9)
        uses = fits if uses is None else np.minimum(uses, fits)
        # At most one use per person per action: contact saturates within a turn.
        in_order = np.take_along_axis(wanted, self.order, axis=1)
        picked = in_order & (np.cumsum(in_order, axis=1) <= uses[:, None])
        chosen: B8 = np.zeros_like(wanted)
        np.put_along_axis(chosen, self.order, picked, axis=1)
        self.plan[:, action, : params.n_stakeholders] += chosen * cost
        self.spent += chosen.sum(axis=1) * cost
        return chosen

    def project(self, params: Params, action: int | None, uses: F64) -> None:
        """Whole uses of a project-wide action, within capacity."""
        if action is None:
            return
        cost = params.action_cost[action]
        uses = np.minimum(uses, np.floor((self.capacity - self.spent) / cost + 1e-9))
        self.plan[:, action, 0] += uses * cost
        self.spent += uses * cost


def _plan(obs: Observation, params: Params, v: F64, cat: Catalogue) -> F64:
    n, s = obs.turn.shape[0], params.n_stakeholders
    need = (1.0 - obs.trust) + 0.25 * obs.since_contact + np.maximum(obs.expectation - obs.seen, 0)
    turn_order = obs.since_contact + 0.01 * np.arange(s)[None, :]
    priority = v[:, AIM, None] * need + (1.0 - v[:, AIM, None]) * turn_order
    order = np.argsort(-priority, axis=1, kind="stable")
    t = _Turn(empty_plan(n, params), np.floor(obs.capacity), np.zeros(n), order)
    weeks_left = (params.deadline - obs.turn).astype(np.float64)
    waiting = waiting_for_signoff(obs, params)
    open_work = _owned(obs, params, obs.package_status == OPEN) > 0
    # Triggered actions come first: each answers a situation, not a budget.
    forced = t.give(params, cat.escalate, _stuck(obs, params, v, waiting, weeks_left))
    expert = (v[:, FAVOUR_EXPERT, None] > 0) & open_work
    trusted = obs.trust >= np.maximum(v[:, FAVOUR_TRUST, None], params.coef.favour_min_trust)
    # An escalation forces the decision anyway: a favour there would be wasted.
    favour = (v[:, FAVOUR, None] > 0) & (waiting | expert) & trusted & ~forced
    t.give(params, cat.favour, favour)
    sagging = (v[:, STEERING] > 0) & (obs.sponsor < v[:, STEERING_BELOW])
    t.project(params, cat.steering, sagging.astype(np.float64))
    _relationships(obs, params, v, cat, t, open_work)
    t.project(params, cat.quality, v[:, QUALITY] * obs.buildable.any(axis=1))
    t.project(params, cat.testing, _testing(obs, params, v))
    extra = _overtime(obs, params, v, cat, t, weeks_left)
    return _finish(obs, params, cat, t.plan, t.capacity - t.spent + extra)


def _owned(obs: Observation, params: Params, per_package: B8) -> F64:
    return stakeholder_share(obs, params, per_package.astype(np.float64))


def _stuck(obs: Observation, params: Params, v: F64, waiting: B8, weeks_left: F64) -> B8:
    """Stakeholders whose sign-off is stuck, where the escalation knobs call for force (N, S):
    a hand-over of theirs has waited the wait knob's turns (`Observation.package_waiting`),
    in the late share of weeks the other knob gives."""
    late = weeks_left <= v[:, ESCALATE_LATE] * params.deadline
    on = (v[:, ESCALATE] > 0) & late
    stuck: B8 = on[:, None] & waiting & (longest_wait(obs, params) >= v[:, ESCALATE_WAIT, None])
    return stuck


def _relationships(
    obs: Observation, params: Params, v: F64, cat: Catalogue, t: _Turn, open_work: B8
) -> None:
    """Contact, workshops, demos and resets on a budget split by weights."""
    phase = np.clip(obs.turn / max(params.deadline - 1, 1), 0.0, 1.0)
    tilt = v[:, FRONT] * (1.0 - 2.0 * phase)  # > 0: more relationship work early
    share = np.clip(v[:, SHARE] * (1.0 + tilt), 0.0, 0.9)
    budget = np.floor(share * t.capacity + 0.5)
    shown = stakeholder_share(obs, params, obs.package_reported)
    wanted = {
        "check_in": obs.since_contact >= v[:, CHECK_IN_AFTER, None],
        "workshop": open_work,
        "demo": shown - obs.seen > v[:, DEMO_GAP, None],
        "reset": obs.expectation - obs.seen > v[:, RESET_GAP, None],
    }
    weights = np.stack(
        [v[:, W_CHECK_IN + j] * (getattr(cat, job) is not None) for j, job in enumerate(JOBS)], 1
    )
    weights = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    for j, job in enumerate(JOBS):
        action = getattr(cat, job)
        if action is not None:
            uses = np.floor(budget * weights[:, j] / params.action_cost[action] + 0.5)
            t.give(params, action, wanted[job], uses)


def _testing(obs: Observation, params: Params, v: F64) -> F64:
    """Testing uses: a base, plus more the more of the built work turned out to be rework."""
    found = obs.rework_found.sum(axis=1)
    built = (obs.package_reported * params.size).sum(axis=1)
    rate = found / np.maximum(found + built, 1e-9)
    uses = np.floor(v[:, TESTING] + v[:, TESTING_REWORK] * rate / 0.1 + 0.5)
    # Testing finds rework only in open packages.
    result: F64 = np.minimum(uses, 6.0) * (obs.package_status == OPEN).any(axis=1)
    return result


def _overtime(
    obs: Observation, params: Params, v: F64, cat: Catalogue, t: _Turn, weeks_left: F64
) -> F64:
    """Overtime in the sprint window, when there is more to build than points left (N,)."""
    if cat.overtime is None:
        return np.zeros(obs.turn.shape[0])
    per_use = params.action_effect[cat.overtime, Channel.OVERTIME]
    most = max_overtime_uses(params, cat.overtime)
    uses = np.minimum(np.maximum(np.floor(v[:, OVERTIME_LOAD] * most + 0.5), 1.0), most)
    sprint = (v[:, OVERTIME] > 0) & (weeks_left <= v[:, OVERTIME_LATE] * params.deadline)
    buildable_work = (obs.package_remaining * obs.buildable).sum(axis=1)
    uses = uses * (sprint & (buildable_work > t.capacity - t.spent))
    # Overtime points are extra hours, not spent ones: they add capacity (model/plan.py).
    t.plan[:, cat.overtime, 0] = uses * params.action_cost[cat.overtime]
    extra: F64 = uses * per_use
    return extra


def search_actions(params: Params, scenario: Scenario) -> list[str]:
    """Ids of the catalogue actions the parametric policy can use."""
    cat = catalogue(params)
    indices = [getattr(cat, job) for job in ALL_JOBS]
    return [scenario.actions[i].id for i in indices if i is not None]


@dataclass(frozen=True)
class SearchResult:
    best: Knobs
    best_score: float
    history: list[float]  # best mean score per iteration


def evaluate(
    params: Params, raw: F64, games: int, seed: int, backend: Backend | None = None
) -> F64:
    """Mean score of each candidate (rows of raw) over the same `games` seeds.

    With a `backend` (local processes, a Dask cluster) the candidates are played in blocks
    side by side; game i of a batch is the same game alone, so the scores are the same."""
    if backend is not None:
        blocks = np.array_split(raw, min(2 * backend.workers, raw.shape[0]))
        items = ((block, games, seed) for block in blocks)
        return np.concatenate(list(backend.map_ordered(_evaluate_block, params, items)))
    pop = raw.shape[0]
    knobs = Knobs(np.repeat(_unit(raw), games, axis=0))
    # Every candidate meets the same luck, on games kept apart from the ones used to judge.
    ids = np.tile(np.arange(games), pop) + SEARCH_GAMES_FROM
    final = play(params, parametric(knobs), ids, seed, record=False).final
    result: F64 = outcome(final, params).score.reshape(pop, games).mean(axis=1)
    return result


def _evaluate_block(params: Params, item: tuple[F64, int, int]) -> F64:
    raw, games, seed = item
    return evaluate(params, raw, games, seed)


def cross_entropy(
    params: Params,
    games: int = 200,
    population: int = 24,
    elite: int = 6,
    iterations: int = 8,
    seed: int = 11,
    backend: Backend | None = None,
) -> SearchResult:
    """Search the parametric policy's knobs for the highest mean score (each iteration's
    candidates on `backend` when given, else in this process: the same result)."""
    elite = max(1, min(elite, population))
    mean, spread = START.copy(), np.full(DIM, 1.5)
    rank_weights = np.log(elite + 0.5) - np.log(np.arange(1, elite + 1))
    rank_weights /= rank_weights.sum()
    best_raw, best_score, history = mean.copy(), -np.inf, []
    for it in range(iterations):
        u = uniforms(game_keys(seed, [it]), np.zeros(1, dtype=np.int64), 2 * population * DIM)
        u = u.reshape(2, population, DIM)
        # Box-Muller from counter-based uniforms: the search is as reproducible as the games.
        normal = np.sqrt(-2.0 * np.log(1.0 - u[0])) * np.cos(2.0 * np.pi * u[1])
        raw = mean + spread * normal
        raw[0] = best_raw if it else mean  # keep the best so far in the race
        scores = evaluate(params, raw, games, seed, backend)
        order = np.argsort(-scores, kind="stable")
        top = raw[order[:elite]]
        if scores[order[0]] > best_score:
            best_score, best_raw = float(scores[order[0]]), raw[order[0]].copy()
        # The better an elite candidate, the more it pulls: faster on a rugged landscape.
        centre = rank_weights @ top
        mean = 0.3 * mean + 0.7 * centre
        spread = 0.3 * spread + 0.7 * (np.sqrt(rank_weights @ (top - centre) ** 2) + 0.05)
        history.append(round(best_score, 3))
    return SearchResult(Knobs(_unit(best_raw)[None, :]), best_score, history)
