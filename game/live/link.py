"""The game window's connection to the host, on a background thread: nothing here blocks
the frame loop.

The window calls `offer(session)` after every week it plays (a cheap copy of the weeks,
made on the window's thread: the session itself is never read from another thread) and
reads `latest` (the host's last TeamState, or None) and `problem` ('' while connected)
each frame. The thread asks the host for the team's state every `interval` seconds, or
at once after an offer, and sends the weeks the host is missing (the reconnect rule:
the session is the only record, no queue of its own). `close()` stops it.
"""

import threading

from game.live.client import HostRefusedError, LinkDownError, TeamClient, week_report
from game.live.protocol import TeamState, WeekReport
from game.session.session import Session


class Link:
    def __init__(self, client: TeamClient, interval: float = 2.0) -> None:
        self.client, self.interval = client, interval
        self.latest: TeamState | None = None  # replaced whole: safe to read from the window
        self.problem = ""
        self._weeks: list[WeekReport] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._synced = threading.Event()  # set after each round trip (see `flush`)
        self._thread = threading.Thread(target=self._run, name="odd-duck-link", daemon=True)
        self._thread.start()

    def offer(self, session: Session) -> None:
        """The team's weeks so far (call on the window's thread after each week)."""
        weeks = [week_report(session, k) for k in range(1, session.turn + 1)]
        with self._lock:
            self._weeks = weeks
        self._wake.set()

    def flush(self, wait: float = 3.0) -> bool:
        """Hand in what was offered before the game closes: one more round trip, waited
        for at most `wait` seconds (an unreachable host must not hold the window); True
        when it went through. The weeks stay in the autosave either way."""
        done = False
        # Twice: a round trip already under way may have started before the last offer.
        for _ in range(2):
            self._synced.clear()
            self._wake.set()
            done = self._synced.wait(wait / 2)
        return done and not self.problem

    def poke(self) -> None:
        """Ask the host now rather than at the next interval."""
        self._wake.set()

    def close(self, wait: float = 1.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(wait)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sync_once()
            self._synced.set()
            self._wake.wait(self.interval)
            self._wake.clear()

    def sync_once(self) -> None:
        """One round trip: the state, then the missing weeks (on the link's thread)."""
        with self._lock:
            weeks = list(self._weeks)
        try:
            state = self.client.state()
            for week in range(state.week + 1, len(weeks) + 1):
                self.client.report(week, weeks[week - 1])
            if len(weeks) > state.week:
                state = self.client.state()
        except LinkDownError as exc:
            self.problem = str(exc)
            return
        except HostRefusedError as exc:
            self.problem = exc.message
            return
        self.latest, self.problem = state, ""
