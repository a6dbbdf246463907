"""One turn loop (game.session.runner.play) for every caller, and one function per derived
number: what the batch, the search and balance measure is what the loop played."""

import ast
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from game.batch.run import BatchError, Job, play_chunk
from game.batch.search import START, Knobs, _unit, evaluate, parametric
from game.model import empty_plan, observe, outcome
from game.model.rules.discovery import reported_progress, true_progress
from game.model.rules.intensity import point_split
from game.policies import POLICIES
from game.session.runner import Turn, play

GAME = Path(__file__).resolve().parents[1] / "game"


def _same(a, b):
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert x.dtype == y.dtype and np.array_equal(x, y), f.name


def test_the_hook_sees_every_turn_in_order_as_recorded(crm):
    _, params = crm
    seen: list[Turn] = []
    run = play(params, POLICIES["balanced"], np.arange(30), seed=3, on_turn=seen.append)
    assert [t.number for t in seen] == list(range(1, len(run.logs) + 1))
    assert len(run.logs) <= params.turns
    for k, turn in enumerate(seen):
        assert turn.log is run.logs[k] and turn.plan is run.plans[k]
        assert turn.observation is run.observations[k]
        _same(observe(turn.before, params), turn.observation)
        if k:
            assert turn.before is seen[k - 1].state
    assert seen[-1].state is run.final and run.final.done.all()


def test_a_batch_chunk_plays_the_same_games_as_the_loop(crm):
    _, params = crm
    chunk = play_chunk(params, "delivery_first", Job(0, "delivery_first", 40, 140), 5, True)
    final = play(params, POLICIES["delivery_first"], np.arange(40, 140), 5, record=False).final
    result = outcome(final, params)
    assert chunk.rows is not None
    assert np.array_equal(chunk.rows["score"], result.score)
    assert np.array_equal(chunk.rows["turns_played"], final.end_turn)
    assert chunk.game_turns == int(final.end_turn.sum())


def test_a_search_candidate_scores_what_the_loop_plays(crm):
    _, params = crm
    raw = START[None, :].repeat(2, axis=0)
    raw[1, 0] = 1.0
    scores = evaluate(params, raw, 6, 4)
    for row in range(2):
        knobs = Knobs(np.repeat(_unit(raw[row : row + 1]), 6, axis=0))
        final = play(params, parametric(knobs), np.arange(6) + 10_000_000, 4, record=False).final
        assert scores[row] == outcome(final, params).score.mean()


def _failing_at(turn: int, game: int | None):
    """Balanced, until `turn`: then it raises, or (with a game) plans too much for that game."""

    def policy(obs, params):
        plan = POLICIES["balanced"](obs, params)
        if int(obs.turn.max()) + 1 == turn:
            if game is None:
                raise KeyError("boom")
            plan[obs.game_id == game, 0, 0] += 50
        return plan

    return policy


@pytest.mark.parametrize(
    ("game", "message"),
    [(None, "turn 3: the policy raised KeyError"), (17, "turn 3, game 17: illegal plan")],
)
def test_batch_failures_name_the_turn_and_game(crm, monkeypatch, game, message):
    _, params = crm
    monkeypatch.setattr("game.batch.run.resolve_policy", lambda spec: _failing_at(3, game))
    with pytest.raises(BatchError, match=message):
        play_chunk(params, "custom", Job(0, "custom", 10, 30), 1, False)


def test_the_point_split_is_what_a_turn_logs(crm):
    _, params = crm
    run = play(params, POLICIES["balanced"], np.arange(20), seed=8)
    for plan, log, obs in zip(run.plans, run.logs, run.observations, strict=True):
        live = np.where(obs.done[:, None, None], 0.0, plan)
        build, people, project = point_split(live.sum(axis=2), params)
        assert np.array_equal(build, log.points_build)
        assert np.array_equal(people, log.points_relations)
        assert np.array_equal(project, log.points_project)


def test_the_point_split_leaves_overtime_out(crm):
    _, params = crm
    plan = empty_plan(1, params)
    for a in range(params.n_actions):
        plan[0, a, 0] = params.action_cost[a]
    build, people, project = point_split(plan.sum(axis=2), params)
    overtime = params.action_effect[:, 9] > 0  # Channel.OVERTIME
    assert build + people + project == params.action_cost[~overtime].sum()


def test_outcome_reports_progress_as_discovery_defines_it(crm):
    _, params = crm
    final = play(params, POLICIES["delivery_first"], np.arange(50), seed=2, record=False).final
    result = outcome(final, params)
    assert np.array_equal(result.true_progress, true_progress(final))
    assert np.array_equal(result.reported_progress, reported_progress(final))
    assert np.array_equal(observe(final, params).reported_progress, reported_progress(final))


def _steps_the_model(path: Path) -> bool:
    """Whether a module imports the model's `step` (the one way to play a turn)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith("game.model")
        and any(alias.name == "step" for alias in node.names)
        for node in ast.walk(tree)
    )


def test_only_the_loop_and_the_session_step_the_model():
    callers = {
        str(path.relative_to(GAME))
        for path in GAME.rglob("*.py")
        if "model" not in path.relative_to(GAME).parts[:1] and _steps_the_model(path)
    }
    # The session steps one turn at a time, with the player's plan; every policy plays
    # whole games through the runner; the Gymnasium environments step one week at a
    # time for an agent outside the loop (game/gym/games.py: single and vector env).
    assert callers == {"session/runner.py", "session/session.py", "gym/games.py"}
