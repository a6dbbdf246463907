"""Frozen, compiled parameters of one scenario: every number the rules read.

`game.scenario.compile` builds a `Params` from a validated scenario; the model
never sees YAML. Arrays are float64 (or int64 / bool for indices and masks) and
are shared read-only by every game of a batch.
"""

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]


class Coefficients(NamedTuple):
    """Model coefficients; meanings and defaults are documented in the scenario schema.

    A named tuple of floats; the compiled kernels read them from `Params.coef_row`, a record
    of the same names (`c.clarify_rate` in both)."""

    # trust
    trust_floor: float
    neglect_growth: float
    neglect_cap: float
    gap_erosion: float
    reject_trust_hit: float
    reject_ceiling_hit: float
    accept_trust_gain: float
    favour_trust_cost: float
    favour_min_trust: float
    escalate_trust_cost: float
    escalate_witness_cost: float
    escalate_fair_wait: float
    escalate_fair_relief: float
    escalate_fair_decide: float
    ceiling_floor: float
    reset_trust_cost: float
    # friction: "they make it harder than it has to be"
    escalate_friction: float
    defect_friction: float
    idle_workshop_friction: float
    friction_decay: float
    friction_signoff: float
    friction_clarify: float
    sat_friction: float
    # clarity
    clarify_rate: float
    talk_ceiling: float
    demo_clarity: float
    clarity_drift: float
    neglect_ref: float
    reject_clarity_gain: float
    favour_clarity: float
    escalate_clarity: float
    # building
    fcc_base: float
    fcc_clarity: float
    fcc_fatigue: float
    fcc_min: float
    fcc_max: float
    fcc_noise: float
    quality_gain: float
    productivity_noise: float
    fatigue_productivity: float
    done_threshold: float
    fatigue_slack: float
    # discovery of hidden rework
    discovery_base: float
    discovery_progress: float
    discovery_max: float
    testing_gain: float
    testing_blind: float
    demo_discovery: float
    discovery_noise: float
    late_cost: float
    live_find: float
    # sign-off
    signoff_base: float
    signoff_trust: float
    favour_signoff: float
    acceptance_find: float
    reject_scale: float
    reject_trust_soften: float
    reject_max: float
    favour_fair: float
    # expectations and satisfaction
    expectation_pace: float
    tolerance: float
    demo_show: float
    demo_expect: float
    reset_rate: float
    reset_hype: float
    hype_decay: float
    demo_novelty: float
    sat_gap: float
    sat_trust: float
    sat_distance: float
    sat_unclear: float
    hype_expect: float
    complaint_below: float
    # escalation and sponsor
    escalation_threshold: float
    escalation_rate: float
    escalation_sponsor_hit: float
    sponsor_delivery_gain: float
    sponsor_update_gain: float
    late_sponsor_drain: float
    over_budget_drain: float
    escalate_sponsor_cost: float
    escalate_sponsor_growth: float
    sponsor_fade: float
    sponsor_comfort: float
    sponsor_overhead: float
    # fatigue
    fatigue_gain: float
    fatigue_recovery: float
    # what the player sees
    vague_after: float


# The coefficients as one numpy record: a kernel takes them as an array of one record,
# which numba unboxes in about 0.1 µs; the named tuple of 88 floats took 9.4 µs a call.
COEF_DTYPE = np.dtype((np.record, [(name, np.float64) for name in Coefficients._fields]))


class CoefRow(Protocol):
    """`Params.coef_row` as a kernel sees it: `coef[0]` reads like the `Coefficients` (a
    numpy record of the same names, typed here as them for the type checker)."""

    def __getitem__(self, index: int) -> Coefficients: ...


@dataclass(frozen=True)
class Scoring:
    """How a finished game is scored and graded."""

    defect_weight: float
    verdict_floor: float
    sponsor_weight: float
    late_penalty: float
    overrun_penalty: float
    cancel_factor: float
    grade_names: tuple[str, ...]  # best first, e.g. ("A", "B", "C", "D", "F")
    grade_thresholds: F64  # minimum score per grade, one fewer than names, descending
    win_score: float

    def grade_name(self, grade: int | np.integer[Any]) -> str:
        """The name of a grade index as `outcome` gives it (0 is the best)."""
        return self.grade_names[int(grade)]


@dataclass(frozen=True)
class EventTable:
    """Scenario events, one row each (E rows)."""

    start: I64  # first turn the event may fire (0-based)
    end: I64  # last turn the event may fire
    probability: F64  # chance per turn inside the window
    once: B8  # at most once per game
    cond_var: I64  # index into CONDITION_VARS, -1 for no condition
    cond_index: I64  # stakeholder index for per-stakeholder variables
    cond_sign: F64  # +1: fires when var >= value, -1: when var <= value
    cond_value: F64
    project: F64  # (E, len(PROJECT_EFFECTS)) additive effects
    trust: F64  # (E, S)
    expectation: F64  # (E, S)
    clarity: F64  # (E, P)
    scope: F64  # (E, P) extra work points


@dataclass(frozen=True)
class Params:
    """Everything the rules read, compiled from one scenario."""

    turns: int  # the last possible turn (the game may overrun the deadline up to here)
    deadline: int
    capacity: float  # team points per turn
    max_overtime: float
    budget: float
    cost_per_point: float
    overtime_cost: float  # multiplier on cost_per_point for overtime points
    sponsor_start: float
    # action catalogue (A actions; targets padded to T = max(P, S, 1))
    action_cost: F64  # (A,) points per use
    action_target: I64  # (A,) a Target
    action_effect: F64  # (A, len(Channel)) effect per use
    legal: B8  # (A, T) which targets each action may take
    # stakeholders (S)
    influence: F64
    patience: F64
    hype_susceptibility: F64
    trust_start: F64
    build_rate: F64
    erosion_rate: F64
    preference: F64  # (S, A) multiplier on an action's effect for this stakeholder
    # work packages (P)
    owner: I64
    size: F64
    value: F64
    clarity_start: F64
    depends: B8  # (P, P): depends[p, q] means p needs q finished first
    owner_onehot: F64  # (P, S)
    owner_slots: I64  # (R, S): each stakeholder's r-th package, or P if they own fewer
    events: EventTable
    coef: Coefficients
    scoring: Scoring
    # `coef` for the compiled kernels: an array of one record (CoefRow), made read-only from
    # `coef` whenever a Params is made (dataclasses.replace included; a copy made by pickle
    # keeps it, writeable: the kernels' signature declares it read-only, so none writes it).
    coef_row: CoefRow = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        row = np.array([tuple(self.coef)], dtype=COEF_DTYPE)
        row.flags.writeable = False
        object.__setattr__(self, "coef_row", row)  # frozen: set once, here

    @property
    def legal_count(self) -> I64:
        """(A,) how many targets each action may take: always targets 0 .. count - 1."""
        result: I64 = self.legal.sum(axis=1).astype(np.int64)
        return result

    @property
    def n_stakeholders(self) -> int:
        return int(self.influence.shape[0])

    @property
    def n_packages(self) -> int:
        return int(self.size.shape[0])

    @property
    def n_actions(self) -> int:
        return int(self.action_cost.shape[0])

    @property
    def n_targets(self) -> int:
        return int(self.legal.shape[1])

    @property
    def n_events(self) -> int:
        return int(self.events.start.shape[0])


def owner_sum(per_package: F64, params: Params) -> F64:
    """Sum a (N, P) array over each stakeholder's packages -> (N, S).

    Summed in package order, one stakeholder's r-th package at a time, so that the
    result does not depend on the batch and costs only as many additions as the largest
    number of packages one stakeholder owns.
    """
    values = np.ascontiguousarray(per_package, dtype=np.float64)
    result: F64 = _owner_sum(values, params.owner_slots)
    return result


@kernel("f8[:, ::1](f8[:, ::1], i8[:, ::1])")
def _owner_sum(values: F64, slots: I64) -> F64:
    n, s = values.shape[0], slots.shape[1]
    out = np.zeros((n, s))
    for g in range(n):
        for k in range(s):
            out[g, k] = owned(values[g], slots, k)
    return out


def owners_with(marked: B8, params: Params) -> B8:
    """Whether any of each stakeholder's packages is `marked` (N, P) -> (N, S)."""
    out = np.zeros((marked.shape[0], params.n_stakeholders), dtype=np.bool_)
    _owners_with(np.ascontiguousarray(marked), params.owner, out)
    return out


@kernel("void(b1[:, ::1], i8[::1], b1[:, ::1])")
def _owners_with(marked: B8, owner: I64, out: B8) -> None:
    for g in range(marked.shape[0]):
        for k in range(marked.shape[1]):
            out[g, owner[k]] |= marked[g, k]


@kernel("f8(f8[::1], i8[:, ::1], i8)", inline=True)
def owned(per_package: F64, slots: I64, k: int) -> float:
    """One game's per-package amounts (P,) summed over stakeholder k's packages, in the
    order of `owner_sum` (for kernels)."""
    p = per_package.shape[0]
    total = 0.0  # numpy's reduction starts from its identity: -0.0 sums to 0.0
    for r in range(slots.shape[0]):
        total += per_package[slots[r, k]] if slots[r, k] < p else 0.0
    return total


def owned_share(per_package: F64, params: Params) -> F64:
    """A per-package amount of work as a share of each stakeholder's original scope (N, S)."""
    result: F64 = owner_sum(per_package, params) / owned_scope(params)
    return result


def owned_scope(params: Params) -> F64:
    """Each stakeholder's original scope in points (S,): the denominator of `owned_share`."""
    result: F64 = params.size @ params.owner_onehot
    return result


def owner_slots(owner: I64, n_stakeholders: int) -> I64:
    """(R, S): the r-th package of each stakeholder, or P (a zero column) if they own fewer."""
    p = int(owner.shape[0])
    owned = [np.flatnonzero(owner == k) for k in range(n_stakeholders)]
    depth = max(1, *(len(o) for o in owned))
    slots = np.full((depth, n_stakeholders), p, dtype=np.int64)
    for k, packages in enumerate(owned):
        slots[: len(packages), k] = packages
    return slots
