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

from game.model.compiled import kernel
from game.model.params import Params
from game.model.rng import policy_key
from game.model.rules.discovery import reported_progress
from game.model.rules.stakeholders import complaints, signed_off_share
from game.model.rules.work import buildable
from game.model.scalar import maximum
from game.model.state import AWAITING, State
from game.model.step import TurnLog

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


def observe(state: State, params: Params, made_by: TurnLog | None = None) -> Observation:
    """Project `state` onto what the player may know.

    `made_by`: the log of the turn that made `state`, if at hand (the turn loop has it):
    the complaints and the reported progress it holds are this state's (the log shows a
    game's state after the turn), taken from it instead of worked out again.
    """
    if made_by is None:
        complaint, progress = complaints(state, params), reported_progress(state)
    else:
        # A running game's clock moved on by the turn the log played; an ended one's did not.
        if made_by.turn.shape != state.turn.shape or not np.array_equal(
            made_by.turn + made_by.active, state.turn
        ):
            raise ValueError("made_by is not the log of the turn that made this state")
        complaint, progress = made_by.complaint.copy(), made_by.reported_progress.copy()
    n, k, p = state.n_games, params.n_stakeholders, params.n_packages
    f_people, f_work = np.empty((4, n, k)), np.empty((3, n, p))
    vague, moods = np.empty((n, k), dtype=np.bool_), np.empty((n, k), dtype=np.int64)
    waiting, keys = np.empty((n, p), dtype=np.int64), np.empty(n, dtype=np.uint64)
    _views(
        state.key,
        state.turn,
        state.since_contact,
        state.trust,
        state.satisfaction,
        state.expectation,
        state.seen,
        state.known_trust,
        state.known_satisfaction,
        state.known_expectation,
        state.known_seen,
        signed_off_share(state, params),
        state.correct,
        state.hidden,
        state.defects,
        state.scope,
        state.clarity,
        state.work_new,
        state.work_redo,
        state.status,
        state.handover_turn,
        params.coef.vague_after,
        MOOD_EDGES,
        keys,
        vague,
        moods,
        f_people,
        f_work,
        waiting,
    )
    trust, satisfaction, expectation, seen = f_people
    package_reported, package_clarity, package_remaining = f_work
    return Observation(
        game_id=state.game_id.copy(),
        rng_key=keys,
        turn=state.turn.copy(),
        done=state.done.copy(),
        capacity=state.capacity.copy(),
        budget_left=params.budget - state.budget_spent,
        sponsor=state.sponsor.copy(),
        hype=state.hype.copy(),
        fatigue=state.fatigue.copy(),
        reported_progress=progress,
        package_reported=package_reported,
        package_size=state.scope.copy(),
        package_status=state.status.copy(),
        package_remaining=package_remaining,
        package_redo=state.work_redo.copy(),
        package_defects=state.defects.copy(),
        package_clarity=package_clarity,
        package_waiting=waiting,
        rework_found=state.rework_found.copy(),
        rejections=state.rejections.copy(),
        buildable=buildable(state, params),
        trust=trust,
        satisfaction=satisfaction,
        mood=moods,
        expectation=expectation,
        seen=seen,
        since_contact=state.since_contact.copy(),
        vague=vague,
        # Complaints travel through the grapevine: IT hears them even when out of touch.
        complaint=complaint,
    )


@kernel(
    "void(u8[::1], i8[::1], i8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], i8[:, ::1], f8,"
    " f8[::1], u8[::1], b1[:, ::1], i8[:, ::1], f8[:, :, ::1], f8[:, :, ::1], i8[:, ::1])"
)
def _views(
    key: U64,
    turn: I64,
    since_contact: I64,
    trust: F64,
    satisfaction: F64,
    expectation: F64,
    seen: F64,
    known_trust: F64,
    known_satisfaction: F64,
    known_expectation: F64,
    known_seen: F64,
    signed_off: F64,
    correct: F64,
    hidden: F64,
    defects: F64,
    scope: F64,
    clarity: F64,
    work_new: F64,
    work_redo: F64,
    status: I64,
    handover_turn: I64,
    vague_after: float,
    mood_edges: F64,
    keys: U64,
    vague: B8,
    moods: I64,
    people: F64,
    work: F64,
    waiting: I64,
) -> None:
    """What `observe` works out of the state, every game: the policies' keys (`rng.policy_key`),
    each stakeholder as IT sees them (`people`: trust, satisfaction, expectation and seen;
    `vague`, `moods`) and each package (`work`: reported, clarity in steps, remaining;
    `waiting`)."""
    for g in range(key.shape[0]):
        keys[g] = policy_key(key[g])
        for k in range(since_contact.shape[1]):
            out_of_touch = since_contact[g, k] > vague_after
            vague[g, k] = out_of_touch
            if out_of_touch:
                # IT remembers what they last said, and knows what they signed off.
                said = maximum(known_seen[g, k], signed_off[g, k])
                people[0, g, k], people[1, g, k] = known_trust[g, k], known_satisfaction[g, k]
                people[2, g, k] = known_expectation[g, k]
            else:
                said = seen[g, k]
                people[0, g, k], people[1, g, k] = trust[g, k], satisfaction[g, k]
                people[2, g, k] = expectation[g, k]
            people[3, g, k] = np.rint(said / SEEN_STEP) * SEEN_STEP  # as_said
            moods[g, k] = mood_of(people[1, g, k], mood_edges)
        for j in range(correct.shape[1]):
            built = correct[g, j] + hidden[g, j] + defects[g, j]  # as discovery.built
            work[0, g, j] = built / scope[g, j]
            work[1, g, j] = np.rint(clarity[g, j] / CLARITY_STEP) * CLARITY_STEP
            work[2, g, j] = work_new[g, j] + work_redo[g, j]
            is_waiting = status[g, j] == AWAITING
            waiting[g, j] = turn[g] - handover_turn[g, j] if is_waiting else 0


@kernel("i8(f8, f8[::1])")
def mood_of(satisfaction: float, edges: F64) -> int:
    """`mood` of one satisfaction (for kernels): how many edges it reaches (NaN: all, as
    numpy sorts it last)."""
    if satisfaction != satisfaction:
        return int(edges.shape[0])
    face = 0
    for edge in edges:
        face += edge <= satisfaction
    return face


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
