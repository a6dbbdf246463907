"""Each team's game on the host, replayed from the workshop's seed and the reported plans.

The host never takes a team's numbers on trust: it plays every reported week with the
session's own code (game.session.session.Session, game id 0 for every team, as
`play --workshop --seed N` does offline), so a refused plan is refused by the model's
rule, and the score on the dashboard is the one the team's own game shows.
"""

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from game.live.errors import RefusedError
from game.live.store import TimerRow, WeekRow
from game.model import PlanError, outcome
from game.model.observe import MOOD_NAMES
from game.scenario.schema import Scenario
from game.session.debrief.moments import key_moments
from game.session.savefile import decode_plan, encode_plan
from game.session.session import Session

F64 = npt.NDArray[np.float64]
GAME_ID = 0  # every team plays the same game, as an offline workshop does
# Key moments that only tell what IT itself saw; the rest (the 90 % syndrome, the ending)
# reveal the truth and wait for the round's end.
OPEN_MOMENTS = {"rejection", "escalation", "forced", "event", "complaint", "acceptance"}


@dataclass
class TeamGame:
    """A team as the host holds it: its row, its replayed game and its stored reports."""

    id: int
    name: str
    token_hash: str
    joined: float
    timer: TimerRow
    session: Session
    weeks: list[WeekRow] = field(default_factory=list)
    last_seen: float = 0.0
    # The dashboard's view of the game and its latest key moment change only with a week:
    # worked out once a week, not on every push.
    _seen: tuple[int, dict[str, Any], dict[str, Any] | None] = (-1, {}, None)

    @property
    def week(self) -> int:
        return self.session.turn

    def score(self) -> float | None:
        """The final score once the game has ended, else None (the truth waits)."""
        if not self.session.done:
            return None
        return float(outcome(self.session.state, self.session.params).score[0])

    def last_moment(self) -> dict[str, Any] | None:
        """The round's latest key moment a team could see by now."""
        return self._cached()[2]

    def view(self) -> dict[str, Any]:
        """IT's view of the game now: reported progress and moods, never the truth."""
        return self._cached()[1]

    def _cached(self) -> tuple[int, dict[str, Any], dict[str, Any] | None]:
        if self._seen[0] != self.week:
            self._seen = (self.week, self._view(), self._latest_moment())
        return self._seen

    def _latest_moment(self) -> dict[str, Any] | None:
        if not self.week:
            return None
        moments = key_moments(self.session, limit=100)
        if not self.session.done:
            moments = [m for m in moments if m.kind in OPEN_MOMENTS]
        if not moments:
            return None
        last = max(moments, key=lambda m: m.turn)
        return {"week": last.turn, "kind": last.kind, "text": last.text}

    def _view(self) -> dict[str, Any]:
        seen = self.session.observe()
        people = [s.id for s in self.session.scenario.stakeholders]
        moods = {who: MOOD_NAMES[int(seen.mood[0, i])] for i, who in enumerate(people)}
        counts = dict.fromkeys(MOOD_NAMES, 0)
        for name in moods.values():
            counts[name] += 1
        progress = float(seen.reported_progress[0])
        return {
            "reported_progress": progress if math.isfinite(progress) else 0.0,
            "moods": moods,
            "mood_summary": counts,
        }


def decode(game: TeamGame, plan: dict[str, dict[str, float]]) -> F64:
    """The plan array of a report; 400 for an action or target the scenario does not have."""
    array, problems = decode_plan(plan, game.session, ("plan",))
    if problems:
        where, message = problems[0]
        raise RefusedError(400, "unknown_id", message, {"at": [str(k) for k in where]})
    return array


def event_indexes(scenario: Scenario, fired: list[str]) -> list[int]:
    ids = [e.id for e in scenario.events]
    return [ids.index(e) for e in fired]


def play_week(game: TeamGame, plan: F64, fired: list[int]) -> None:
    """Play the team's next week on the host; 409 when its game is over, 422 when the model
    refuses the plan (the game is unchanged then: the model's step is pure)."""
    if game.session.done:
        ended = "this team's game has already ended"
        raise RefusedError(409, "game_over", ended, {"week": game.week})
    try:
        game.session.play(plan, fired)
    except PlanError as exc:
        raise RefusedError(422, "plan_refused", f"week {game.week + 1}: {exc}") from None


def canonical_plan(game: TeamGame, plan: F64) -> dict[str, dict[str, float]]:
    """The plan as the store keeps it: the save file's form, so equal plans compare equal."""
    return encode_plan(plan, game.session.scenario)


def rebuild(game: TeamGame, weeks: list[WeekRow]) -> None:
    """Replay a team's stored weeks (at the host's start). A stored week the model refuses
    means the rules changed under the workshop: that is an error the host reports."""
    for row in weeks:
        play_week(game, decode(game, row.plan), event_indexes(game.session.scenario, row.fired))
        game.weeks.append(row)
