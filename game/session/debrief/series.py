"""The per-turn truth of one round, as arrays for the debrief's charts."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.session.session import Session
from game.session.transcript import first_names

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class RoundSeries:
    """Per-turn truth of one (N = 1) game, T turns played: arrays (T,), trust (T, S)."""

    turns: I64  # 1-based
    reported: F64
    true: F64
    trust: F64
    build_points: F64
    relation_points: F64
    project_points: F64
    rework_found: F64  # team-found plus acceptance-found, summed over packages
    names: tuple[str, ...]  # stakeholders' first names


def series(session: Session) -> RoundSeries:
    """The per-turn arrays of every turn played so far (all empty before the first)."""
    logs = [log for log in session.logs if log.active[0]]
    S = session.params.n_stakeholders

    def col(name: str) -> F64:
        return np.array([float(getattr(log, name)[0]) for log in logs], dtype=np.float64)

    return RoundSeries(
        turns=np.array([int(log.turn[0]) + 1 for log in logs], dtype=np.int64),
        reported=col("reported_progress"),
        true=col("true_progress"),
        trust=np.array([log.trust_after[0] for log in logs], dtype=np.float64).reshape(-1, S),
        build_points=col("points_build"),
        relation_points=col("points_relations"),
        project_points=col("points_project"),
        rework_found=np.array(
            [float(log.rework_found[0].sum() + log.acceptance_found[0].sum()) for log in logs],
            dtype=np.float64,
        ),
        names=tuple(first_names(session.scenario)),
    )
