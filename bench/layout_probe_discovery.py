"""What the state's layout costs a branchy rule with draws: discovery's update as the model
runs it (games outer, arrays (N, P)) and with the games innermost (arrays (P, N)), same bits.

`bench/layout_probe.py` measures clarity's update, the most regular rule. Discovery is the
other kind: a counter-based draw a package (splitmix64: 64-bit multiplies, which AVX2 builds
from 32-bit ones), an `expm1` a game, a branch on each package's status, and the project's
progress summed per game in numpy's order. Here its lines run with the games innermost and
numpy's helpers and the draw compiled in (the compiler must see them to vectorise); the
draw is made for every package and kept where there is hidden rework, a select instead of
the model's branch. The inputs are the model's own: the arguments `step` hands the rule in
the turn after `--turns` turns of the balanced policy. It is a measurement for
bench/NOTES.md, not a rule: nothing imports it.

    python bench/layout_probe_discovery.py     # crm-rollout, 1,000 games, the 9th turn
    python bench/layout_probe_discovery.py --turns 0 2 4 6 8 10 12 14   # a game's life
"""

import argparse
import time
from typing import Any

import numba
import numpy as np

from game.model import new_state, observe, step
from game.model.channels import Channel
from game.model.compiled import prepare
from game.model.rng import _GOLDEN, _S11, _TO_UNIT, TURN_STRIDE, mix
from game.model.rules import discovery
from game.model.scalar import clip
from game.model.state import AWAITING, OPEN
from game.policies import POLICIES
from game.scenario.loader import load

# The arguments of `_discover` laid out (P, N) or (C, N) / (S, N) with the games innermost.
TRANSPOSED = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 18, 19, 20)
WRITTEN = {1: "hidden", 2: "correct", 3: "work_redo", 4: "scope", 5: "rework_found",
           18: "found", 19: "cost", 20: "cause"}  # fmt: skip

_mix = numba.njit(inline="always")(mix.fn)
_clip = numba.njit(inline="always")(clip.fn)
_STRIDE = np.uint64(TURN_STRIDE)


@numba.njit(inline="always")
def _draw(key: np.uint64, turn: int, stream: np.uint64, slot: int) -> float:
    """`rng.draw`'s lines."""
    base = np.uint64(turn) * _STRIDE + stream
    z = _mix(key + (base + np.uint64(slot)) * _GOLDEN)
    return float(z >> _S11) * _TO_UNIT


@numba.njit(error_model="numpy")
def games_innermost(ended, hidden, correct, work_redo, scope, rework_found, clarity, status,
                    defects, hidden_clarity, project, demo, keys, turns, stream, first_slot,
                    owner, coef, found, cost, cause):  # fmt: skip
    """`discovery._discover`'s lines with the games innermost (for 8 <= P < 16 packages:
    numpy sums such a row with eight running sums and adds the rest one by one)."""
    c = coef[0]
    p, n = hidden.shape
    sums = np.zeros((2, 8, n))  # scope and built, eight running sums a game
    for k in range(p - p % 8):
        for g in range(n):
            sums[0, k % 8, g] += scope[k, g]
            sums[1, k % 8, g] += correct[k, g] + hidden[k, g] + defects[k, g]
    reported, tested = np.empty(n), np.empty(n)
    for g in range(n):
        whole, built = sums[0, :, g], sums[1, :, g]
        scoped = ((whole[0] + whole[1]) + (whole[2] + whole[3])) + (
            (whole[4] + whole[5]) + (whole[6] + whole[7])
        )
        shown = ((built[0] + built[1]) + (built[2] + built[3])) + (
            (built[4] + built[5]) + (built[6] + built[7])
        )
        for k in range(p - p % 8, p):
            scoped += scope[k, g]
            shown += correct[k, g] + hidden[k, g] + defects[k, g]
        reported[g] = shown / scoped
        tested[g] = c.testing_gain * -np.expm1(-project[Channel.TESTING, g])
    for k in range(p):
        o = owner[k]
        for g in range(n):
            h, st = hidden[k, g], status[k, g]
            testing = tested[g] * (1.0 - c.testing_blind * (1.0 - clarity[k, g]))
            still_open = (
                c.discovery_base
                + c.discovery_progress * (reported[g] * reported[g])
                + testing
                + c.demo_discovery * demo[o, g]
            )
            rate = still_open if st == OPEN else testing * (st == AWAITING)
            u = _draw(keys[g], turns[g], stream, first_slot + k) if h != 0 else 0.5
            rate = _clip(rate * (1.0 + c.discovery_noise * (2.0 * u - 1.0)), 0.0, c.discovery_max)
            seen = h * rate
            patched = seen * (st == AWAITING)
            completion = (correct[k, g] + h) / scope[k, g]
            redo = (seen - patched) * (1.0 + c.late_cost * (completion * completion))
            if not ended[g]:
                hidden[k, g] = h - seen
                correct[k, g] += patched
                work_redo[k, g] += redo
                scope[k, g] += redo - (seen - patched)
                rework_found[k, g] += seen
                found[k, g], cost[k, g], cause[k, g] = seen, redo, hidden_clarity[k, g]


def arguments(scenario: str, games: int, turns: int) -> list[Any]:
    """The arguments `step` hands `_discover` in the turn after `turns` balanced turns."""
    _, params = load(scenario)
    prepare()
    seen: list[list[Any]] = []
    model = discovery._discover

    def record(*args: Any) -> None:
        seen.append([a.copy() if isinstance(a, np.ndarray) else a for a in args])
        model(*args)

    discovery._discover = record  # type: ignore[assignment]
    try:
        state = new_state(params, np.arange(games), 1)
        for _ in range(turns + 1):
            state, _ = step(state, POLICIES["balanced"](observe(state, params), params), params)
    finally:
        discovery._discover = model
    return seen[-1]


def fresh(args: list[Any], transpose: bool) -> list[Any]:
    out = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    for i in TRANSPOSED if transpose else ():
        out[i] = np.ascontiguousarray(out[i].T)
    return out


def best_of(run: Any, args: list[Any], transpose: bool, repeats: int = 300) -> float:
    """Best time of one call on fresh copies (a call changes its inputs)."""
    best = float("inf")
    for _ in range(repeats):
        each = fresh(args, transpose)
        start = time.perf_counter()
        run(*each)
        best = min(best, time.perf_counter() - start)
    return best


def compare(scenario: str, games: int, turns: int) -> tuple[float, float, bool, float]:
    """Seconds of one call as the model runs it and games innermost, whether they give the
    same bits, and the seconds the games-innermost kernel took to compile (first call)."""
    model_args = arguments(scenario, games, turns)
    if model_args[1].shape[1] not in range(8, 16):
        raise SystemExit("this probe sums a game's packages as numpy does for 8 to 15 of them")
    kernel = discovery._discover.compiled()
    outer, inner = fresh(model_args, False), fresh(model_args, True)
    kernel(*outer)
    start = time.perf_counter()
    games_innermost(*inner)
    compile_s = time.perf_counter() - start
    same = all(
        np.array_equal(outer[i].view(np.uint64), np.ascontiguousarray(inner[i].T).view(np.uint64))
        for i in WRITTEN
    )
    return (
        best_of(kernel, model_args, False),
        best_of(games_innermost, model_args, True),
        same,
        compile_s,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="crm-rollout")
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument(
        "--turns", type=int, nargs="+", default=[8], help="turns played before the one timed"
    )
    args = parser.parse_args()
    n = args.games
    print(f"discovery's update, {args.scenario}, {n:,} games, ns a game of the batch:")
    print("  turn   games outer (N, P)   games inner (P, N)   speed-up   same bits")
    outer_total = inner_total = 0.0
    first_compile_s = None
    for turns in args.turns:
        outer_s, inner_s, same, compile_s = compare(args.scenario, n, turns)
        outer_total, inner_total = outer_total + outer_s, inner_total + inner_s
        first_compile_s = compile_s if first_compile_s is None else first_compile_s
        print(
            f"  {turns + 1:>4}   {outer_s / n * 1e9:18.1f}   {inner_s / n * 1e9:18.1f}"
            f"   {outer_s / inner_s:7.2f}x   {same}"
        )
    if len(args.turns) > 1:
        print(f"  all    {outer_total / inner_total:.2f}x over these turns together")
    print(f"  (the games-innermost kernel compiled in {first_compile_s:.1f} s, helpers inlined)")


if __name__ == "__main__":
    main()
