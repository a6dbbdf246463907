"""`run_game.py seeds --scenario X [--count K]`: seeds that give every team a typical round.

What "typical" means (balanced near its median, the 90 % syndrome under delivery-first,
no freak events) is measured in game.batch.seeds; this prints the seeds found, each with
its numbers, and how the workshop's default seed compares. An unknown scenario is a
ScenarioError (an InputError): main prints it and exits with 2.
"""

import argparse
from collections.abc import Callable
from typing import Any

from game.batch.seeds import (
    BALANCED_BAND,
    REFERENCE_GAMES,
    SeedCheck,
    SeedReport,
    find_seeds,
    ordinal,
)
from game.cli.options import DEFAULT_SCENARIO, bounded
from game.cli.play_cmd import workshop_seed
from game.scenario.characters import escape
from game.scenario.loader import as_ref, load
from game.scenario.schema import Scenario

MAX_SEEDS = 20  # more teams than this share seeds anyway
COUNT = bounded(int, 1, MAX_SEEDS)


def add_parser(sub: Any) -> None:
    """Register `seeds` on the subcommand parsers."""
    p = sub.add_parser(
        "seeds",
        help="find seeds that give every team a fair, typical round",
        description=(
            "Screen seeds 1, 2, 3 ... and print those where balanced play scores near its"
            " median, delivery-first play shows the 90 %% syndrome and no chance event is a"
            " freak. Give one of them to every team: play --workshop --seed N."
        ),
    )
    p.add_argument(
        "--scenario",
        default=DEFAULT_SCENARIO,
        help=f"shipped id or YAML path (default {DEFAULT_SCENARIO})",
    )
    p.add_argument(
        "--count", type=COUNT, default=3, help=f"how many seeds, 1 to {MAX_SEEDS} (default 3)"
    )


def _why(c: SeedCheck, scenario: Scenario, median: float) -> list[str]:
    """The numbers that make a seed typical, one line each."""
    week = scenario.turn_label
    lines = [
        f"balanced scores {c.balanced_score:.0f} (median {median:.0f},"
        f" {ordinal(c.balanced_percentile)} percentile)"
    ]
    if c.delivery_score is not None and c.delivery_percentile is not None:
        syndrome = (
            f"shows the 90 % syndrome from {week} {c.syndrome_turn}"
            if c.syndrome_turn is not None
            else "never shows the 90 % syndrome"
        )
        lines.append(
            f"delivery-first scores {c.delivery_score:.0f}"
            f" ({ordinal(c.delivery_percentile)} percentile) and {syndrome}"
        )
    met = [f"'{luck.event}'" for luck in c.events if luck.fired]
    lines.append(
        "no freak events"
        + (f"; balanced play meets {', '.join(met)}" if met else "; balanced play meets none")
    )
    return lines


def report(r: SeedReport, scenario: Scenario, count: int, given: str = "") -> str:
    """The whole printout: the seeds, why each is typical, and the default seed's verdict;
    the command it suggests names the scenario as `given` (a file's path works there, a
    file's id does not)."""
    ref = r.reference
    low, high = BALANCED_BAND
    out = [
        f"Seeds for {scenario.title} ({scenario.id}): {r.screened} candidates screened against"
        f" {REFERENCE_GAMES:,} reference games (balanced median {r.median:.0f}).",
        f"Typical: balanced between its {ordinal(low)} and {ordinal(high)}"
        " percentile, delivery-first in its middle 60 %"
        + (
            " with the 90 % syndrome,"
            if ref.wants_syndrome
            else f" (the 90 % syndrome is not asked: delivery-first shows it in only"
            f" {ref.syndrome_rate:.0%} of games),"
        )
        + " and no chance event that fires in under 25 % of games, or misses in over 75 %.",
        "",
    ]
    for c in r.typical:
        out.append(f"seed {c.seed}")
        out += [f"  {line}" for line in _why(c, scenario, r.median)]
    if len(r.typical) < count:
        out.append(
            f"Only {len(r.typical)} of {count} seeds found among {r.screened} candidates:"
            " this scenario's rounds vary a lot; use the seeds above, or the default below."
        )
    problems = r.default.problems(ref)
    verdict = "typical" if not problems else "not typical: " + "; ".join(problems)
    out += ["", f"The workshop's default seed for this scenario, {r.default.seed}, is {verdict}."]
    if r.typical:
        first = r.typical[0].seed
        out.append(
            f"Give every team the same seed: run_game.py play --workshop --scenario"
            f" {given or scenario.id} --seed {first} --team NAME"
        )
    # Scenario text is the author's: a control or right-to-left character is shown escaped.
    return "".join(escape(line) + "\n" for line in out)


def run(args: argparse.Namespace, fail: Callable[[str], int]) -> int:
    scenario, params = load(as_ref(args.scenario))  # ScenarioError goes up to main: exit 2
    result = find_seeds(scenario, params, args.count, workshop_seed(scenario.id))
    print(report(result, scenario, args.count, args.scenario), end="")
    return 0
