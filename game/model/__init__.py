"""The one model of Odd Duck, for N games (numpy, and numba for its compiled kernels).

Public API:
    new_state(params, game_ids, seed) -> State
    step(state, plan, params) -> (State, TurnLog)
    observe(state, params, made_by=turn_log or None) -> Observation
    validate_plan(plan, state or observation, params) -> (plan, points per action)
"""

from game.model.channels import CHANNELS, TARGET_KINDS, Channel, Target
from game.model.observe import Observation, observe
from game.model.params import Coefficients, EventTable, Params, Scoring
from game.model.plan import PlanError, PlanLimits, empty_plan, validate_plan
from game.model.score import Outcome, outcome
from game.model.start import new_state
from game.model.state import State
from game.model.step import TurnLog, step
from game.model.version import RULES_VERSION

__all__ = [
    "CHANNELS",
    "RULES_VERSION",
    "TARGET_KINDS",
    "Channel",
    "Coefficients",
    "EventTable",
    "Observation",
    "Outcome",
    "Params",
    "PlanError",
    "PlanLimits",
    "Scoring",
    "State",
    "Target",
    "TurnLog",
    "empty_plan",
    "new_state",
    "observe",
    "outcome",
    "step",
    "validate_plan",
]
