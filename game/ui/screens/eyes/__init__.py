"""Through their eyes: the role swap screen (screen), its words and its chart."""

from game.ui.screens.eyes.screen import EyesScreen
from game.ui.screens.eyes.words import Words

__all__ = ["EyesScreen", "Words"]
