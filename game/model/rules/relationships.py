"""Trust: built slowly by contact, lost fast by neglect, unmet expectations and force."""

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel
from game.model.compiled import kernel
from game.model.params import Coefficients, Params, owner_sum
from game.model.rules.attribution import apportion
from game.model.rules.intensity import Intensity
from game.model.state import AWAITING, State

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


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
    result: B8 = owner_sum((state.status == AWAITING).astype(np.float64), params) > 0
    return result


def update_trust(state: State, params: Params, acts: Intensity, granted: B8, fair: B8) -> F64:
    """Apply contact, neglect, unmet expectations and spent capital to trust (N, S).

    `fair` (N, S) marks where an escalation is a fair last resort (rules/signoff.py):
    it costs the person and the witnesses `escalate_fair_relief` less trust.

    Returns the change's parts (N, S, N_TRUST_TERMS), for the players' "why".
    """
    c = params.coef
    trust = state.trust
    contact = acts.saturated(Channel.TRUST)
    gain = params.build_rate * contact * np.maximum(state.ceiling - trust, 0.0)
    neglect_multiplier = np.minimum(1.0 + c.neglect_growth * state.since_contact, c.neglect_cap)
    impatience = 1.5 - params.patience
    erosion = params.erosion_rate * impatience * trust * neglect_multiplier * ~acts.contacted
    unmet = np.maximum(state.expectation - state.seen - tolerance(params), 0.0)
    disappointment = c.gap_erosion * unmet * trust
    spent = c.favour_trust_cost * granted
    escalated = acts.stakeholder[Channel.ESCALATE] > 0
    # A fair last resort (a sign-off held up far too long) is seen as fair process.
    weight = escalated * (1.0 - c.escalate_fair_relief * fair)
    forced = c.escalate_trust_cost * trust * weight
    # The other departments see it too: who is next to be overruled?
    others = weight.sum(axis=1, keepdims=True) - weight
    witnessed = c.escalate_witness_cost * trust * np.minimum(others, 2)
    resets = c.reset_trust_cost * trust * acts.saturated(Channel.RESET)
    updated = trust + gain - erosion - disappointment - spent - forced - witnessed - resets
    state.trust = np.clip(updated, c.trust_floor, state.ceiling)
    state.since_contact = np.where(acts.contacted, 0, state.since_contact + 1)
    parts = np.zeros((*trust.shape, N_TRUST_TERMS))
    terms = {
        TrustTerm.CONTACT: gain,
        TrustTerm.NEGLECT: -erosion,
        TrustTerm.UNMET: -disappointment,
        TrustTerm.FAVOUR: -spent,
        TrustTerm.ESCALATION: -forced,
        TrustTerm.WITNESSED: -witnessed,
        TrustTerm.RESET: -resets,
    }
    for term, value in terms.items():
        parts[..., term] = value
    return apportion(parts, state.trust - trust)


def tolerance(params: Params) -> F64:
    """How far expectations may run ahead of delivery before it hurts (S,)."""
    return np.array([tolerance_of(patience, params.coef) for patience in params.patience])


@kernel("f8(f8, Coef)")
def tolerance_of(patience: float, c: Coefficients) -> float:
    """`tolerance` of one stakeholder of this patience (for kernels)."""
    return c.tolerance * (0.5 + patience)


def react_to_signoffs(state: State, params: Params, accepted: F64, rejected: F64) -> F64:
    """Trust after hand-overs: a rejection hurts and lowers the ceiling, an acceptance helps.

    `accepted` and `rejected` count packages per stakeholder this turn (N, S). Returns
    the change's parts (N, S, N_TRUST_TERMS).
    """
    c = params.coef
    trust = state.trust
    state.ceiling = np.clip(state.ceiling - c.reject_ceiling_hit * rejected, c.ceiling_floor, 1.0)
    hit = c.reject_trust_hit * state.trust * np.minimum(rejected, 1.0)
    lift = c.accept_trust_gain * np.maximum(state.ceiling - state.trust, 0.0)
    lift *= np.minimum(accepted, 1.0)
    state.trust = np.clip(state.trust - hit + lift, c.trust_floor, state.ceiling)
    parts = np.zeros((*trust.shape, N_TRUST_TERMS))
    parts[..., TrustTerm.REJECTION] = -hit
    parts[..., TrustTerm.SIGNOFF] = lift
    # Trust above a ceiling the rejection lowered falls to it: that too is the rejection.
    return apportion(parts, state.trust - trust, residual_to=TrustTerm.REJECTION)
