"""Throughput benchmark of the model; writes docs/PERFORMANCE.md.

    python bench/benchmark.py              # the full table (about five minutes)
    python bench/benchmark.py --quick      # small sizes only, for a smoke check

Measures, for the default scenario: game-turns per second of the model alone
(replaying recorded plans, so only `step` is timed) and of whole games (observe
+ the balanced policy + step), at batch sizes 1 to 1,000,000 (large batches in
chunks); the best batch rate against stepping the same games one at a time;
peak memory; the speed-up of two worker processes; and the time of one
interactive turn. No test asserts on these numbers: they are a record.
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.batch.run import run_batch  # noqa: E402
from game.model import new_state, observe, step  # noqa: E402
from game.policies import POLICIES  # noqa: E402
from game.scenario.loader import load  # noqa: E402

SCENARIO = "crm-rollout"
CHUNK = 1000


def recorded_plans(params, n: int, seed: int = 1) -> list[np.ndarray]:
    """Plans of n balanced games, turn by turn, so the model can be timed alone."""
    state = new_state(params, np.arange(n), seed)
    plans = []
    while not state.done.all():
        plan = POLICIES["balanced"](observe(state, params), params)
        plans.append(plan)
        state, _ = step(state, plan, params)
    return plans


def model_rate(params, n: int, repeats: int = 3) -> float:
    """Game-turns per second of `step` alone on one batch of n games."""
    plans = recorded_plans(params, n)
    best = 0.0
    for _ in range(repeats):
        state = new_state(params, np.arange(n), 1)
        turns = 0
        start = time.perf_counter()
        for plan in plans:
            turns += int((~state.done).sum())
            state, _ = step(state, plan, params)
        best = max(best, turns / (time.perf_counter() - start))
    return best


def game_rate(params, games: int, chunk: int, workers: int = 1) -> float:
    """Game-turns per second of whole games (observe + balanced policy + step), chunked."""
    result = run_batch([params], ["balanced"], games=games, seed=1, chunk=chunk, workers=workers)
    return result.game_turns / result.elapsed_s


def dask_game_rate(params, games: int, chunk: int, workers: int = 2) -> float:
    """Game-turns per second of whole games on a Dask LocalCluster of `workers` processes
    (its start not counted), the same chunks as `game_rate`."""
    from game.batch.dask_backend import DaskTarget, dask_backend

    with dask_backend(DaskTarget(local_workers=workers)) as backend:
        result = run_batch(
            [params], ["balanced"], games=games, seed=1, chunk=chunk, backend=backend
        )
    return result.game_turns / result.elapsed_s


def one_at_a_time(params, games: int) -> float:
    """Game-turns per second stepping each game alone (N = 1), for the batch ratio."""
    plans = recorded_plans(params, games)
    turns = 0
    start = time.perf_counter()
    for g in range(games):
        state = new_state(params, [g], 1)
        for plan in plans:
            if state.done[0]:
                break
            state, _ = step(state, plan[g : g + 1], params)
            turns += 1
    return turns / (time.perf_counter() - start)


def interactive_turn_ms(params, samples: int = 300) -> float:
    state = new_state(params, [0], 1)
    times = []
    for _ in range(samples):
        if state.done[0]:
            state = new_state(params, [0], 1)
        plan = POLICIES["balanced"](observe(state, params), params)
        start = time.perf_counter()
        state, _ = step(state, plan, params)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


_TITLE = """
from game.local.settings import Settings
from game.ui.app import App
from game.ui.options import PlayOptions
App(PlayOptions(window=(1280, 720), max_frames=1), Settings()).run()
"""


def start_to_title_s(repeats: int = 3) -> float:
    """Seconds from starting Python to the title's first frame (then the window closes),
    a fresh data folder (no saved round), the model compiled: the best of `repeats`."""
    best = float("inf")
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "ODD_DUCK_HOME": home, "SDL_VIDEODRIVER": "dummy",
                   "SDL_AUDIODRIVER": "dummy", "PYTHONPATH": str(ROOT)}  # fmt: skip
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", _TITLE], env=env, check=True,
                           capture_output=True)  # fmt: skip
            best = min(best, time.perf_counter() - start)
    return best


def first_compile_s() -> float:
    """Seconds to compile every kernel (the model's and the built-in policies') into an empty
    cache, as the first start after installing does (the user's own cache is left alone)."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache, "PYTHONPATH": str(ROOT)}
        code = "import game.policies; from game.model import compiled; compiled.prepare()"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" numpy {np.__version__}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "PERFORMANCE.md")
    args = parser.parse_args()
    _, params = load(SCENARIO)
    sizes = [1, 100, 1000] if args.quick else [1, 100, 1000, 10_000, 100_000, 1_000_000]
    rows = []
    for n in sizes:
        unchunked = model_rate(params, n) if n <= 10_000 else None
        whole = game_rate(params, n, chunk=min(n, CHUNK))
        rows.append((n, unchunked, whole))
        print(
            f"{n:>9,} games: model {unchunked or 0:>12,.0f}"
            f"  whole games {whole:>10,.0f} game-turns/s",
            flush=True,
        )
    alone = one_at_a_time(params, 20 if args.quick else 100)
    best_model = max(r[1] for r in rows if r[1])
    best_whole = max(r[2] for r in rows)
    workers_games = 4000 if args.quick else 40_000
    one = game_rate(params, workers_games, CHUNK, workers=1)
    two = game_rate(params, workers_games, CHUNK, workers=2)
    on_dask = dask_game_rate(params, workers_games, CHUNK, workers=2)
    from gym_rate import vector_rate  # the Gymnasium vector env, N = 1,000

    vector_wall, _ = vector_rate(CHUNK, repeats=1 if args.quick else 3)
    from reference_kernel import reference_rate  # the yardstick of issue 16's targets

    reference = reference_rate(CHUNK)
    from reference_fused import fused_rate  # the reference's arithmetic alone

    reference_fused = fused_rate(CHUNK)
    model_1000 = next(m for n, m, _ in rows if n == CHUNK)
    whole_1000 = next(w for n, _, w in rows if n == CHUNK)
    turn_ms = interactive_turn_ms(params)
    title_s = start_to_title_s()
    compile_s = first_compile_s()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "# Performance",
        "",
        f"Measured by `python bench/benchmark.py` on {time.strftime('%Y-%m-%d')}:",
        f"{machine()}.",
        f"Scenario `{SCENARIO}` ({params.n_stakeholders} stakeholders, {params.n_packages}"
        f" packages, up to {params.turns} turns), float64.",
        "",
        "| games | model alone, one batch (game-turns/s) | whole games, chunks of"
        f" {CHUNK:,} (game-turns/s) |",
        "|---:|---:|---:|",
        *(f"| {n:,} | {f'{m:,.0f}' if m else '–'} | {w:,.0f} |" for n, m, w in rows),
        "",
        f"- Model alone, best batch rate ÷ one game at a time ({alone:,.0f} game-turns/s):"
        f" **{best_model / alone:.0f}×**.",
        f"- Whole games, best rate: {best_whole:,.0f} game-turns/s.",
        f"- Two worker processes over one ({workers_games:,} games): **{two / one:.2f}×**"
        f" ({one:,.0f} → {two:,.0f} game-turns/s).",
        f"- A Dask LocalCluster of two workers over one local worker: **{on_dask / one:.2f}×**"
        f" ({on_dask:,.0f} game-turns/s; `--dask local:2`, the cluster's start not counted).",
        f"- The Gymnasium vector environment, {CHUNK:,} games, recorded balanced plans:"
        f" {vector_wall:,.0f} game-turns/s (observation spaces and autoreset included).",
        f"- Against the lean reference kernel (`bench/reference_kernel.py`, S = 6, P = 30,"
        f" {CHUNK:,} games: {reference:,.0f} game-turns/s in this run): the model alone"
        f" **{model_1000 / reference:.2f}×**, whole games **{whole_1000 / reference:.2f}×**.",
        "- The reference's own arithmetic with nothing around it (`bench/reference_fused.py`:"
        f" its turn as one compiled loop over the games, same bits): {reference_fused:,.0f}"
        f" game-turns/s, {reference_fused / reference:.1f}× its numpy; the model alone runs at"
        f" {model_1000 / reference_fused:.3f}× that (bench/NOTES.md says why).",
        f"- One interactive turn (N = 1, `step` only): **{turn_ms:.2f} ms** (median of 300).",
        f"- The game's start to the title screen (Python started, first frame drawn, model"
        f" compiled before): **{title_s:.2f} s** (best of 3).",
        f"- The first start after installing compiles the kernels of the model and the built-in"
        f" policies (on every core, into an empty cache): **{compile_s:.1f} s**; later starts"
        " load them in about 0.5 s.",
        f"- Peak memory of the benchmark process: {peak_mb:,.0f} MB.",
        "",
        '"Model alone" replays recorded plans of the balanced policy and times only `step`;',
        '"whole games" is what `run_game.py batch` does: observe, the balanced policy and step,',
        "for every turn of every game. Batches of 100,000 and more run in chunks (the model-alone",
        "column is left out there).",
    ]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").strip()]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
