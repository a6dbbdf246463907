"""Checks a schema cannot express: ids, cross-references, cycles, consistency."""

from collections.abc import Iterable
from dataclasses import dataclass

from game.model.channels import CHANNEL_TARGET, CHANNELS, Channel
from game.scenario.schema import Scenario

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, at a key path."""

    path: Path
    message: str
    hint: str = ""


def _known(ids: Iterable[str]) -> str:
    names = sorted(ids)
    return "known: " + ", ".join(names) if names else "there are none"


def check_references(sc: Scenario) -> list[Problem]:
    """Every cross-reference problem of a schema-valid scenario, in file order."""
    problems: list[Problem] = []
    people = {s.id for s in sc.stakeholders}
    work = {p.id for p in sc.packages}
    actions = {a.id for a in sc.actions}
    for section, ids in (
        ("actions", [a.id for a in sc.actions]),
        ("stakeholders", [s.id for s in sc.stakeholders]),
        ("packages", [p.id for p in sc.packages]),
        ("events", [e.id for e in sc.events]),
    ):
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                problems.append(
                    Problem(
                        (section, i, "id"),
                        f"duplicate id '{item_id}'",
                        "every id in a section must be unique",
                    )
                )
            seen.add(item_id)
    if sc.deadline > sc.turns:
        problems.append(
            Problem(
                ("deadline",),
                f"deadline {sc.deadline} is after the last turn {sc.turns}",
                "turns is the last possible turn; make it >= deadline",
            )
        )
    problems += _check_actions(sc)
    for s, person in enumerate(sc.stakeholders):
        for action_id in person.preferences:
            if action_id not in actions:
                problems.append(
                    Problem(
                        ("stakeholders", s, "preferences", action_id),
                        f"unknown action '{action_id}'",
                        _known(actions),
                    )
                )
    for p, package in enumerate(sc.packages):
        if package.owner not in people:
            problems.append(
                Problem(
                    ("packages", p, "owner"),
                    f"unknown stakeholder '{package.owner}'",
                    _known(people),
                )
            )
        for d, dep in enumerate(package.depends_on):
            if dep not in work:
                problems.append(
                    Problem(
                        ("packages", p, "depends_on", d), f"unknown package '{dep}'", _known(work)
                    )
                )
    problems += _check_cycles(sc)
    problems += _check_events(sc, people, work)
    return problems


def _check_actions(sc: Scenario) -> list[Problem]:
    problems = []
    builds = False
    for a, action in enumerate(sc.actions):
        for channel in action.effects:
            wanted = CHANNEL_TARGET[Channel(CHANNELS.index(channel))].name.lower()
            if wanted != action.target:
                problems.append(
                    Problem(
                        ("actions", a, "effects", channel),
                        f"'{channel}' acts on a {wanted}, but this action targets"
                        f" a {action.target}",
                        f"set target: {wanted}, or move the effect to another action",
                    )
                )
        builds |= action.effects.get("build", 0.0) > 0
    if not builds:
        problems.append(
            Problem(
                ("actions",),
                "no action builds anything",
                "add an action with target: package and effects: {build: 1.0}",
            )
        )
    return problems


def _check_cycles(sc: Scenario) -> list[Problem]:
    deps = {p.id: set(p.depends_on) for p in sc.packages}
    index = {p.id: i for i, p in enumerate(sc.packages)}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(deps.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail, node, nxt]
            if nxt in deps and nxt not in state:
                found = visit(nxt, [*trail, node])
                if found:
                    return found
        state[node] = 2
        return None

    for pid in deps:
        if pid not in state:
            cycle = visit(pid, [])
            if cycle:
                start = cycle.index(cycle[-1])
                loop = " -> ".join(cycle[start:])
                return [
                    Problem(
                        ("packages", index[cycle[-1]], "depends_on"),
                        f"dependency cycle: {loop}",
                        "a package cannot wait for itself",
                    )
                ]
    return []


def _check_events(sc: Scenario, people: set[str], work: set[str]) -> list[Problem]:
    problems = []
    for e, event in enumerate(sc.events):
        trig = event.trigger
        where = ("events", e, "trigger")
        chosen = [k for k in ("turn", "window") if getattr(trig, k) is not None]
        if len(chosen) > 1:
            problems.append(Problem(where, "give either turn or window, not both"))
        if not chosen and trig.condition is None and not trig.manual:
            problems.append(
                Problem(
                    where,
                    "the trigger never says when",
                    "add turn: K, window: [A, B], condition: {...} or manual: true",
                )
            )
        if trig.window is not None and not 1 <= trig.window[0] <= trig.window[1]:
            problems.append(
                Problem(
                    (*where, "window"),
                    f"window {list(trig.window)} is not [first, last] with 1 <= first <= last",
                )
            )
        cond = trig.condition
        if cond is not None:
            needs_person = cond.var in ("trust", "satisfaction")
            if needs_person and cond.stakeholder is None:
                problems.append(
                    Problem(
                        (*where, "condition", "stakeholder"),
                        f"'{cond.var}' needs a stakeholder",
                        _known(people),
                    )
                )
            if cond.stakeholder is not None and cond.stakeholder not in people:
                problems.append(
                    Problem(
                        (*where, "condition", "stakeholder"),
                        f"unknown stakeholder '{cond.stakeholder}'",
                        _known(people),
                    )
                )
        fx = event.effects
        for key, table, known in (
            ("trust", fx.trust, people),
            ("expectation", fx.expectation, people),
            ("clarity", fx.clarity, work),
            ("scope", fx.scope, work),
        ):
            for ref in table:
                if ref not in known:
                    kind = "stakeholder" if known is people else "package"
                    problems.append(
                        Problem(
                            ("events", e, "effects", key, ref),
                            f"unknown {kind} '{ref}'",
                            _known(known),
                        )
                    )
    return problems
