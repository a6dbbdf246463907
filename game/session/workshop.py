"""Workshop mode: a visible turn timer, the facilitator's controls, the team's result file.

The timer runs on the wall clock, not on frame times, so it stays right while the
loop sleeps. When it runs out the week ends with the plan as it stands, after a
warning. Events the facilitator fires wait here until the week is played.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

WARN_SECONDS = 30.0  # time for the team to finish the plan they are discussing
MINUTE = 60.0


@dataclass
class Workshop:
    turn_timer: float | None  # seconds per turn; None: no timer
    results_dir: Path
    clock: Callable[[], float] = time.monotonic
    pending_events: list[int] = field(default_factory=list)  # fired with the next week
    result_path: Path | None = None
    paused: bool = False
    warned: bool = False
    # A second round's role swap: the team may look through the line managers' eyes
    # (their real expectations, what they saw, their trust) while it plans.
    their_eyes: bool = False
    _deadline: float = 0.0
    _left_when_paused: float = 0.0

    def start_turn(self) -> None:
        """A new week: the full time again."""
        self.warned = False
        if self.turn_timer is not None:
            self._deadline = self.clock() + self.turn_timer
            self._left_when_paused = self.turn_timer

    def left(self) -> float:
        """Seconds left this turn (inf without a timer)."""
        if self.turn_timer is None:
            return float("inf")
        if self.paused:
            return self._left_when_paused
        return max(0.0, self._deadline - self.clock())

    def toggle_pause(self) -> None:
        if self.turn_timer is None:
            return
        if self.paused:
            self._deadline = self.clock() + self._left_when_paused
        else:
            self._left_when_paused = self.left()
        self.paused = not self.paused

    def add_minute(self) -> None:
        if self.paused:
            self._left_when_paused += MINUTE
        else:
            self._deadline += MINUTE
        if self.left() > WARN_SECONDS:
            self.warned = False

    def check(self) -> str:
        """'warn' once when time is nearly up, 'expired' when it is up, else ''."""
        if self.turn_timer is None or self.paused:
            return ""
        left = self.left()
        if left <= 0:
            return "expired"
        if left <= WARN_SECONDS and not self.warned:
            self.warned = True
            return "warn"
        return ""

    def take_events(self) -> list[int]:
        events, self.pending_events = self.pending_events, []
        return events

    def toggle_their_eyes(self) -> None:
        self.their_eyes = not self.their_eyes

    def settings(self) -> dict[str, object]:
        """What the result file records about the workshop."""
        return {"turn_timer": self.turn_timer}


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)  # show 0:01 until the last second is really gone
    return f"{whole // 60}:{whole % 60:02d}"
