"""N games of Odd Duck as a `gymnasium.vector.VectorEnv` backed by the batch model.

Not copies of the single environment: one `step` of this environment is one call of
the model over all N games (the numpy batch that `run_game.py batch` uses), so it runs
as fast as the model does.

Which game each sub-environment plays: sub-environment j's k-th episode (k = 0 after
`reset`) is game `first_game + j + k * num_envs` of the run seed, so every episode is a
game the single environment (and `simulate`, and `batch`) can replay:
`OddDuckEnv(seed=S).reset(seed=S, options={"game": first_game + j + k * num_envs})`.

Autoreset: `AutoresetMode.NEXT_STEP` (Gymnasium 1.x's default, declared in
`metadata["autoreset_mode"]`). The step on which a game ends returns its last
observation with terminated (or truncated) True; on the next step that sub-environment
ignores its action, starts its next game and returns the new game's first observation
with reward 0 and terminated = truncated = False.
"""

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from game.gym.env import DEFAULT_SCENARIO, load_params
from game.gym.games import MAX_REFUSALS, Games
from game.gym.spaces import (
    F32,
    action_mask,
    action_space,
    observation_dict,
    observation_space,
    plan_points,
)
from game.model import Observation, Params, observe

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]


class OddDuckVectorEnv(VectorEnv[dict[str, F32], I64, npt.NDArray[Any]]):
    """num_envs games of one scenario and seed, one model call per step."""

    # Gymnasium reads this from the class, as every Gymnasium environment declares it.
    metadata = {"autoreset_mode": AutoresetMode.NEXT_STEP, "render_modes": []}  # noqa: RUF012

    def __init__(
        self,
        num_envs: int,
        scenario: str | Path | Params = DEFAULT_SCENARIO,
        seed: int = 0,
        first_game: int = 0,
        max_refusals: int = MAX_REFUSALS,
    ) -> None:
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        # The model's compiled scenario (read it, never change it) and the action ids.
        self.params, self.action_names = load_params(scenario)
        self.num_envs = num_envs
        self.single_observation_space = observation_space(self.params)
        self.single_action_space = action_space(self.params)
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self.first_game = first_game
        self.games = Games(self.params, num_envs, max_refusals)
        self.games.seed = seed
        self.episode = np.zeros(num_envs, dtype=np.int64)  # k of each sub-environment
        self._autoreset = np.zeros(num_envs, dtype=np.bool_)
        self._started = False

    @property
    def run_seed(self) -> int:
        return self.games.seed

    def game_ids(self) -> I64:
        """The game id each sub-environment plays now."""
        slots = np.arange(self.num_envs, dtype=np.int64)
        result: I64 = self.first_game + slots + self.episode * self.num_envs
        return result

    def model_observation(self) -> Observation:
        """The model's Observation of the N games, e.g. for a built-in policy to plan on."""
        return observe(self.games.state, self.params)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, F32], dict[str, Any]]:
        """Every sub-environment starts afresh: with a seed at episode 0 of that run (and
        `options["first_game"]`, if given), without one at its next episode."""
        super().reset(seed=seed)
        options = options or {}
        if seed is not None:
            self.games.seed = seed
        if "first_game" in options:
            self.first_game = int(options["first_game"])
        if seed is not None or "first_game" in options or not self._started:
            self.episode[:] = 0
        else:
            self.episode += 1
        self._started = True
        self.games.start(np.arange(self.num_envs), self.game_ids())
        self._autoreset[:] = False
        return self._observe(["" for _ in range(self.num_envs)])

    def step(self, actions: I64) -> tuple[dict[str, F32], F64, B8, B8, dict[str, Any]]:
        if not self._started:
            raise RuntimeError("call reset() before step()")
        uses = np.asarray(actions)
        if uses.shape != self.action_space.shape:
            raise ValueError(f"actions have shape {uses.shape}, expected {self.action_space.shape}")
        restart = self._autoreset.copy()
        # Games that ended last step are skipped by the model (their action is ignored)...
        if restart.any():
            uses = np.where(restart[:, None, None], 0, uses)
        week = self.games.play(plan_points(uses, self.params))
        # ... and start their next game, to be seen from this step on.
        if restart.any():
            self.episode[restart] += 1
            rows = np.flatnonzero(restart)
            self.games.start(rows, self.game_ids()[rows])
        self._autoreset = week.terminated | week.truncated
        obs, info = self._observe(week.illegal)
        return obs, week.reward, week.terminated, week.truncated, info

    def _observe(self, illegal: list[str]) -> tuple[dict[str, F32], dict[str, Any]]:
        seen = self.model_observation()
        values = {
            "action_mask": action_mask(seen, self.params),
            "illegal": np.array(illegal, dtype=object),
            "refusals": self.games.refusals.copy(),
            "score": self.games.score(),
            "game": self.game_ids(),
            # The run seed, one per sub-environment as the single environment's info has it.
            "seed": np.full(self.num_envs, self.games.seed, dtype=np.int64),
        }
        # Gymnasium's vector info: each key with a "_key" mask of the sub-environments
        # that have it (here all of them, every step).
        info: dict[str, Any] = {}
        for key, value in values.items():
            info[key] = value
            info[f"_{key}"] = np.ones(self.num_envs, dtype=np.bool_)
        return observation_dict(seen, self.params), info
