"""How the window was asked to run: `play`'s options, read by the app, the flow and the pilot."""

from dataclasses import dataclass
from pathlib import Path

from game.live.protocol import Joined
from game.ui.theme import DESIGN_SIZE


@dataclass(frozen=True)
class PlayOptions:
    scenario: str | None = None  # skip the title screen when given
    seed: int | None = None
    team: str = ""
    resume: bool = False
    autoplay: str | None = None  # a built-in policy plays through the real screens
    pace: float = 2.5  # seconds per autoplay step, slow enough for a room to follow
    screenshot_dir: Path | None = None
    window: tuple[int, int] = DESIGN_SIZE
    max_frames: int | None = None  # tests: stop after this many frames
    workshop: bool = False
    turn_timer: float | None = None  # seconds per turn in a workshop
    their_eyes: bool = False  # a workshop's second round: the line managers' view unlocked
    results_dir: Path | None = None  # where a workshop team's result file goes
    language: str = ""  # `play --lang`: this run's language, over the saved setting
    exit_at_debrief: bool = False  # `play --exit-at-debrief`: the pilot closes the window there
    # `play --join`: the host's address and its answer to the team's join (game/ui/live.py)
    joined: tuple[str, Joined] | None = None
