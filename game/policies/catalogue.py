"""Find a scenario's actions by what they do, so policies work on any catalogue."""

import weakref
from dataclasses import dataclass

import numpy as np

from game.model.channels import Channel, Target
from game.model.params import Params


@dataclass(frozen=True)
class Catalogue:
    """Index of the action that is best per point at each job, or None if absent."""

    build: int
    check_in: int | None
    workshop: int | None
    demo: int | None
    reset: int | None
    favour: int | None
    escalate: int | None
    quality: int | None
    testing: int | None
    overtime: int | None
    steering: int | None

    def cost(self, params: Params, action: int | None) -> int:
        return 0 if action is None else int(params.action_cost[action])


def _best(params: Params, channel: Channel, target: Target) -> int | None:
    per_point = params.action_effect[:, channel] / params.action_cost
    candidates = (params.action_target == target) & (per_point > 0)
    if not candidates.any():
        return None
    # Prefer the action most dedicated to this channel (its share of all its effects).
    purity = params.action_effect[:, channel] / np.maximum(params.action_effect.sum(axis=1), 1e-12)
    score = np.where(candidates, per_point * purity, -np.inf)
    return int(np.argmax(score))


_CACHE: dict[int, Catalogue] = {}


def catalogue(params: Params) -> Catalogue:
    """Look the jobs up in `params`' action catalogue (once per Params object)."""
    key = id(params)
    if key not in _CACHE:
        _CACHE[key] = _look_up(params)
        # Forget the entry when the Params go, so a later object with the same id is not served.
        weakref.finalize(params, _CACHE.pop, key, None)
    return _CACHE[key]


def _look_up(params: Params) -> Catalogue:
    build = _best(params, Channel.BUILD, Target.PACKAGE)
    if build is None:
        raise ValueError("the scenario has no build action")
    return Catalogue(
        build=build,
        check_in=_best(params, Channel.TRUST, Target.STAKEHOLDER),
        workshop=_best(params, Channel.CLARIFY, Target.STAKEHOLDER),
        demo=_best(params, Channel.DEMO, Target.STAKEHOLDER),
        reset=_best(params, Channel.RESET, Target.STAKEHOLDER),
        favour=_best(params, Channel.FAVOUR, Target.STAKEHOLDER),
        escalate=_best(params, Channel.ESCALATE, Target.STAKEHOLDER),
        quality=_best(params, Channel.QUALITY, Target.PROJECT),
        testing=_best(params, Channel.TESTING, Target.PROJECT),
        overtime=_best(params, Channel.OVERTIME, Target.PROJECT),
        steering=_best(params, Channel.SPONSOR, Target.PROJECT),
    )
