"""Search a strategy for Odd Duck with the cross-entropy method (docs/GYM.md).

    .venv/bin/python docs/examples/cem_search.py     # about two minutes
    .venv/bin/python docs/examples/cem_search.py --generations 3 --population 12 --elite 3 \
        --games 16 --test-games 200                  # a quick try: a few seconds

The search uses only the vector environment and numpy: a linear policy scores every
(action, target) cell of the week's plan from the features of its target (a package, a
stakeholder, the project), and spends the week's capacity on the cells it scores above
zero: the score is the number of uses it wants there (scaled down to the week's capacity,
in whole uses, what is left over going to the cell it wants most), only where
`info["action_mask"]` offers them. Its plans are legal by construction: the environment
would refuse, not repair, any other. The cross-entropy method keeps a Gaussian over the
policy's weights, plays each sample on the same training games (common random numbers:
every candidate meets the same luck), and refits the Gaussian to the best. At the end the
best policy and the built-in balanced policy play the same held-out games.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.gym import OddDuckVectorEnv, plan_uses
from game.model import Channel, Target

# Features of each target kind, computed from the observation dict (N, ...) below.
N_FEATURES = {Target.PACKAGE: 9, Target.STAKEHOLDER: 7, Target.PROJECT: 6}


def features(obs: dict[str, np.ndarray], last_turn: float) -> dict[Target, np.ndarray]:
    """(N, targets, k) features per target kind, each roughly in [0, 1]; the first is 1."""
    n = obs["turn"].shape[0]
    size = np.maximum(obs["package_size"], 1e-9)
    package = np.stack(
        [
            np.ones_like(size),
            obs["package_reported"],
            obs["package_remaining"] / size,
            obs["package_clarity"],
            obs["package_status"] == 0,
            obs["package_status"] == 1,
            obs["buildable"],
            obs["package_waiting"] / last_turn,
            obs["rejections"] > 0,
        ],
        axis=-1,
    ).astype(np.float64)
    person = np.stack(
        [
            np.ones_like(obs["trust"]),
            obs["trust"],
            obs["satisfaction"],
            obs["expectation"] - obs["seen"],
            np.minimum(obs["since_contact"] / 4.0, 1.0),
            obs["vague"],
            obs["complaint"] >= 0,
        ],
        axis=-1,
    ).astype(np.float64)
    project = np.stack(
        [
            np.ones(n),
            obs["turn"][:, 0] / last_turn,
            obs["reported_progress"][:, 0],
            obs["sponsor"][:, 0],
            obs["hype"][:, 0],
            obs["fatigue"][:, 0],
        ],
        axis=-1,
    )[:, None, :]
    return {Target.PACKAGE: package, Target.STAKEHOLDER: person, Target.PROJECT: project}


class LinearPolicy:
    """One weight vector per action over the features of the action's target kind."""

    def __init__(self, envs: OddDuckVectorEnv) -> None:
        self.kinds = [Target(int(k)) for k in envs.params.action_target]
        self.sizes = [N_FEATURES[k] for k in self.kinds]
        self.n_weights = sum(self.sizes)
        self.cost = envs.params.action_cost
        # Overtime buys capacity instead of spending it (the model's Channel.OVERTIME).
        self.is_regular = envs.params.action_effect[:, Channel.OVERTIME] <= 0
        self.regular = self.cost * self.is_regular
        self.most = envs.single_action_space.nvec - 1  # the most uses a cell can hold
        self.last_turn = float(envs.single_observation_space["turn"].high[0])
        self.shape = envs.single_action_space.shape

    def act(self, weights: np.ndarray, obs: dict[str, np.ndarray], mask: np.ndarray) -> np.ndarray:
        """Uses (N, A, T) for the N games: legal plans, by construction."""
        feats = features(obs, self.last_turn)
        n = mask.shape[0]
        scores = np.full((n, *self.shape), -np.inf)
        start = 0
        for a, (kind, size) in enumerate(zip(self.kinds, self.sizes, strict=True)):
            w = weights[start : start + size]
            start += size
            targets = feats[kind].shape[1]
            scores[:, a, :targets] = feats[kind] @ w
        # The score is the uses wanted; a week that wants more than it has is scaled down.
        wanted = np.where(mask, np.minimum(np.maximum(scores, 0.0), self.most[None]), 0.0)
        capacity = np.floor(obs["capacity"][:, 0])
        spent = (wanted * self.regular[None, :, None]).sum(axis=(1, 2))
        scale = np.minimum(1.0, capacity / np.maximum(spent, 1e-9))
        uses = np.floor(wanted * scale[:, None, None] + 1e-9)
        # What the rounding left goes to the cell the policy wants most that can take it.
        left = capacity - (uses * self.regular[None, :, None]).sum(axis=(1, 2))
        best = np.where(mask & self.is_regular[None, :, None], scores, -np.inf).reshape(n, -1)
        cell = best.argmax(axis=1)
        a, t = np.unravel_index(cell, self.shape)
        extra = np.where(np.isfinite(best.max(axis=1)), np.floor(left / self.cost[a]), 0)
        uses[np.arange(n), a, t] = np.minimum(uses[np.arange(n), a, t] + extra, self.most[a, t])
        return uses.astype(np.int64)


def first_returns(envs: OddDuckVectorEnv, seed: int, plan) -> tuple[np.ndarray, int]:
    """The return of each sub-environment's first episode (games 0 .. N-1 of `seed`), and
    how many plans the environment refused."""
    obs, info = envs.reset(seed=seed, options={"first_game": 0})
    returns = np.zeros(envs.num_envs)
    finished = np.zeros(envs.num_envs, dtype=np.bool_)
    refused = 0
    while not finished.all():
        obs, reward, terminated, truncated, info = envs.step(plan(obs, info))
        returns += np.where(finished, 0.0, reward)
        refused += int(((info["illegal"] != "") & ~finished).sum())
        finished |= terminated | truncated
    return returns, refused


def balanced_plan(envs: OddDuckVectorEnv):
    """The built-in balanced policy, for comparison only (it reads the model's view)."""
    from game.policies import POLICIES

    def plan(obs: dict, info: dict) -> np.ndarray:
        return plan_uses(POLICIES["balanced"](envs.model_observation(), envs.params), envs.params)

    return plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="crm-rollout")
    parser.add_argument("--generations", type=int, default=30, help="rounds of the search")
    parser.add_argument(
        "--population", type=int, default=48, help="weight vectors sampled a generation"
    )
    parser.add_argument(
        "--elite", type=int, default=8, help="best candidates the next generation is fitted to"
    )
    parser.add_argument("--games", type=int, default=64, help="training games per candidate")
    parser.add_argument(
        "--test-games", type=int, default=1000, help="held-out games for the final comparison"
    )
    parser.add_argument("--seed", type=int, default=1, help="training run seed")
    parser.add_argument("--test-seed", type=int, default=2, help="held-out run seed")
    args = parser.parse_args()
    if not 1 <= args.elite <= args.population:
        parser.error("--elite must be between 1 and --population")

    train = OddDuckVectorEnv(args.games, scenario=args.scenario)
    policy = LinearPolicy(train)
    search = np.random.default_rng(0)  # the search's own randomness, not the game's
    mean, std = np.zeros(policy.n_weights), np.ones(policy.n_weights)
    best_w, best_score = mean, -np.inf
    start = time.perf_counter()
    print(
        f"{args.scenario}: {policy.n_weights} weights, {args.population} candidates"
        f" x {args.games} games a generation"
    )
    for generation in range(args.generations):
        samples = mean + std * search.standard_normal((args.population, policy.n_weights))
        scores = np.empty(args.population)
        for c, w in enumerate(samples):
            returns, _ = first_returns(
                train, args.seed, lambda obs, info, w=w: policy.act(w, obs, info["action_mask"])
            )
            scores[c] = returns.mean()
        elite = samples[np.argsort(scores)[-args.elite :]]
        mean, std = elite.mean(axis=0), elite.std(axis=0) + 0.05  # noise keeps it searching
        if scores.max() > best_score:
            best_score, best_w = float(scores.max()), samples[int(np.argmax(scores))]
        print(
            f"generation {generation + 1:>2}: best {scores.max():5.1f}  mean"
            f" {scores.mean():5.1f}  ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )

    test = OddDuckVectorEnv(args.test_games, scenario=args.scenario)
    found, refused = first_returns(
        test, args.test_seed, lambda obs, info: policy.act(best_w, obs, info["action_mask"])
    )
    reference, _ = first_returns(test, args.test_seed, balanced_plan(test))
    win = test.params.scoring.win_score
    wins = (found >= win).mean(), (reference >= win).mean()
    print(f"held-out: {args.test_games} games of seed {args.test_seed}")
    print(
        f"  CEM linear policy: mean score {found.mean():5.1f} (sd {found.std():4.1f}),"
        f" {refused} plans refused"
    )
    print(f"  balanced (built-in): mean score {reference.mean():5.1f} (sd {reference.std():4.1f})")
    print(
        f"  same game, CEM better in {(found > reference).mean():.0%} of the games;"
        f" games won (score >= {win:g}): {wins[0]:.0%} vs {wins[1]:.0%}"
    )
    # Where the found policy puts its points: a first reading of the strategy.
    points = np.zeros(len(test.action_names))
    obs, info = test.reset(seed=args.test_seed, options={"first_game": 0})
    for _ in range(test.params.deadline):
        uses = policy.act(best_w, obs, info["action_mask"])
        points += (uses * test.params.action_cost[None, :, None]).sum(axis=(0, 2))
        obs, _, _, _, info = test.step(uses)
    share = points / max(points.sum(), 1)
    print(
        "  its points by action over the first weeks: "
        + ", ".join(
            f"{name} {s:.0%}"
            for name, s in zip(test.action_names, share, strict=True)
            if s >= 0.005
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
