"""The planner only builds plans the model accepts, whatever the player clicks."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.model import validate_plan
from game.scenario.loader import load
from game.session.session import Session
from game.ui.planner import Planner
from game.ui.widgets import board
from tests.helpers.scenarios import loaded


@settings(max_examples=60, deadline=None)
@given(
    scenario_id=st.sampled_from(["tutorial", "crm-rollout", "lan-migration"]),
    clicks=st.lists(st.tuples(st.integers(0, 40), st.booleans(), st.integers(0, 5)), max_size=60),
)
def test_any_clicks_give_a_legal_plan(
    scenario_id: str, clicks: list[tuple[int, bool, int]]
) -> None:
    scenario, params = loaded(scenario_id)
    session = Session(scenario, params, seed=3)
    seen = session.observe()
    planner = Planner(scenario, params, seen)
    for index, add, person in clicks:
        rows = planner.build_rows() + planner.people_rows(person % len(scenario.stakeholders))
        rows += planner.project_rows()
        row = rows[index % len(rows)]
        (planner.add if add else planner.remove)(row)
        assert planner.left() >= 0
    validate_plan(planner.plan[None].copy(), session.state, params)  # raises if illegal
    session.play(planner.plan)  # and the session takes it


def test_overtime_adds_points_and_cannot_be_dropped_once_spent() -> None:
    scenario, params = load("crm-rollout")
    session = Session(scenario, params, seed=1)
    planner = Planner(scenario, params, session.observe())
    overtime = next(r for r in planner.project_rows() if planner.is_overtime(r.action))
    build = planner.build_rows()[0]
    assert planner.add(overtime) and planner.left() == planner.capacity + 1
    while planner.add(build):
        pass
    assert planner.left() == 0
    assert not planner.can_remove(overtime)  # the extra point is already spent on building


def test_a_blocked_package_says_what_it_waits_for() -> None:
    scenario, params = loaded("tutorial")
    seen = Session(scenario, params, seed=1).observe()
    blocked = [p for p in range(params.n_packages) if not seen.buildable[0, p]]
    assert blocked
    tip = board.tooltip(scenario, seen, blocked[0])
    assert "Cannot be built before" in tip and "Owner:" in tip
    assert np.all(seen.package_status[0] == 0)
