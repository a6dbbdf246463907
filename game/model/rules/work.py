"""Building: effort splits into correct work and undiscovered rework (the rework cycle)."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import Coefficients, CoefRow, Params
from game.model.rules.intensity import Intensity, saturated
from game.model.scalar import clip, minimum, row_sum
from game.model.state import AWAITING, OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class BuildResult:
    applied: F64  # (N, P) effort that went into the package
    flawed: F64  # (N, P) of which became undiscovered rework
    fraction_correct: F64  # (N, P)
    wasted: F64  # (N,) effort on packages that could not take it


def buildable(state: State, params: Params) -> B8:
    """Open packages whose dependencies are all built (N, P)."""
    result: B8 = _buildable(state.status, params.depends)
    return result


@kernel("b1[:, ::1](i8[:, ::1], b1[:, ::1])")
def _buildable(status: I64, depends: B8) -> B8:
    n, p = status.shape
    # Each package's dependencies as a list, once a call: most packages have few or none.
    first, needs = np.zeros(p + 1, dtype=np.int64), np.empty(p * p, dtype=np.int64)
    for k in range(p):
        first[k + 1] = first[k]
        for q in range(p):
            if depends[k, q]:
                needs[first[k + 1]] = q
                first[k + 1] += 1
    out = np.zeros((n, p), dtype=np.bool_)
    for g in range(n):
        for k in range(p):
            if status[g, k] != OPEN:
                continue
            blocked = False
            for i in range(first[k], first[k + 1]):
                if status[g, needs[i]] == OPEN:
                    blocked = True
                    break
            out[g, k] = not blocked
    return out


def build(
    state: State, params: Params, acts: Intensity, u_productivity: F64, u_fcc: F64
) -> BuildResult:
    """Apply build effort: rework waiting to be redone first, then new work."""
    n, p = state.work_new.shape
    applied, flawed, fcc, wasted = np.zeros((n, p)), np.zeros((n, p)), np.zeros((n, p)), np.zeros(n)
    _build(
        state.done,
        state.work_new,
        state.work_redo,
        state.correct,
        state.hidden,
        state.hidden_clarity,
        state.effort,
        state.flawed,
        state.clarity,
        state.fatigue,
        state.sponsor,
        _buildable(state.status, params.depends),
        acts.build,
        acts.project,
        u_productivity,
        u_fcc,
        params.coef_row,
        applied,
        flawed,
        fcc,
        wasted,
    )
    return BuildResult(applied, flawed, fcc, wasted)


@kernel(
    "void(b1[::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[::1], f8[::1], b1[:, ::1], f8[:, ::1], f8[:, ::1], f8[:], f8[:, :], CoefRow,"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[::1])"
)
def _build(
    ended: B8,
    work_new: F64,
    work_redo: F64,
    correct: F64,
    hidden: F64,
    hidden_clarity: F64,
    effort_stock: F64,
    flawed_stock: F64,
    clarity: F64,
    fatigue: F64,
    sponsor: F64,
    can_build: B8,
    build_effort: F64,
    project: F64,
    u_productivity: F64,
    u_fcc: F64,
    coef: CoefRow,
    applied: F64,
    flawed: F64,
    fcc: F64,
    wasted: F64,
) -> None:
    c = coef[0]
    n, p = work_new.shape
    unused = np.empty(p)
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        strain = _strain(fatigue[g], c)
        productivity = (
            (1.0 - c.fatigue_productivity * strain)
            * (1.0 - _checks(sponsor[g], c))
            * (1.0 + c.productivity_noise * (2.0 * u_productivity[g] - 1.0))
        )
        quality = c.quality_gain * saturated(project[g, Channel.QUALITY])
        for k in range(p):
            effort = build_effort[g, k] * productivity
            remaining = work_new[g, k] + work_redo[g, k]
            done = minimum(effort * can_build[g, k], remaining)
            redo = minimum(done, work_redo[g, k])
            work_redo[g, k] -= redo
            work_new[g, k] -= done - redo
            right = (
                c.fcc_base
                + c.fcc_clarity * clarity[g, k]
                - c.fcc_fatigue * strain
                + quality
                + c.fcc_noise * (2.0 * u_fcc[g, k] - 1.0)
            )
            right = clip(right, c.fcc_min, c.fcc_max)
            wrong = done * (1.0 - right)
            hidden[g, k], hidden_clarity[g, k] = _with_hidden(
                hidden[g, k], hidden_clarity[g, k], wrong, clarity[g, k]
            )
            correct[g, k] += done - wrong
            effort_stock[g, k] += done
            flawed_stock[g, k] += wrong
            applied[g, k], flawed[g, k], fcc[g, k] = done, wrong, right
            unused[k] = effort - done
        wasted[g] = row_sum(unused)


def fatigue_strain(state: State, params: Params) -> F64:
    """The part of fatigue that hurts (N,): a short sprint is shrugged off, a long one is not."""
    result: F64 = _for_each(state.fatigue, params.coef_row, True)
    return result


@kernel("f8(f8, Coef)")
def _strain(fatigue: float, c: Coefficients) -> float:
    slack = c.fatigue_slack
    return clip((fatigue - slack) / (1.0 - slack), 0.0, 1.0)


def micromanagement(state: State, params: Params) -> F64:
    """Share of build productivity lost to reports and checks when the sponsor doubts (N,)."""
    result: F64 = _for_each(state.sponsor, params.coef_row, False)
    return result


@kernel("f8(f8, Coef)")
def _checks(sponsor: float, c: Coefficients) -> float:
    doubt = clip((c.sponsor_comfort - sponsor) / max(c.sponsor_comfort, 1e-9), 0.0, 1.0)
    return c.sponsor_overhead * doubt


@kernel("f8[::1](f8[::1], CoefRow, b1)")
def _for_each(values: F64, coef: CoefRow, strain: bool) -> F64:
    """`_strain` (of fatigue) or `_checks` (of sponsor support) for every game (N,)."""
    c = coef[0]
    out = np.empty(values.shape[0])
    for g in range(values.shape[0]):
        out[g] = _strain(values[g], c) if strain else _checks(values[g], c)
    return out


@kernel("UniTuple(f8, 2)(f8, f8, f8, f8)")
def _with_hidden(hidden: float, cause: float, amount: float, clarity: float) -> tuple[float, float]:
    """Undiscovered rework and the mean clarity it was built at (its cause), after adding
    `amount` built at `clarity`. Takes and returns numbers, not the arrays: a kernel that
    writes a caller's arrays is not inlined, and costs ten times the arithmetic."""
    total = hidden + amount
    weighted = hidden * cause + amount * clarity
    return total, (weighted / total if total > 0 else cause)


def complete(state: State, params: Params) -> tuple[B8, F64]:
    """Packages whose known work is (nearly) done go to sign-off; returns (N, P) newly
    built and (N, P) the known work each left, which went along as hidden rework.

    The done threshold stops tiny rediscovered amounts from reopening a package
    forever: the leftover is kept as hidden rework, as it is in real projects.
    """
    n, p = state.work_new.shape
    finished, leftover = np.zeros((n, p), dtype=np.bool_), np.zeros((n, p))
    _complete(
        state.done,
        state.work_new,
        state.work_redo,
        state.hidden,
        state.hidden_clarity,
        state.clarity,
        state.status,
        state.handover_turn,
        state.finish_turn,
        state.turn,
        params.size,
        params.coef_row,
        finished,
        leftover,
    )
    return finished, leftover


@kernel(
    "void(b1[::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], i8[:, ::1],"
    " i8[:, ::1], i8[::1], f8[::1], CoefRow, b1[:, ::1], f8[:, ::1])"
)
def _complete(
    ended: B8,
    work_new: F64,
    work_redo: F64,
    hidden: F64,
    hidden_clarity: F64,
    clarity: F64,
    status: I64,
    handover_turn: I64,
    finish_turn: I64,
    turn: I64,
    size: F64,
    coef: CoefRow,
    finished: B8,
    leftover: F64,
) -> None:
    c = coef[0]
    n, p = work_new.shape
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(p):
            remaining = work_new[g, k] + work_redo[g, k]
            done = status[g, k] == OPEN and remaining <= c.done_threshold * size[k]
            left = remaining * done
            hidden[g, k], hidden_clarity[g, k] = _with_hidden(
                hidden[g, k], hidden_clarity[g, k], left, clarity[g, k]
            )
            work_new[g, k] -= work_new[g, k] * done
            work_redo[g, k] -= work_redo[g, k] * done
            finished[g, k], leftover[g, k] = done, left
            if done:
                status[g, k] = AWAITING
                handover_turn[g, k] = turn[g]
                if finish_turn[g, k] < 0:
                    finish_turn[g, k] = turn[g]
