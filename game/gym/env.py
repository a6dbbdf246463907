"""One game of Odd Duck as a `gymnasium.Env` (docs/GYM.md).

`OddDuckEnv(scenario="crm-rollout", seed=0, game=0)` plays game `game` of the run
seeded `seed`: the same game `run_game.py simulate --seed SEED --game GAME` and game
GAME of `run_game.py batch --seed SEED` play, so the same plans give the same score
bit for bit. `reset(seed=S)` starts game `options["game"]` (default: the constructor's)
of run S; `reset()` without a seed starts the next game of the same run, and
`reset(options={"game": i})` game i. The spaces are in spaces.py, the reward and the
refusal of illegal plans in games.py.
"""

from pathlib import Path
from typing import Any, SupportsFloat

import gymnasium as gym
import numpy as np
import numpy.typing as npt

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
from game.scenario.loader import as_ref, load

I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]
DEFAULT_SCENARIO = "crm-rollout"


def load_params(scenario: str | Path | Params) -> tuple[Params, tuple[str, ...]]:
    """Compiled parameters of a shipped scenario id, a YAML path, or Params as they are,
    and the scenario's action ids in the order of the action axis ("action 0", ... for
    Params given as they are)."""
    if isinstance(scenario, Params):
        return scenario, tuple(f"action {a}" for a in range(scenario.n_actions))
    ref = as_ref(scenario) if isinstance(scenario, str) else scenario
    loaded, params = load(ref)
    return params, tuple(action.id for action in loaded.actions)


class OddDuckEnv(gym.Env[dict[str, Any], I64]):
    """One game: observation = IT's view, action = the week's uses per action and target."""

    # Gymnasium reads this from the class, as every Gymnasium environment declares it.
    metadata = {"render_modes": ["rgb_array"], "render_fps": 2}  # noqa: RUF012

    def __init__(
        self,
        scenario: str | Path | Params = DEFAULT_SCENARIO,
        seed: int = 0,
        game: int = 0,
        render_mode: str | None = None,
        max_refusals: int = MAX_REFUSALS,
    ) -> None:
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode {render_mode!r} is not one of ('rgb_array',)")
        # The model's compiled scenario (read it, never change it) and the action ids.
        self.params, self.action_names = load_params(scenario)
        self.render_mode = render_mode
        self.observation_space = observation_space(self.params)
        self.action_space = action_space(self.params)
        self.first_game = game
        self.games = Games(self.params, 1, max_refusals)
        self.games.seed = seed
        self.game: int | None = None  # the game id in play, None before the first reset

    @property
    def run_seed(self) -> int:
        """The run's seed (the model's, not Gymnasium's np_random, which Odd Duck never uses)."""
        return self.games.seed

    def model_observation(self) -> Observation:
        """The model's Observation (N = 1), e.g. for a built-in policy to plan on."""
        return observe(self.games.state, self.params)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, F32], dict[str, Any]]:
        super().reset(seed=seed)
        options = options or {}
        if seed is not None:
            self.games.seed = seed
            game = int(options.get("game", self.first_game))
        elif "game" in options:
            game = int(options["game"])
        else:
            game = self.first_game if self.game is None else self.game + 1
        if game < 0:
            raise ValueError(f"game {game}: a game id is 0 or more")
        self.game = game
        self.games.start([0], [game])
        return self._observe(illegal="")

    def step(self, action: I64) -> tuple[dict[str, F32], SupportsFloat, bool, bool, dict[str, Any]]:
        if self.game is None or self.games.ended[0]:
            raise RuntimeError("the episode has ended (or not begun): call reset()")
        uses = np.asarray(action)
        if uses.shape != self.action_space.shape:
            raise ValueError(f"action has shape {uses.shape}, expected {self.action_space.shape}")
        week = self.games.play(plan_points(uses[None], self.params))
        obs, info = self._observe(illegal=week.illegal[0])
        return obs, float(week.reward[0]), bool(week.terminated[0]), bool(week.truncated[0]), info

    def _observe(self, illegal: str) -> tuple[dict[str, F32], dict[str, Any]]:
        seen = self.model_observation()
        obs = {name: value[0] for name, value in observation_dict(seen, self.params).items()}
        info = {
            "action_mask": action_mask(seen, self.params)[0],
            "illegal": illegal,
            "refusals": int(self.games.refusals[0]),
            "score": float(self.games.score()[0]),
            "game": self.game,
            "seed": self.games.seed,
        }
        return obs, info

    def render(self) -> U8 | None:
        """An RGB frame (H, W, 3) of IT's view when render_mode is "rgb_array", else None."""
        if self.render_mode != "rgb_array":
            return None
        from game.gym.render import draw_frame  # pygame only when a frame is asked for

        return draw_frame(self.model_observation(), self.params)
