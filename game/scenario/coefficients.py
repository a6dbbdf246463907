"""Model coefficients as a scenario states them, with documented defaults.

Each field is one number a rule in `game/model/rules/` reads; the description
says which rule and what raising it does. Defaults are the calibrated values
that the shipped scenarios rely on.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


def coef(default: float, description: str, ge: float = 0.0, le: float = 10.0) -> float:
    """A coefficient field with its range (pydantic turns this into a Field)."""
    value: float = Field(default, ge=ge, le=le, description=description)
    return value


Unit = Annotated[float, Field(ge=0.0, le=1.0)]


class ModelCoefficients(BaseModel):
    """Every coefficient of the model. Unset keys keep their defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    # trust (rules/relationships.py)
    trust_floor: float = coef(
        0.08, "Trust never falls below this (keeps neglect bad but playable).", le=0.5
    )
    neglect_growth: float = coef(0.5, "Erosion multiplier added per turn without contact.")
    neglect_cap: float = coef(2.5, "Cap on the neglect multiplier.", ge=1.0)
    gap_erosion: float = coef(0.2, "Trust lost per unit of expectation gap beyond tolerance.")
    reject_trust_hit: float = coef(
        0.15, "Share of trust lost when the owner rejects a package.", le=1.0
    )
    reject_ceiling_hit: float = coef(
        0.05, "Trust ceiling lost per rejection (reputation damage).", le=0.5
    )
    accept_trust_gain: float = coef(
        0.10, "Share of the way to the ceiling gained on an acceptance.", le=1.0
    )
    favour_trust_cost: float = coef(0.1, "Trust spent per favour called in.", le=1.0)
    favour_min_trust: float = coef(0.45, "Trust needed before a favour is granted.", le=1.0)
    escalate_trust_cost: float = coef(
        0.25, "Share of trust burnt by escalating over someone's head.", le=1.0
    )
    escalate_witness_cost: float = coef(
        0.06,
        "Share of trust every other stakeholder loses when they see someone escalated over.",
        le=1.0,
    )
    escalate_fair_wait: float = coef(
        3.0,
        "Turns a package must have waited for sign-off before escalating it is a fair last"
        " resort rather than a power play.",
        ge=1.0,
        le=50.0,
    )
    escalate_fair_relief: float = coef(
        0.75,
        "Share of an escalation's friction and trust costs spared when it is a fair last resort.",
        le=1.0,
    )
    escalate_fair_decide: float = coef(
        1.0,
        "Chance the sponsor decides an overdue sign-off escalated to them, whatever their support.",
        le=1.0,
    )
    ceiling_floor: float = coef(0.3, "Rejections never push the trust ceiling below this.", le=1.0)
    reset_trust_cost: float = coef(
        0.03, "Share of trust an expectation reset costs (bad news).", le=1.0
    )
    # friction (rules/friction.py): "they make it harder than it has to be"
    escalate_friction: float = coef(
        0.5, "Share of the way to full friction one escalation over someone's head adds.", le=1.0
    )
    defect_friction: float = coef(
        2.0, "Friction per unit of defect share the business finds (acceptance test, live use)."
    )
    idle_workshop_friction: float = coef(
        0.2,
        "Share of the way to full friction a full requirements workshop adds with someone who"
        " has nothing left to specify (no open package): their people's time taken for process.",
        le=1.0,
    )
    friction_decay: float = coef(0.04, "Share of friction forgotten per turn (slowly).", le=1.0)
    friction_signoff: float = coef(
        0.6, "Share of the sign-off chance lost at full friction (they take their time).", le=1.0
    )
    friction_clarify: float = coef(
        0.6, "Share of a workshop's effect lost at full friction (they hold back).", le=1.0
    )
    sat_friction: float = coef(0.8, "Satisfaction lost at full friction.")
    # clarity (rules/clarity.py)
    clarity_start: float = coef(0.62, "Starting clarity of a package of complexity 0.", le=1.0)
    complexity_clarity: float = coef(0.35, "Starting clarity lost per unit of complexity.", le=1.0)
    clarify_rate: float = coef(1.0, "Clarity gained by a saturated workshop at full trust.", le=1.0)
    talk_ceiling: float = coef(0.9, "Talking clarifies only up to here; demos go further.", le=1.0)
    demo_clarity: float = coef(
        0.35, "Share of the remaining unclarity a full demo removes.", le=1.0
    )
    clarity_drift: float = coef(0.08, "Share of clarity lost per turn at full neglect.", le=1.0)
    neglect_ref: float = coef(
        3.0, "Turns without contact until clarity drifts at full rate.", ge=1.0, le=50.0
    )
    reject_clarity_gain: float = coef(
        0.3, "Share of unclarity removed by hearing why a package was rejected.", le=1.0
    )
    favour_clarity: float = coef(
        0.12,
        "Share of unclarity an expert lent as a favour removes (when no sign-off waits).",
        le=1.0,
    )
    escalate_clarity: float = coef(
        0.4,
        "Share of the way to the talk ceiling a decision forced over someone's head clarifies.",
        le=1.0,
    )
    # building (rules/work.py)
    fcc_base: float = coef(
        0.4, "Fraction correct at zero clarity, before fatigue and quality.", le=1.0
    )
    fcc_clarity: float = coef(0.55, "Fraction correct added per unit of clarity.", le=1.0)
    fcc_fatigue: float = coef(0.25, "Fraction correct lost at full fatigue.", le=1.0)
    fcc_min: float = coef(0.2, "Lowest fraction correct.", le=1.0)
    fcc_max: float = coef(0.97, "Highest fraction correct.", le=1.0)
    fcc_noise: float = coef(0.05, "Half-width of the per-turn noise on fraction correct.", le=0.5)
    quality_gain: float = coef(0.15, "Fraction correct added by saturated quality effort.", le=0.5)
    productivity_noise: float = coef(
        0.15, "Half-width of the per-turn noise on productivity.", le=0.9
    )
    fatigue_productivity: float = coef(0.3, "Productivity lost at full fatigue.", le=1.0)
    done_threshold: float = coef(
        0.04, "A package is built when known work left is below this share of its size.", le=0.5
    )
    fatigue_slack: float = coef(
        0.2, "Fatigue a team shrugs off: only fatigue above it costs errors and speed.", le=0.9
    )
    # discovery (rules/discovery.py)
    discovery_base: float = coef(0.05, "Share of hidden rework found per turn early on.", le=1.0)
    discovery_progress: float = coef(
        0.35, "Extra discovery at full project progress (times progress squared).", le=1.0
    )
    discovery_max: float = coef(0.6, "Cap on the discovery rate.", le=1.0)
    testing_gain: float = coef(0.6, "Extra discovery from saturated testing effort.", le=1.0)
    testing_blind: float = coef(
        0.5,
        "Share of testing's finds lost per unit of unclarity: the team tests against what it"
        " understood, so a misunderstood need passes its tests (only the owner sees it).",
        le=1.0,
    )
    demo_discovery: float = coef(
        0.35, "Extra discovery on the owner's packages from a full demo.", le=1.0
    )
    discovery_noise: float = coef(0.3, "Half-width of the noise on the discovery rate.", le=0.9)
    late_cost: float = coef(1.5, "Rework cost multiplier is 1 + late_cost x completion squared.")
    live_find: float = coef(
        0.15,
        "Share of hidden rework in accepted packages the business finds per turn in use.",
        le=1.0,
    )
    # sign-off (rules/signoff.py)
    signoff_base: float = coef(
        0.08, "Chance per turn of a sign-off decision at zero trust.", le=1.0
    )
    signoff_trust: float = coef(0.75, "Extra chance per unit of owner trust.", le=1.0)
    favour_signoff: float = coef(0.9, "Chance of a decision when a favour is granted.", le=1.0)
    acceptance_find: float = coef(
        0.45, "Share of hidden rework the owner's acceptance test finds.", le=1.0
    )
    reject_scale: float = coef(2.5, "Rejection chance per unit of defect share found.", le=100.0)
    reject_trust_soften: float = coef(
        0.85, "How much trust softens a rejection (0: not at all).", le=1.0
    )
    reject_max: float = coef(0.9, "Cap on the rejection chance.", le=1.0)
    favour_fair: float = coef(
        0.6,
        "Share of the rejection chance a favoured, cooperative acceptance test removes.",
        le=1.0,
    )
    # expectations and satisfaction (rules/stakeholders.py)
    expectation_pace: float = coef(
        0.7, "Expected share done by the deadline (their mental schedule).", le=2.0
    )
    tolerance: float = coef(0.2, "Expectation gap tolerated at patience 0.5.", le=1.0)
    demo_show: float = coef(0.8, "Share of new true progress a full demo makes seen.", le=1.0)
    demo_expect: float = coef(
        0.3, "Share of the excess expectation a demo brings back to reality.", le=1.0
    )
    reset_rate: float = coef(0.5, "Share of the excess expectation a full reset removes.", le=1.0)
    reset_hype: float = coef(0.6, "Share of hype removed by a full expectation reset.", le=1.0)
    hype_decay: float = coef(0.08, "Share of hype that fades per turn.", le=1.0)
    demo_novelty: float = coef(
        0.1, "Share of new true progress at which a demo shows its full effect.", ge=0.01, le=1.0
    )
    sat_gap: float = coef(1.5, "Satisfaction per unit of (seen - expected + tolerance).")
    sat_trust: float = coef(0.8, "Satisfaction per unit of trust above 0.5.")
    sat_distance: float = coef(0.3, "Satisfaction lost when IT has been out of touch for long.")
    sat_unclear: float = coef(
        0.5, "Satisfaction lost when they feel misunderstood (unclear needs, rejections)."
    )
    hype_expect: float = coef(
        0.25, "Expectation added per turn per unit of hype (times hype susceptibility).", le=1.0
    )
    complaint_below: float = coef(
        0.45, "Satisfaction below which a stakeholder voices a complaint.", le=1.0
    )
    # escalation and sponsor (rules/stakeholders.py, rules/project.py)
    escalation_threshold: float = coef(
        0.25, "Satisfaction below which stakeholders may escalate.", ge=0.01, le=1.0
    )
    escalation_rate: float = coef(
        0.25, "Chance of escalating per turn at zero satisfaction and influence 1.", le=1.0
    )
    escalation_sponsor_hit: float = coef(
        0.06, "Sponsor support lost per escalation (times influence).", le=1.0
    )
    sponsor_delivery_gain: float = coef(0.3, "Sponsor support gained per share of value accepted.")
    sponsor_update_gain: float = coef(
        0.4, "Share of the missing sponsor support a steering update restores.", le=1.0
    )
    late_sponsor_drain: float = coef(
        0.04, "Sponsor support lost per turn past the deadline.", le=1.0
    )
    over_budget_drain: float = coef(0.03, "Sponsor support lost per turn over budget.", le=1.0)
    escalate_sponsor_cost: float = coef(
        0.04, "Sponsor support spent per escalation by the team.", le=1.0
    )
    escalate_sponsor_growth: float = coef(
        1.0, "Each earlier escalation by the team makes the next cost this much more support."
    )
    sponsor_fade: float = coef(
        0.025, "Sponsor support lost every turn: attention fades unless news renews it.", le=1.0
    )
    sponsor_comfort: float = coef(
        0.6, "Below this sponsor support the team is micromanaged (reports, checks).", le=1.0
    )
    sponsor_overhead: float = coef(
        0.3, "Share of build productivity lost to micromanagement at zero support.", le=1.0
    )
    # fatigue (rules/project.py)
    fatigue_gain: float = coef(0.6, "Fatigue per overtime point, relative to capacity.")
    fatigue_recovery: float = coef(
        0.25, "Share of fatigue that recovers in a turn without overtime.", le=1.0
    )
    # observation (observe.py)
    vague_after: float = coef(
        2.0, "Turns without contact after which a stakeholder's mood turns vague.", ge=1.0, le=50.0
    )
