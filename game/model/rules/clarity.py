"""Requirement clarity per package: raised by talking and by demos, lost to neglect."""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import CoefRow, Params
from game.model.rules.intensity import Intensity, saturated
from game.model.scalar import clip, maximum
from game.model.state import OPEN, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


def update_clarity(state: State, params: Params, acts: Intensity, demo: F64, expert: B8) -> None:
    """Workshops clarify in proportion to trust, up to the talk ceiling, and less where
    friction makes the owner hold back; seeing a demo clarifies beyond it, and so does
    an expert the owner lends as a favour; a neglected owner's needs drift away.

    `demo` is each stakeholder's demo strength this turn (N, S); `expert` marks the
    owners who lend an expert this turn (N, S).
    """
    _update_clarity(
        state.done,
        state.clarity,
        state.trust,
        state.friction,
        state.since_contact,
        state.status,
        state.correct,
        state.hidden,
        acts.stakeholder[Channel.CLARIFY],
        acts.stakeholder[Channel.ESCALATE],
        demo,
        expert,
        params.owner,
        params.coef_row,
    )


@kernel(
    "void(b1[::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], i8[:, ::1], i8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], f8[:, ::1], b1[:, ::1], i8[::1], CoefRow)"
)
def _update_clarity(
    ended: B8,
    clarity: F64,
    trust: F64,
    friction: F64,
    since_contact: I64,
    status: I64,
    correct: F64,
    hidden: F64,
    clarify: F64,
    escalate: F64,
    demo: F64,
    expert: B8,
    owner: I64,
    coef: CoefRow,
) -> None:
    c = coef[0]
    n, p = clarity.shape
    # Per owner, not per package: expm1 costs more than the rest of a package's update.
    talks = np.empty(trust.shape[1])
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for o in range(talks.shape[0]):
            talks[o] = saturated(clarify[g, o]) * (1.0 - c.friction_clarify * friction[g, o])
        for k in range(p):
            o = owner[k]
            owner_trust = trust[g, o]
            talk = talks[o]
            x = clarity[g, k]
            x = x + c.clarify_rate * talk * owner_trust * maximum(c.talk_ceiling - x, 0.0)
            something_built = (correct[g, k] + hidden[g, k]) > 0
            x = x + c.demo_clarity * demo[g, o] * owner_trust * (1.0 - x) * something_built
            still_open = status[g, k] == OPEN
            x = x + c.favour_clarity * expert[g, o] * (1.0 - x) * still_open
            # Over their head, the sponsor makes them decide what they need: clearer,
            # whatever trust.
            forced = escalate[g, o] > 0
            x = x + c.escalate_clarity * forced * maximum(c.talk_ceiling - x, 0.0) * still_open
            # A week or so without contact is normal; after that needs drift away unheard.
            neglect = clip((since_contact[g, o] - 1.0) / c.neglect_ref, 0.0, 1.0)
            x = x - c.clarity_drift * x * neglect
            clarity[g, k] = clip(x, 0.0, 1.0)
