"""The week's plan as the player builds it: points per action and target, within the rules.

This holds no rule of its own: whether a click is allowed is the model's own
validate_plan asked about the plan that click would make, against the player's
Observation (never the true State: the window sees what IT sees), and the points shown come
from the model's plan functions; the session plays the array. The one choice made
here is not to offer building a package that cannot take the work yet.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.i18n import number, tr, trn
from game.model import Channel, Observation, Params, PlanError, validate_plan
from game.model.plan import overtime_points, regular_points
from game.model.rules.intensity import point_split, resolve
from game.scenario.schema import Scenario
from game.ui.people import first_name

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Row:
    """One line of the planner: an action aimed at one target."""

    action: int
    target: int
    section: str  # "build", "people" or "project"
    label: str
    tooltip: str


def row_index(rows: list[Row], row: Row) -> int:
    """Where `row`'s (action, target) is in `rows`: its words may have changed since the
    row was laid out (the language, the points to go), the line it stands for has not."""
    return next(k for k, r in enumerate(rows) if (r.action, r.target) == (row.action, row.target))


class Planner:
    """Points the player has put on each (action, target) this turn."""

    def __init__(self, scenario: Scenario, params: Params, seen: Observation) -> None:
        self.scenario, self.params, self.seen = scenario, params, seen
        self.plan: F64 = np.zeros((params.n_actions, params.n_targets))
        self.capacity = float(seen.capacity[0])
        # Earlier plans of this turn, newest last: what Undo goes back to.
        self.history: list[F64] = []

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

    def _allowed(self, row: Row, uses: int) -> bool:
        """Whether the model accepts the plan with `uses` more (or fewer) uses of `row`."""
        candidate = self.plan.copy()
        candidate[row.action, row.target] += uses * self.cost(row.action)
        if candidate[row.action, row.target] < 0:
            return False
        try:
            validate_plan(candidate[None], self.seen, self.params)
        except PlanError:
            return False
        return True

    def can_add(self, row: Row) -> bool:
        if row.section == "build" and not self.seen.buildable[0, row.target]:
            return False
        return self._allowed(row, 1)

    def can_remove(self, row: Row) -> bool:
        # Dropping overtime is refused by the model when its points are already spent.
        return self.plan[row.action, row.target] > 0 and self._allowed(row, -1)

    def add(self, row: Row) -> bool:
        if not self.can_add(row):
            return False
        self._remember()
        self.plan[row.action, row.target] += self.cost(row.action)
        return True

    def remove(self, row: Row) -> bool:
        if not self.can_remove(row):
            return False
        self._remember()
        self.plan[row.action, row.target] -= self.cost(row.action)
        return True

    # --- undo and clear --------------------------------------------------------------------
    def _remember(self) -> None:
        self.history.append(self.plan.copy())

    def can_undo(self) -> bool:
        return bool(self.history)

    def undo(self) -> bool:
        """Back to the plan before the last change; False when there is none. Every plan
        kept was accepted by the model against this same observation, so it still is."""
        if not self.history:
            return False
        self.plan = self.history.pop()
        return True

    def is_empty(self) -> bool:
        return not self.plan.any()

    def clear(self) -> bool:
        """Plan nothing (always legal); an undoable change. False if already empty."""
        if self.is_empty():
            return False
        self._remember()
        self.plan = np.zeros_like(self.plan)
        return True

    def points(self, row: Row) -> float:
        return float(self.plan[row.action, row.target])

    def set_plan(self, plan: F64) -> None:
        """Take a whole plan (e.g. a policy's); the caller vouches that it is legal."""
        self._remember()
        self.plan = np.array(plan, dtype=np.float64).reshape(self.plan.shape)

    def split(self) -> tuple[float, float, float]:
        """Points on building, on people and on the project (overtime not counted)."""
        build, people, project = point_split(self.totals(), self.params)
        return float(build[0]), float(people[0]), float(project[0])

    # --- what building will do -------------------------------------------------------------
    def needs(self, p: int) -> float:
        """Known work package `p` still needs (IT's view: hidden rework is not known)."""
        return float(self.seen.package_remaining[0, p])

    def build_effort(self) -> F64:
        """Build effort the plan puts on each package (P,), at the team's usual pace: the
        model's own resolution of the plan."""
        acts = resolve(self.plan[None], self.totals(), self.params)
        effort: F64 = acts.build[0]
        return effort

    def spare(self, p: int) -> float:
        """Build points on package `p` beyond what it still needs: the model builds no more
        than a package needs, so these would be wasted (at the usual pace)."""
        return max(float(self.build_effort()[p]) - self.needs(p), 0.0)

    def avoidable(self, p: int) -> bool:
        """Whether one step less of building on package `p` would still finish what it
        needs: points come in whole steps, so a fraction left over by the last step (0.2
        of a point on a package with 0.8 to go) is no waste the team could avoid."""
        steps = [
            a
            for a, action in enumerate(self.scenario.actions)
            if action.target == "package" and self.plan[a, p] > 0
        ]
        for a in steps:
            less = self.plan.copy()
            less[a, p] -= self.cost(a)
            acts = resolve(less[None], less[None].sum(axis=2), self.params)
            if round(float(acts.build[0, p]), 1) >= round(self.needs(p), 1):
                return True
        return False

    def warning(self) -> str:
        """A warning naming the packages with spare build points the team could move
        elsewhere, or ''."""
        spare = [(p, self.spare(p)) for p in range(self.params.n_packages) if self.avoidable(p)]
        # In tenths, as '… to go' on the rows: the two figures add up to what is planned.
        shown = [(p, round(x, 1)) for p, x in spare if round(x, 1) > 0]
        if not shown:
            return ""
        titles = self.scenario.packages
        return "; ".join(
            trn("planner.spare", x, t=titles[p].title, needs=number(round(self.needs(p), 1)))
            for p, x in shown
        )

    def to_go(self, p: int, short: bool = False) -> str:
        """'3 pts to go' (`short`: '3 to go'): the known work left on package `p`, in tenths
        like the board's tooltip ('6.2 pts to go'). Its own words: the board's
        'requirements' say how clear a package is."""
        points = round(self.needs(p), 1)
        return trn("planner.to_go.short", points) if short else trn("planner.to_go", points)

    def row_text(self, row: Row) -> str:
        """The row's label; on a build row, with the points its package has to go."""
        if row.section != "build":
            return row.label
        return f"{row.label} · {self.to_go(row.target)}"

    def step_cost(self, row: Row, short: bool = False) -> str:
        """What one more use of `row` costs: '2 pts each'; for overtime the points it adds and
        the budget they cost, as a share of the whole budget like the top bar's: '+1 pt · 2%
        budget'. `short` drops 'each' for a narrow column."""
        a = row.action
        if not self.is_overtime(a):
            if short:
                return trn("planner.each.short", self.cost(a))
            return trn("planner.each", self.cost(a))
        extra = float(self.params.action_effect[a, Channel.OVERTIME])
        # The budget an overtime point costs: cost_per_point x overtime_cost, as charged in
        # model/rules/project.py (update_project).
        money = extra * self.params.overtime_cost * self.params.cost_per_point
        share = 100 * money / self.params.budget if self.params.budget else 0.0
        key = "planner.overtime_cost.short" if short else "planner.overtime_cost"
        return tr(key, extra=number(extra), share=number(share, 0))

    # --- the rows ------------------------------------------------------------------------
    def build_rows(self) -> list[Row]:
        """A row per package-action and open package that can be built now."""
        rows = []
        for a, action in enumerate(self.scenario.actions):
            if action.target != "package":
                continue
            for p, package in enumerate(self.scenario.packages):
                if self.seen.buildable[0, p] or self.plan[a, p] > 0:
                    # The tooltip starts with the whole title: a narrow row may shorten it.
                    tip = tr(
                        "planner.tip.build",
                        label=package.title,
                        to_go=self.to_go(p),
                        what=action.description,
                        cost=_points(action.cost),
                    )
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
                    label=action.label,
                    what=action.description,
                    name=name,
                    cost=_points(action.cost),
                    more=self._more_words(a),
                ),
            )
            for a, action in enumerate(self.scenario.actions)
            if action.target == "stakeholder"
        ]

    def _more_words(self, a: int) -> str:
        """What a second use of person action `a` in one week does, in words. Contact,
        workshops, demos and resets saturate within a turn (rules.intensity.saturated); a favour
        or an escalation is asked or not (the model tests it for > 0)."""
        effect = self.params.action_effect[a]
        saturating = (Channel.TRUST, Channel.CLARIFY, Channel.DEMO, Channel.RESET)
        if any(effect[c] > 0 for c in saturating):
            return tr("planner.more.less")
        return tr("planner.more.none")

    def project_rows(self) -> list[Row]:
        rows = []
        for a, action in enumerate(self.scenario.actions):
            if action.target != "project":
                continue
            if self.is_overtime(a):
                extra = self.params.action_effect[a, Channel.OVERTIME]
                tip = tr(
                    "planner.tip.overtime",
                    label=action.label,
                    what=action.description,
                    extra=number(extra),
                    most=number(self.params.max_overtime),
                )
            else:
                tip = tr(
                    "planner.tip.cost",
                    label=action.label,
                    what=action.description,
                    cost=_points(action.cost),
                )
            rows.append(Row(a, 0, "project", action.label, tip))
        return rows


def _points(n: float) -> str:
    """'1 point', '2 points'."""
    return trn("planner.points", n)
