"""The single Gymnasium environment: Gymnasium's own checker, determinism, and that a game
played through it is the game `simulate` and `batch` play."""

import contextlib
import io
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from game.batch.run import Job, play_chunk
from game.cli.main import main as cli_main
from game.gym import (
    ENV_ID,
    FIELDS,
    REFUSAL_PENALTY,
    OddDuckEnv,
    action_mask,
    plan_points,
    plan_uses,
)
from game.gym.spaces import observation_dict
from game.model import PlanError, Target, outcome, validate_plan
from game.policies import POLICIES
from game.session.runner import play

SCENARIO, SEED, GAME = "crm-rollout", 11, 3


def play_policy(env: OddDuckEnv, policy: str = "balanced") -> tuple[list, list[float], dict]:
    """Play a built-in policy's plans through `env` to the end: observations, rewards, info."""
    observations, rewards = [], []
    while True:
        plan = POLICIES[policy](env.model_observation(), env.params)
        obs, reward, terminated, truncated, info = env.step(plan_uses(plan, env.params)[0])
        observations.append(obs)
        rewards.append(float(reward))
        assert not truncated
        if terminated:
            return observations, rewards, info


def test_gymnasium_env_checker_passes() -> None:
    # Through gymnasium.make, so the checker also makes the env with each render mode.
    env = gym.make(ENV_ID, scenario="tutorial")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    # The only remarks allowed: the work and money Boxes are open (docs/GYM.md says why).
    remarks = {str(w.message) for w in caught}
    assert all("infinity" in r for r in remarks), remarks


def test_balanced_plans_through_the_env_score_what_simulate_and_batch_score() -> None:
    env = OddDuckEnv(scenario=SCENARIO, seed=SEED, game=GAME)
    env.reset()
    _, rewards, info = play_policy(env)
    alone = play(env.params, POLICIES["balanced"], [GAME], seed=SEED)
    expected = float(outcome(alone.final, env.params).score[0])
    batch = play_chunk(env.params, "balanced", Job(0, "balanced", 0, GAME + 2), SEED, True)
    assert batch.rows is not None
    assert info["score"] == expected == float(batch.rows["score"][GAME])
    # The return is the final score: the shaping telescopes (Φ is 0 at start and end).
    assert sum(rewards) == pytest.approx(expected, abs=1e-9)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli_main(
            ["simulate", "--scenario", SCENARIO, "--seed", str(SEED), "--game", str(GAME)]
        )
    assert status == 0
    assert f"score {expected:.1f}" in out.getvalue()


def test_observations_are_what_the_policy_saw_each_week() -> None:
    env = OddDuckEnv(scenario=SCENARIO, seed=SEED, game=GAME)
    first, _ = env.reset()
    observations, _, _ = play_policy(env)
    alone = play(env.params, POLICIES["balanced"], [GAME], seed=SEED)
    seen = [observation_dict(o, env.params) for o in alone.observations]
    for mine, theirs in zip([first, *observations[:-1]], seen, strict=True):
        for name, value in mine.items():
            np.testing.assert_array_equal(value, theirs[name][0])
    for obs in [first, *observations]:
        assert obs in env.observation_space


def test_an_illegal_plan_is_refused_not_repaired() -> None:
    env = OddDuckEnv(scenario=SCENARIO, seed=SEED, game=GAME, max_refusals=3)
    before, _ = env.reset()
    too_much = np.zeros(env.action_space.shape, dtype=np.int64)
    too_much[0, 0] = env.action_space.nvec[0, 0] - 1  # far beyond one week's capacity
    for count in (1, 2):
        obs, reward, terminated, truncated, info = env.step(too_much)
        assert reward == -REFUSAL_PENALTY
        assert "capacity" in info["illegal"]
        assert info["refusals"] == count
        assert not terminated and not truncated
        # Nothing was played: the week did not pass.
        for name, value in obs.items():
            np.testing.assert_array_equal(value, before[name])
    # A legal plan is played as usual and says nothing is wrong.
    plan = POLICIES["balanced"](env.model_observation(), env.params)
    obs, reward, _, _, info = env.step(plan_uses(plan, env.params)[0])
    assert info["illegal"] == "" and obs["turn"][0] == 1
    # The third refusal ends the episode (truncated, not terminated).
    _, reward, terminated, truncated, info = env.step(too_much)
    assert truncated and not terminated and reward == -REFUSAL_PENALTY
    with pytest.raises(RuntimeError):
        env.step(too_much)


def test_a_target_the_action_cannot_take_is_refused() -> None:
    env = OddDuckEnv(scenario=SCENARIO, seed=SEED)
    env.reset()
    bad = np.zeros(env.action_space.shape, dtype=np.int64)
    bad[1, env.params.n_targets - 1] = 1  # a check-in aimed past the last stakeholder
    _, reward, _, _, info = env.step(bad)
    assert reward == -REFUSAL_PENALTY and "cannot take this target" in info["illegal"]
    with pytest.raises(ValueError):
        env.step(np.zeros(3, dtype=np.int64))  # not a plan at all: a bug, not a move


def test_same_seed_same_episode_and_reset_moves_to_the_next_game() -> None:
    def episode(env: OddDuckEnv, **reset: object) -> list[float]:
        env.reset(**reset)
        return play_policy(env, "random")[1]

    one, two = OddDuckEnv(seed=5), OddDuckEnv(seed=5)
    first = episode(one, seed=9)
    assert episode(two, seed=9) == first
    assert one.game == 0 and one.run_seed == 9
    following = episode(one)  # no seed: the next game of the same run
    assert one.game == 1 and following == episode(two, seed=9, options={"game": 1})
    assert episode(one, options={"game": 0}) == first


def test_the_action_mask_offers_only_what_the_model_accepts() -> None:
    env = OddDuckEnv(scenario=SCENARIO, seed=SEED)
    _, info = env.reset()
    policy = POLICIES["random"]
    for _ in range(6):
        seen = env.model_observation()
        mask = action_mask(seen, env.params)[0]
        np.testing.assert_array_equal(mask, info["action_mask"])
        for a, t in zip(*np.nonzero(env.params.legal), strict=True):
            one = np.zeros((1, *env.action_space.shape), dtype=np.int64)
            one[0, a, t] = 1
            try:
                validate_plan(plan_points(one, env.params), seen, env.params)
                legal = True
            except PlanError:
                legal = False
            if mask[a, t]:
                assert legal
            elif env.params.action_target[a] != Target.PACKAGE:
                assert not legal  # only building a blocked package is left out on purpose
        plan = policy(seen, env.params)
        _, _, terminated, _, info = env.step(plan_uses(plan, env.params)[0])
        if terminated:
            break


def test_render_draws_a_frame_only_when_asked() -> None:
    assert OddDuckEnv().render() is None
    env = OddDuckEnv(render_mode="rgb_array")
    env.reset(seed=1)
    frame = env.render()
    assert frame is not None
    assert frame.dtype == np.uint8 and frame.ndim == 3 and frame.shape[2] == 3
    assert len(np.unique(frame.reshape(-1, 3), axis=0)) > 3  # something was drawn
    with pytest.raises(ValueError):
        OddDuckEnv(render_mode="human")


def test_importing_and_stepping_the_env_needs_no_pygame() -> None:
    code = (
        "import sys; from game.gym import OddDuckEnv; e = OddDuckEnv(); e.reset(seed=0);"
        "e.step(e.action_space.sample()); print('pygame' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_every_observation_field_is_documented() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "GYM.md").read_text(encoding="utf-8")
    env = OddDuckEnv(scenario=SCENARIO)
    assert list(env.observation_space.spaces) == [f.name for f in FIELDS]
    for field in FIELDS:
        assert f"| `{field.name}` |" in guide, field.name


def test_every_code_block_of_the_guide_runs() -> None:
    """GYM.md's Python blocks run as written (they once used `env.params` on a wrapped env)."""
    guide = (Path(__file__).resolve().parents[1] / "docs" / "GYM.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", guide, flags=re.DOTALL | re.MULTILINE)
    assert len(blocks) >= 2
    namespaces = []
    for block in blocks:
        namespace: dict[str, Any] = {}
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block, "docs/GYM.md", "exec"), namespace)
        namespaces.append(namespace)
    # The balanced policy's loop plays its game to the end without a refused plan.
    loop = next(n for n in namespaces if "POLICIES" in n)
    assert loop["terminated"] and loop["info"]["refusals"] == 0
    assert loop["info"]["score"] == pytest.approx(75.07, abs=0.01)  # the score the guide prints


def test_the_guide_names_every_colour_of_the_frame() -> None:
    from game.gym import render  # pygame only here: the frame's own module

    guide = (Path(__file__).resolve().parents[1] / "docs" / "GYM.md").read_text(encoding="utf-8")
    section = guide.split("### Rendering", 1)[1].split("\n## ", 1)[0].lower()
    for colour in (*render.STATUS_COLOURS, *render.MOOD_COLOURS, render.palette.FAINT):
        assert f"`{colour.lower()}`" in section, colour
