"""Games per second of one batch run on three backends: `--workers 1`, `--workers 2` and
`--dask local:2` (a Dask LocalCluster of two worker processes on loopback; the `[cluster]`
extra).

    python bench/dask_rate.py                    # 20,000 crm-rollout games, best of 3
    python bench/dask_rate.py --games 4000 --runs 1

Every backend plays the same run (the balanced policy, the same seed and chunks) and must
give the same tallies, which is checked. The rate is games over the wall time of the run;
the Dask cluster is started once before its runs, and its start-up time is printed apart
(a real cluster is started once for many runs). No test asserts on these numbers.
"""

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.batch.backend import Backend, LocalBackend  # noqa: E402
from game.batch.dask_backend import DaskTarget, dask_backend  # noqa: E402
from game.batch.run import BatchResult, run_batch  # noqa: E402
from game.model import Params  # noqa: E402
from game.scenario.loader import load  # noqa: E402

SCENARIO = "crm-rollout"
CHUNK = 1000


def timed_run(params: Params, games: int, backend: Backend) -> tuple[float, BatchResult]:
    """Games per second of one run, and its result."""
    started = time.perf_counter()
    result = run_batch([params], ["balanced"], games=games, seed=1, chunk=CHUNK, backend=backend)
    return games / (time.perf_counter() - started), result


def best_rate(
    params: Params,
    games: int,
    runs: int,
    backend: Backend,
    reference: Callable[[BatchResult], None],
) -> float:
    best = 0.0
    for _ in range(runs):
        rate, result = timed_run(params, games, backend)
        reference(result)
        best = max(best, rate)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per backend; the best counts")
    args = parser.parse_args()
    _, params = load(SCENARIO)
    tallies: list[BatchResult] = []

    def same_as_first(result: BatchResult) -> None:
        """Every backend's tallies equal the first run's, bit for bit."""
        if not tallies:
            tallies.append(result)
            return
        for key, tally in tallies[0].tallies.items():
            got = vars(result.tallies[key])
            for name, value in vars(tally).items():
                if not np.array_equal(got[name], value):
                    raise SystemExit(f"results differ in {key} {name}")

    print(
        f"{SCENARIO}, {args.games:,} games of the balanced policy, chunks of {CHUNK:,},"
        f" best of {args.runs}; {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    rates: dict[str, float] = {}
    for workers in (1, 2):
        rates[f"--workers {workers}"] = best_rate(
            params, args.games, args.runs, LocalBackend(workers), same_as_first
        )
    started = time.perf_counter()
    with dask_backend(DaskTarget(local_workers=2)) as backend:
        start_s = time.perf_counter() - started
        rates["--dask local:2"] = best_rate(params, args.games, args.runs, backend, same_as_first)
    one = rates["--workers 1"]
    print(f"{'backend':<16} {'games/s':>9} {'vs 1':>6}")
    for name, rate in rates.items():
        print(f"{name:<16} {rate:>9,.0f} {rate / one:>5.2f}x")
    print(f"(the LocalCluster took {start_s:.1f} s to start; results identical on all three)")
    # Other work on the same cores skews the ratios: say how busy the machine was.
    print(f"load average over the last minute at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
