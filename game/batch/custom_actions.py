"""Overpowered and dead custom actions, for the quick balance check.

A facilitator may add an action of their own ("coffee with the boss": cost 1, trust,
clarify and demo 10). Nothing in validation can tell whether it is worth its cost, so the
check plays it: balanced play on the shared games shows how much good play leans on it
(the built-in policies pick, for each job, the catalogue's strongest action), and a spam
strategy (balanced's relationship budget, all on this action, the rest built, as the
strategy zoo's spam_* do for the shipped actions) shows what it does alone.

- overpowered: good play pours most of its non-build points into it, or spamming it comes
  within SPAM_CLOSE of balanced (the zoo's line for one action repeated every week);
- dead: good play never uses it and spamming it scores no better than building instead.

Only custom actions are judged here: the shipped catalogue's are the zoo's job.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from game.batch.balanced_play import BalancedPlay
from game.batch.lesson import Ratio, ratio
from game.batch.zoo import SPAM_CLOSE
from game.batch.zoo_play import side_by_side
from game.model import Observation, Params, empty_plan, outcome
from game.model.channels import Channel, Target
from game.policies import Policy
from game.policies.builtin import balanced_share
from game.policies.zoo.plans import add_uses, capacity, rebuild, round_robin
from game.scenario.loader import load_scenario
from game.scenario.schema import Action, Scenario
from game.session.runner import play

F64 = npt.NDArray[np.float64]

STANDARD = "crm-rollout"  # the shipped catalogue a custom action is told apart from
POURS = 0.50  # good play spending half its non-build points on one custom action: overpowered
UNUSED = 0.02  # under this share of good play's non-build points, an action is not used


@dataclass(frozen=True)
class ActionVerdict:
    """One custom action: how good play uses it and what spamming it scores."""

    action_id: str
    label: str
    share: float  # of balanced play's non-build points
    spam: Ratio | None  # spamming it, against balanced, on the same games
    spam_mean: float
    kind: str  # "overpowered", "dead" or "ok"


@lru_cache(maxsize=1)
def _standard() -> tuple[tuple[str, int, str, tuple[tuple[str, float], ...]], ...]:
    return tuple(_key(a) for a in load_scenario(STANDARD).actions)


def _key(action: Action) -> tuple[str, int, str, tuple[tuple[str, float], ...]]:
    return (action.id, action.cost, str(action.target), tuple(sorted(action.effects.items())))


def custom_actions(scenario: Scenario, params: Params) -> list[int]:
    """Indices of the actions the shipped catalogue does not have as they are (a new id, or
    a shipped id with other costs or effects), leaving out building and overtime, which
    add capacity rather than spend it on people or the project."""
    standard = set(_standard())
    return [
        i
        for i, action in enumerate(scenario.actions)
        if _key(action) not in standard
        and params.action_target[i] != Target.PACKAGE
        and params.action_effect[i, Channel.OVERTIME] <= 0
    ]


def spam_action(action: int) -> Policy:
    """Balanced's non-build budget, all of it on `action` every week (in turn over the
    people it can aim at), the rest built: game.policies.zoo.spam for any action."""

    def policy(obs: Observation, params: Params) -> F64:
        plan = empty_plan(obs.turn.shape[0], params)
        budget = np.round(balanced_share(params) * capacity(obs))
        uses = np.floor(budget / params.action_cost[action])
        if params.action_target[action] == Target.STAKEHOLDER:
            s = params.n_stakeholders
            spread = round_robin(uses, (obs.turn * uses) % s, s)
        else:
            spread = uses[:, None]
        add_uses(plan, params, action, spread, budget)
        return rebuild(obs, params, plan)

    return policy


def _spam_scores(params: Params, actions: list[int], games: int, seed: int) -> list[F64]:
    """Each action's spam on game ids 0..games-1, side by side in one play."""
    ids = np.tile(np.arange(games), len(actions))
    policy = side_by_side([spam_action(a) for a in actions], games)
    score = outcome(play(params, policy, ids, seed, record=False).final, params).score
    return [score[k * games : (k + 1) * games] for k in range(len(actions))]


def non_build_shares(params: Params, played: BalancedPlay) -> F64:
    """Each action's share of balanced play's points spent neither building nor on overtime."""
    total = played.points.sum(axis=0)
    spends = (params.action_target != Target.PACKAGE) & ~(
        params.action_effect[:, Channel.OVERTIME] > 0
    )
    non_build = float(total[spends].sum())
    shares: F64 = np.where(spends, total / non_build, 0.0) if non_build else np.zeros_like(total)
    return shares


def judge(
    scenario: Scenario,
    params: Params,
    played: BalancedPlay,
    delivery_mean: float,
    seed: int,
) -> list[ActionVerdict]:
    """Every custom action, judged against balanced play on its games (`played`) and against
    delivery-only play's mean score (what the points would do built instead)."""
    actions = custom_actions(scenario, params)
    if not actions:
        return []
    shares = non_build_shares(params, played)
    spams = _spam_scores(params, actions, played.games, seed)
    out = []
    for index, scores in zip(actions, spams, strict=True):
        action = scenario.actions[index]
        close = ratio(scores, played.scores)
        share, mean = float(shares[index]), float(scores.mean())
        if share >= POURS or (close is not None and close.low > SPAM_CLOSE):
            kind = "overpowered"
        elif share < UNUSED and mean <= delivery_mean:
            kind = "dead"
        else:
            kind = "ok"
        out.append(ActionVerdict(action.id, action.label, share, close, mean, kind))
    return out
