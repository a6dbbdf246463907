"""Building: effort splits into correct work and undiscovered rework (the rework cycle)."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.params import Params
from game.model.rules.intensity import Intensity
from game.model.state import AWAITING, OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class BuildResult:
    applied: F64  # (N, P) effort that went into the package
    flawed: F64  # (N, P) of which became undiscovered rework
    fraction_correct: F64  # (N, P)
    wasted: F64  # (N,) effort on packages that could not take it


def buildable(state: State, params: Params) -> B8:
    """Open packages whose dependencies are all built (N, P)."""
    unfinished = (state.status == OPEN).astype(np.float64)
    # 0/1 matrices: every sum is a small whole number, exact in any order, so BLAS is fine.
    blocked = (unfinished @ params.depends.T.astype(np.float64)) > 0
    result: B8 = (state.status == OPEN) & ~blocked
    return result


def build(
    state: State, params: Params, acts: Intensity, u_productivity: F64, u_fcc: F64
) -> BuildResult:
    """Apply build effort: rework waiting to be redone first, then new work."""
    c = params.coef
    strain = fatigue_strain(state, params)
    productivity = (
        (1.0 - c.fatigue_productivity * strain)
        * (1.0 - micromanagement(state, params))
        * (1.0 + c.productivity_noise * (2.0 * u_productivity - 1.0))
    )
    effort = acts.build * productivity[:, None]
    remaining = state.work_new + state.work_redo
    applied = np.minimum(effort * buildable(state, params), remaining)
    redo = np.minimum(applied, state.work_redo)
    state.work_redo -= redo
    state.work_new -= applied - redo
    quality = c.quality_gain * -np.expm1(-acts.project[:, Channel.QUALITY])
    fcc = (
        c.fcc_base
        + c.fcc_clarity * state.clarity
        - c.fcc_fatigue * strain[:, None]
        + quality[:, None]
        + c.fcc_noise * (2.0 * u_fcc - 1.0)
    )
    fcc = np.clip(fcc, c.fcc_min, c.fcc_max)
    flawed = applied * (1.0 - fcc)
    add_hidden(state, flawed, state.clarity)
    state.correct += applied - flawed
    state.effort += applied
    state.flawed += flawed
    return BuildResult(applied, flawed, fcc, (effort - applied).sum(axis=1))


def fatigue_strain(state: State, params: Params) -> F64:
    """The part of fatigue that hurts (N,): a short sprint is shrugged off, a long one is not."""
    slack = params.coef.fatigue_slack
    result: F64 = np.clip((state.fatigue - slack) / (1.0 - slack), 0.0, 1.0)
    return result


def micromanagement(state: State, params: Params) -> F64:
    """Share of build productivity lost to reports and checks when the sponsor doubts (N,)."""
    c = params.coef
    doubt = np.clip((c.sponsor_comfort - state.sponsor) / max(c.sponsor_comfort, 1e-9), 0.0, 1.0)
    result: F64 = c.sponsor_overhead * doubt
    return result


def add_hidden(state: State, amount: F64, clarity: F64) -> None:
    """Add undiscovered rework, keeping the mean clarity it was built at (its cause)."""
    total = state.hidden + amount
    weighted = state.hidden * state.hidden_clarity + amount * clarity
    state.hidden_clarity = np.divide(
        weighted, total, out=state.hidden_clarity.copy(), where=total > 0
    )
    state.hidden = total


def complete(state: State, params: Params) -> tuple[B8, F64]:
    """Packages whose known work is (nearly) done go to sign-off; returns (N, P) newly
    built and (N, P) the known work each left, which went along as hidden rework.

    The done threshold stops tiny rediscovered amounts from reopening a package
    forever: the leftover is kept as hidden rework, as it is in real projects.
    """
    remaining = state.work_new + state.work_redo
    finished = (state.status == OPEN) & (remaining <= params.coef.done_threshold * params.size)
    leftover = remaining * finished
    add_hidden(state, leftover, state.clarity)
    state.work_new -= state.work_new * finished
    state.work_redo -= state.work_redo * finished
    state.status = np.where(finished, AWAITING, state.status)
    state.handover_turn = np.where(finished, state.turn[:, None], state.handover_turn)
    first = finished & (state.finish_turn < 0)
    state.finish_turn = np.where(first, state.turn[:, None], state.finish_turn)
    return finished, leftover
