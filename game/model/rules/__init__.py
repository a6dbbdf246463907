"""The rules of one turn, one concern per module, each vectorised over N games.

`game.model.step` calls them in order; each reads and updates a `State` in place
(on the copy that `step` made) and records what it did, and why, in the turn log.
"""
