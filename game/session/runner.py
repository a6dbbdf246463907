"""The one turn loop: play N games to the end with a policy (over turns, never over games).

Every caller that lets a policy play whole games comes through `play`: transcripts and
tests (which record every turn), the batch (which tallies each turn as it goes), the
search's candidates, balance, the zoo and the audit. What a caller measures along the
way it measures in an `on_turn` hook, so the loop itself is written once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.model import Observation, Params, State, TurnLog, new_state, observe, step
from game.policies import Policy

F64 = npt.NDArray[np.float64]


@dataclass
class Playthrough:
    """The record of N games: the final state, and per turn the observation, plan and log."""

    final: State
    observations: list[Observation] = field(default_factory=list)
    plans: list[F64] = field(default_factory=list)
    logs: list[TurnLog] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of the N games, as an `on_turn` hook sees it."""

    number: int  # 1-based: the first turn played is 1
    before: State  # the state the policy planned for (unchanged: step is pure)
    observation: Observation  # what the policy saw
    plan: F64  # (N, A, T) as the policy made it
    state: State  # after the turn
    log: TurnLog


TurnHook = Callable[[Turn], None]


def play(
    params: Params,
    policy: Policy,
    game_ids: npt.ArrayLike,
    seed: int,
    record: bool = True,
    on_turn: TurnHook | None = None,
) -> Playthrough:
    """Run `policy` on the games until every one has ended (at most `params.turns` turns).

    With `record`, every observation, plan and turn log is kept (for transcripts
    and tests); without, only the final state (for large batches). `on_turn` is
    called after each turn with that turn (for measures streamed per turn). An
    exception from the policy, or PlanError for an illegal plan, propagates as it is.
    """
    state = new_state(params, game_ids, seed)
    result = Playthrough(final=state)
    number, log = 0, None
    while not state.done.all():
        number += 1
        obs = observe(state, params, made_by=log)
        plan = policy(obs, params)
        after, log = step(state, plan, params)
        if on_turn is not None:
            on_turn(Turn(number, state, obs, plan, after, log))
        if record:
            result.observations.append(obs)
            result.plans.append(plan)
            result.logs.append(log)
        state = after
    result.final = state
    return result
