"""Each team's turn timer on the host, on the wall clock, so that it survives a restart.

The offline game keeps its timer on the team's laptop (game/session/workshop.py); live,
the host keeps it, so the facilitator starts, pauses and extends every team's week from
the dashboard. A timer is `off` (the workshop has none), `idle` (the facilitator has not
started it), `running` (until `deadline`) or `paused` (with `left` seconds). Each team's
week starts when it reports the one before; the team's client ends the week with the plan
as it stands when the time is up, as the offline game does.
"""

from game.live.store import TimerRow

MINUTE = 60.0


def initial(turn_timer: float | None, started: bool, now: float) -> TimerRow:
    """A new team's timer: running at once when the facilitator has started everyone's."""
    if turn_timer is None:
        return TimerRow("off", 0.0, 0.0)
    if started:
        return TimerRow("running", now + turn_timer, turn_timer)
    return TimerRow("idle", 0.0, turn_timer)


def left(timer: TimerRow, now: float) -> float | None:
    """Seconds left this week (None without a timer)."""
    if timer.state == "off":
        return None
    if timer.state == "running":
        return max(0.0, timer.deadline - now)
    return timer.left


def next_week(timer: TimerRow, turn_timer: float | None, now: float) -> TimerRow:
    """The timer after a week was reported: the full time again, in the same state."""
    if turn_timer is None or timer.state == "off":
        return timer
    return TimerRow(timer.state, now + turn_timer, turn_timer)


def control(timer: TimerRow, action: str, now: float) -> TimerRow:
    """The timer after the facilitator's `start`, `pause` or `add_minute`."""
    if timer.state == "off":
        return timer
    remaining = left(timer, now) or 0.0
    if action == "start" and timer.state != "running":
        return TimerRow("running", now + remaining, remaining)
    if action == "pause" and timer.state == "running":
        return TimerRow("paused", 0.0, remaining)
    if action == "add_minute":
        if timer.state == "running":
            return TimerRow("running", timer.deadline + MINUTE, remaining + MINUTE)
        return TimerRow(timer.state, 0.0, timer.left + MINUTE)
    return timer
