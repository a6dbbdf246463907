"""Play N games to the end with a policy (the loop is over turns, never over games)."""

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


def play(
    params: Params,
    policy: Policy,
    game_ids: npt.ArrayLike,
    seed: int,
    record: bool = True,
    on_turn: Callable[[State, TurnLog], None] | None = None,
) -> Playthrough:
    """Run `policy` on the games until every one has ended.

    With `record`, every observation, plan and turn log is kept (for transcripts
    and tests); without, only the final state (for large batches). `on_turn` is
    called with the state after each turn and its log (for streaming measures).
    """
    state = new_state(params, game_ids, seed)
    result = Playthrough(final=state)
    while not state.done.all():
        obs = observe(state, params)
        plan = policy(obs, params)
        state, log = step(state, plan, params)
        if on_turn is not None:
            on_turn(state, log)
        if record:
            result.observations.append(obs)
            result.plans.append(plan)
            result.logs.append(log)
    result.final = state
    return result
