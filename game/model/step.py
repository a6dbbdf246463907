"""One turn of N games: `step(state, plan, params) -> (state, turn_log)`.

The rules run in a fixed order (DESIGN.md, "The model"). Every random number has its
slot in a fixed layout, whatever branch a game takes, so that policies compared on the
same seeds meet the same luck: the draws every game needs are made up front, the others
(rng.Slots) where a rule needs one, and a slot's number is the same either way.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import CoefRow, Params, owner_sum, owners_with
from game.model.rng import Slots, uniforms
from game.model.rules import (
    clarity,
    discovery,
    events,
    friction,
    intensity,
    project,
    relationships,
    signoff,
    stakeholders,
    work,
)
from game.model.state import OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]

SYNDROME_REPORTED = 0.90
SYNDROME_TRUE = 0.75


@dataclass(frozen=True)
class TurnLog:
    """What happened in one turn and why, per game, as data (no text).

    A game that had already ended did nothing: every field of what happened is zero (or
    False) for it, and those that show its state show its final state (the rules skip it).

    Shapes: (N,), (N, S) per stakeholder, (N, P) per package, (N, E) per event.
    """

    turn: I64  # the turn that was played (0-based)
    active: B8  # the game was still running
    events: B8
    effort: F64  # build effort applied
    wasted: F64  # effort on packages that could not take it
    flawed: F64  # effort that became hidden rework
    fraction_correct: F64
    finished: B8  # built and handed over for sign-off
    left_at_handover: F64  # (N, P) known work a handover left (within done_threshold): now hidden
    rework_found: F64  # found by the team's own testing
    redo_added: F64  # (N, P) work put back to redo: what the finds cost to fix (late: more)
    redo_rejected: F64  # (N, P) the part of redo_added from rejections (the rest: team finds)
    rework_cause_clarity: F64  # clarity at which the found work had been built
    accepted: B8
    rejected: B8
    acceptance_found: F64  # found by the owner's acceptance test
    acceptance_cause_clarity: F64
    decision_trust: F64  # (N, P) owner's trust at the sign-off decision
    trust_before: F64
    trust_after: F64
    trust_parts: F64  # (N, S, K) trust_after - trust_before by rules.relationships.TrustTerm
    favour_granted: B8
    favour_expert: B8  # (N, S) the favour lent an expert: nothing of theirs awaited sign-off
    idle_workshop: B8  # (N, S) a workshop with someone who had nothing left to specify: friction
    escalated: B8  # the stakeholder went to the sponsor
    forced_fair: B8  # (N, S) the team escalated over them as a fair last resort (overdue sign-off)
    complaint: I64
    contacted: B8
    points_build: F64
    points_relations: F64
    points_project: F64
    overtime: F64
    reported_progress: F64
    true_progress: F64
    sponsor: F64
    sponsor_parts: F64  # (N, K) the change of sponsor support by rules.project.SponsorTerm
    hype: F64
    expectation: F64  # (N, S) after the turn
    reset_trimmed: F64  # (N, S) what honest talks trimmed off expectations this turn
    seen: F64  # (N, S) after the turn
    cancelled: B8


def in_syndrome(reported: F64, truth: F64) -> B8:
    """The 90% syndrome: IT reports nearly done while the true progress lags far behind."""
    result: B8 = (reported >= SYNDROME_REPORTED) & (truth <= SYNDROME_TRUE)
    return result


def _slices(params: Params) -> dict[str, slice]:
    """The slot layout of a turn's draws: a block for each rule that draws."""
    sizes = {
        "events": params.n_events,
        "productivity": 1,
        "fcc": params.n_packages,
        "discovery": params.n_packages,
        "decide": params.n_packages,
        "reject": params.n_packages,
        "escalate": params.n_stakeholders,
    }
    out, start = {}, 0
    for name, size in sizes.items():
        out[name] = slice(start, start + size)
        start += size
    return out


def step(
    state: State, plan: F64, params: Params, forced: B8 | None = None
) -> tuple[State, TurnLog]:
    """Play one turn of every running game; finished games are left as they were.

    `forced` (N, E) marks events a facilitator fires this turn, whatever their trigger
    (a `once` event still fires only once). Pure: `state` is not modified. Raises
    PlanError for an illegal plan.
    """
    acts = intensity.resolve_checked(plan, state, params)  # PlanError before anything moves
    old, s = state, state.copy()
    active = ~old.done
    played = old.turn.copy()
    cut = _slices(params)
    # Draws every running game needs, up front; the rest where a rule needs one (`later`).
    u = uniforms(s.key, played, cut["fcc"].stop, skip=old.done)

    def later(slots: str) -> Slots:
        return Slots(s.key, played, cut[slots].start)

    trust_before, sponsor_before = s.trust.copy(), s.sponsor.copy()

    fired = events.fire(s, params, u[:, cut["events"]], active, forced)
    trust_parts = np.zeros((*s.trust.shape, relationships.N_TRUST_TERMS))
    trust_parts[..., relationships.TrustTerm.NEWS] = s.trust - trust_before
    sponsor_parts = np.zeros((*s.sponsor.shape, project.N_SPONSOR_TERMS))
    sponsor_parts[..., project.SponsorTerm.NEWS] = s.sponsor - sponsor_before
    demo = stakeholders.demo_strength(s, params, acts)
    granted = relationships.favour_granted(s, params, acts)
    # A favour speeds a waiting sign-off; with none waiting, the owner lends an expert.
    waiting = relationships.waiting_for_signoff(s, params)
    # Going over someone's head after a sign-off was held up far too long is fair process.
    fair = signoff.fair_escalation(s, params)
    # Whom a workshop finds with nothing left to specify (before this turn's sign-offs).
    idle = ~owners_with(s.status == OPEN, params)
    trust_parts += relationships.update_trust(s, params, acts, granted, fair)
    clarity.update_clarity(s, params, acts, demo, granted & ~waiting)
    # Sign-off first: only packages handed over in earlier turns are decided on, and a
    # rejected package can be worked on this very turn.
    decided = signoff.sign_off(s, params, acts, granted & waiting, later("decide"), later("reject"))
    trust_parts += relationships.react_to_signoffs(
        s,
        params,
        owner_sum(decided.accepted.astype(np.float64), params),
        owner_sum(decided.rejected.astype(np.float64), params),
    )
    built = work.build(s, params, acts, u[:, cut["productivity"]][:, 0], u[:, cut["fcc"]])
    # Hand over before the team's own discovery, so that a trickle of rediscovered
    # rework cannot keep a package open forever.
    finished, left_at_handover = work.complete(s, params)
    found = discovery.discover(s, params, acts, demo, later("discovery"))
    live = discovery.live_defects(s, params)
    friction.update_friction(s, params, acts, decided.found + live, fair, idle)
    trimmed, held = stakeholders.update_views(s, params, acts, demo)
    complained_from = s.sponsor.copy()  # the rules update the state's arrays in place
    u_escalate = uniforms(
        s.key, played, params.n_stakeholders, skip=old.done, first=cut["escalate"].start
    )
    escalated = stakeholders.escalate(s, params, u_escalate, active)
    sponsor_parts[..., project.SponsorTerm.COMPLAINT] = s.sponsor - complained_from
    sponsor_parts += project.update_project(s, params, acts, decided.accepted)
    _remember_while_in_touch(s, params)
    s.points_build += acts.points_build
    s.points_relations += acts.points_relations
    s.points_project += acts.points_project
    cancelled = project.end_turn(s, params, active)  # changes no work: progress as before
    reported, truth = discovery.progress(s)
    s.syndrome |= in_syndrome(reported, truth) & active
    complaint = stakeholders.complaints(s, params, held)

    log = TurnLog(
        turn=played,
        active=active,
        events=fired,
        effort=built.applied,
        wasted=built.wasted,
        flawed=built.flawed,
        fraction_correct=built.fraction_correct,
        finished=finished,
        left_at_handover=left_at_handover,
        rework_found=found.found,
        rework_cause_clarity=found.cause_clarity,
        redo_added=found.cost + decided.redo,
        redo_rejected=decided.redo,
        accepted=decided.accepted,
        rejected=decided.rejected,
        acceptance_found=decided.found,
        acceptance_cause_clarity=decided.cause_clarity,
        decision_trust=decided.owner_trust,
        trust_before=trust_before,
        trust_after=s.trust.copy(),
        trust_parts=trust_parts,
        favour_granted=granted,
        favour_expert=granted & ~waiting,
        idle_workshop=idle & (acts.stakeholder[Channel.CLARIFY] > 0),
        escalated=escalated,
        forced_fair=fair & (acts.stakeholder[Channel.ESCALATE] > 0),
        complaint=complaint,
        contacted=acts.contacted,
        points_build=acts.points_build,
        points_relations=acts.points_relations,
        points_project=acts.points_project,
        overtime=acts.overtime,
        reported_progress=reported,
        true_progress=truth,
        sponsor=s.sponsor.copy(),
        sponsor_parts=sponsor_parts,
        hype=s.hype.copy(),
        expectation=s.expectation.copy(),
        reset_trimmed=trimmed,
        seen=s.seen.copy(),
        cancelled=cancelled,
    )
    return s, log


def _remember_while_in_touch(state: State, params: Params) -> None:
    """IT knows a stakeholder's mood while in touch (contacted within `vague_after` turns,
    observe.py shows the truth then); out of touch it keeps the last it knew. Kept only at
    contact, the memory went back to an older, happier face than the one last shown."""
    _remember(
        state.done,
        state.since_contact,
        state.trust,
        state.satisfaction,
        state.expectation,
        state.seen,
        params.coef_row,
        state.known_trust,
        state.known_satisfaction,
        state.known_expectation,
        state.known_seen,
    )


@kernel(
    "void(b1[::1], i8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], CoefRow,"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1])"
)
def _remember(
    ended: B8,
    since_contact: I64,
    trust: F64,
    satisfaction: F64,
    expectation: F64,
    seen: F64,
    coef: CoefRow,
    known_trust: F64,
    known_satisfaction: F64,
    known_expectation: F64,
    known_seen: F64,
) -> None:
    c = coef[0]
    for g in range(ended.shape[0]):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(since_contact.shape[1]):
            if since_contact[g, k] <= c.vague_after:
                known_trust[g, k] = trust[g, k]
                known_satisfaction[g, k] = satisfaction[g, k]
                known_expectation[g, k] = expectation[g, k]
                known_seen[g, k] = seen[g, k]
