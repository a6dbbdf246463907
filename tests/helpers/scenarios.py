"""Shipped scenarios, parsed once per test process, and small scenario texts tests write out."""

from functools import cache

from game.model import Params
from game.scenario.loader import load, shipped_ids
from game.scenario.schema import Scenario

SHIPPED = shipped_ids()


@cache
def loaded(ref: str) -> tuple[Scenario, Params]:
    """Each shipped scenario is parsed once per test process (each xdist worker is one)."""
    return load(ref)


# crm-rollout where building, overtime and testing cost more than one point, and overtime
# comes in parts of a point: plans must still be whole uses within the limits.
DEAR_ACTIONS = (
    "extends: crm-rollout\nid: dear\n"
    "team: {capacity: 11, max_overtime: 1.5}\n"
    "actions:\n"
    "  - id: build\n    cost: 2\n    effects: {build: 1.5}\n"
    "  - id: overtime\n    cost: 2\n    effects: {overtime: 0.75}\n"
    "  - id: testing\n    cost: 3\n"
)

# Relationships do nothing here: clarity has no effect on rework, trust none on sign-off,
# rejection, satisfaction or escalation, and nobody minds distance, misunderstanding or a
# gap between what they expect and what they see. Building flat out must be what pays.
BROKEN = """extends: crm-rollout
id: broken
model:
  fcc_base: 0.8
  fcc_clarity: 0.0
  signoff_base: 0.6
  signoff_trust: 0.0
  reject_trust_soften: 0.0
  gap_erosion: 0.0
  sat_trust: 0.0
  sat_gap: 0.0
  sat_distance: 0.0
  sat_unclear: 0.0
  escalation_rate: 0.0
"""
