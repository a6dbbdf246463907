"""Does the lesson emerge? The built-in policies compared on shared seeds.

Every policy plays the same games (same seed, same game ids), so the paired
differences are the policies' alone.
"""

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.model import Params, outcome
from game.model.score import flawed_share
from game.policies import POLICIES, neglecting
from game.session.runner import play

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Paired:
    """Mean of a minus b over shared seeds, with its 95 % confidence interval."""

    mean: float
    low: float
    high: float

    @staticmethod
    def of(a: F64, b: F64) -> "Paired":
        d = a - b
        half = 1.96 * float(d.std(ddof=1)) / np.sqrt(d.size)
        return Paired(float(d.mean()), float(d.mean()) - half, float(d.mean()) + half)


@dataclass(frozen=True)
class Ratio:
    """mean(a) / mean(b) over shared games, with its 95 % confidence interval."""

    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:.0%} of balanced, 95 % CI {self.low:.0%}–{self.high:.0%}"


def ratio(a: F64, b: F64) -> Ratio | None:
    """R = mean(a) / mean(b) over the games where both are known, its CI from the paired
    differences a_i - R b_i (delta method); None below 2 such games or when mean(b) <= 0."""
    keep = np.isfinite(a) & np.isfinite(b)
    a, b = a[keep], b[keep]
    if a.size < 2 or b.mean() <= 0:
        return None
    r = float(a.mean() / b.mean())
    spread = Paired.of(a, r * b)  # centred on 0; its half-width, over mean(b), is R's
    half = (spread.high - spread.low) / 2 / float(b.mean())
    return Ratio(r, r - half, r + half)


@dataclass(frozen=True)
class NeglectEffect:
    """Balanced play versus balanced play that never contacts one stakeholder."""

    stakeholder: int
    rework_balanced: float  # share of build effort on their packages that became rework
    rework_neglected: float
    delay_balanced: float  # mean sign-off delay of their packages, turns
    delay_neglected: float
    # Per game, behind the means (balanced, neglected), for paired CIs; NaN delay: none built.
    rework_games: tuple[F64, F64] = field(default=(np.zeros(0),) * 2, compare=False, repr=False)
    delay_games: tuple[F64, F64] = field(default=(np.zeros(0),) * 2, compare=False, repr=False)

    @property
    def rework_ratio(self) -> float:
        return self.rework_neglected / self.rework_balanced


@dataclass(frozen=True)
class Lesson:
    games: int
    score: dict[str, float]  # mean score per policy
    win_rate: dict[str, float]
    syndrome_rate: dict[str, float]  # share of games where the 90 % syndrome appeared
    rework_share: dict[str, float]
    balanced_minus: dict[str, Paired]  # balanced - extreme, paired over seeds
    neglect: list[NeglectEffect]
    scores: dict[str, F64] = field(default_factory=dict, compare=False, repr=False)  # per game

    def ratio(self, extreme: str) -> float:
        return self.score["balanced"] / max(self.score[extreme], 1e-9)


def check_lesson(
    params: Params, games: int = 1000, seed: int = 2026, neglect: bool = True
) -> Lesson:
    """Play the built-in policies on `games` shared seeds and measure the lesson."""
    ids = np.arange(games)
    finals = {
        name: play(params, POLICIES[name], ids, seed, record=False).final for name in POLICIES
    }
    results = {name: outcome(final, params) for name, final in finals.items()}
    effects = []
    if neglect:
        base_rework = flawed_share(finals["balanced"], params)
        base_delay = results["balanced"].signoff_delay
        for s in range(params.n_stakeholders):
            final = play(params, neglecting(s), ids, seed, record=False).final
            rework = flawed_share(final, params)[:, s]
            delay = outcome(final, params).signoff_delay[:, s]
            effects.append(
                NeglectEffect(
                    stakeholder=s,
                    rework_balanced=float(base_rework[:, s].mean()),
                    rework_neglected=float(rework.mean()),
                    delay_balanced=float(np.nanmean(base_delay[:, s])),
                    delay_neglected=float(np.nanmean(delay)),
                    rework_games=(base_rework[:, s], rework),
                    delay_games=(base_delay[:, s], delay),
                )
            )
    return Lesson(
        games=games,
        score={k: float(r.score.mean()) for k, r in results.items()},
        win_rate={k: float(r.won.mean()) for k, r in results.items()},
        syndrome_rate={k: float(f.syndrome.mean()) for k, f in finals.items()},
        rework_share={k: float(r.rework_share.mean()) for k, r in results.items()},
        balanced_minus={
            k: Paired.of(results["balanced"].score, results[k].score)
            for k in ("delivery_first", "relationship_first")
        },
        neglect=effects,
        scores={k: r.score for k, r in results.items()},
    )


def _table(scenario_ids: list[str], games: int) -> str:
    from game.scenario.loader import load

    rows = [
        "| scenario | balanced | delivery-first | relationship-first | balanced ÷ delivery"
        " | balanced ÷ relationship | 90 % syndrome (delivery / balanced)"
        " | rework share (delivery / balanced) | balanced wins"
        " | neglect: rework ×, sign-off delay |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for sid in scenario_ids:
        scenario, params = load(sid)
        r = check_lesson(params, games=games)
        neglect = ", ".join(
            f"{scenario.stakeholders[e.stakeholder].short_name} ×{e.rework_ratio:.2f}"
            f" ({e.delay_balanced:.1f}→{e.delay_neglected:.1f})"
            for e in r.neglect
        )
        s, syn, rw = r.score, r.syndrome_rate, r.rework_share
        rows.append(
            f"| {sid} | {s['balanced']:.1f} | {s['delivery_first']:.1f}"
            f" | {s['relationship_first']:.1f} | {r.ratio('delivery_first'):.2f}"
            f" | {r.ratio('relationship_first'):.2f}"
            f" | {syn['delivery_first']:.0%} / {syn['balanced']:.0%}"
            f" | {rw['delivery_first']:.2f} / {rw['balanced']:.2f}"
            f" | {r.win_rate['balanced']:.0%} | {neglect} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    import sys

    from game.scenario.loader import shipped_ids

    print(_table(sys.argv[1:] or shipped_ids(), games=1000))
