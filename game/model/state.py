"""The mutable state of N games, batch axis first."""

from dataclasses import dataclass, fields, replace

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]
U64 = npt.NDArray[np.uint64]

# Package status codes.
OPEN, AWAITING, ACCEPTED = 0, 1, 2
STATUS_NAMES = ("open", "awaiting sign-off", "accepted")


@dataclass
class State:
    """Stocks of N games. Shapes: (N,), (N, S) stakeholders, (N, P) packages."""

    key: U64
    game_id: I64
    turn: I64  # turns already played
    done: B8
    cancelled: B8
    end_turn: I64  # turn at which the game ended, -1 while running
    # project
    capacity: F64
    budget_spent: F64
    sponsor: F64
    fatigue: F64
    hype: F64
    # work packages (Cooper's rework cycle)
    work_new: F64  # original work not yet built
    work_redo: F64  # discovered rework waiting to be redone
    correct: F64  # work done right
    hidden: F64  # undiscovered rework: done, believed right, wrong
    hidden_clarity: F64  # mean clarity at which the hidden rework was built (its cause)
    defects: F64  # known defects the owner accepted the package with
    scope: F64  # size plus rework cost growth and scope changes
    clarity: F64
    status: I64
    finish_turn: I64  # first turn the package was built, -1 before
    handover_turn: I64  # last turn it was handed over for sign-off, -1 before
    accept_turn: I64
    rejections: I64
    # stakeholders
    trust: F64
    ceiling: F64
    expectation: F64
    seen: F64  # share of their scope they have seen working
    satisfaction: F64
    since_contact: I64
    known_trust: F64  # what IT last saw while in touch (contacted within vague_after turns)
    known_satisfaction: F64
    known_expectation: F64
    known_seen: F64
    escalations: I64  # times each stakeholder went to the sponsor
    friction: F64  # "they make it harder than it has to be": force and defects they met
    forced: I64  # (N,) times the team escalated over someone's head (the sponsor's patience)
    event_fired: B8
    # measurements kept as we go (the debrief and balance tests read them)
    effort: F64  # build effort applied per package
    flawed: F64  # effort that produced rework
    rework_found: F64  # rework discovered per package (incl. acceptance tests)
    points_build: F64
    points_relations: F64
    points_project: F64
    syndrome: B8  # the 90 % syndrome has appeared

    @property
    def n_games(self) -> int:
        return int(self.turn.shape[0])

    def copy(self) -> "State":
        """A deep copy; `step` works on one so that it stays a pure function."""
        return replace(self, **{f.name: getattr(self, f.name).copy() for f in fields(self)})
