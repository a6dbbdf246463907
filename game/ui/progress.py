"""Reported progress as the window shows it: one rule for the board, its tooltips and the
top bar (the rule itself is the model's: `game.model.observe.shown_progress`)."""

from game.i18n import percent
from game.model.observe import shown_progress


def progress_text(share: float) -> str:
    """'57 %': a reported share in whole percent, rounded down, so that 100 % means built."""
    return percent(float(shown_progress(share)))


def progress_fill(share: float) -> float:
    """How full a progress bar is drawn: the same value the text beside it says."""
    return float(shown_progress(share))
