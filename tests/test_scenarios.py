"""Every shipped scenario loads, compiles and plays to the end under every policy."""

import numpy as np
import pytest

from game.model import outcome
from game.policies import POLICIES
from game.scenario.loader import load
from game.session.runner import play
from tests.helpers.scenarios import SHIPPED, loaded

WORKSHOP_SCENARIOS = {"tutorial", "crm-rollout", "lan-migration", "ai-hype", "finance-erp"}


def test_the_five_workshop_scenarios_are_shipped():
    assert set(SHIPPED) >= WORKSHOP_SCENARIOS


def test_shipped_scenarios_are_written_for_a_workshop(shipped):
    scenario, params = shipped
    assert scenario.summary and scenario.story and scenario.goal
    assert len(scenario.learning_goals) >= 3
    assert len(scenario.debrief_questions) >= 3
    assert scenario.facilitator_notes
    for person in scenario.stakeholders:
        assert person.name and person.role and person.department and person.cares_about
    assert params.deadline <= params.turns


def test_scenario_sizes_match_the_brief():
    assert loaded("tutorial")[0].turns <= 10 and len(loaded("tutorial")[0].stakeholders) == 2
    crm = loaded("crm-rollout")[0]
    # Issue 10: a round of the default scenario fits 20-40 minutes (about 12-15 decisions).
    assert 12 <= crm.deadline <= 15 and 4 <= len(crm.stakeholders) <= 5
    assert len(loaded("lan-migration")[0].stakeholders) >= 5
    assert any(e.effects.hype > 0 for e in loaded("ai-hype")[0].events)
    cfo = max(loaded("finance-erp")[0].stakeholders, key=lambda s: s.influence)
    assert cfo.influence >= 0.9
    assert "CFO" in cfo.role or "Chief Financial" in cfo.role


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_every_scenario_plays_to_the_end_under_every_policy(shipped, policy):
    _, params = shipped
    run = play(params, POLICIES[policy], np.arange(50), seed=3, record=False)
    assert run.final.done.all()
    result = outcome(run.final, params)
    assert np.isfinite(result.score).all()
    assert ((result.score >= 0) & (result.score <= 100)).all()


def test_extends_overrides_keys_and_merges_lists_by_id(tmp_path):
    path = tmp_path / "my-workshop.yaml"
    path.write_text(
        "extends: crm-rollout\n"
        "id: my-workshop\n"
        "title: Our own CRM\n"
        "deadline: 12\n"
        "stakeholders:\n"
        "  - id: dana\n"
        "    traits: {patience: 0.9}\n"
        "packages:\n"
        "  - id: mobile-app\n"
        "    title: Mobile app for the field reps\n"
        "    owner: dana\n"
        "    size: 6\n"
        "    value: 6\n",
        encoding="utf-8",
    )
    base, _ = loaded("crm-rollout")
    scenario, params = load(path)
    assert scenario.id == "my-workshop" and scenario.deadline == 12
    dana = next(s for s in scenario.stakeholders if s.id == "dana")
    assert dana.traits.patience == 0.9
    assert dana.name == next(s for s in base.stakeholders if s.id == "dana").name
    assert [p.id for p in scenario.packages][-1] == "mobile-app"
    assert params.n_packages == len(base.packages) + 1
