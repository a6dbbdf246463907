"""The demonstration pilot: a built-in policy plays the round through the real screens.

It presses what a player would press (the plan goes onto the planner first, so
the room can see it, then End week), at `pace` seconds a step. With a screenshot
folder it saves every screen once, in a state worth looking at, then tours the
overlays and quits.
"""

import time
from collections.abc import Callable

from game.ui import flow
from game.ui.options import PlayOptions
from game.ui.screens.base import Host
from game.ui.screens.turn import TurnScreen

# Screenshots of the turn and report screens are taken a few weeks in, when the
# board, the moods and the news have something to show.
SHOW_FROM_TURN = 3
TOUR = ("help", "pause", "settings")


class Pilot:
    def __init__(self, app: Host, policy: str, options: PlayOptions) -> None:
        self.app = app
        self.policy = policy
        self.pace = options.pace
        self.folder = options.screenshot_dir
        self.captured: list[str] = []
        self.next_at = time.monotonic() + self.pace
        self.tour: list[Callable[[], None]] | None = None

    def tick(self) -> None:
        top = self.app.top
        if self.folder is not None and top.name not in self.captured and self._worth_showing():
            self.shoot(top.name)
        if time.monotonic() < self.next_at or top.animating:
            return
        self.next_at = time.monotonic() + self.pace
        if top.name == "debrief":
            if self.folder is not None:
                self._tour_step()
            return
        top.autoplay()

    def shoot(self, name: str) -> None:
        assert self.folder is not None
        self.captured.append(name)
        self.app.capture(self.folder / f"{len(self.captured):02d}-{name}.png")

    def _worth_showing(self) -> bool:
        top, game = self.app.top, self.app.game
        if top.animating:
            return False
        if isinstance(top, TurnScreen) and game is not None:
            planned = top.pilot_planned
            return planned and (game.session.turn >= SHOW_FROM_TURN or game.session.done)
        if top.name == "report" and game is not None:
            return game.session.turn > SHOW_FROM_TURN or game.session.done
        return True

    def _tour_step(self) -> None:
        if self.tour is None:
            self.tour = [
                lambda: flow.open_help(self.app),
                lambda: self.app.pop(),
                lambda: flow.open_pause(self.app),
                lambda: flow.open_settings(self.app),
                self.app.quit,
            ]
        if self.tour:
            self.tour.pop(0)()
