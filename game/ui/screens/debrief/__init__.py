"""The debrief screen, in parts: see game.ui.screens.debrief.screen."""

from game.ui.screens.debrief.screen import DebriefScreen

__all__ = ["DebriefScreen"]
