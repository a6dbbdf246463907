"""Trust: built slowly by contact, lost fast by neglect, unmet expectations and force."""

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import Coefficients, CoefRow, Params, owners_with
from game.model.rules.attribution import apportion
from game.model.rules.intensity import Intensity, saturated
from game.model.scalar import clip, maximum, minimum, row_sum
from game.model.state import AWAITING, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


class TrustTerm(IntEnum):
    """The terms of the trust rules: what a turn's change of trust is made of
    (TurnLog.trust_parts, last axis)."""

    NEWS = 0  # an event (rules/events.py)
    CONTACT = 1  # time with them builds trust towards its ceiling
    NEGLECT = 2  # out of contact, trust erodes, faster the longer it lasts
    UNMET = 3  # they expect more than they have seen working
    FAVOUR = 4  # a favour spends trust
    ESCALATION = 5  # the team went over their head
    WITNESSED = 6  # the team went over a colleague's head: who is next?
    RESET = 7  # an honest talk about expectations costs a little trust
    REJECTION = 8  # they rejected a package of theirs (and the ceiling fell)
    SIGNOFF = 9  # they signed a package off


N_TRUST_TERMS = len(TrustTerm)


def favour_granted(state: State, params: Params, acts: Intensity) -> B8:
    """A favour is granted where there is capital to spend (N, S).

    With a sign-off waiting it buys a quick, fair decision (rules/signoff.py);
    otherwise the owner lends an expert to the team (rules/clarity.py).
    """
    asked = acts.stakeholder[Channel.FAVOUR] > 0
    granted: B8 = asked & (state.trust >= params.coef.favour_min_trust)
    return granted


def waiting_for_signoff(state: State, params: Params) -> B8:
    """Stakeholders with a package awaiting their sign-off (N, S)."""
    return owners_with(state.status == AWAITING, params)


def update_trust(state: State, params: Params, acts: Intensity, granted: B8, fair: B8) -> F64:
    """Apply contact, neglect, unmet expectations and spent capital to trust (N, S).

    `fair` (N, S) marks where an escalation is a fair last resort (rules/signoff.py):
    it costs the person and the witnesses `escalate_fair_relief` less trust.

    Returns the change's parts (N, S, N_TRUST_TERMS), for the players' "why".
    """
    trust = state.trust.copy()
    parts = np.zeros((*trust.shape, N_TRUST_TERMS))
    _update_trust(
        state.done,
        state.trust,
        state.ceiling,
        state.since_contact,
        state.expectation,
        state.seen,
        acts.stakeholder[Channel.TRUST],
        acts.stakeholder[Channel.ESCALATE],
        acts.stakeholder[Channel.RESET],
        acts.contacted,
        granted,
        fair,
        params.build_rate,
        params.erosion_rate,
        params.patience,
        params.coef_row,
        parts,
    )
    return apportion(parts, state.trust - trust)


@kernel(
    "void(b1[::1],"
    " f8[:, ::1], f8[:, ::1], i8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], b1[:, ::1], b1[:, ::1], b1[:, ::1], f8[::1], f8[::1], f8[::1], CoefRow,"
    " f8[:, :, ::1])"
)
def _update_trust(
    ended: B8,
    trust: F64,
    ceiling: F64,
    since_contact: I64,
    expectation: F64,
    seen: F64,
    contact: F64,
    escalate: F64,
    reset: F64,
    contacted: B8,
    granted: B8,
    fair: B8,
    build_rate: F64,
    erosion_rate: F64,
    patience: F64,
    coef: CoefRow,
    parts: F64,
) -> None:
    c = coef[0]
    n, s = trust.shape
    weight = np.empty(s)
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(s):
            # A fair last resort (a sign-off held up far too long) is seen as fair process.
            weight[k] = (escalate[g, k] > 0) * (1.0 - c.escalate_fair_relief * fair[g, k])
        overruled = row_sum(weight)
        for k in range(s):
            was = trust[g, k]
            gain = build_rate[k] * saturated(contact[g, k]) * maximum(ceiling[g, k] - was, 0.0)
            neglect = minimum(1.0 + c.neglect_growth * since_contact[g, k], c.neglect_cap)
            impatience = 1.5 - patience[k]
            erosion = erosion_rate[k] * impatience * was * neglect * (not contacted[g, k])
            unmet = maximum(expectation[g, k] - seen[g, k] - tolerance_of(patience[k], c), 0.0)
            disappointment = c.gap_erosion * unmet * was
            spent = c.favour_trust_cost * granted[g, k]
            forced = c.escalate_trust_cost * was * weight[k]
            # The other departments see it too: who is next to be overruled?
            witnessed = c.escalate_witness_cost * was * minimum(overruled - weight[k], 2.0)
            resets = c.reset_trust_cost * was * saturated(reset[g, k])
            updated = was + gain - erosion - disappointment - spent - forced - witnessed - resets
            trust[g, k] = clip(updated, c.trust_floor, ceiling[g, k])
            since_contact[g, k] = 0 if contacted[g, k] else since_contact[g, k] + 1
            parts[g, k, TrustTerm.CONTACT] = gain
            parts[g, k, TrustTerm.NEGLECT] = -erosion
            parts[g, k, TrustTerm.UNMET] = -disappointment
            parts[g, k, TrustTerm.FAVOUR] = -spent
            parts[g, k, TrustTerm.ESCALATION] = -forced
            parts[g, k, TrustTerm.WITNESSED] = -witnessed
            parts[g, k, TrustTerm.RESET] = -resets


def tolerance(params: Params) -> F64:
    """How far expectations may run ahead of delivery before it hurts (S,)."""
    return np.array([tolerance_of(patience, params.coef_row[0]) for patience in params.patience])


@kernel("f8(f8, Coef)")
def tolerance_of(patience: float, c: Coefficients) -> float:
    """`tolerance` of one stakeholder of this patience (for kernels)."""
    return c.tolerance * (0.5 + patience)


def react_to_signoffs(state: State, params: Params, accepted: F64, rejected: F64) -> F64:
    """Trust after hand-overs: a rejection hurts and lowers the ceiling, an acceptance helps.

    `accepted` and `rejected` count packages per stakeholder this turn (N, S). Returns
    the change's parts (N, S, N_TRUST_TERMS).
    """
    trust = state.trust.copy()
    parts = np.zeros((*trust.shape, N_TRUST_TERMS))
    _react(state.done, state.trust, state.ceiling, accepted, rejected, params.coef_row, parts)
    # Trust above a ceiling the rejection lowered falls to it: that too is the rejection.
    return apportion(parts, state.trust - trust, residual_to=TrustTerm.REJECTION)


@kernel("void(b1[::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], f8[:, ::1], CoefRow, f8[:, :, ::1])")
def _react(
    ended: B8, trust: F64, ceiling: F64, accepted: F64, rejected: F64, coef: CoefRow, parts: F64
) -> None:
    c = coef[0]
    n, s = trust.shape
    for g in range(n):
        if ended[g]:
            continue  # a game that had ended stays as it was
        for k in range(s):
            lowered = ceiling[g, k] - c.reject_ceiling_hit * rejected[g, k]
            ceiling[g, k] = clip(lowered, c.ceiling_floor, 1.0)
            hit = c.reject_trust_hit * trust[g, k] * minimum(rejected[g, k], 1.0)
            lift = c.accept_trust_gain * maximum(ceiling[g, k] - trust[g, k], 0.0)
            lift *= minimum(accepted[g, k], 1.0)
            trust[g, k] = clip(trust[g, k] - hit + lift, c.trust_floor, ceiling[g, k])
            parts[g, k, TrustTerm.REJECTION] = -hit
            parts[g, k, TrustTerm.SIGNOFF] = lift
