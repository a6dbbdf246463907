"""Discovering hidden rework: slow early, fast near the end, dearer the later it is."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import CoefRow, Params
from game.model.rng import Slots, draw
from game.model.rules.intensity import Intensity, saturated
from game.model.scalar import clip, row_sum
from game.model.state import ACCEPTED, AWAITING, OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Discovery:
    found: F64  # (N, P) hidden rework found this turn
    cause_clarity: F64  # (N, P) mean clarity at which the found work was built
    cost: F64  # (N, P) work it now takes to redo it


def built(state: State) -> F64:
    """Work IT counts as built per package (N, P): right, wrong but unnoticed, or gone
    live with known defects."""
    result: F64 = state.correct + state.hidden + state.defects
    return result


def reported_progress(state: State) -> F64:
    """What IT believes: everything built counts as done (N,)."""
    return progress(state)[0]


def true_progress(state: State) -> F64:
    """The truth: only correct work counts (N,)."""
    return progress(state)[1]


def progress(state: State) -> tuple[F64, F64]:
    """`reported_progress` and `true_progress` together, (N,) each."""
    reported, truth = np.empty(state.done.shape), np.empty(state.done.shape)
    _progress(state.correct, state.hidden, state.defects, state.scope, reported, truth)
    return reported, truth


@kernel("void(f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[::1], f8[::1])")
def _progress(
    correct: F64, hidden: F64, defects: F64, scope: F64, reported: F64, truth: F64
) -> None:
    built = np.empty(correct.shape[1])
    for g in range(correct.shape[0]):
        reported[g], truth[g] = progress_of(correct[g], hidden[g], defects[g], scope[g], built)


@kernel("UniTuple(f8, 2)(f8[::1], f8[::1], f8[::1], f8[::1], f8[::1])")
def progress_of(
    correct: F64, hidden: F64, defects: F64, scope: F64, built: F64
) -> tuple[float, float]:
    """One game's built work (IT's view) and correct work (the truth) over its whole scope
    (`built`: room for one number a package, so that a loop over games allocates once)."""
    for k in range(correct.shape[0]):
        built[k] = correct[k] + hidden[k] + defects[k]
    whole = shown = right = 0.0
    for which in range(3):  # one loop, so that `row_sum` is compiled in once, not thrice
        total = row_sum(scope if which == 0 else (built if which == 1 else correct))
        if which == 0:
            whole = total
        elif which == 1:
            shown = total
        else:
            right = total
    return shown / whole, right / whole


def discover(state: State, params: Params, acts: Intensity, demo: F64, chance: Slots) -> Discovery:
    """Find part of the hidden rework in packages still being built, and with testing
    also in packages handed over but not yet signed off.

    The rate is keyed to project-level progress, as in the rework-cycle
    literature, so that errors surface late (the 90 % syndrome); testing and
    demos to the owner raise it. Late finds cost more: `1 + late_cost * done²`.
    Testing a package that awaits sign-off catches faults before the owner's
    acceptance test does (and holds them against the team); they are patched on the
    spot, without taking the package back (which would block the work that needs it).
    """
    n, p = state.hidden.shape
    found, cost, cause = np.zeros((n, p)), np.zeros((n, p)), np.zeros((n, p))
    # Its draws: as plain Python (NUMBA_DISABLE_JIT) uint64 wraps too.
    with np.errstate(over="ignore"):
        _discover(
            state.done,
            state.hidden,
            state.correct,
            state.work_redo,
            state.scope,
            state.rework_found,
            state.clarity,
            state.status,
            state.defects,
            state.hidden_clarity,
            acts.project,
            demo,
            *chance.kernel_args(),
            params.owner,
            params.coef_row,
            found,
            cost,
            cause,
        )
    return Discovery(found, cause, cost)


@kernel(
    "void(b1[::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], u8[::1], i8[::1], u8, i8, i8[::1], CoefRow,"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1])"
)
def _discover(
    ended: B8,
    hidden: F64,
    correct: F64,
    work_redo: F64,
    scope: F64,
    rework_found: F64,
    clarity: F64,
    status: I64,
    defects: F64,
    hidden_clarity: F64,
    project: F64,
    demo: F64,
    keys: U64,
    turns: I64,
    stream: np.uint64,
    first_slot: int,
    owner: I64,
    coef: CoefRow,
    found: F64,
    cost: F64,
    cause: F64,
) -> None:
    """What the team finds into `found`, what it costs into `cost`, and the clarity it was
    built at (`cause`: none for a game that had ended); all three zeros when called."""
    c = coef[0]
    n, p = hidden.shape
    built = np.empty(p)
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        # Project-level progress as IT reports it, before this turn's finds.
        reported = progress_of(correct[g], hidden[g], defects[g], scope[g], built)[0]
        tested = c.testing_gain * saturated(project[g, Channel.TESTING])
        for k in range(p):
            # The team tests against what it understood: misunderstood needs pass its tests.
            testing = tested * (1.0 - c.testing_blind * (1.0 - clarity[g, k]))
            if status[g, k] == OPEN:
                rate = (
                    c.discovery_base
                    + c.discovery_progress * (reported * reported)
                    + testing
                    + c.demo_discovery * demo[g, owner[k]]
                )
            else:
                rate = testing * (status[g, k] == AWAITING)
            # Drawn only where there is something to find: elsewhere the even draw 0.5
            # leaves the rate as it is, and what is found is zero (of the same sign) anyway.
            u = 0.5
            if hidden[g, k] != 0:
                u = draw(keys[g], turns[g], stream, first_slot + k)
            noisy = rate * (1.0 + c.discovery_noise * (2.0 * u - 1.0))
            rate = clip(noisy, 0.0, c.discovery_max)
            seen = hidden[g, k] * rate
            patched = seen * (status[g, k] == AWAITING)
            completion = (correct[g, k] + hidden[g, k]) / scope[g, k]
            redo = (seen - patched) * (1.0 + c.late_cost * (completion * completion))
            hidden[g, k] -= seen
            correct[g, k] += patched
            work_redo[g, k] += redo
            scope[g, k] += redo - (seen - patched)
            rework_found[g, k] += seen
            found[g, k], cost[g, k], cause[g, k] = seen, redo, hidden_clarity[g, k]


def live_defects(state: State, params: Params) -> F64:
    """The business meets hidden rework in what went live (N, P): it becomes known defects.

    Rework nobody tested for does not stay hidden for ever: in daily use it turns into
    defects the owner has to live with, which costs value, what they have seen working,
    and friction.
    """
    found = np.zeros(state.hidden.shape)
    _go_live(state.done, state.status, state.hidden, state.defects, params.coef_row, found)
    return found


@kernel("void(b1[::1], i8[:, ::1], f8[:, ::1], f8[:, ::1], CoefRow, f8[:, ::1])")
def _go_live(ended: B8, status: I64, hidden: F64, defects: F64, coef: CoefRow, found: F64) -> None:
    """`live_defects`: what is found into `found` (zeros when called)."""
    c = coef[0]
    for g in range(status.shape[0]):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(status.shape[1]):
            # Moving +0.0 of a package not yet live, as numpy's product with False did.
            moved = hidden[g, k] * c.live_find * (status[g, k] == ACCEPTED)
            hidden[g, k] -= moved
            defects[g, k] += moved
            found[g, k] = moved
