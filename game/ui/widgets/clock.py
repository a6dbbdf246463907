"""The workshop's turn clock, as the turn screen and a live round's week report paint it.

The clock itself (wall time, pause, warnings) is `game.session.workshop.Workshop`.
"""

import pygame

from game.i18n import tr
from game.session.workshop import WARN_SECONDS, Workshop, clock_text
from game.ui import draw
from game.ui.theme import ACCENT, BAD, INK, PANEL, Style


def _standing_word(workshop: Workshop) -> str:
    """What the box says while the clock stands."""
    if workshop.ended:
        return tr("turn.timer.ended")
    return tr("turn.timer.waiting") if workshop.waiting else tr("turn.timer.paused")


def timer_width(s: Style) -> int:
    """Wide enough for the clock and for its longest word at this text size (playtest 5
    showed "not…" before the facilitator started the clock)."""
    words = [tr(key) for key in ("turn.timer.waiting", "turn.timer.paused", "turn.timer.ended")]
    widest = max(s.font(16, bold=True).size(word)[0] for word in words)
    return max(s.font(22, bold=True).size("00:00")[0], widest) + s.px(24)


def draw_timer(surface: pygame.Surface, s: Style, rect: pygame.Rect, workshop: Workshop) -> None:
    """The time left this turn, red once the team was warned; a word while the clock
    stands (not red then: nothing is urgent during the facilitator's break)."""
    left = workshop.left()
    urgent = left <= workshop.warn_seconds and not workshop.paused
    pygame.draw.rect(surface, BAD if urgent else PANEL, rect, border_radius=s.px(8))
    pygame.draw.rect(surface, ACCENT, rect, width=s.px(2), border_radius=s.px(8))
    text = _standing_word(workshop) if workshop.paused else clock_text(left)
    font = s.font(22, bold=True) if not workshop.paused else s.font(16, bold=True)
    draw.text(surface, text, font, rect.center, INK, "center", width=rect.width - s.px(8))


def warning(turn_name: str, seconds: float = WARN_SECONDS) -> str:
    """What the team is told when the time is nearly up (`seconds`: the workshop's
    `warn_seconds`, less than WARN_SECONDS for a short timer)."""
    return tr("turn.message.time", seconds=f"{seconds:.0f}", label=turn_name)


def warning_due(workshop: Workshop) -> bool:
    """Whether the time warning belongs on screen now: the team was warned and the clock
    still runs inside the warning's time. The host's clock (or the facilitator's keys) may
    add a minute or pause it after the warning: then it goes (issue 10)."""
    return workshop.warned and not workshop.paused and workshop.left() <= workshop.warn_seconds
