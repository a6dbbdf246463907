"""The reference kernel's turn as one compiled loop over the games: what the yardstick's
own arithmetic costs with nothing around it (issue 16's "machine's limit", for the
reference rather than for the model).

`bench/reference_kernel.py` is the targets' yardstick: about 60 numpy calls a turn. This
is the same turn, line for line and with the same bits (checked here against it), written
as a per-game loop and compiled with numba, the way the model's rules are. Its rate says
how much of the reference's time is arithmetic and how much is numpy around it; set
beside the model's kernels (bench/NOTES.md), it says how much more arithmetic the model
does for each game-turn than the reference, which is what the targets' ratios ask the
model to make up. It is a measurement, not a rule: only bench/benchmark.py imports it.

    python bench/reference_fused.py        # game-turns/s of both, 1,000 games
"""

import argparse

import numba
import numpy as np
import numpy.typing as npt
from reference_kernel import (
    _GOLDEN,
    _M1,
    _M2,
    _S27,
    _S30,
    _S31,
    _TO_UNIT,
    SLOTS,
    TURNS,
    Games,
    P,
    S,
    new_games,
    plans,
    reference_rate,
    step,
)

F64 = npt.NDArray[np.float64]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


@numba.njit(inline="always")
def _mix_one(z: np.uint64) -> np.uint64:
    """splitmix64's finaliser of one number (reference_kernel._mix, elementwise)."""
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    return z


@numba.njit(inline="always")
def _uniform(counter: np.uint64, slot: int) -> float:
    z = _mix_one(counter + np.uint64(slot) * _M1)
    return float(z >> np.uint64(11)) * _TO_UNIT


@numba.njit
def fused_step(
    keys: U64,
    turn: int,
    people: F64,
    work: F64,
    money: F64,
    owner: I64,
    build: F64,
    contact: F64,
) -> None:
    """reference_kernel.step for every game, one game at a time, in place."""
    per = P // S
    touched, gain, seen = np.empty(S), np.empty(S), np.empty(S)
    for g in range(keys.shape[0]):
        counter = keys[g] + np.uint64(turn << 20) * _GOLDEN
        trust, expect, happy = people[g, 0], people[g, 1], people[g, 2]
        progress, clarity, hidden, signed = work[g, 0], work[g, 1], work[g, 2], work[g, 3]
        for s in range(S):
            touched[s] = min(contact[g, s], 2.0) * 0.08
            neglect = 0.02 * (trust[s] - 0.3) * (1.0 if contact[g, s] == 0 else 0.0)
            trust[s] += touched[s] * (1.0 - trust[s]) - neglect
            trust[s] += -0.05 if _uniform(counter, SLOTS - S + s) < 0.05 else 0.0
            trust[s] = min(max(trust[s], 0.0), 1.0)
            gain[s] = touched[s] * trust[s]
        fatigue = money[g, 2]
        built = 0.0
        for k in range(P):
            clarity[k] += gain[owner[k]] * (1.0 - clarity[k])
            effort = build[g, k] * (1.0 - 0.3 * fatigue) / 10.0
            effort = min(effort, 1.0 - progress[k]) * (1.0 if signed[k] == 0 else 0.0)
            progress[k] += effort
            hidden[k] += effort * (1.0 - clarity[k]) * 0.5
            chance = 0.1 + 0.3 * progress[k]
            found = hidden[k] if _uniform(counter, 1 + k) < chance else 0.0
            hidden[k] -= found
            progress[k] -= found
            if progress[k] >= 0.999 and signed[k] == 0:
                signed[k] += 1.0 if _uniform(counter, 1 + P + k) < trust[owner[k]] else 0.0
            built += build[g, k]
        mean_happy = 0.0
        for s in range(S):
            block = 0.0
            for k in range(s * per, (s + 1) * per):
                block += signed[k]
            seen[s] = block / per
            expect[s] = min(expect[s] + 0.04, 1.0)
            happy[s] += 0.2 * (0.5 + seen[s] - expect[s] + 0.5 * (trust[s] - 0.5) - happy[s])
            mean_happy += happy[s]
        mean_happy /= S
        talked = 0.0
        for s in range(S):
            talked += contact[g, s]
        spent = (built + talked) / 400.0
        money[g, 0] -= spent + (0.05 if _uniform(counter, 0) < 0.03 else 0.0)
        low = 0.01 if money[g, 0] < 0.2 else 0.0
        sponsor = money[g, 1] + (0.05 * (mean_happy - 0.5) - low)
        money[g, 1] = min(max(sponsor, 0.0), 1.0)
        money[g, 2] += (0.3 if built > 12 else 0.0) - 0.1 * fatigue


def fused_turn(games: Games, build: F64, contact: F64) -> None:
    """`reference_kernel.step`'s arguments and effect, by `fused_step`."""
    fused_step(games.keys, games.turn, games.people, games.work, games.money, games.owner,
               build, contact)  # fmt: skip
    games.turn += 1


def fused_rate(n: int, repeats: int = 5) -> float:
    """Game-turns per second of `fused_step` on one batch of n games."""
    return reference_rate(n, repeats, turn=fused_turn)


def same_games(n: int) -> bool:
    """Whether the fused turn leaves every stock with the numpy reference's bits."""
    numpy_games, fused = new_games(n), new_games(n)
    for build, contact in plans(n):
        step(numpy_games, build, contact)
        fused_turn(fused, build, contact)
    return all(
        np.array_equal(getattr(numpy_games, name), getattr(fused, name))
        for name in ("people", "work", "money")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not same_games(args.games):
        raise SystemExit("the fused turn does not give the numpy reference's bits")
    reference = reference_rate(args.games, args.repeats)
    fused = fused_rate(args.games, args.repeats)
    print(f"same bits as the numpy reference over {TURNS} turns of {args.games:,} games")
    for name, rate in (("numpy reference", reference), ("fused reference", fused)):
        print(f"{name:>16}: {rate:>12,.0f} game-turns/s  {1e9 / rate:8.1f} ns a game-turn")


if __name__ == "__main__":
    main()
