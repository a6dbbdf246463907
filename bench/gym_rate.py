"""Throughput of the Gymnasium environments (docs/GYM.md); prints, writes nothing.

    python bench/gym_rate.py             # crm-rollout, vector env of 1,000 games
    python bench/gym_rate.py --quick     # fewer repeats and games, for a smoke check

Measures steps per second of the single environment (`OddDuckEnv`, one game, N = 1) and
game-turns per second of the vector environment (`OddDuckVectorEnv`, N = 1,000: one model
call a step), each replaying the balanced policy's recorded plans so that only
`env.step` is timed (observation, action mask, reward and info included), beside the
model alone (`step` on the same plans, as bench/benchmark.py times it). Best of a few
repeats, in wall time and, for a machine shared with other work, in the process's CPU time
as well. No test asserts on these numbers: they are a record.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark import machine, model_rate, recorded_plans  # noqa: E402

from game.gym import OddDuckEnv, OddDuckVectorEnv, plan_uses  # noqa: E402
from game.policies import POLICIES  # noqa: E402

SCENARIO = "crm-rollout"
SEED = 1


class Clock:
    """Wall and CPU seconds of the timed stretches only."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> "Clock":
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall += time.perf_counter() - self._wall
        self.cpu += time.process_time() - self._cpu


def single_rate(games: int, repeats: int) -> tuple[float, float]:
    """Steps per second of OddDuckEnv over `games` whole games of recorded plans: by wall
    time and by CPU time."""
    env = OddDuckEnv(scenario=SCENARIO, seed=SEED)
    recorded = []
    for g in range(games):
        env.reset(seed=SEED, options={"game": g})
        actions, ended = [], False
        while not ended:
            uses = plan_uses(POLICIES["balanced"](env.model_observation(), env.params), env.params)
            actions.append(uses[0])
            _, _, terminated, truncated, _ = env.step(uses[0])
            ended = terminated or truncated
        recorded.append(actions)
    wall = cpu = 0.0
    for _ in range(repeats):
        steps, clock = 0, Clock()
        for g, actions in enumerate(recorded):
            env.reset(seed=SEED, options={"game": g})
            with clock:
                for action in actions:
                    env.step(action)
            steps += len(actions)
        wall, cpu = max(wall, steps / clock.wall), max(cpu, steps / clock.cpu)
    return wall, cpu


def vector_rate(n: int, repeats: int) -> tuple[float, float]:
    """Game-turns per second of OddDuckVectorEnv(n) over one game's worth of steps: by wall
    time and by CPU time."""
    envs = OddDuckVectorEnv(n, scenario=SCENARIO, seed=SEED)
    envs.reset(seed=SEED)
    recorded = []
    for _ in range(envs.params.turns):
        obs = envs.model_observation()
        actions = plan_uses(POLICIES["balanced"](obs, envs.params), envs.params)
        recorded.append(actions)
        envs.step(actions)
    wall = cpu = 0.0
    for _ in range(repeats):
        envs.reset(seed=SEED)
        ending = np.zeros(n, dtype=np.bool_)
        turns, clock = 0, Clock()
        for actions in recorded:
            with clock:
                _, _, terminated, truncated, _ = envs.step(actions)
            turns += int((~ending).sum())  # a slot that ended last step only restarts
            ending = terminated | truncated
        wall, cpu = max(wall, turns / clock.wall), max(cpu, turns / clock.cpu)
    return wall, cpu


def model_cpu_rate(n: int, repeats: int) -> float:
    """Game-turns per CPU second of the model's `step` alone, as benchmark.model_rate."""
    from game.model import new_state, step
    from game.scenario.loader import load

    _, params = load(SCENARIO)
    plans = recorded_plans(params, n)
    best = 0.0
    for _ in range(repeats):
        state, turns, clock = new_state(params, np.arange(n), 1), 0, Clock()
        for plan in plans:
            turns += int((~state.done).sum())
            with clock:
                state, _ = step(state, plan, params)
        best = max(best, turns / clock.cpu)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and games")
    parser.add_argument("--games", type=int, default=1000, help="vector env size (N)")
    args = parser.parse_args()
    repeats = 2 if args.quick else 5
    print(f"{machine()}")
    print(f"scenario {SCENARIO}, balanced policy's recorded plans, best of {repeats}")
    print(f"{'':>34} {'wall':>12} {'CPU':>12}")
    wall, cpu = single_rate(5 if args.quick else 20, repeats)
    print(f"{'single env (N = 1)':>34} {wall:>12,.0f} {cpu:>12,.0f} steps/s", flush=True)
    n = f"(N = {args.games:,})"
    vector_wall, vector_cpu = vector_rate(args.games, repeats)
    print(
        f"{'vector env ' + n:>34} {vector_wall:>12,.0f} {vector_cpu:>12,.0f} game-turns/s",
        flush=True,
    )
    from game.scenario.loader import load

    _, params = load(SCENARIO)
    alone_wall = model_rate(params, args.games, repeats=repeats)
    alone_cpu = model_cpu_rate(args.games, repeats)
    print(f"{'model alone ' + n:>34} {alone_wall:>12,.0f} {alone_cpu:>12,.0f} game-turns/s")
    print(f"vector env / model alone, CPU time: {vector_cpu / alone_cpu:.0%}")


if __name__ == "__main__":
    main()
