"""Requirement clarity per package: raised by talking and by demos, lost to neglect."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.params import Params
from game.model.rules.intensity import Intensity
from game.model.state import State

F64 = npt.NDArray[np.float64]


def update_clarity(state: State, params: Params, acts: Intensity, demo: F64) -> None:
    """Workshops clarify in proportion to trust, up to the talk ceiling; seeing a demo
    clarifies beyond it; a neglected owner's needs drift away from what IT knows.

    `demo` is each stakeholder's demo strength this turn (N, S).
    """
    c = params.coef
    owner = params.owner
    owner_trust = state.trust[:, owner]
    talk = acts.saturated(Channel.CLARIFY)[:, owner]
    x = state.clarity
    x = x + c.clarify_rate * talk * owner_trust * np.maximum(c.talk_ceiling - x, 0.0)
    something_built = (state.correct + state.hidden) > 0
    x = x + c.demo_clarity * demo[:, owner] * owner_trust * (1.0 - x) * something_built
    # A week or so without contact is normal; after that needs drift away unheard.
    neglect = np.clip((state.since_contact[:, owner] - 1.0) / c.neglect_ref, 0.0, 1.0)
    x = x - c.clarity_drift * x * neglect
    state.clarity = np.clip(x, 0.0, 1.0)
