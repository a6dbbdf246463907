"""One game being played (N = 1): its history, replay and branching.

The model is a pure function of the seed and the plans, so a session is fully
described by (scenario, seed, game id, plans): replaying the plans from the
start reproduces every state bit for bit. That is what a save file stores, and
how "replay from turn k" in the debrief works.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.model import Observation, Params, State, TurnLog, new_state, observe, step
from game.scenario.schema import Scenario
from game.session.runner import Playthrough

F64 = npt.NDArray[np.float64]


@dataclass
class Session:
    """A single game and everything that happened in it."""

    scenario: Scenario
    params: Params
    seed: int
    game_id: int = 0
    team: str = ""
    round_id: str = ""  # tells one team's round from another's with the same name and seed
    state: State = field(init=False)
    plans: list[F64] = field(default_factory=list)  # one (A, T) plan per played turn
    logs: list[TurnLog] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    fired_by_hand: list[list[int]] = field(default_factory=list)  # event indexes, per turn

    def __post_init__(self) -> None:
        self.state = new_state(self.params, [self.game_id], self.seed)

    @property
    def done(self) -> bool:
        return bool(self.state.done[0])

    @property
    def turn(self) -> int:
        """Turns played so far."""
        return int(self.state.turn[0])

    def observe(self) -> Observation:
        """What the player sees now."""
        return observe(self.state, self.params)

    def play(self, plan: F64, fire: Sequence[int] = ()) -> TurnLog:
        """Resolve one turn with `plan` (A, T); raises PlanError if it is illegal.

        `fire` lists events (indexes) a facilitator fires by hand this turn.
        """
        if self.done:
            raise RuntimeError("the game is over")
        plan = np.asarray(plan, dtype=np.float64).reshape(
            1, self.params.n_actions, self.params.n_targets
        )
        forced = None
        if fire:
            forced = np.zeros((1, self.params.n_events), dtype=np.bool_)
            forced[0, list(fire)] = True
        seen = self.observe()
        self.state, log = step(self.state, plan, self.params, forced)
        self.observations.append(seen)
        self.plans.append(plan[0].copy())
        self.logs.append(log)
        self.fired_by_hand.append(sorted(set(fire)))
        return log

    def replay_plans(self, plans: Sequence[F64], fired: Sequence[Sequence[int]] = ()) -> None:
        """Play `plans` in order, with the events fired by hand (used to restore and to branch)."""
        for k, plan in enumerate(plans):
            self.play(plan, fired[k] if k < len(fired) else ())

    def branch(self, turn: int) -> "Session":
        """A new session that has played this one's first `turn` turns, ready for turn + 1."""
        if not 0 <= turn <= len(self.plans):
            raise ValueError(f"turn {turn} is outside 0..{len(self.plans)}")
        other = Session(self.scenario, self.params, self.seed, self.game_id, self.team)
        other.round_id = self.round_id
        other.replay_plans(self.plans[:turn], self.fired_by_hand[:turn])
        return other

    def playthrough(self) -> Playthrough:
        """The history in the batch format (for transcripts and charts)."""
        return Playthrough(
            final=self.state,
            observations=list(self.observations),
            plans=[p[None] for p in self.plans],
            logs=list(self.logs),
        )
