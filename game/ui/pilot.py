"""The demonstration pilot: a built-in policy plays the round through the real screens.

It presses what a player would press (the plan goes onto the planner first, so
the room can see it, then End week), at `pace` seconds a step. With a screenshot
folder it saves every screen once, in a state worth looking at, with the views a team
opens from the turn screen and the debrief (tips, news, charts, their eyes, help, the
menu, the briefing again, settings), then quits. Otherwise it stays at the debrief for
the room, or closes the window there when asked (`play --exit-at-debrief`).
"""

import time
from collections.abc import Callable
from functools import partial

from game.ui import flow
from game.ui.options import PlayOptions
from game.ui.screens.base import Host
from game.ui.screens.coach import CoachOverlay
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.debrief.base import CHARTS, WHY
from game.ui.screens.turn import TurnScreen

CHART_KEYS = [key for key, _ in CHARTS]

# Screenshots of the turn and report screens are taken a few weeks in, when the
# board, the moods and the news have something to show.
SHOW_FROM_TURN = 3

Step = tuple[Callable[[], None], str]  # an action, and the name of the view it opens ("": none)


class Pilot:
    def __init__(self, app: Host, policy: str, options: PlayOptions) -> None:
        self.app = app
        self.policy = policy
        self.pace = options.pace
        self.exit_at_debrief = options.exit_at_debrief
        self.folder = options.screenshot_dir
        self.captured: list[str] = []
        self.next_at = time.monotonic() + self.pace
        self.tour: list[Step] = []
        self.toured: set[str] = set()  # the screens whose tour was taken
        self.shot_due = ""  # the view the last tour step opened, saved once it is drawn

    def tick(self) -> None:
        top = self.app.top
        name = self.shot_due or top.name
        if self.folder is not None and name not in self.captured and self._worth_showing():
            self.shoot(name)
            self.shot_due = ""
        if time.monotonic() < self.next_at or top.animating:
            return
        self.next_at = time.monotonic() + self.pace
        if self.folder is not None and not self.tour and top.name in self.captured:
            self.tour = self._tour_of(top.name)
        if self.tour:
            action, self.shot_due = self.tour.pop(0)
            action()
        elif top.name != "debrief":
            top.autoplay()
        elif self.exit_at_debrief and self.folder is None:
            # An unattended workshop rehearsal: the result is written when the debrief
            # is built, so the round is complete once it has been on screen a step.
            self.app.quit()

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

    def _tour_of(self, screen: str) -> list[Step]:
        """What a screenshot run opens from `screen`, once: the views a team reaches from
        it, each saved as it appears; the debrief's tour ends the run."""
        if screen in self.toured or screen not in ("turn", "debrief"):
            return []
        self.toured.add(screen)
        app, close = self.app, self.app.pop
        if screen == "turn":
            turn = app.top
            assert isinstance(turn, TurnScreen)
            return [
                (lambda: app.push(CoachOverlay(app, turn.coach_marks(), lambda: None)), "tips"),
                (close, ""),
                (turn.open_news, "news"),
                (close, ""),
            ]
        debrief = app.top
        assert isinstance(debrief, DebriefScreen)
        return [
            (partial(debrief.show_chart, CHART_KEYS.index("trust")), "charts"),
            (partial(debrief.show_chart, WHY), ""),
            (debrief.open_eyes, "eyes"),
            (close, ""),
            (lambda: flow.open_help(app), "help"),
            (close, ""),
            (lambda: flow.open_pause(app), "pause"),
            (lambda: flow.open_briefing_again(app), "briefing-again"),
            (close, ""),
            (lambda: flow.open_settings(app), "settings"),
            (app.quit, ""),
        ]
