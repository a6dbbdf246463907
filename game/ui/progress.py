"""Reported progress as the window shows it: one rule for the board, its tooltips and the
top bar (the rule itself is the model's: `game.model.observe.shown_progress`).

The points beside a percent follow one rule too: tenths, split so that built plus to go
is the package's size as shown (38 % of 10 is "3.8 built, 6.2 to go", never 4 and 6).
"""

from game.i18n import number, percent
from game.model.observe import shown_progress

# Points are told in tenths: whole points would make "38 %" and "6 to go" of 10 disagree.
POINT_PLACES = 1


def progress_text(share: float) -> str:
    """'57 %': a reported share in whole percent, rounded down, so that 100 % means built."""
    return percent(float(shown_progress(share)))


def progress_fill(share: float) -> float:
    """How full a progress bar is drawn: the same value the text beside it says."""
    return float(shown_progress(share))


def points_text(points: float) -> str:
    """'6.2' or '10': points in tenths, without a trailing '.0'."""
    tenths = round(points, POINT_PLACES)
    return number(tenths, 0 if tenths == round(tenths) else POINT_PLACES)


def built_and_to_go(size: float, to_go: float) -> tuple[str, str, str]:
    """(built, to go, size) as shown: each in tenths, built taken as size minus to go as
    shown, so that the three figures add up on screen."""
    size_shown, to_go_shown = round(size, POINT_PLACES), round(to_go, POINT_PLACES)
    built_shown = max(size_shown - to_go_shown, 0.0)
    return points_text(built_shown), points_text(to_go_shown), points_text(size_shown)
