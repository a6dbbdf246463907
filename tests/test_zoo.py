"""The strategy zoo: legal, vectorised, doing what each name says; run_zoo and its flags."""

from dataclasses import fields
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.batch import zoo_report
from game.batch.charts import Figures
from game.batch.lesson import Paired
from game.batch.smoke import SmokeResult, smoke_check
from game.batch.zoo import LEAD, ZooResult, ZooRow, run_zoo
from game.cli.check_balance import report
from game.cli.main import main
from game.model import (
    Channel,
    Observation,
    Params,
    PlanError,
    Target,
    empty_plan,
    new_state,
    observe,
    outcome,
    step,
    validate_plan,
)
from game.model.state import AWAITING
from game.policies import POLICIES
from game.policies.catalogue import catalogue
from game.policies.zoo import SPAM, STATE_BLIND, ZOO, describe
from game.policies.zoo.plans import JOBS, PEOPLE_JOBS
from game.policies.zoo.variants import most_influential
from game.scenario.loader import load
from game.session.runner import play
from tests.helpers.scenarios import SHIPPED, loaded

GAMES = 12  # games per strategy: enough for varied boards, small enough to stay fast
NAMES = ["balanced", *ZOO]


def _policy(name: str):
    return POLICIES["balanced"] if name == "balanced" else ZOO[name]


def _rows(obs: Observation, rows: slice) -> Observation:
    return Observation(**{f.name: getattr(obs, f.name)[rows] for f in fields(obs)})


@cache
def mixed(scenario_id: str, games: int = GAMES) -> dict[str, tuple[list, list, np.ndarray]]:
    """Every strategy (and balanced) on game ids 0..games-1, stepped as one batch.

    Each strategy plans for its own slice of `games` games, so it sees a batch of its own;
    one model step for all of them keeps the test fast. Every plan is validated. Returns
    per strategy its observations, plans (zero for finished games) and final scores.
    """
    _, params = loaded(scenario_id)
    ids = np.tile(np.arange(games), len(NAMES))
    state = new_state(params, ids, seed=3)
    slices = {name: slice(k * games, (k + 1) * games) for k, name in enumerate(NAMES)}
    seen: dict[str, tuple[list, list]] = {name: ([], []) for name in NAMES}
    while not state.done.all():
        obs = observe(state, params)
        plan = empty_plan(ids.size, params)
        for name, rows in slices.items():
            plan[rows] = _policy(name)(_rows(obs, rows), params)
            seen[name][0].append(_rows(obs, rows))
            seen[name][1].append(np.where(state.done[rows, None, None], 0.0, plan[rows]))
        try:
            validate_plan(plan, state, params)
        except PlanError as exc:
            assert exc.row is not None
            raise AssertionError(f"{NAMES[exc.row // games]}: {exc}") from None
        state, _ = step(state, plan, params)
    score = outcome(state, params).score
    return {name: (*seen[name], score[rows]) for name, rows in slices.items()}


def recorded(scenario_id: str, name: str) -> tuple[list, list]:
    observations, plans, _ = mixed(scenario_id)[name]
    return observations, plans


def _points(scenario_id: str, name: str, job: str) -> np.ndarray:
    """Points the strategy planned on a job's action, per turn and game (turns, N)."""
    action = getattr(catalogue(loaded(scenario_id)[1]), job)
    return np.array([p[:, action, :].sum(axis=1) for p in recorded(scenario_id, name)[1]])


def test_the_zoo_has_28_documented_strategies_and_spams_every_job():
    assert len(ZOO) >= 28
    assert set(SPAM.values()) == set(JOBS)
    assert set(SPAM) <= set(ZOO) and set(ZOO) >= STATE_BLIND
    for name, policy in ZOO.items():
        assert policy.__name__ == name and len(describe(name)) > 20, name
    for name in ("late_escalation", "escalation_heavy", "lean", "first_timer", "no_favours"):
        assert name in ZOO and name not in STATE_BLIND


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_strategy_plays_legal_plans_on_every_shipped_scenario(scenario_id):
    _, params = loaded(scenario_id)
    for name in ZOO:  # mixed() validated every plan of every turn
        observations, plans = recorded(scenario_id, name)
        assert observations, name  # played to the end (spamming escalation ends it fast)
        again = ZOO[name](observations[1], params)  # the same board, the same plan
        assert np.array_equal(np.where(observations[1].done[:, None, None], 0.0, again), plans[1])


@pytest.mark.parametrize("name", sorted(ZOO))
def test_game_i_of_a_batch_equals_the_same_game_alone(name):
    _, params = loaded("crm-rollout")
    batch = mixed("crm-rollout", 50)[name][2]
    alone = outcome(play(params, ZOO[name], [37], 3, record=False).final, params)
    assert batch[37] == alone.score[0]


@pytest.mark.parametrize(
    ("name", "jobs"),
    [
        ("no_favours", ("favour",)),
        ("no_demos", ("demo",)),
        ("no_resets", ("reset",)),
        ("no_check_ins", ("check_in",)),
        ("no_workshops", ("workshop",)),
        ("no_steering", ("steering",)),
        ("never_test", ("testing",)),
        ("no_quality_work", ("quality", "testing")),
        ("lean", ("demo", "reset", "favour", "quality", "testing", "steering", "overtime")),
    ],
)
def test_without_removes_what_it_says_and_builds_with_it(name, jobs):
    for job in jobs:
        assert not _points("crm-rollout", name, job).any(), job
    # On the same board, the points balanced spent on those jobs went to building instead.
    _, params = loaded("crm-rollout")
    cat = catalogue(params)
    obs = recorded("crm-rollout", "balanced")[0][2]
    base, changed = POLICIES["balanced"](obs, params), ZOO[name](obs, params)
    moved = sum(base[:, getattr(cat, job), :].sum(axis=1) for job in jobs if job != "overtime")
    gained = changed[:, cat.build].sum(axis=1) - base[:, cat.build].sum(axis=1)
    assert (gained <= moved + 1e-9).all()
    assert gained.sum() > 0 or not np.any(moved)


def test_balanced_uses_the_jobs_the_transforms_remove():
    # Otherwise the test above would pass for nothing.
    for job in ("favour", "demo", "check_in", "workshop", "quality"):
        assert _points("crm-rollout", "balanced", job).any(), job


def test_plus_adds_what_it_says():
    _, params = loaded("crm-rollout")
    turns = np.arange(len(recorded("crm-rollout", "balanced")[0]))[:, None]
    left = params.deadline - turns
    running = np.array([~o.done for o in recorded("crm-rollout", "steering_every_week")[0]])
    assert (_points("crm-rollout", "steering_every_week", "steering")[running] >= 1).all()
    running = np.array([~o.done for o in recorded("crm-rollout", "heavy_testing")[0]])
    assert (_points("crm-rollout", "heavy_testing", "testing")[running] >= 3).all()
    overtime = params.max_overtime  # every scenario's overtime costs 1 point per point
    running = np.array([~o.done for o in recorded("crm-rollout", "sustained_overtime")[0]])
    assert (_points("crm-rollout", "sustained_overtime", "overtime")[running] == overtime).all()
    sprint = _points("crm-rollout", "overtime_sprint", "overtime")
    # Outside the sprint window only balanced's own few extra hours (one point) remain.
    outside = ((left > 3) | (left < 1))[:, 0]
    assert (sprint[outside] <= 1).all() and (sprint[~outside] == overtime).any()


@pytest.mark.parametrize(("name", "late"), [("late_escalation", True), ("escalation_heavy", False)])
def test_escalation_goes_to_waiting_sign_offs_only(name, late):
    _, params = loaded("crm-rollout")
    cat = catalogue(params)
    s = params.n_stakeholders
    escalated = 0
    for obs, plan in zip(*recorded("crm-rollout", name), strict=True):
        waits = (obs.package_status == AWAITING).astype(float) @ params.owner_onehot > 0
        now = ~obs.done & (params.deadline - obs.turn <= 4 if late else True)
        hit = plan[:, cat.escalate, :s] > 0
        assert (hit == (waits & now[:, None])).all(), obs.turn[0]
        escalated += int(hit.sum())
    assert escalated > 0


def test_most_influential_only_leaves_the_others_alone():
    _, params = loaded("crm-rollout")
    others = ~most_influential(params)
    assert others.sum() == params.n_stakeholders // 2
    for plan in recorded("crm-rollout", "most_influential_only")[1]:
        people = params.action_target == Target.STAKEHOLDER
        assert not plan[:, people, : params.n_stakeholders][:, :, others].any()


def test_phases_switch_relationship_work_at_half_time():
    _, params = loaded("crm-rollout")
    people = params.action_target == Target.STAKEHOLDER
    for name, quiet_first in (
        ("relationships_first_half", False),
        ("relationships_last_half", True),
    ):
        for obs, plan in zip(*recorded("crm-rollout", name), strict=True):
            first = obs.turn[0] < params.deadline / 2
            if first == quiet_first:
                assert not plan[:, people].any(), (name, obs.turn[0])


@pytest.mark.parametrize("name", sorted(SPAM))
def test_spam_spends_its_budget_on_one_job_only(name):
    _, params = loaded("crm-rollout")
    cat = catalogue(params)
    action = getattr(cat, SPAM[name])
    for plan in recorded("crm-rollout", name)[1]:
        others = np.delete(plan, [cat.build, action], axis=1)
        assert not others.any()
    assert _points("crm-rollout", name, SPAM[name]).any()


@pytest.mark.parametrize("name", sorted(STATE_BLIND))
def test_state_blind_strategies_ignore_the_board(name):
    """Games at the same turn with the same capacity plan the same non-build work."""
    _, params = loaded("crm-rollout")
    build = catalogue(params).build
    for obs, plan in zip(*recorded("crm-rollout", name), strict=True):
        rest = np.delete(plan, build, axis=1)[~obs.done]
        if not rest.size:
            continue
        same = obs.capacity[~obs.done] == obs.capacity[~obs.done][0]
        assert (rest[same] == rest[same][0]).all(), (name, obs.turn[0])


def test_the_first_timer_says_hello_then_workshops_before_packages_start():
    _, params = loaded("tutorial")
    cat = catalogue(params)
    observations, plans = recorded("tutorial", "first_timer")
    assert (plans[0][:, cat.check_in, :2] > 0).all() and (plans[1][:, cat.check_in, :2] > 0).all()
    assert not plans[2][:, cat.check_in].any()
    for obs, plan in zip(observations, plans, strict=True):
        fresh = obs.buildable & (obs.package_reported <= 0)
        wanted = fresh.astype(float) @ params.owner_onehot > 0
        assert ((plan[:, cat.workshop, :2] > 0) <= wanted).all()
    assert _points("tutorial", "first_timer", "demo").any()


def _without_actions(tmp_path: Path, keep: set[str]) -> Params:
    """The tutorial with only the actions in `keep`."""
    text = (Path(__file__).parents[1] / "scenarios" / "tutorial.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["id"] = "tutorial-few-actions"
    data["actions"] = [a for a in data["actions"] if a["id"] in keep]
    for person in data["stakeholders"]:
        person["preferences"] = {k: v for k, v in person["preferences"].items() if k in keep}
    path = tmp_path / "few.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load(path)[1]


@pytest.mark.parametrize("keep", [{"build", "check_in", "workshop"}, {"build"}])
def test_a_catalogue_without_most_actions_still_gets_legal_plans(tmp_path, keep):
    params = _without_actions(tmp_path, keep)
    for name, policy in ZOO.items():
        final = play(params, policy, np.arange(6), 1, record=False).final  # step validates
        assert final.done.all(), name


def test_run_zoo_pairs_every_strategy_with_balanced():
    _, params = loaded("tutorial")
    names = ["spam_check_in", "rota_workshop_demo", "late_escalation"]
    result = run_zoo(params, 40, 5, names=names)
    assert [r.name for r in result.rows] == names
    base = result.scores["balanced"]
    assert result.balanced_mean == pytest.approx(base.mean())
    for row in result.rows:
        d = result.scores[row.name] - base
        assert row.vs_balanced.mean == pytest.approx(d.mean())
        assert row.vs_balanced.low < row.vs_balanced.mean < row.vs_balanced.high
        assert row.ratio == pytest.approx(result.scores[row.name].mean() / base.mean())
        assert row.ratio_ci[0] < row.ratio < row.ratio_ci[1]
    # Side by side in one batch, each strategy scores as it does played alone.
    alone = play(params, ZOO["late_escalation"], np.arange(40), 5, record=False).final
    assert np.array_equal(result.scores["late_escalation"], outcome(alone, params).score)
    # Chunks and processes change nothing.
    assert run_zoo(params, 40, 5, names=names, chunk=7, workers=2) == result
    with pytest.raises(KeyError):
        run_zoo(params, 40, 5, names=["no_such_strategy"])


def _row(name: str, ratio: float, lead_low: float = -5.0, **kind: object) -> ZooRow:
    mean = 50.0 * ratio
    return ZooRow(
        name=name,
        description="A made-up strategy.",
        mean=mean,
        win_rate=0.5,
        ratio=ratio,
        ratio_ci=(ratio - 0.02, ratio + 0.02),
        vs_balanced=Paired(mean - 50.0, lead_low, mean - 50.0 + 5),
        spam=kind.get("spam"),  # type: ignore[arg-type]
        state_blind=bool(kind.get("state_blind", False)),
    )


def test_the_flags_fire_on_a_result_that_should_trip_them():
    rows = (
        _row("lean", 1.2, lead_low=LEAD * 50.0 + 1),
        _row("spam_workshop", 0.85, spam="workshop", state_blind=True),
        _row("rota_workshop_demo", 0.95, state_blind=True),
        _row("late_escalation", 1.05),
        _row("escalation_heavy", 0.5),
    )
    found = ZooResult(1000, 1, 50.0, 0.6, rows).flags()
    assert [(f.kind, f.strategy) for f in found] == [
        ("lead", "lean"),
        ("spam", "spam_workshop"),
        ("state_blind", "rota_workshop_demo"),
        ("escalation", "late_escalation"),
    ]
    assert all(f.sure for f in found)
    assert "the board does not matter" in found[2].text and "workshops" in found[1].text


def test_no_flag_on_a_result_where_balanced_wins_clearly():
    rows = (
        _row("lean", 1.08, lead_low=LEAD * 50.0 - 1),  # ahead, but not surely by 10 %
        _row("spam_workshop", 0.79, spam="workshop", state_blind=True),
        _row("rota_workshop_demo", 0.89, state_blind=True),
        _row("late_escalation", 0.99),
    )
    assert ZooResult(1000, 1, 50.0, 0.6, rows).flags() == []


def test_a_borderline_flag_is_a_note_in_the_smoke_test():
    rows = (_row("spam_demo", 0.81, spam="demo"),)  # CI 0.79-0.83 includes the line
    (flag,) = ZooResult(300, 1, 50.0, 0.6, rows).flags()
    assert not flag.sure


@cache
def smoked() -> SmokeResult:
    scenario, params = loaded("tutorial")
    return smoke_check(params, scenario, games=60)


def test_check_balance_plays_the_zoo_and_lists_the_closest():
    result = smoked()
    assert result.zoo is not None and len(result.zoo.rows) == len(ZOO)
    text = report(result)
    assert "strategy zoo:" in text
    best = max(result.zoo.rows, key=lambda r: r.ratio)
    assert best.name in text


def test_the_balance_report_has_a_zoo_section_and_chart(tmp_path):
    zoo = smoked().zoo
    assert zoo is not None
    lines = zoo_report.markdown(zoo)
    assert lines[0] == "### The strategy zoo" and sum("| `" in line for line in lines) == len(ZOO)
    zoo_report.chart(Figures(), zoo, tmp_path / "zoo.png")
    assert (tmp_path / "zoo.png").stat().st_size > 10_000


def test_balance_writes_the_zoo_into_the_report(tmp_path):
    args = ["balance", "--scenario", "tutorial", "--games", "30", "--search-games", "10"]
    args += ["--iterations", "1", "--no-sensitivity", "--out", str(tmp_path)]
    assert main(args) == 0
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "### The strategy zoo" in text and "`late_escalation`" in text
    assert (tmp_path / "zoo.png").is_file()


def test_people_jobs_are_the_stakeholder_aimed_ones():
    _, params = loaded("crm-rollout")
    cat = catalogue(params)
    for job in JOBS:
        action = getattr(cat, job)
        aimed = params.action_target[action] == Target.STAKEHOLDER
        assert aimed == (job in PEOPLE_JOBS), job
    assert params.action_effect[cat.overtime, Channel.OVERTIME] > 0
