"""Whole-process time of the quick balance check, the command a facilitator runs after
editing a scenario: `python run_game.py validate --check-balance ID` (issue 12: under 3 s
for a shipped-size scenario on the development machine, two cores).

    python bench/quick_check.py                 # the five shipped scenarios, 3 runs each
    python bench/quick_check.py --runs 5 crm-rollout tests/fixtures/balance/huge-action.yaml

Prints, per scenario, the median and the best wall time of a run (start-up, imports,
validation and the check, as the facilitator waits for it) and the CPU time it used in all
its processes (the zoo plays in a second one). On a busy machine the wall time grows much
more than the CPU time; read both. No test asserts on these numbers.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 3.0  # seconds, whole process
SHIPPED = ("tutorial", "crm-rollout", "finance-erp", "lan-migration", "ai-hype")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(ref: str, runs: int) -> tuple[float, float, float]:
    """Median wall time, best wall time and median CPU time of `runs` whole runs."""
    walls, cpus = [], []
    command = [sys.executable, "run_game.py", "validate", "--check-balance", ref]
    for _ in range(runs):
        cpu, start = _cpu(), time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=list(SHIPPED))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'scenario':<44} {'wall s':>7} {'best s':>7} {'cpu s':>7}  goal {GOAL:g} s")
    for ref in args.scenarios:
        wall, best, cpu = measure(ref, args.runs)
        verdict = "ok" if wall < GOAL else "over"
        print(f"{ref:<44} {wall:>7.2f} {best:>7.2f} {cpu:>7.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
