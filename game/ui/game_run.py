"""The round being played in the window: a Session plus where it autosaves.

Every turn goes through `play`, which writes the autosave atomically before it
returns, so a crash or a closed window never loses a played week.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.model import TurnLog
from game.scenario.errors import InputError
from game.scenario.loader import load
from game.session import savefile
from game.session.session import Session

F64 = npt.NDArray[np.float64]


def keep_unfinished(autosave: Path) -> Path | None:
    """Move an unfinished round out of the way of a new one; returns where it went.

    The autosave holds one round, and starting another (from the command line, or a
    second Start) must never wipe a team's unfinished work: it goes to
    `autosave-previous-N.json` beside it, N counting up.
    """
    try:
        session, _ = savefile.restore(autosave)
    except InputError:
        return None  # nothing there, or nothing that could be resumed anyway
    if session.done:
        return None
    for n in range(1, 1000):
        target = autosave.with_name(f"{autosave.stem}-previous-{n}{autosave.suffix}")
        if not target.exists():
            autosave.replace(target)
            return target
    return None


@dataclass
class GameRun:
    session: Session
    scenario_ref: str
    autosave: Path | None
    save_error: str = ""  # why the last autosave failed, '' when it worked

    @classmethod
    def start(cls, scenario_ref: str, seed: int, team: str, autosave: Path | None) -> "GameRun":
        """A new round. An unfinished round in the autosave is kept, moved aside, first."""
        scenario, params = load(scenario_ref)
        if autosave is not None:
            keep_unfinished(autosave)
        session = Session(scenario, params, seed, 0, team)
        session.round_id = uuid.uuid4().hex  # resumed rounds keep it; new ones get their own
        run = cls(session, scenario_ref, autosave)
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
        """Write the autosave. A disk that refuses (full, locked) does not stop the round:
        the session stays in memory, `save_error` says why, and the next turn tries again."""
        if self.autosave is None:
            return
        try:
            savefile.save(self.session, self.scenario_ref, self.autosave)
        except OSError as exc:
            self.save_error = f"{self.autosave}: {exc.strerror or exc}"
        else:
            self.save_error = ""

    def branch(self, turn: int) -> "GameRun":
        """The same round rewound to the end of `turn`, saving to the same place."""
        other = GameRun(self.session.branch(turn), self.scenario_ref, self.autosave)
        other.save()
        return other

    def restart(self) -> "GameRun":
        return self.branch(0)
