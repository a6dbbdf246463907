"""Requirement clarity per package: raised by talking and by demos, lost to neglect."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.params import Params
from game.model.rules.intensity import Intensity
from game.model.state import OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


def update_clarity(state: State, params: Params, acts: Intensity, demo: F64, expert: B8) -> None:
    """Workshops clarify in proportion to trust, up to the talk ceiling, and less where
    friction makes the owner hold back; seeing a demo clarifies beyond it, and so does
    an expert the owner lends as a favour; a neglected owner's needs drift away.

    `demo` is each stakeholder's demo strength this turn (N, S); `expert` marks the
    owners who lend an expert this turn (N, S).
    """
    c = params.coef
    owner = params.owner
    owner_trust = state.trust[:, owner]
    talk = acts.saturated(Channel.CLARIFY)[:, owner]
    talk = talk * (1.0 - c.friction_clarify * state.friction[:, owner])
    x = state.clarity
    x = x + c.clarify_rate * talk * owner_trust * np.maximum(c.talk_ceiling - x, 0.0)
    something_built = (state.correct + state.hidden) > 0
    x = x + c.demo_clarity * demo[:, owner] * owner_trust * (1.0 - x) * something_built
    x = x + c.favour_clarity * expert[:, owner] * (1.0 - x) * (state.status == OPEN)
    # Over their head, the sponsor makes them decide what they need: clearer, whatever trust.
    forced = acts.stakeholder[Channel.ESCALATE][:, owner] > 0
    x = x + c.escalate_clarity * forced * np.maximum(c.talk_ceiling - x, 0.0) * (
        state.status == OPEN
    )
    # A week or so without contact is normal; after that needs drift away unheard.
    neglect = np.clip((state.since_contact[:, owner] - 1.0) / c.neglect_ref, 0.0, 1.0)
    x = x - c.clarity_drift * x * neglect
    state.clarity = np.clip(x, 0.0, 1.0)
