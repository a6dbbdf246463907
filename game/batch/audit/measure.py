"""Measure what the checks judge, per scenario, on shared games.

Every policy plays game ids 0..games-1 with the audit's seed (the search alone plays ids
of its own, game.batch.search.SEARCH_GAMES_FROM), so every comparison is paired. Two
passes:

1. per scenario, one process each (`workers` at a time, since neither has workers of its
   own): the built-in policies and neglect (game.batch.lesson.check_lesson), and the
   policy search judged on the audit's games (game.batch.balance.held_out);
2. per scenario, each on `workers` processes: the zoo (game.batch.zoo.run_zoo), the best
   policy known without each job, the hype (ai-hype) and the complaints (crm-rollout)
   (game.batch.audit.play).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.batch.audit.numbers import Number, mean_of, of_ratio
from game.batch.audit.play import SEARCH, Setting, dropping, play_named
from game.batch.audit.probe_checks import (
    COMPLAINT_SCENARIO,
    HYPE_SCENARIO,
    Drops,
    Hype,
    SearchNumbers,
)
from game.batch.balance import BUILT_IN, HeldOut, held_out
from game.batch.lesson import Lesson, check_lesson, ratio
from game.batch.pool import worker_pool
from game.batch.search import SearchResult, cross_entropy
from game.batch.zoo import ZooResult, run_zoo
from game.model import Params
from game.model.channels import PROJECT_EFFECTS, Target
from game.model.rules.intensity import point_split
from game.policies.zoo.plans import JOBS, action_of
from game.scenario.loader import load, scenario_digest
from game.scenario.schema import Scenario

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
DEMO_AND_RESET = ("demo", "reset")


@dataclass(frozen=True)
class ScenarioAudit:
    """Everything measured on one scenario."""

    scenario: str  # its id
    digest: str  # sha256 of the validated scenario
    stakeholders: tuple[str, ...]  # ids, in the model's order
    lesson: Lesson
    zoo: ZooResult
    search: SearchNumbers | None
    drops: Drops
    hype: Hype | None
    complaints: I64 | None  # per game of the built-in policies, (games x 3, 4)


def _ref(scenario: str) -> str | Path:
    """A shipped id, or the path of a scenario file."""
    return Path(scenario) if Path(scenario).is_file() else scenario


def search_numbers(
    scenario: Scenario, params: Params, result: SearchResult, judged: HeldOut
) -> SearchNumbers:
    """The search's lead, its relationship share and its most used stakeholder action."""
    found, base = judged.measured["search"], judged.measured["balanced"]
    points = found.points  # (games, A)
    build, relations, project = point_split(points, params)
    share = ratio(relations, build + relations + project)
    people = params.action_target == Target.STAKEHOLDER
    per_action = {int(a): points[:, a] for a in np.flatnonzero(people)}
    top = max(per_action, key=lambda a: float(per_action[a].sum()), default=None)
    top_share = ratio(per_action[top], relations) if top is not None else None
    low, mean, high = judged.lead
    return SearchNumbers(
        lead=Number(mean, low, high, "+%"),
        share=of_ratio(share, found.share, "%"),
        top_action=scenario.actions[top].id if top is not None else "-",
        top_share=of_ratio(top_share, 0.0, "%"),
        best=judged.best,
        search_mean=mean_of(found.scores),
        balanced_mean=mean_of(base.scores),
        settings=result.best.describe(),
        knobs=result.best.values,
        scores=found.scores,
    )


def first_pass(task: tuple[str, int, int, bool]) -> tuple[Lesson, SearchNumbers | None]:
    """Pass 1 for one scenario: (id or path, games, seed, search?) -> lesson, search."""
    ref, games, seed, with_search = task
    scenario, params = load(_ref(ref))
    lesson = check_lesson(params, games, seed, neglect=True)
    if not with_search:
        return lesson, None
    found = cross_entropy(params, seed=seed)
    judged = held_out(params, scenario, found, games, seed)
    return lesson, search_numbers(scenario, params, found, judged)


def without_hype(params: Params) -> Params:
    """The scenario with every event that raises the hype switched off (probability 0)."""
    events = params.events
    raises = events.project[:, PROJECT_EFFECTS.index("hype")] > 0
    calm = replace(events, probability=np.where(raises, 0.0, events.probability))
    return replace(params, events=calm)


def _drops(
    params: Params, zoo: ZooResult, found: SearchNumbers | None, games: int, seed: int, workers: int
) -> Drops:
    """The best policy known (balanced, or the search's if it beat balanced) without each job."""
    jobs = [job for job in JOBS if action_of(params, job) is not None]
    if found is not None and found.best == SEARCH:
        base, scores, knobs = SEARCH, found.scores, found.knobs
    else:
        base, scores, knobs = "balanced", zoo.scores["balanced"], None
    names = {job: dropping(base, job) for job in jobs}
    played = play_named(Setting(params, knobs), list(names.values()), games, seed, workers)
    return Drops(base, scores, {job: played.scores[name] for job, name in names.items()})


def _hype(params: Params, zoo: ZooResult, games: int, seed: int, workers: int) -> Hype:
    plain = dropping("balanced", *DEMO_AND_RESET)
    hyped = play_named(Setting(params), [plain], games, seed, workers)
    calm = play_named(Setting(without_hype(params)), ["balanced", plain], games, seed, workers)
    return Hype(
        zoo.scores["balanced"], hyped.scores[plain], calm.scores["balanced"], calm.scores[plain]
    )


def second_pass(
    ref: str,
    lesson: Lesson,
    found: SearchNumbers | None,
    games: int,
    seed: int,
    workers: int,
) -> ScenarioAudit:
    """Pass 2 for one scenario, on `workers` processes (see the module docstring)."""
    scenario, params = load(_ref(ref))
    zoo = run_zoo(params, games, seed, workers=workers)
    heard = None
    if scenario.id == COMPLAINT_SCENARIO:
        setting = Setting(params, complaints=True)
        heard = play_named(setting, list(BUILT_IN), games, seed, workers).complaints
    return ScenarioAudit(
        scenario=scenario.id,
        digest=scenario_digest(scenario),
        stakeholders=tuple(s.id for s in scenario.stakeholders),
        lesson=lesson,
        zoo=zoo,
        search=found,
        drops=_drops(params, zoo, found, games, seed, workers),
        hype=_hype(params, zoo, games, seed, workers) if scenario.id == HYPE_SCENARIO else None,
        complaints=heard,
    )


def measure(
    scenarios: Sequence[str], games: int, seed: int, workers: int, search: bool
) -> list[ScenarioAudit]:
    """Both passes for every scenario, in the order given."""
    tasks = [(ref, games, seed, search) for ref in scenarios]
    if workers <= 1 or len(tasks) <= 1:
        firsts = [first_pass(task) for task in tasks]
    else:
        with worker_pool(min(workers, len(tasks))) as pool:
            firsts = list(pool.map(first_pass, tasks, chunksize=1))
    return [
        second_pass(ref, lesson, found, games, seed, workers)
        for ref, (lesson, found) in zip(scenarios, firsts, strict=True)
    ]
