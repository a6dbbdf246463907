"""The round being played in the window: a Session plus where it autosaves.

Every turn goes through `play`, which writes the autosave atomically before it
returns, so a crash or a closed window never loses a played week.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.model import TurnLog
from game.scenario.loader import load
from game.session import savefile
from game.session.session import Session

F64 = npt.NDArray[np.float64]


@dataclass
class GameRun:
    session: Session
    scenario_ref: str
    autosave: Path | None

    @classmethod
    def start(cls, scenario_ref: str, seed: int, team: str, autosave: Path | None) -> "GameRun":
        scenario, params = load(scenario_ref)
        run = cls(Session(scenario, params, seed, 0, team), scenario_ref, autosave)
        run.save()
        return run

    @classmethod
    def resume(cls, path: Path) -> "GameRun":
        """The autosaved round, replayed; raises SaveFileError or ScenarioError."""
        session, ref = savefile.restore(path)
        return cls(session, ref, path)

    def play(self, plan: F64, fire: list[int] | None = None) -> TurnLog:
        """Play a turn (with events a facilitator fires), then autosave before returning."""
        log = self.session.play(plan, fire or [])
        self.save()
        return log

    def save(self) -> None:
        if self.autosave is not None:
            savefile.save(self.session, self.scenario_ref, self.autosave)

    def branch(self, turn: int) -> "GameRun":
        """The same round rewound to the end of `turn`, saving to the same place."""
        other = GameRun(self.session.branch(turn), self.scenario_ref, self.autosave)
        other.save()
        return other

    def restart(self) -> "GameRun":
        return self.branch(0)
