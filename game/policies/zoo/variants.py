"""Balanced with one habit changed: an action dropped, added, timed or aimed differently.

Each is a transform of the current `balanced` (see transforms.py), so what a strategy
changes is written once and read in one line of the registry.
"""

import numpy as np
import numpy.typing as npt

from game.model.observe import Observation
from game.model.params import Params
from game.model.state import ACCEPTED, OPEN
from game.policies.allocate import max_overtime_uses, waiting_for_signoff
from game.policies.zoo.plans import PEOPLE_JOBS, action_of, turns_left
from game.policies.zoo.transforms import (
    Extra,
    Policy,
    balanced,
    named,
    no_people,
    only_with,
    phased,
    plus,
    without,
)

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]

LATE_ESCALATION = 4  # weeks before the deadline from which stuck sign-offs are escalated
SPRINT = 3  # weeks of overtime just before the deadline
HEAVY_TESTING = 3.0  # testing points a week
UNCLEAR = 0.7  # a package the team understands less than this is unclear
UNCLEAR_BUILT = 0.25  # share of an unclear package built before it is worth testing


def _column(n: int, uses: npt.ArrayLike) -> F64:
    """Uses of a project-wide action as a (N, 1) array, from a number or one per game."""
    return np.broadcast_to(np.asarray(uses, dtype=np.float64), (n,))[:, None].copy()


def escalate_waiting(late: bool) -> Extra:
    """Escalate every stakeholder with a sign-off waiting (late: only near the deadline)."""

    def extra(obs: Observation, params: Params) -> list[tuple[int | None, F64]]:
        who = waiting_for_signoff(obs, params)
        if late:
            who &= (turns_left(obs, params) <= LATE_ESCALATION)[:, None]
        return [(action_of(params, "escalate"), who.astype(np.float64))]

    return extra


def overtime(weeks: int | None) -> Extra:
    """The most overtime allowed (weeks: only in that many weeks before the deadline)."""

    def extra(obs: Observation, params: Params) -> list[tuple[int | None, F64]]:
        action = action_of(params, "overtime")
        if action is None:
            return []
        now = np.ones(obs.turn.shape[0], dtype=np.bool_)
        if weeks is not None:
            left = turns_left(obs, params)
            now = (left >= 1) & (left <= weeks)
        return [(action, _column(obs.turn.shape[0], max_overtime_uses(params, action) * now))]

    return extra


def project_points(job: str, points: float) -> Extra:
    """About `points` points of a project-wide job every week (at least one use)."""

    def extra(obs: Observation, params: Params) -> list[tuple[int | None, F64]]:
        action = action_of(params, job)
        if action is None:
            return []
        uses = max(1.0, float(np.round(points / params.action_cost[action])))
        return [(action, _column(obs.turn.shape[0], uses))]

    return extra


def favours_for_waiting(obs: Observation, params: Params) -> list[tuple[int | None, F64]]:
    """A favour from everyone with a sign-off waiting, trusted enough or not."""
    return [(action_of(params, "favour"), waiting_for_signoff(obs, params).astype(np.float64))]


def testing_after_unclear(obs: Observation, params: Params) -> list[tuple[int | None, F64]]:
    """One use of testing while unclear work is being built or awaits sign-off, or rework
    has turned up in open work.

    The signal: a package the team still understands poorly (its clarity below UNCLEAR) is
    at least UNCLEAR_BUILT built by IT's count and not yet signed off, or an open package
    has had rework found or a rejection.
    """
    pending = obs.package_status != ACCEPTED
    built = obs.package_reported >= UNCLEAR_BUILT
    unclear = pending & built & (obs.package_clarity < UNCLEAR)
    trouble = (obs.package_status == OPEN) & ((obs.rework_found > 0) | (obs.rejections > 0))
    signal = (unclear | trouble).any(axis=1)
    return [(action_of(params, "testing"), _column(obs.turn.shape[0], 1.0 * signal))]


def most_influential(params: Params) -> B8:
    """The more influential half of the stakeholders (ties: the first listed), (S,)."""
    s = params.n_stakeholders
    top = np.argsort(-params.influence, kind="stable")[: (s + 1) // 2]
    chosen = np.zeros(s, dtype=np.bool_)
    chosen[top] = True
    return chosen


def _v(name: str, doc: str, policy: Policy) -> tuple[str, Policy]:
    return name, named(name, doc, policy)


def _lean() -> Policy:
    """Check-ins and workshops by balanced's rules, nothing else; late escalation."""
    others = [job for job in PEOPLE_JOBS if job not in ("check_in", "workshop")]
    stripped = without(*others, "quality", "testing", "overtime", "steering")(balanced)
    return plus(escalate_waiting(late=True), at_least=True)(stripped)


VARIANTS: dict[str, Policy] = dict(
    [
        _v(
            "late_escalation",
            "Balanced, plus escalating every stuck sign-off from 4 weeks before the deadline.",
            plus(escalate_waiting(late=True), at_least=True)(balanced),
        ),
        _v(
            "escalation_heavy",
            "Balanced, plus escalating every sign-off that has waited a week, all game long.",
            plus(escalate_waiting(late=False), at_least=True)(balanced),
        ),
        _v(
            "lean",
            "Only balanced's check-ins and workshops (no demos, resets, quality or testing);"
            " stuck sign-offs escalated late.",
            _lean(),
        ),
        _v(
            "most_influential_only",
            "Balanced's relationship work, but only with the more influential half.",
            only_with(most_influential)(balanced),
        ),
        _v(
            "overtime_sprint",
            "Balanced, plus the most overtime allowed in the 3 weeks before the deadline.",
            plus(overtime(SPRINT))(balanced),
        ),
        _v(
            "sustained_overtime",
            "Balanced, plus the most overtime allowed every week.",
            plus(overtime(None))(balanced),
        ),
        _v(
            "no_quality_work",
            "Balanced with its quality and testing points moved to building.",
            without("quality", "testing")(balanced),
        ),
        _v(
            "heavy_testing",
            "Balanced, plus 3 testing points every week.",
            plus(project_points("testing", HEAVY_TESTING))(balanced),
        ),
        _v(
            "test_after_unclear",
            "Never-test balanced, plus a test while unclear work is built or rework turns up.",
            plus(testing_after_unclear)(without("testing")(balanced)),
        ),
        _v(
            "never_test",
            "Balanced with its testing points moved to building.",
            without("testing")(balanced),
        ),
        _v(
            "relationships_first_half",
            "Balanced in the first half of the schedule, then no relationship work at all.",
            phased(balanced, no_people(balanced)),
        ),
        _v(
            "relationships_last_half",
            "No relationship work in the first half of the schedule, balanced after.",
            phased(no_people(balanced), balanced),
        ),
        _v(
            "favour_heavy",
            "Balanced, plus a favour from everyone with a sign-off waiting, trusted or not.",
            plus(favours_for_waiting, at_least=True)(balanced),
        ),
        _v(
            "no_favours",
            "Balanced with its favours moved to building.",
            without("favour")(balanced),
        ),
        _v("no_demos", "Balanced with its demos moved to building.", without("demo")(balanced)),
        _v("no_resets", "Balanced with its resets moved to building.", without("reset")(balanced)),
        _v(
            "no_check_ins",
            "Balanced with its check-ins moved to building.",
            without("check_in")(balanced),
        ),
        _v(
            "no_workshops",
            "Balanced with its workshops moved to building.",
            without("workshop")(balanced),
        ),
        _v(
            "no_steering",
            "Balanced with its steering updates moved to building.",
            without("steering")(balanced),
        ),
        _v(
            "steering_every_week",
            "Balanced, plus a steering update to the sponsor every week.",
            plus(project_points("steering", 1.0), at_least=True)(balanced),
        ),
    ]
)
