"""The model's channels: what an action can do, and what it can be aimed at.

A scenario's action catalogue maps each action onto these channels, so a
facilitator can invent new actions ("team lunch", "steering committee") without
code, while every rule that reads a channel lives once in the model.
"""

from enum import IntEnum


class Channel(IntEnum):
    """Effect channels; an action's effects are weights on these, per use."""

    BUILD = 0  # build effort on a work package (points of work per use)
    TRUST = 1  # personal contact that builds trust
    CLARIFY = 2  # talking through requirements: raises clarity up to a ceiling
    DEMO = 3  # showing working software: clarity beyond the ceiling, seen delivery
    RESET = 4  # an honest expectation reset
    FAVOUR = 5  # call in a favour: spend trust for a quick, fair sign-off or a lent expert
    ESCALATE = 6  # positional power: force a decision over the stakeholder's head
    QUALITY = 7  # quality effort (reviews, pairing): raises the fraction correct
    TESTING = 8  # testing effort: finds hidden rework sooner
    OVERTIME = 9  # extra capacity this turn, paid for in fatigue and budget
    SPONSOR = 10  # a steering update to the sponsor


class Target(IntEnum):
    """What an action is aimed at."""

    PACKAGE = 0
    STAKEHOLDER = 1
    PROJECT = 2


CHANNELS: tuple[str, ...] = tuple(c.name.lower() for c in Channel)
TARGET_KINDS: tuple[str, ...] = tuple(t.name.lower() for t in Target)

# Which target kind each channel makes sense for; the scenario validator uses it
# to reject e.g. a "build" effect on a stakeholder action.
CHANNEL_TARGET: dict[Channel, Target] = {
    Channel.BUILD: Target.PACKAGE,
    Channel.TRUST: Target.STAKEHOLDER,
    Channel.CLARIFY: Target.STAKEHOLDER,
    Channel.DEMO: Target.STAKEHOLDER,
    Channel.RESET: Target.STAKEHOLDER,
    Channel.FAVOUR: Target.STAKEHOLDER,
    Channel.ESCALATE: Target.STAKEHOLDER,
    Channel.QUALITY: Target.PROJECT,
    Channel.TESTING: Target.PROJECT,
    Channel.OVERTIME: Target.PROJECT,
    Channel.SPONSOR: Target.PROJECT,
}

# Event effects that act on the whole project (columns of EventTable.project).
PROJECT_EFFECTS: tuple[str, ...] = ("hype", "sponsor", "fatigue", "budget", "capacity")

# State variables an event condition may test (EventTable.cond_var).
CONDITION_VARS: tuple[str, ...] = (
    "hype",
    "sponsor",
    "fatigue",
    "reported_progress",
    "true_progress",
    "budget_left",
    "trust",  # needs a stakeholder index
    "satisfaction",  # needs a stakeholder index
)
