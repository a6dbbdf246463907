"""Discovering hidden rework: slow early, fast near the end, dearer the later it is."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.params import Params
from game.model.rules.intensity import Intensity
from game.model.state import ACCEPTED, AWAITING, OPEN, State

F64 = npt.NDArray[np.float64]


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
    result: F64 = built(state).sum(axis=1) / state.scope.sum(axis=1)
    return result


def true_progress(state: State) -> F64:
    """The truth: only correct work counts (N,)."""
    result: F64 = state.correct.sum(axis=1) / state.scope.sum(axis=1)
    return result


def discover(
    state: State, params: Params, acts: Intensity, demo: F64, u_discovery: F64
) -> Discovery:
    """Find part of the hidden rework in packages still being built, and with testing
    also in packages handed over but not yet signed off.

    The rate is keyed to project-level progress, as in the rework-cycle
    literature, so that errors surface late (the 90 % syndrome); testing and
    demos to the owner raise it. Late finds cost more: `1 + late_cost * done²`.
    Testing a package that awaits sign-off catches faults before the owner's
    acceptance test does (and holds them against the team); they are patched on the
    spot, without taking the package back (which would block the work that needs it).
    """
    c = params.coef
    progress = reported_progress(state)
    testing = c.testing_gain * -np.expm1(-acts.project[:, Channel.TESTING])
    # The team tests against what it understood: misunderstood needs pass its tests.
    testing = testing[:, None] * (1.0 - c.testing_blind * (1.0 - state.clarity))
    building = (
        c.discovery_base
        + c.discovery_progress * progress[:, None] ** 2
        + testing
        + c.demo_discovery * demo[:, params.owner]
    )
    rate = np.where(state.status == OPEN, building, testing * (state.status == AWAITING))
    noisy = rate * (1.0 + c.discovery_noise * (2.0 * u_discovery - 1.0))
    rate = np.clip(noisy, 0.0, c.discovery_max)
    found = state.hidden * rate
    patched = found * (state.status == AWAITING)
    completion = (state.correct + state.hidden) / state.scope
    cost = (found - patched) * (1.0 + c.late_cost * completion**2)
    cause = state.hidden_clarity.copy()
    state.hidden -= found
    state.correct += patched
    state.work_redo += cost
    state.scope += cost - (found - patched)
    state.rework_found += found
    return Discovery(found, cause, cost)


def live_defects(state: State, params: Params) -> F64:
    """The business meets hidden rework in what went live (N, P): it becomes known defects.

    Rework nobody tested for does not stay hidden for ever: in daily use it turns into
    defects the owner has to live with, which costs value, what they have seen working,
    and friction.
    """
    found: F64 = state.hidden * params.coef.live_find * (state.status == ACCEPTED)
    state.hidden -= found
    state.defects += found
    return found
