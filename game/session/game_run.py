"""The round being played in the window: a Session plus where it autosaves.

Every turn goes through `play`, which writes the autosave atomically before it
returns, so a crash or a closed window never loses a played week.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.model import TurnLog, outcome
from game.scenario.errors import InputError
from game.scenario.loader import load
from game.session import savefile
from game.session.session import Session

F64 = npt.NDArray[np.float64]
MAX_KEPT = 999  # kept rounds beside the autosave, before we ask for a tidy-up


def keep_aside(autosave: Path) -> Path | None:
    """Move the autosave out of the way of a new round; where it went, or None.

    The autosave holds one round, and starting another (from the command line, or a
    second Start) must never wipe a team's work: an unfinished round goes to
    `autosave-previous-N.json` beside it, a finished one to `autosave-finished-N.json`
    (the name a replay gives it, so its debrief can still be opened and compared). A
    file that cannot be restored is never overwritten either (it may be a round the
    next version can read, or evidence of what went wrong): it goes to
    `autosave-unreadable-N.json`.
    """
    if not autosave.exists():
        return None
    try:
        restored = savefile.restore(autosave)
    except InputError:
        return _move_to_free_name(autosave, "unreadable")
    return _move_to_free_name(autosave, "finished" if restored.session.done else "previous")


def _move_to_free_name(path: Path, kind: str) -> Path:
    """Rename `path` to `STEM-KIND-N.SUFFIX` with the first free N; OSError if none is free."""
    for n in range(1, MAX_KEPT + 1):
        target = path.with_name(f"{path.stem}-{kind}-{n}{path.suffix}")
        if not target.exists():
            path.replace(target)
            return target
    raise OSError(f"{MAX_KEPT} rounds are already kept beside {path}; move some elsewhere")


@dataclass
class GameRun:
    session: Session
    scenario_ref: str
    autosave: Path | None
    save_error: str = ""  # why the last autosave failed, '' when it worked
    notes: tuple[str, ...] = ()  # what the player should know about a resumed round
    attempts: tuple[savefile.Attempt, ...] = ()  # earlier attempts at this round, oldest first
    draft: F64 | None = None  # the plan being made for the next week; saved with the round

    @classmethod
    def start(cls, scenario_ref: str, seed: int, team: str, autosave: Path | None) -> "GameRun":
        """A new round. The autosave's round (or unreadable file) is kept, moved aside, first."""
        scenario, params = load(scenario_ref)
        if autosave is not None:
            keep_aside(autosave)
        session = Session(scenario, params, seed, 0, team)
        session.round_id = uuid.uuid4().hex  # resumed rounds keep it; new ones get their own
        run = cls(session, scenario_ref, autosave)
        run.save()
        return run

    @classmethod
    def resume(cls, path: Path) -> "GameRun":
        """The autosaved round, replayed; raises SaveFileError or ScenarioError."""
        restored = savefile.restore(path)
        return cls(
            restored.session, restored.scenario_ref, path, notes=restored.notes,
            attempts=restored.attempts, draft=restored.draft,
        )  # fmt: skip

    def play(self, plan: F64, fire: list[int] | None = None) -> TurnLog:
        """Play a turn (with events a facilitator fires), then autosave before returning."""
        log = self.session.play(plan, fire or [])
        self.draft = None  # played: the next week's plan starts empty
        self.save()
        return log

    def keep_draft(self, plan: F64) -> None:
        """Remember the plan being made (written with the next save)."""
        self.draft = plan.copy() if plan.any() else None

    def save(self) -> None:
        """Write the autosave. A disk that refuses (full, locked) does not stop the round:
        the session stays in memory, `save_error` says why, and the next turn tries again."""
        if self.autosave is None:
            return
        try:
            savefile.save(self.session, self.scenario_ref, self.autosave, self.attempts, self.draft)
        except OSError as exc:
            self.save_error = f"{self.autosave}: {exc.strerror or exc}"
        else:
            self.save_error = ""

    def branch(self, turn: int) -> "GameRun":
        """The same round rewound to the end of `turn`, saving to the same place.

        Replaying a finished round starts another attempt: the finished one's save is kept
        as `autosave-finished-N.json` and its score stays with the round, so the next
        debrief can set the two side by side."""
        attempts = self.attempts
        if self.session.done:
            result = outcome(self.session.state, self.session.params)
            grade = self.session.params.scoring.grade_name(result.grade[0])
            attempts = (*attempts, savefile.Attempt(float(result.score[0]), grade, turn))
            if self.autosave is not None and self.autosave.exists():
                _move_to_free_name(self.autosave, "finished")
        other = GameRun(
            self.session.branch(turn), self.scenario_ref, self.autosave, attempts=attempts
        )
        other.save()
        return other

    def restart(self) -> "GameRun":
        return self.branch(0)
