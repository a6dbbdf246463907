"""Compile a validated Scenario into the model's numpy Params."""

import numpy as np

from game.model.channels import CHANNELS, CONDITION_VARS, PROJECT_EFFECTS, Target
from game.model.params import Coefficients, EventTable, Params, Scoring, owner_slots
from game.scenario.schema import Scenario

_NEVER = 10**6  # window end for events with no window


def compile_scenario(scenario: Scenario) -> Params:
    """Build Params from a scenario that has passed schema and reference checks."""
    people = {s.id: i for i, s in enumerate(scenario.stakeholders)}
    work = {p.id: i for i, p in enumerate(scenario.packages)}
    n_s, n_p, n_a = len(people), len(work), len(scenario.actions)
    n_targets = max(n_s, n_p, 1)
    m = scenario.model

    effect = np.zeros((n_a, len(CHANNELS)))
    legal = np.zeros((n_a, n_targets), dtype=np.bool_)
    kinds = {"package": (Target.PACKAGE, n_p), "stakeholder": (Target.STAKEHOLDER, n_s)}
    target = np.zeros(n_a, dtype=np.int64)
    for a, action in enumerate(scenario.actions):
        for channel, amount in action.effects.items():
            effect[a, CHANNELS.index(channel)] = amount
        kind, count = kinds.get(action.target, (Target.PROJECT, 1))
        target[a] = kind
        legal[a, :count] = True

    action_index = {a.id: i for i, a in enumerate(scenario.actions)}
    preference = np.ones((n_s, n_a))
    for s, person in enumerate(scenario.stakeholders):
        for action_id, weight in person.preferences.items():
            preference[s, action_index[action_id]] = weight

    owner = np.array([people[p.owner] for p in scenario.packages], dtype=np.int64)
    complexity = np.array([p.complexity for p in scenario.packages])
    clarity = np.array(
        [
            p.clarity if p.clarity is not None else m.clarity_start - m.complexity_clarity * c
            for p, c in zip(scenario.packages, complexity, strict=True)
        ]
    )
    depends = np.zeros((n_p, n_p), dtype=np.bool_)
    for i, package in enumerate(scenario.packages):
        for dep in package.depends_on:
            depends[i, work[dep]] = True
    traits = [s.traits for s in scenario.stakeholders]
    return Params(
        turns=scenario.turns,
        deadline=scenario.deadline,
        capacity=scenario.team.capacity,
        max_overtime=scenario.team.max_overtime,
        budget=scenario.budget.total,
        cost_per_point=scenario.budget.cost_per_point,
        overtime_cost=scenario.budget.overtime_factor,
        sponsor_start=scenario.sponsor.support,
        action_cost=np.array([a.cost for a in scenario.actions], dtype=np.float64),
        action_target=target,
        action_effect=effect,
        legal=legal,
        influence=np.array([s.influence for s in scenario.stakeholders]),
        patience=np.array([t.patience for t in traits]),
        hype_susceptibility=np.array([t.hype_susceptibility for t in traits]),
        trust_start=np.array([t.trust for t in traits]),
        build_rate=np.array([t.build_rate for t in traits]),
        erosion_rate=np.array([t.erosion_rate for t in traits]),
        preference=preference,
        owner=owner,
        size=np.array([p.size for p in scenario.packages], dtype=np.float64),
        value=np.array([p.value for p in scenario.packages], dtype=np.float64),
        clarity_start=np.clip(clarity, 0.0, 1.0),
        depends=depends,
        owner_onehot=np.eye(n_s)[owner],
        owner_slots=owner_slots(owner, n_s),
        events=_events(scenario, people, work),
        coef=_coefficients(scenario),
        scoring=_scoring(scenario),
    )


def _coefficients(scenario: Scenario) -> Coefficients:
    names = set(Coefficients._fields)
    values = scenario.model.model_dump()
    return Coefficients(**{k: float(v) for k, v in values.items() if k in names})


def _scoring(scenario: Scenario) -> Scoring:
    sc = scenario.scoring
    bands = sorted(sc.grades.items(), key=lambda kv: -kv[1])
    return Scoring(
        defect_weight=sc.defect_weight,
        verdict_floor=sc.verdict_floor,
        sponsor_weight=sc.sponsor_weight,
        late_penalty=sc.late_penalty,
        overrun_penalty=sc.overrun_penalty,
        cancel_factor=sc.cancel_factor,
        grade_names=(*(name for name, _ in bands), sc.fail_grade),
        grade_thresholds=np.array([v for _, v in bands], dtype=np.float64),
        win_score=sc.win_score,
    )


def _events(scenario: Scenario, people: dict[str, int], work: dict[str, int]) -> EventTable:
    n_e, n_s, n_p = len(scenario.events), len(people), len(work)
    start = np.zeros(n_e, dtype=np.int64)
    end = np.full(n_e, _NEVER, dtype=np.int64)
    probability = np.zeros(n_e)
    once = np.zeros(n_e, dtype=np.bool_)
    cond_var = np.full(n_e, -1, dtype=np.int64)
    cond_index = np.zeros(n_e, dtype=np.int64)
    cond_sign = np.zeros(n_e)
    cond_value = np.zeros(n_e)
    project = np.zeros((n_e, len(PROJECT_EFFECTS)))
    trust, expectation = np.zeros((n_e, n_s)), np.zeros((n_e, n_s))
    clarity, scope = np.zeros((n_e, n_p)), np.zeros((n_e, n_p))
    for e, event in enumerate(scenario.events):
        trig = event.trigger
        # Turns are 1-based in the file and 0-based in the model.
        if trig.turn is not None:
            start[e] = end[e] = trig.turn - 1
        elif trig.window is not None:
            start[e], end[e] = trig.window[0] - 1, trig.window[1] - 1
        # A manual event never fires by itself; the facilitator fires it.
        probability[e] = 0.0 if trig.manual else trig.probability
        once[e] = trig.once
        if trig.condition is not None:
            cond = trig.condition
            cond_var[e] = CONDITION_VARS.index(cond.var)
            cond_index[e] = people[cond.stakeholder] if cond.stakeholder else 0
            cond_sign[e] = 1.0 if cond.op == ">=" else -1.0
            cond_value[e] = cond.value
        fx = event.effects
        for k, name in enumerate(PROJECT_EFFECTS):
            project[e, k] = getattr(fx, name)
        for sid, amount in fx.trust.items():
            trust[e, people[sid]] = amount
        for sid, amount in fx.expectation.items():
            expectation[e, people[sid]] = amount
        for pid, amount in fx.clarity.items():
            clarity[e, work[pid]] = amount
        for pid, amount in fx.scope.items():
            scope[e, work[pid]] = amount
    return EventTable(
        start=start,
        end=end,
        probability=probability,
        once=once,
        cond_var=cond_var,
        cond_index=cond_index,
        cond_sign=cond_sign,
        cond_value=cond_value,
        project=project,
        trust=trust,
        expectation=expectation,
        clarity=clarity,
        scope=scope,
    )
