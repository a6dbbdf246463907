"""Golden playthroughs: seeded games whose transcripts are checked in.

A change of balance or of the transcript shows up as a diff of these files.
Regenerate them after a reviewed change with `UPDATE_GOLDEN=1 pytest tests/test_golden.py`.
"""

import difflib
import os
from pathlib import Path

import pytest

from game.policies import POLICIES
from game.session.runner import play
from game.session.transcript import transcript
from tests.helpers.scenarios import loaded

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("tutorial", "balanced", 1),
    ("crm-rollout", "balanced", 1),
    ("crm-rollout", "delivery_first", 1),
    ("crm-rollout", "relationship_first", 2),
    ("ai-hype", "random", 3),
    ("finance-erp", "balanced", 4),
    ("lan-migration", "delivery_first", 5),
]


@pytest.mark.parametrize(("scenario_id", "policy", "seed"), CASES)
def test_golden_playthrough(scenario_id, policy, seed):
    scenario, params = loaded(scenario_id)
    run = play(params, POLICIES[policy], [0], seed=seed)
    header = f"{scenario.title} ({scenario.id}) · policy {policy} · seed {seed} · game 0"
    text = transcript(run, scenario, params, 0, header=header)
    path = GOLDEN / f"{scenario_id}__{policy}__{seed}.txt"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"wrote a new golden file {path.name}; review and commit it")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), text.splitlines(True), "golden", "now", n=1
            )
        )
        pytest.fail(f"transcript changed for {path.name}:\n{diff[:4000]}")
