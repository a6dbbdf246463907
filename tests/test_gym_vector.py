"""The vector environment: one model call a step, NEXT_STEP autoreset, and every episode
equal to the single environment's game, game by game."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.vector import AutoresetMode

import game.gym.games
from game.gym import ENV_ID, REFUSAL_PENALTY, OddDuckEnv, OddDuckVectorEnv, plan_uses
from game.policies import POLICIES

SCENARIO, SEED, N = "tutorial", 4, 3


def slot_actions(envs: OddDuckVectorEnv, step: int) -> np.ndarray:
    """The random policy's plans, with an illegal plan now and then for slot 1."""
    uses = plan_uses(POLICIES["random"](envs.model_observation(), envs.params), envs.params)
    if step % 5 == 2:
        uses[1, 0, 0] = envs.single_action_space.nvec[0, 0] - 1  # beyond any week's capacity
    return uses


def record_vector_episodes(envs: OddDuckVectorEnv, steps: int) -> dict[int, dict[str, Any]]:
    """Every finished episode by game id: the actions taken, rewards and observations."""
    obs, info = envs.reset(seed=SEED)
    current = [
        {"actions": [], "rewards": [], "obs": [_row(obs, j)], "game": int(info["game"][j])}
        for j in range(envs.num_envs)
    ]
    done: dict[int, dict[str, Any]] = {}
    for step in range(steps):
        actions = slot_actions(envs, step)
        obs, reward, terminated, truncated, info = envs.step(actions)
        for j in range(envs.num_envs):
            episode = current[j]
            if episode is None:  # NEXT_STEP: this step started the slot's next game
                assert reward[j] == 0 and not terminated[j] and not truncated[j]
                current[j] = {
                    "actions": [],
                    "rewards": [],
                    "obs": [_row(obs, j)],
                    "game": int(info["game"][j]),
                }
                continue
            episode["actions"].append(actions[j])
            episode["rewards"].append(float(reward[j]))
            episode["obs"].append(_row(obs, j))
            if terminated[j] or truncated[j]:
                done[episode["game"]] = episode
                current[j] = None
    return done


def _row(obs: dict[str, np.ndarray], j: int) -> dict[str, np.ndarray]:
    return {name: value[j].copy() for name, value in obs.items()}


def test_every_vector_episode_equals_the_single_envs_game() -> None:
    envs = OddDuckVectorEnv(N, scenario=SCENARIO, seed=SEED)
    episodes = record_vector_episodes(envs, steps=3 * envs.params.turns)
    # Sub-environment j's k-th episode is game j + k * N: two rounds of every slot at least.
    assert set(range(2 * N)) <= set(episodes)
    single = OddDuckEnv(scenario=SCENARIO, seed=0)
    for game_id, episode in episodes.items():
        obs, _ = single.reset(seed=SEED, options={"game": game_id})
        observations = [obs]
        for action, reward in zip(episode["actions"], episode["rewards"], strict=True):
            obs, r, *_ = single.step(action)
            assert r == reward
            observations.append(obs)
        for mine, theirs in zip(observations, episode["obs"], strict=True):
            for name in mine:
                np.testing.assert_array_equal(mine[name], theirs[name])


def test_one_step_is_one_call_of_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = game.gym.games.step

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0].n_games)
        return real(*args, **kwargs)

    monkeypatch.setattr(game.gym.games, "step", counting)
    envs = OddDuckVectorEnv(50, scenario=SCENARIO, seed=SEED)
    envs.reset(seed=SEED)
    for step in range(envs.params.turns + 2):
        envs.step(slot_actions(envs, step))
    assert calls == [50] * (envs.params.turns + 2)


def test_autoreset_is_next_step_as_declared() -> None:
    envs = OddDuckVectorEnv(2, scenario=SCENARIO, seed=SEED)
    assert envs.metadata["autoreset_mode"] is AutoresetMode.NEXT_STEP
    obs, info = envs.reset(seed=SEED)
    assert obs in envs.observation_space
    ended = np.zeros(2, dtype=np.bool_)
    while not ended.any():
        actions = plan_uses(
            POLICIES["balanced"](envs.model_observation(), envs.params), envs.params
        )
        obs, _, terminated, truncated, info = envs.step(actions)
        assert obs in envs.observation_space
        ended = terminated | truncated
    j = int(np.argmax(ended))
    finished_game = int(info["game"][j])
    # The step after the end starts the next game whatever the action says.
    junk = np.zeros(envs.action_space.shape, dtype=np.int64)
    junk[j, 0, 0] = envs.single_action_space.nvec[0, 0] - 1
    obs, reward, terminated, truncated, info = envs.step(junk)
    assert reward[j] == 0 and not terminated[j] and not truncated[j]
    assert info["illegal"][j] == "" and int(info["game"][j]) == finished_game + 2
    fresh, _ = OddDuckEnv(scenario=SCENARIO).reset(seed=SEED, options={"game": finished_game + 2})
    for name, value in fresh.items():
        np.testing.assert_array_equal(obs[name][j], value)


def test_refusals_are_per_game_and_truncate() -> None:
    envs = OddDuckVectorEnv(3, scenario=SCENARIO, seed=SEED, max_refusals=2)
    envs.reset(seed=SEED)
    legal = plan_uses(POLICIES["balanced"](envs.model_observation(), envs.params), envs.params)
    bad = legal.copy()
    bad[0, 0, 0] = bad[2, 0, 0] = envs.single_action_space.nvec[0, 0] - 1
    _, reward, terminated, truncated, info = envs.step(bad)
    assert reward[0] == reward[2] == -REFUSAL_PENALTY and reward[1] != -REFUSAL_PENALTY
    assert info["illegal"][0] and not info["illegal"][1] and info["illegal"][2]
    assert list(info["refusals"]) == [1, 0, 1] and not truncated.any()
    _, _, terminated, truncated, _ = envs.step(bad)
    assert list(truncated) == [True, False, True] and not terminated.any()


def test_reset_without_a_seed_plays_the_next_games() -> None:
    envs = OddDuckVectorEnv(2, scenario=SCENARIO, seed=SEED, first_game=10)
    _, info = envs.reset()
    assert list(info["game"]) == [10, 11]
    _, info = envs.reset()
    assert list(info["game"]) == [12, 13]
    _, info = envs.reset(seed=SEED, options={"first_game": 0})
    assert list(info["game"]) == [0, 1]


def test_gymnasium_make_vec_builds_it() -> None:
    envs = gym.make_vec(
        ENV_ID, num_envs=2, vectorization_mode="vector_entry_point", scenario=SCENARIO
    )
    assert isinstance(envs.unwrapped, OddDuckVectorEnv)
    obs, _ = envs.reset(seed=1)
    assert obs["turn"].shape == (2, 1)


def test_the_documented_search_example_runs_and_plays_legal_plans() -> None:
    example = Path(__file__).resolve().parents[1] / "docs" / "examples" / "cem_search.py"
    small = ["--generations", "1", "--population", "2", "--elite", "1"]
    args = [*small, "--games", "4", "--test-games", "4", "--scenario", SCENARIO]
    result = subprocess.run(
        [sys.executable, str(example), *args], capture_output=True, text=True, check=True
    )
    assert "0 plans refused" in result.stdout
    assert "balanced (built-in): mean score" in result.stdout


def test_the_vector_info_is_the_single_environments_batched() -> None:
    single_info = OddDuckEnv(scenario=SCENARIO).reset(seed=2)[1]
    envs = OddDuckVectorEnv(3, scenario=SCENARIO, seed=SEED)
    _, after_reset = envs.reset(seed=2)
    after_step = envs.step(envs.action_space.sample())[4]
    for info in (after_reset, after_step):
        keys = {key for key in info if not key.startswith("_")}
        assert keys == set(single_info)
        assert all(info[f"_{key}"].all() for key in keys)  # every sub-environment has each key
        assert list(info["seed"]) == [2, 2, 2]
