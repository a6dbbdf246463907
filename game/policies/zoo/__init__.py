"""The strategy zoo: cynical strategies that look for holes in a scenario's lesson.

Each strategy is a vectorised policy, `(Observation, Params) -> plan (N, A, T)`, that finds
its actions by job through the catalogue, so it plays any scenario; a job the scenario lacks
is skipped and its points are built. Families:

- spam (`SPAM`): balanced's relationship budget on one action every week;
- fixed rotas: the same relationship work every week, whatever the board shows;
- variants: balanced with one habit dropped, added, timed or aimed differently;
- `first_timer`: a newcomer following the tutorial's briefing.

`run_game.py balance` and `validate --check-balance` play them against balanced on shared
games (game.batch.zoo) and flag any that do too well: a hole in the lesson.
"""

from game.policies.zoo.newcomer import first_timer
from game.policies.zoo.rotas import ROTAS
from game.policies.zoo.spam import SPAM, SPAM_POLICIES
from game.policies.zoo.transforms import Policy, balanced, named, no_people, phased, plus, without
from game.policies.zoo.variants import VARIANTS

ZOO: dict[str, Policy] = {**SPAM_POLICIES, **ROTAS, **VARIANTS, "first_timer": first_timer}
"""Every zoo strategy by name."""

STATE_BLIND: frozenset[str] = frozenset(ROTAS) | frozenset(SPAM_POLICIES)
"""Strategies whose non-build work ignores the board (it depends on the week alone)."""


def describe(name: str) -> str:
    """The strategy's one-line description (the first line of its docstring)."""
    doc = ZOO[name].__doc__ or ""
    return " ".join(doc.strip().split("\n\n")[0].split())


__all__ = [
    "SPAM",
    "STATE_BLIND",
    "ZOO",
    "Policy",
    "balanced",
    "describe",
    "named",
    "no_people",
    "phased",
    "plus",
    "without",
]
