"""How Odd Duck looks, in one place: `palette` (every colour, as hex text) and `figures`
(the matplotlib figure factory and chart constants). A leaf: it imports nothing of the
game, so the UI, the facilitator's report and the batch charts all draw from it."""
