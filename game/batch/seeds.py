"""Representative seeds for a workshop: a fair, typical round for every team.

A seed is what `play --workshop --seed S` plays (game 0 of seed S). A seed is *typical*
when, measured against a reference batch of the same scenario:

- balanced play scores near its median (between the 35th and 65th percentile);
- delivery-first play scores in its middle 60 % (20th to 80th percentile) and shows the
  90 % syndrome, the debrief's reported-versus-true moment (skipped when delivery-first
  shows it in under a fifth of the reference games: the scenario cannot promise it);
- no freak events, under either policy: no chance event fired that fires in fewer than
  a quarter of the reference games, and none missed that fires in more than three quarters.
  Events fired by hand (manual) and scheduled ones (probability 1, no condition) are the
  same for everyone and never count.

Candidates are screened in order 1, 2, 3 ... each game played alone through the one turn
loop (a workshop seed is game 0, so candidates cannot share one batch); balanced, the
cheap test that most candidates fail, first. The same arguments give the same seeds.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model import Params, outcome
from game.model.step import in_syndrome
from game.policies import POLICIES
from game.scenario.schema import Scenario
from game.session.runner import play

F64 = npt.NDArray[np.float64]

REFERENCE_GAMES = 1000
REFERENCE_SEED = 2026
BALANCED_BAND = (0.35, 0.65)  # percentile band of balanced's score around its median
DELIVERY_BAND = (0.20, 0.80)
RARE, COMMON = 0.25, 0.75  # an event firing below RARE, or missing above COMMON, is a freak
MIN_SYNDROME_RATE = 0.20  # below this the syndrome is not asked of a seed
MAX_CANDIDATES = 400  # a scenario where none of 400 seeds is typical gets fewer seeds


@dataclass(frozen=True)
class Reference:
    """What a typical game looks like: scores of both policies over the reference batch,
    each chance event's firing rate per policy, and delivery-first's syndrome rate."""

    balanced: F64  # sorted scores
    delivery: F64
    fire_rate: dict[str, F64]  # policy -> (E,) share of games in which each event fired
    chance: npt.NDArray[np.bool_]  # (E,) events whose firing is luck
    syndrome_rate: float

    @property
    def wants_syndrome(self) -> bool:
        return self.syndrome_rate >= MIN_SYNDROME_RATE


@dataclass(frozen=True)
class EventLuck:
    """A chance event in one game: fired or not, against how often it usually fires."""

    event: str  # the event's title
    fired: bool
    rate: float  # share of the reference games it fired in, same policy

    @property
    def freak(self) -> bool:
        return (self.fired and self.rate < RARE) or (not self.fired and self.rate > COMMON)


@dataclass(frozen=True)
class SeedCheck:
    """One candidate seed measured against the reference."""

    seed: int
    balanced_score: float
    balanced_percentile: float
    delivery_score: float | None = None  # None: not played (balanced was already atypical)
    delivery_percentile: float | None = None
    syndrome_turn: int | None = None  # 1-based turn the 90 % syndrome first showed
    events: tuple[EventLuck, ...] = ()  # the chance events under balanced play
    delivery_events: tuple[EventLuck, ...] = ()  # and under delivery-first play

    def problems(self, ref: Reference) -> list[str]:
        """Why this seed is not typical, in words; empty when it is."""
        out = []
        low, high = BALANCED_BAND
        if not low <= self.balanced_percentile <= high:
            out.append(f"balanced scores at the {ordinal(self.balanced_percentile)} percentile")
        if self.delivery_percentile is None:
            return out
        low, high = DELIVERY_BAND
        if not low <= self.delivery_percentile <= high:
            out.append(
                f"delivery-first scores at the {ordinal(self.delivery_percentile)} percentile"
            )
        if ref.wants_syndrome and self.syndrome_turn is None:
            out.append("delivery-first never shows the 90 % syndrome")
        for luck in self.events + self.delivery_events:
            if luck.freak:
                how = "fires" if luck.fired else "does not fire"
                out.append(f"'{luck.event}' {how} (it fires in {luck.rate:.0%} of games)")
        return out


@dataclass(frozen=True)
class SeedReport:
    """The typical seeds found (closest to balanced's median first), every candidate
    screened, and the workshop's default seed judged the same way."""

    scenario_id: str
    reference: Reference
    typical: tuple[SeedCheck, ...]
    screened: int
    default: SeedCheck

    @property
    def median(self) -> float:
        return float(np.median(self.reference.balanced))


def ordinal(share: float) -> str:
    """A share as a percentile: 0.42 -> '42nd'."""
    n = round(100 * share)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def percentile(sorted_scores: F64, score: float) -> float:
    """Share of the reference below `score`, ties counted half (the median is 0.5)."""
    below = np.searchsorted(sorted_scores, score, side="left")
    upto = np.searchsorted(sorted_scores, score, side="right")
    return float((below + upto) / 2 / sorted_scores.size)


def chance_events(scenario: Scenario) -> npt.NDArray[np.bool_]:
    """Events whose firing is luck: neither manual nor certain on a fixed turn."""
    return np.array(
        [
            not e.trigger.manual and (e.trigger.probability < 1 or e.trigger.condition is not None)
            for e in scenario.events
        ],
        dtype=np.bool_,
    )


def reference(scenario: Scenario, params: Params, games: int = REFERENCE_GAMES) -> Reference:
    """Play balanced and delivery-first on `games` games of a fixed seed (one batch each)."""
    ids = np.arange(games)
    finals = {
        name: play(params, POLICIES[name], ids, REFERENCE_SEED, record=False).final
        for name in ("balanced", "delivery_first")
    }
    return Reference(
        balanced=np.sort(outcome(finals["balanced"], params).score),
        delivery=np.sort(outcome(finals["delivery_first"], params).score),
        fire_rate={k: f.event_fired.mean(axis=0) for k, f in finals.items()},
        chance=chance_events(scenario),
        syndrome_rate=float(finals["delivery_first"].syndrome.mean()),
    )


def _luck(
    scenario: Scenario, ref: Reference, policy: str, fired: npt.NDArray[np.bool_]
) -> tuple[EventLuck, ...]:
    return tuple(
        EventLuck(e.title, bool(fired[i]), float(ref.fire_rate[policy][i]))
        for i, e in enumerate(scenario.events)
        if ref.chance[i]
    )


def check_seed(
    scenario: Scenario, params: Params, ref: Reference, seed: int, whole: bool = False
) -> SeedCheck:
    """Measure game 0 of `seed`: balanced first; delivery-first only when balanced is typical
    (most candidates fail balanced's test, and a facilitator waits for every one), or always
    with `whole` (to judge a seed the facilitator chose)."""
    balanced = play(params, POLICIES["balanced"], [0], seed, record=False).final
    score = float(outcome(balanced, params).score[0])
    first = SeedCheck(seed, score, percentile(ref.balanced, score))
    if first.problems(ref) and not whole:
        return first
    run = play(params, POLICIES["delivery_first"], [0], seed)
    delivery = float(outcome(run.final, params).score[0])
    turns = [
        i + 1
        for i, log in enumerate(run.logs)
        if in_syndrome(log.reported_progress, log.true_progress)[0]
    ]
    return SeedCheck(
        seed=seed,
        balanced_score=score,
        balanced_percentile=first.balanced_percentile,
        delivery_score=delivery,
        delivery_percentile=percentile(ref.delivery, delivery),
        syndrome_turn=turns[0] if turns else None,
        events=_luck(scenario, ref, "balanced", balanced.event_fired[0]),
        delivery_events=_luck(scenario, ref, "delivery_first", run.final.event_fired[0]),
    )


def find_seeds(
    scenario: Scenario, params: Params, count: int, default_seed: int, first: int = 1
) -> SeedReport:
    """Screen seeds first, first + 1, ... until `count` are typical (at most MAX_CANDIDATES
    candidates); the typical ones closest to balanced's median come first."""
    ref = reference(scenario, params)
    found: list[SeedCheck] = []
    screened = 0
    for seed in range(first, first + MAX_CANDIDATES):
        screened += 1
        checked = check_seed(scenario, params, ref, seed)
        if not checked.problems(ref):
            found.append(checked)
            if len(found) == count:
                break
    found.sort(key=lambda c: (abs(c.balanced_percentile - 0.5), c.seed))
    return SeedReport(
        scenario_id=scenario.id,
        reference=ref,
        typical=tuple(found),
        screened=screened,
        default=check_seed(scenario, params, ref, default_seed, whole=True),
    )
