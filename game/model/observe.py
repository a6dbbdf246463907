"""What the player (or a policy) may see: IT's view, not the truth.

Progress is *reported* progress, one definition everywhere (board, top bar, week report,
policies): a package's share is the work IT counts as built (right, wrong but unnoticed,
or gone live with known defects) over its current size; rework IT has found is not built
until it is redone. So a package handed over or signed off is 100 %, and the overall
figure is the size-weighted mean of the packages' figures (`overall_reported`). A
stakeholder not contacted for more than `vague_after` turns shows only what IT last saw,
flagged vague; the truth is for the debrief.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.params import Params
from game.model.rng import policy_keys
from game.model.rules.discovery import built, reported_progress
from game.model.rules.stakeholders import complaints, signed_off_share
from game.model.rules.work import buildable
from game.model.state import AWAITING, State

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]
U64 = npt.NDArray[np.uint64]

# Mood faces, from satisfaction: 0 furious .. 4 delighted.
MOOD_NAMES = ("furious", "unhappy", "neutral", "content", "delighted")
MOOD_EDGES = np.array([0.2, 0.4, 0.6, 0.8])
# Line managers say "about half of it works", not a figure to the decimal.
SEEN_STEP = 0.05
# The team knows roughly, not exactly, how well it understands what a package needs.
CLARITY_STEP = 0.05
# How the team puts its estimate of a package's needs into words: below UNCLEAR_BELOW the
# needs are unclear (the week report blames rework on them), from CLEAR_FROM they are clear
# enough to build (the built-in policies stop holding workshops there); fuzzy in between.
UNCLEAR_BELOW = 0.6
CLEAR_FROM = 0.75
UNCLEAR, FUZZY, CLEAR = 0, 1, 2


@dataclass(frozen=True)
class Observation:
    """IT's view of N games. Shapes (N,), (N, S), (N, P)."""

    game_id: I64
    rng_key: U64  # for policies' own randomness; derived, so it cannot predict the model's
    turn: I64
    done: B8
    capacity: F64
    budget_left: F64
    sponsor: F64
    hype: F64
    fatigue: F64
    reported_progress: F64
    package_reported: F64  # share of each package IT believes is built (see module doc)
    package_size: F64  # each package's current size in points: planned, plus rework and changes
    package_status: I64
    package_remaining: F64  # work IT knows is left
    package_redo: F64  # of which found rework waiting to be redone
    package_defects: F64  # known defects a package went live with (never fixed)
    package_clarity: F64  # how well the team believes it understands the need, in steps
    package_waiting: I64  # turns a package has waited for sign-off since handed over, else 0
    rework_found: F64
    rejections: I64
    buildable: B8
    trust: F64  # current when in touch, last seen when vague
    satisfaction: F64
    mood: I64
    expectation: F64
    seen: F64  # what they say they have seen working, in steps of SEEN_STEP; last heard when vague
    since_contact: I64
    vague: B8
    complaint: I64


def mood(satisfaction: F64 | float) -> I64:
    """The face shown for a satisfaction: 0 furious .. 4 delighted (MOOD_NAMES)."""
    result: I64 = np.searchsorted(MOOD_EDGES, satisfaction, side="right").astype(np.int64)
    return result


def observe(state: State, params: Params) -> Observation:
    """Project `state` onto what the player may know."""
    vague = state.since_contact > params.coef.vague_after
    satisfaction = np.where(vague, state.known_satisfaction, state.satisfaction)
    # Out of touch, IT remembers what they last said, and knows what they signed off.
    known_seen = np.maximum(state.known_seen, signed_off_share(state, params))
    return Observation(
        game_id=state.game_id.copy(),
        rng_key=policy_keys(state.key),
        turn=state.turn.copy(),
        done=state.done.copy(),
        capacity=state.capacity.copy(),
        budget_left=params.budget - state.budget_spent,
        sponsor=state.sponsor.copy(),
        hype=state.hype.copy(),
        fatigue=state.fatigue.copy(),
        reported_progress=reported_progress(state),
        package_reported=built(state) / state.scope,
        package_size=state.scope.copy(),
        package_status=state.status.copy(),
        package_remaining=state.work_new + state.work_redo,
        package_redo=state.work_redo.copy(),
        package_defects=state.defects.copy(),
        package_clarity=np.round(state.clarity / CLARITY_STEP) * CLARITY_STEP,
        package_waiting=np.where(
            state.status == AWAITING, state.turn[:, None] - state.handover_turn, 0
        ).astype(np.int64),
        rework_found=state.rework_found.copy(),
        rejections=state.rejections.copy(),
        buildable=buildable(state, params),
        trust=np.where(vague, state.known_trust, state.trust),
        satisfaction=satisfaction,
        mood=mood(satisfaction),
        expectation=np.where(vague, state.known_expectation, state.expectation),
        seen=as_said(np.where(vague, known_seen, state.seen)),
        since_contact=state.since_contact.copy(),
        vague=vague,
        # Complaints travel through the grapevine: IT hears them even when out of touch.
        complaint=complaints(state, params),
    )


def as_said(seen: F64 | float) -> F64:
    """A share someone has seen working as they say it: in steps of SEEN_STEP."""
    return np.asarray(np.round(np.asarray(seen) / SEEN_STEP) * SEEN_STEP)


def overall_reported(package_reported: F64, package_size: F64) -> F64:
    """The project's reported progress (N,) from the packages' (N, P): weighted by size.

    Equals `Observation.reported_progress` (a test holds them together), so the top bar
    can never say 93 % while every package on the board says 100 %.
    """
    result: F64 = (package_reported * package_size).sum(axis=1) / package_size.sum(axis=1)
    return result


def shown_progress(share: F64 | float) -> F64:
    """A progress share as the player is shown it: in whole percent, rounded down.

    Rounded down, 100 % means built (every package handed over), never "nearly"; and the
    overall figure, a weighted mean, stays between the smallest and the largest package's.
    """
    result: F64 = np.floor(np.asarray(share, dtype=np.float64) * 100.0 + 1e-9) / 100.0
    return result


def clarity_band(clarity: F64 | float) -> I64:
    """IT's estimate of how clear a package's needs are, in words: UNCLEAR, FUZZY or CLEAR."""
    c = np.asarray(clarity, dtype=np.float64)
    result: I64 = (c >= UNCLEAR_BELOW - 1e-9).astype(np.int64) + (c >= CLEAR_FROM - 1e-9)
    return result
