"""What the debrief's parts share: the tabs, the score bar's colours, and the screen's
state, declared once so that each part (a mixin of DebriefScreen) can be type-checked."""

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.i18n import tr
from game.look import palette
from game.model.score import Outcome
from game.session.debrief import Comparison, Moment, RoundSeries
from game.session.debrief.breakdown import Loss, ScoreBreakdown
from game.session.savefile import Attempt
from game.session.session import Session
from game.ui.screens.base import Screen
from game.ui.theme import GOOD, hex_colour

# The tabs: the score's breakdown, then the charts; the catalogue keys of their labels.
CHARTS = (
    ("why", "debrief.tab.why"),
    ("progress", "debrief.tab.progress"),
    ("trust", "debrief.tab.trust"),
    ("capacity", "debrief.tab.capacity"),
    ("rework", "debrief.tab.rework"),
)
WHY = 0  # the breakdown's tab
# The score bar's colours: the score green, each cause its own (its name is written beside it).
PART_COLOURS = {
    None: GOOD,
    Loss.NOT_BUILT: hex_colour(palette.FAINT),
    Loss.REJECTED: hex_colour(palette.BAD),
    Loss.WAITING: hex_colour(palette.WARN),
    Loss.DEFECTS: hex_colour("#CC79A7"),
    Loss.VERDICT: hex_colour("#56B4E9"),
    Loss.LATE: hex_colour("#0072B2"),
    Loss.BUDGET: hex_colour(palette.MUTED),
    Loss.CANCELLED: hex_colour(palette.BORDER),
}
MAX_TRIES_SHOWN = 3  # beside the score; the export lists them all
Page = list[tuple[str, list[str], int | None]]  # key moments: (turn, wrapped lines, who)


class DebriefBase(Screen):
    """The debrief's state: the round's facts (set in DebriefScreen.__init__) and the
    layout each part computes in build()."""

    # The round
    session: Session
    attempts: tuple[Attempt, ...]
    result: Outcome
    series: RoundSeries
    breakdown: ScoreBreakdown
    others: list[Comparison]
    rows: list[tuple[str, float, str]]
    moments: list[Moment]
    # What the team chose: the view, the moments' page, the replay's turn; the status line
    chart: int
    page: int
    replay_turn: int
    message: str
    # The layout
    head: pygame.Rect
    left: pygame.Rect
    right: pygame.Rect
    status: pygame.Rect
    button_h: int
    replay_button: UIButton
    tries: list[tuple[str, str, bool]]
    tries_rect: pygame.Rect
    score_size: int
    tabs: list[UIButton]
    chart_rect: pygame.Rect
    why_bar: pygame.Rect
    why_box: UITextBox
    why_list_title: tuple[int, int]
    legend: list[tuple[pygame.Rect, tuple[int, int], str, tuple[int, int, int]]]
    compare_title: list[str]
    compare_lines: list[tuple[list[str], str, bool]]
    compare_rect: pygame.Rect
    moments_rect: pygame.Rect
    moments_body: pygame.Rect
    page_earlier: UIButton
    page_later: UIButton
    page_label_right: int
    label_w: int
    pages: list[Page]
    _charts: dict[str, pygame.Surface]
    _chart_size: tuple[int, int]


def shown(score: float) -> int:
    """A score as the debrief writes it: in whole points, rounded as number(score, 0) does."""
    return int(f"{score:.0f}")


def ahead(mine: float, theirs: float) -> bool:
    """Whether this round's score, as shown, is at least the other's as shown."""
    return shown(mine) >= shown(theirs)


def difference(mine: float, theirs: float) -> str:
    """ "you +23": the gap between the two scores as they are shown beside it (66 and 74
    give "you −8", never the rounded gap of the unrounded scores, which may be −7)."""
    diff = shown(mine) - shown(theirs)
    return tr("debrief.compare.you", difference=f"{'+' if diff >= 0 else '−'}{abs(diff)}")
