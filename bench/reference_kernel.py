"""A lean reference kernel: what one turn of a project game of the model's size costs in
numpy when written for speed, as the yardstick of the throughput targets (issue 16).

It is not the game: no rule here is Odd Duck's, and nothing imports it but the benchmark.
It has the model's shape (S = 6 stakeholders, P = 30 packages, 25 turns, float64, N games
stepped together), its kind of work (stocks that rise and decay towards targets, building
that slows with unclear needs, rework found by chance, sign-offs that depend on trust,
satisfaction from expectation against what is seen, a budget and a sponsor) and its
randomness (counter-based: splitmix64 over game key, turn and slot, so game i of a batch
equals game i alone). Written lean: the stocks stacked into few arrays, updates in place,
one block of draws a turn, about 60 numpy calls a turn.

    python bench/reference_kernel.py          # game-turns/s at N = 1, 100, 1,000, 10,000
"""

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]
U64 = npt.NDArray[np.uint64]

S, P, TURNS = 6, 30, 25
SLOTS = 1 + 2 * P + S  # an event, per package (discovery, sign-off), per stakeholder
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_TO_UNIT = 1.0 / float(1 << 53)


def _mix(z: U64) -> U64:
    """splitmix64's finaliser, in place."""
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    return z


@dataclass
class Games:
    """N games of the reference: per-game scalars and stacked per-stakeholder and
    per-package stocks (rows of one array, so one call updates several)."""

    keys: U64  # (N,)
    turn: int
    people: F64  # (N, 3, S): trust, expectation, satisfaction
    work: F64  # (N, 4, P): progress, clarity, hidden rework, signed (0/1)
    money: F64  # (N, 3): budget, sponsor, fatigue
    owner: npt.NDArray[np.int64]  # (P,) the stakeholder who signs each package off


def new_games(n: int, seed: int = 1) -> Games:
    ids = np.arange(n, dtype=np.uint64)
    keys = _mix(ids * _GOLDEN ^ _mix(np.array([seed], dtype=np.uint64) + _GOLDEN))
    people = np.empty((n, 3, S))
    people[:, 0], people[:, 1], people[:, 2] = 0.5, 0.3, 0.5
    work = np.zeros((n, 4, P))
    work[:, 1] = 0.4
    money = np.empty((n, 3))
    money[:, 0], money[:, 1], money[:, 2] = 1.0, 0.7, 0.0
    return Games(keys, 0, people, work, money, np.arange(P) % S)


def draws(games: Games) -> F64:
    """(N, SLOTS) uniforms for this turn: splitmix64 of (key, turn, slot)."""
    counter = games.keys[:, None] + np.array([games.turn << 20], dtype=np.uint64) * _GOLDEN
    z = _mix(counter + np.arange(SLOTS, dtype=np.uint64) * _M1)
    return (z >> np.uint64(11)).astype(np.float64) * _TO_UNIT


def step(games: Games, build: F64, contact: F64) -> None:
    """One turn of N games in place: `build` (N, P) points per package, `contact` (N, S)
    points per stakeholder."""
    u = draws(games)
    event, found_u, sign_u, mood_u = u[:, 0], u[:, 1 : 1 + P], u[:, 1 + P : 1 + 2 * P], u[:, -S:]
    trust, expect, happy = games.people[:, 0], games.people[:, 1], games.people[:, 2]
    progress, clarity, hidden, signed = (games.work[:, k] for k in range(4))
    budget, sponsor, fatigue = games.money[:, 0], games.money[:, 1], games.money[:, 2]

    # Relationships: contact builds trust towards 1, neglect lets it decay towards 0.3.
    touched = np.minimum(contact, 2.0) * 0.08
    trust += touched * (1.0 - trust) - 0.02 * (trust - 0.3) * (contact == 0)
    trust += np.where(mood_u < 0.05, -0.05, 0.0)
    np.clip(trust, 0.0, 1.0, out=trust)
    # Clarity of each package rises with its owner's contact and trust.
    owner_gain = (touched * trust)[:, games.owner]
    clarity += owner_gain * (1.0 - clarity)
    # Building: effort slowed by fatigue, partly wasted as hidden rework when unclear.
    effort = build * (1.0 - 0.3 * fatigue[:, None]) / 10.0
    effort = np.minimum(effort, 1.0 - progress) * (signed == 0)
    progress += effort
    hidden += effort * (1.0 - clarity) * 0.5
    # Discovery: hidden rework is found with a chance that grows with progress.
    found = (found_u < 0.1 + 0.3 * progress) * hidden
    hidden -= found
    progress -= found
    # Sign-off: a finished package is accepted with a chance that grows with trust.
    ready = (progress >= 0.999) & (signed == 0)
    signed += ready & (sign_u < trust[:, games.owner])
    # Satisfaction: what each stakeholder sees signed against what they expect.
    seen = np.add.reduceat(signed, np.arange(0, P, P // S), axis=1) / (P // S)
    expect += 0.04
    np.minimum(expect, 1.0, out=expect)
    happy += 0.2 * (0.5 + seen - expect + 0.5 * (trust - 0.5) - happy)
    # Money and the sponsor: spending, events, fatigue from a heavy week.
    spent = (build.sum(axis=1) + contact.sum(axis=1)) / 400.0
    budget -= spent + np.where(event < 0.03, 0.05, 0.0)
    sponsor += 0.05 * (happy.mean(axis=1) - 0.5) - 0.01 * (budget < 0.2)
    np.clip(sponsor, 0.0, 1.0, out=sponsor)
    fatigue += 0.3 * (build.sum(axis=1) > 12) - 0.1 * fatigue
    games.turn += 1


def plans(n: int, seed: int = 2) -> list[tuple[F64, F64]]:
    """Fixed plans, so only `step` is timed: 10 build points over packages, 4 contact."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(TURNS):
        build = np.zeros((n, P))
        build[np.arange(n)[:, None], rng.integers(0, P, (n, 5))] = 2.0
        contact = np.zeros((n, S))
        contact[np.arange(n)[:, None], rng.integers(0, S, (n, 2))] = 2.0
        out.append((build, contact))
    return out


def reference_rate(
    n: int, repeats: int = 3, turn: Callable[[Games, F64, F64], None] = step
) -> float:
    """Game-turns per second of the reference's `step` (or another `turn` with its
    arguments, e.g. bench/reference_fused.py's) on one batch of n games."""
    recorded = plans(n)
    best = 0.0
    for _ in range(repeats):
        games = new_games(n)
        start = time.perf_counter()
        for build, contact in recorded:
            turn(games, build, contact)
        best = max(best, n * TURNS / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for n in (1, 100, 1000, 10_000):
        print(f"{n:>7,} games: {reference_rate(n, args.repeats):>12,.0f} game-turns/s")


if __name__ == "__main__":
    main()
