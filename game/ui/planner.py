"""The week's plan as the player builds it: points per action and target, within the rules.

This holds no rule of its own: capacity and overtime come from the model's plan
functions (the same ones that validate the plan), and the session plays the
array. It only refuses clicks the model would refuse anyway, so the player never
meets a PlanError.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.i18n import number, tr, trn
from game.model import Channel, Observation, Params
from game.model.plan import overtime_points, regular_points
from game.scenario.schema import Scenario
from game.ui.people import first_name

F64 = npt.NDArray[np.float64]
_EPS = 1e-9


@dataclass(frozen=True)
class Row:
    """One line of the planner: an action aimed at one target."""

    action: int
    target: int
    section: str  # "build", "people" or "project"
    label: str
    tooltip: str


class Planner:
    """Points the player has put on each (action, target) this turn."""

    def __init__(self, scenario: Scenario, params: Params, seen: Observation) -> None:
        self.scenario, self.params, self.seen = scenario, params, seen
        self.plan: F64 = np.zeros((params.n_actions, params.n_targets))
        self.capacity = float(seen.capacity[0])

    # --- what the rules allow ------------------------------------------------------------
    def totals(self) -> F64:
        """Points per action, shaped (1, A) like the model's batch of one."""
        totals: F64 = self.plan.sum(axis=1)[None, :]
        return totals

    def overtime(self) -> float:
        """Extra points bought this turn with overtime actions."""
        return float(overtime_points(self.totals(), self.params)[0])

    def spent(self) -> float:
        return float(regular_points(self.totals(), self.params)[0])

    def left(self) -> float:
        return self.capacity + self.overtime() - self.spent()

    def is_overtime(self, a: int) -> bool:
        return bool(self.params.action_effect[a, Channel.OVERTIME] > 0)

    def cost(self, a: int) -> float:
        return float(self.params.action_cost[a])

    def can_add(self, row: Row) -> bool:
        if row.section == "build" and not self.seen.buildable[0, row.target]:
            return False
        if self.is_overtime(row.action):
            per_use = float(self.params.action_effect[row.action, Channel.OVERTIME])
            return self.overtime() + per_use <= self.params.max_overtime + _EPS
        return self.left() + _EPS >= self.cost(row.action)

    def can_remove(self, row: Row) -> bool:
        if self.plan[row.action, row.target] <= 0:
            return False
        if self.is_overtime(row.action):
            # Dropping overtime must not leave more points spent than the team has.
            per_use = float(self.params.action_effect[row.action, Channel.OVERTIME])
            return self.left() - per_use >= -_EPS
        return True

    def add(self, row: Row) -> bool:
        if not self.can_add(row):
            return False
        self.plan[row.action, row.target] += self.cost(row.action)
        return True

    def remove(self, row: Row) -> bool:
        if not self.can_remove(row):
            return False
        self.plan[row.action, row.target] -= self.cost(row.action)
        return True

    def points(self, row: Row) -> float:
        return float(self.plan[row.action, row.target])

    def set_plan(self, plan: F64) -> None:
        """Take a whole plan (e.g. a policy's); the caller vouches that it is legal."""
        self.plan = np.array(plan, dtype=np.float64).reshape(self.plan.shape)

    def split(self) -> tuple[float, float, float]:
        """Points on building, on people and on the project (overtime not counted)."""
        kinds = [a.target for a in self.scenario.actions]
        totals = self.plan.sum(axis=1)
        build = sum(t for t, k in zip(totals, kinds, strict=True) if k == "package")
        people = sum(t for t, k in zip(totals, kinds, strict=True) if k == "stakeholder")
        project = sum(
            t
            for a, (t, k) in enumerate(zip(totals, kinds, strict=True))
            if k == "project" and not self.is_overtime(a)
        )
        return float(build), float(people), float(project)

    # --- the rows ------------------------------------------------------------------------
    def build_rows(self) -> list[Row]:
        """A row per package-action and open package that can be built now."""
        rows = []
        for a, action in enumerate(self.scenario.actions):
            if action.target != "package":
                continue
            for p, package in enumerate(self.scenario.packages):
                if self.seen.buildable[0, p] or self.plan[a, p] > 0:
                    tip = tr("planner.tip.cost", what=action.description, cost=_points(action.cost))
                    rows.append(Row(a, p, "build", package.title, tip))
        return rows

    def people_rows(self, s: int) -> list[Row]:
        """The relationship actions aimed at stakeholder `s`."""
        name = first_name(self.scenario, s)
        return [
            Row(
                a,
                s,
                "people",
                action.label,
                tr(
                    "planner.tip.person",
                    what=action.description,
                    name=name,
                    cost=_points(action.cost),
                ),
            )
            for a, action in enumerate(self.scenario.actions)
            if action.target == "stakeholder"
        ]

    def project_rows(self) -> list[Row]:
        rows = []
        for a, action in enumerate(self.scenario.actions):
            if action.target != "project":
                continue
            if self.is_overtime(a):
                extra = self.params.action_effect[a, Channel.OVERTIME]
                tip = tr(
                    "planner.tip.overtime",
                    what=action.description,
                    extra=number(extra),
                    most=number(self.params.max_overtime),
                )
            else:
                tip = tr("planner.tip.cost", what=action.description, cost=_points(action.cost))
            rows.append(Row(a, 0, "project", action.label, tip))
        return rows


def _points(n: float) -> str:
    """'1 point', '2 points'."""
    return trn("planner.points", n)
