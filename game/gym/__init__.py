"""Odd Duck as a Gymnasium environment (the `[rl]` extra; docs/GYM.md).

    from game.gym import OddDuckEnv, OddDuckVectorEnv
    env = OddDuckEnv(scenario="crm-rollout", seed=7, game=0)
    envs = OddDuckVectorEnv(1000, scenario="crm-rollout", seed=7)

Importing this registers "OddDuck-v0" with Gymnasium, so `gymnasium.make("OddDuck-v0")`
and `gymnasium.make_vec("OddDuck-v0", num_envs=N, vectorization_mode="vector_entry_point")`
work too. Headless: pygame is imported only by `render()`, when a frame is asked for.
"""

import gymnasium

from game.gym.env import OddDuckEnv
from game.gym.games import MAX_REFUSALS, REFUSAL_PENALTY
from game.gym.spaces import FIELDS, action_mask, plan_points, plan_uses
from game.gym.vector import OddDuckVectorEnv

ENV_ID = "OddDuck-v0"

if ENV_ID not in gymnasium.registry:
    gymnasium.register(
        id=ENV_ID,
        entry_point="game.gym.env:OddDuckEnv",
        vector_entry_point="game.gym.vector:OddDuckVectorEnv",
        # The game ends by its own rules within the scenario's turns: no time limit.
        max_episode_steps=None,
        nondeterministic=False,
    )

__all__ = [
    "ENV_ID",
    "FIELDS",
    "MAX_REFUSALS",
    "REFUSAL_PENALTY",
    "OddDuckEnv",
    "OddDuckVectorEnv",
    "action_mask",
    "plan_points",
    "plan_uses",
]
