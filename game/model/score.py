"""Score, grade and outcome measures of N games (final or provisional)."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.linalg import contract
from game.model.params import Params, owner_sum
from game.model.rules.discovery import progress
from game.model.state import ACCEPTED, State

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Outcome:
    """How N games ended (or stand)."""

    score: F64  # 0-100
    grade: I64  # index into Scoring.grade_names
    won: B8
    cancelled: B8
    late_turns: F64
    value_delivered: F64  # share of value accepted, before defects
    quality: F64  # share of accepted value net of defects
    verdict: F64  # influence-weighted final satisfaction, the sponsor's support included
    verdict_factor: F64  # the score's factors, in the order they multiply
    schedule_factor: F64
    budget_factor: F64
    cancel_factor: F64
    rework_share: F64  # share of build effort that produced rework
    signoff_delay: F64  # (N, S) mean turns from built to accepted, NaN where none built
    true_progress: F64
    reported_progress: F64


def verdict_weights(params: Params) -> F64:
    """(S,) each stakeholder's weight in the verdict, by influence; the sponsor judges too,
    with what is left (1 - their sum): their support at the end weighs like one more."""
    weights: F64 = params.influence / (params.influence.sum() + params.scoring.sponsor_weight)
    return weights


def outcome(state: State, params: Params) -> Outcome:
    """Score = accepted value net of defects x stakeholders' verdict x schedule x budget."""
    sc = params.scoring
    accepted = state.status == ACCEPTED
    value = params.value / params.value.sum()
    defects = np.clip((state.hidden + state.defects) / state.scope, 0.0, 1.0)
    delivered = (accepted * value).sum(axis=1)
    net = np.clip(1.0 - sc.defect_weight * defects, 0.0, 1.0)
    quality = (accepted * value * net).sum(axis=1)
    weight = verdict_weights(params)
    verdict = contract(state.satisfaction, weight) + state.sponsor * (1.0 - weight.sum())
    verdict_factor = sc.verdict_floor + (1.0 - sc.verdict_floor) * verdict
    ended = np.where(state.end_turn >= 0, state.end_turn, state.turn)
    late = np.maximum(ended - params.deadline, 0).astype(np.float64)
    schedule = np.clip(1.0 - sc.late_penalty * late, 0.0, 1.0)
    overrun = np.maximum(state.budget_spent / params.budget - 1.0, 0.0)
    budget = np.clip(1.0 - sc.overrun_penalty * overrun, 0.0, 1.0)
    cancel = np.where(state.cancelled, sc.cancel_factor, 1.0)
    score = 100.0 * quality * verdict_factor * schedule * budget * cancel
    grade = (score[:, None] < sc.grade_thresholds[None, :]).sum(axis=1).astype(np.int64)
    total_effort = state.effort.sum(axis=1)
    rework_share = np.divide(
        state.flawed.sum(axis=1),
        total_effort,
        out=np.zeros_like(total_effort),
        where=total_effort > 0,
    )
    reported, truth = progress(state)
    return Outcome(
        score=score,
        grade=grade,
        won=(score >= sc.win_score) & ~state.cancelled,
        cancelled=state.cancelled.copy(),
        late_turns=late,
        value_delivered=delivered,
        quality=quality,
        verdict=verdict,
        verdict_factor=verdict_factor,
        schedule_factor=schedule,
        budget_factor=budget,
        cancel_factor=cancel,
        rework_share=rework_share,
        signoff_delay=signoff_delay(state, params, ended),
        true_progress=truth,
        reported_progress=reported,
    )


def signoff_delay(state: State, params: Params, ended: I64) -> F64:
    """Mean turns each stakeholder's packages waited from first built to accepted (N, S).

    A package still waiting at the end counts the turns it has waited so far.
    """
    built = state.finish_turn >= 0
    until = np.where(state.accept_turn >= 0, state.accept_turn, ended[:, None])
    wait = np.where(built, until - state.finish_turn, 0).astype(np.float64)
    count = owner_sum(built.astype(np.float64), params)
    total = owner_sum(wait, params)
    result: F64 = np.divide(total, count, out=np.full_like(total, np.nan), where=count > 0)
    return result


def flawed_share(state: State, params: Params) -> F64:
    """Per stakeholder: share of build effort on their packages that produced rework (N, S)."""
    effort = owner_sum(state.effort, params)
    result: F64 = np.divide(
        owner_sum(state.flawed, params), effort, out=np.zeros_like(effort), where=effort > 0
    )
    return result
