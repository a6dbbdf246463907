"""Friction: "they make it harder than it has to be", a stock per stakeholder.

Positional power and defects that reach the business both leave it behind, and it
fades only slowly: an escalation that forced one sign-off still slows the next,
cools the next workshop and colours the final verdict, when the game is scored.
"""

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import CoefRow, Params, owned_share
from game.model.rules.intensity import Intensity, saturated
from game.model.scalar import clip
from game.model.state import State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


def update_friction(
    state: State,
    params: Params,
    acts: Intensity,
    defects_met: F64,
    fair: B8,
    idle: B8,
) -> None:
    """Fade last turn's friction, then add this turn's force, the defects they met and the
    requirements workshops held with people who had nothing left to specify.

    `defects_met` is the hidden rework the business found this turn, per package (N, P);
    `fair` (N, S) marks where an escalation is a fair last resort (rules/signoff.py): it
    leaves `escalate_fair_relief` less friction behind; `idle` marks the stakeholders with
    no open package at the start of the turn (N, S).
    """
    _update_friction(
        state.done,
        state.friction,
        acts.stakeholder[Channel.ESCALATE],
        acts.stakeholder[Channel.CLARIFY],
        owned_share(defects_met, params),
        fair,
        idle,
        params.coef_row,
    )


@kernel(
    "void(b1[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], b1[:, ::1], b1[:, ::1], CoefRow)"
)
def _update_friction(
    ended: B8,
    friction: F64,
    escalate: F64,
    clarify: F64,
    defects_met: F64,
    fair: B8,
    idle: B8,
    coef: CoefRow,
) -> None:
    c = coef[0]
    n, s = friction.shape
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(s):
            x = friction[g, k] * (1.0 - c.friction_decay)
            forced = (escalate[g, k] > 0) * (1.0 - c.escalate_fair_relief * fair[g, k])
            x = x + c.escalate_friction * (1.0 - x) * forced
            x = x + c.defect_friction * defects_met[g, k]
            # A workshop about work already handed over takes their people's time for
            # nothing: process imposed on them, remembered like any other.
            pointless = saturated(clarify[g, k]) * idle[g, k]
            x = x + c.idle_workshop_friction * (1.0 - x) * pointless
            friction[g, k] = clip(x, 0.0, 1.0)
