"""What the state's memory layout costs one rule: clarity's update, as the model runs it
(games outer, arrays (N, P)) and with the games innermost (arrays (P, N)), same bits.

The model's kernels loop over the games and, within a game, over its packages: each
package's update is a chain of dependent arithmetic the compiler cannot spread over
SIMD lanes. With the games innermost, the same update of package k runs for neighbouring
games side by side in memory, which the compiler can vectorise, and every game still gets
exactly its own arithmetic (a batch still equals its games one at a time). This probe
measures that on one real rule: the model's kernel (`rules.clarity._update_clarity`), and
the same lines, over the same scalar helpers, on transposed copies of the same arrays,
with those helpers called (as the model's kernels call them now) and compiled in.
It is a measurement for bench/NOTES.md, not a rule: nothing imports it.

    python bench/layout_probe.py           # crm-rollout, 1,000 games after 8 turns
"""

import argparse
import time
from collections.abc import Callable
from typing import Any

import numba
import numpy as np

from game.model import new_state, observe, step
from game.model.channels import Channel
from game.model.compiled import prepare
from game.model.plan import validate_plan
from game.model.rules import clarity, intensity, relationships, stakeholders
from game.model.scalar import clip, maximum
from game.model.state import OPEN
from game.policies import POLICIES
from game.scenario.loader import load


def games_innermost(inline: bool) -> Callable[..., None]:
    """`_update_clarity`'s lines with the games innermost: arrays (P, N) and (S, N). With
    `inline`, numpy's maximum and clip (game/model/scalar.py, the same source) are compiled
    into it, as the compiler must see them to vectorise; without, they are the model's
    compiled helpers, called."""
    saturated = intensity.saturated.compiled()
    if inline:
        maximum_ = numba.njit(inline="always")(maximum.fn)
        clip_ = numba.njit(inline="always")(clip.fn)
    else:
        maximum_, clip_ = maximum.compiled(), clip.compiled()

    @numba.njit(error_model="numpy")
    def update(ended, clarity, trust, friction, since, status, correct, hidden, clarify,
               escalate, demo, expert, owner, coef):  # fmt: skip
        c = coef[0]
        s, n = trust.shape
        talks = np.empty((s, n))
        for o in range(s):
            for g in range(n):
                held_back = 1.0 - c.friction_clarify * friction[o, g]
                talks[o, g] = saturated(clarify[o, g]) * held_back
        for k in range(clarity.shape[0]):
            o = owner[k]
            for g in range(n):
                owner_trust = trust[o, g]
                before = x = clarity[k, g]
                x = x + c.clarify_rate * talks[o, g] * owner_trust * maximum_(c.talk_ceiling - x, 0)
                something_built = (correct[k, g] + hidden[k, g]) > 0
                x = x + c.demo_clarity * demo[o, g] * owner_trust * (1.0 - x) * something_built
                still_open = status[k, g] == OPEN
                x = x + c.favour_clarity * expert[o, g] * (1.0 - x) * still_open
                forced = escalate[o, g] > 0
                x = x + c.escalate_clarity * forced * maximum_(c.talk_ceiling - x, 0) * still_open
                neglect = clip_((since[o, g] - 1.0) / c.neglect_ref, 0.0, 1.0)
                x = x - c.clarity_drift * x * neglect
                # A game that had ended stays as it was (branch-free: a select, vectorised).
                clarity[k, g] = before if ended[g] else clip_(x, 0.0, 1.0)

    return update


def arguments(scenario: str, games: int, turns: int) -> tuple[list[Any], Any]:
    """`_update_clarity`'s arguments from real games part-way through, and the coefficients."""
    _, params = load(scenario)
    prepare()
    state = new_state(params, np.arange(games), 1)
    for _ in range(turns):
        state, _ = step(state, POLICIES["balanced"](observe(state, params), params), params)
    plan = POLICIES["balanced"](observe(state, params), params)
    plan, totals = validate_plan(plan, state, params)
    acts = intensity.resolve(plan, totals, params)
    demo = stakeholders.demo_strength(state, params, acts)
    expert = relationships.favour_granted(state, params, acts)
    arrays = [state.done, state.clarity, state.trust, state.friction, state.since_contact,
              state.status, state.correct, state.hidden, acts.stakeholder[Channel.CLARIFY],
              acts.stakeholder[Channel.ESCALATE], demo, expert]  # fmt: skip
    return [np.ascontiguousarray(a) for a in arrays] + [params.owner], params.coef_row


def best_of(run: Callable[[], None], repeats: int = 5, calls: int = 200) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="crm-rollout")
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=8)
    args = parser.parse_args()
    model_args, coef = arguments(args.scenario, args.games, args.turns)
    transposed = [model_args[0]] + [np.ascontiguousarray(a.T) for a in model_args[1:-1]]
    transposed.append(model_args[-1])
    kernel = clarity._update_clarity.compiled()
    a = [x.copy() for x in model_args]
    kernel(*a, coef)  # one call on fresh copies: the bits the others must give
    expected = a[1].copy()
    # Timed on the same inputs again and again (the update is cheap to repeat: clarity
    # settles, the arithmetic does not change).
    outer_s = best_of(lambda: kernel(*a, coef))
    n = args.games
    print(f"clarity's update, {args.scenario}, {n:,} games after {args.turns} turns:")
    print(f"  games outer, (N, P), the model's kernel:  {outer_s / n * 1e9:6.1f} ns a game")
    for inline in (False, True):
        inner = games_innermost(inline)
        b = [x.copy() for x in transposed]
        inner(*b, coef)
        same = np.array_equal(
            expected.view(np.uint64), np.ascontiguousarray(b[1].T).view(np.uint64)
        )
        inner_s = best_of(lambda inner=inner, b=b: inner(*b, coef))
        how = "helpers inlined" if inline else "helpers called"
        print(
            f"  games inner, (P, N), {how:15}: {inner_s / n * 1e9:6.1f} ns a game,"
            f" {outer_s / inner_s:.2f}x; same bits: {same}"
        )


if __name__ == "__main__":
    main()
