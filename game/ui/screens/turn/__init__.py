"""The turn screen, by job: `screen` (state, widgets, actions, keys), `layout` (where the
panels go), `panels` (painting them), `paint_cache` (painting only after a change),
`autoplay` (the pilot's plan), `news` (last week's lines)."""

from game.ui.screens.turn.screen import TurnScreen

__all__ = ["TurnScreen"]
