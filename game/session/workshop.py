"""Workshop mode: a visible turn timer, the facilitator's controls, the team's result file.

The timer runs on the wall clock, not on frame times, so it stays right while the
loop sleeps. When it runs out the week ends with the plan as it stands, after a
warning. Events the facilitator fires wait here until the week is played.

Two things stop the clock: the facilitator's pause, and a facilitator dialog standing
open (a "hold"): the team must not lose the seconds the facilitator spends choosing.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

WARN_SECONDS = 30.0  # time for the team to finish the plan they are discussing
MINUTE = 60.0

IsOpen = Callable[[], bool]  # whether the dialog holding the clock is still open


def warn_seconds(turn_timer: float | None) -> float:
    """When the team is warned: WARN_SECONDS before the end, or halfway through a turn
    shorter than twice that (a 20 s turn warns at 10 s, not at once); whole seconds, so
    the warning names the time exactly."""
    if turn_timer is None:
        return WARN_SECONDS
    return min(WARN_SECONDS, float(math.floor(turn_timer / 2)))


@dataclass
class Workshop:
    turn_timer: float | None  # seconds per turn; None: no timer
    results_dir: Path
    clock: Callable[[], float] = time.monotonic
    pending_events: list[int] = field(default_factory=list)  # fired with the next week
    result_path: Path | None = None
    paused: bool = False  # the facilitator's pause
    waiting: bool = False  # a live workshop's clock the facilitator has not started yet
    ended: bool = False  # a live workshop's round the facilitator ended: the clock stands
    warned: bool = False
    # A second round's role swap: the team may look through the line managers' eyes
    # (their real expectations, what they saw, their trust) while it plans.
    their_eyes: bool = False
    _deadline: float = 0.0
    _left_when_stopped: float = 0.0
    # Facilitator dialogs: each says whether it is on screen now. A dialog may leave
    # without a word (Escape pops it, a help page covers it), so each is asked.
    _holds: list[IsOpen] = field(default_factory=list)
    _was_stopped: bool = False  # the clock's state when last asked
    # Wall-clock time (epoch seconds) the round ended, for the debrief's date.
    finished_at: float | None = None

    @property
    def warn_seconds(self) -> float:
        return warn_seconds(self.turn_timer)

    def start_turn(self) -> None:
        """A new week: the full time again (still paused if the facilitator paused)."""
        self.warned = False
        self._holds = []
        self._was_stopped = self.paused
        if self.turn_timer is not None:
            self._deadline = self.clock() + self.turn_timer
            self._left_when_stopped = self.turn_timer

    @property
    def held(self) -> bool:
        """Whether a facilitator dialog is on screen, holding the clock."""
        return any(is_open() for is_open in self._holds)

    def _sync(self) -> bool:
        """Whether the clock stands now; stops or restarts it if that changed since it
        was last asked, keeping the time left across the change."""
        stopped = self.paused or self.held
        if stopped != self._was_stopped:
            if stopped:
                self._left_when_stopped = max(0.0, self._deadline - self.clock())
            else:
                self._deadline = self.clock() + self._left_when_stopped
            self._was_stopped = stopped
        return stopped

    def left(self) -> float:
        """Seconds left this turn (inf without a timer)."""
        if self.turn_timer is None:
            return float("inf")
        if self._sync():
            return self._left_when_stopped
        return max(0.0, self._deadline - self.clock())

    def hold(self, is_open: IsOpen) -> None:
        """Stop the clock while `is_open()` is true (a facilitator dialog on screen)."""
        self._sync()
        self._holds.append(is_open)
        self._sync()

    def toggle_pause(self) -> None:
        if self.turn_timer is None:
            return
        self._sync()
        self.paused = not self.paused
        self._sync()

    def add_minute(self) -> None:
        if self._sync():
            self._left_when_stopped += MINUTE
        else:
            self._deadline += MINUTE
        if self.left() > self.warn_seconds:
            self.warned = False

    def check(self) -> str:
        """'warn' once when time is nearly up, 'expired' when it is up, else ''."""
        if self.turn_timer is None or self._sync():
            return ""
        left = self.left()
        if left <= 0:
            return "expired"
        if left <= self.warn_seconds and not self.warned:
            self.warned = True
            return "warn"
        return ""

    def end(self) -> None:
        """The facilitator ended the live round: the clock stands for good."""
        self._sync()
        self.paused = self.ended = True
        self.waiting = False
        self._sync()

    def follow(self, seconds_left: float, stopped: bool, waiting: bool = False) -> None:
        """Set the clock from a live workshop's host: `seconds_left` this week, standing
        while the facilitator has not started it (`waiting`) or paused it
        (game/ui/live.py)."""
        if self.turn_timer is None:
            self.turn_timer = max(seconds_left, 1.0)
        self.paused = stopped
        self.waiting = waiting
        self._was_stopped = self.paused or self.held
        self._left_when_stopped = seconds_left
        self._deadline = self.clock() + seconds_left
        if seconds_left > self.warn_seconds:
            self.warned = False

    def take_events(self) -> list[int]:
        events, self.pending_events = self.pending_events, []
        return events

    def toggle_their_eyes(self) -> None:
        self.their_eyes = not self.their_eyes

    def settings(self) -> dict[str, object]:
        """What the result file records about the workshop: the timer, and when the round
        ended (the debrief shows the date; a copied file's time stamp may lie)."""
        if self.finished_at is None:
            self.finished_at = time.time()
        return {"turn_timer": self.turn_timer, "finished": float(round(self.finished_at))}


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)  # show 0:01 until the last second is really gone
    return f"{whole // 60}:{whole % 60:02d}"
