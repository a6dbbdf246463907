"""Checks a schema cannot express: ids, cross-references, cycles, consistency."""

import difflib
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


def _known(ids: Iterable[str], wrong: str = "") -> str:
    names = sorted(ids)
    close = difflib.get_close_matches(wrong, names, n=1, cutoff=0.6) if wrong else []
    listed = "known: " + ", ".join(names) if names else "there are none"
    return f"did you mean '{close[0]}'? {listed}" if close else listed


class _Checker:
    """Collects problems in file order."""

    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.problems: list[Problem] = []
        self.people = {s.id for s in sc.stakeholders}
        self.work = {p.id for p in sc.packages}
        self.actions = {a.id for a in sc.actions}

    def add(self, path: Path, message: str, hint: str = "") -> None:
        self.problems.append(Problem(path, message, hint))

    def ref(self, path: Path, kind: str, value: str, known: set[str]) -> None:
        """Report `value` unless it is one of the `known` ids of this kind."""
        if value not in known:
            self.add(path, f"unknown {kind} '{value}'", _known(known, value))


def check_references(sc: Scenario) -> list[Problem]:
    """Every cross-reference and consistency problem of a schema-valid scenario."""
    check = _Checker(sc)
    _check_ids(check)
    if sc.deadline > sc.turns:
        check.add(
            ("deadline",),
            f"deadline {sc.deadline} is after the last turn {sc.turns}",
            "turns is the last possible turn; make it >= deadline",
        )
    _check_actions(check)
    _check_people(check)
    for p, package in enumerate(sc.packages):
        check.ref(("packages", p, "owner"), "stakeholder", package.owner, check.people)
        for d, dep in enumerate(package.depends_on):
            check.ref(("packages", p, "depends_on", d), "package", dep, check.work)
    _check_cycles(check)
    _check_events(check)
    _check_coefficients(check)
    return check.problems


def _check_ids(check: _Checker) -> None:
    sc = check.sc
    for section, ids in (
        ("actions", [a.id for a in sc.actions]),
        ("stakeholders", [s.id for s in sc.stakeholders]),
        ("packages", [p.id for p in sc.packages]),
        ("events", [e.id for e in sc.events]),
    ):
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                check.add(
                    (section, i, "id"),
                    f"duplicate id '{item_id}'",
                    "every id in a section must be unique",
                )
            seen.add(item_id)


def _check_actions(check: _Checker) -> None:
    builds = False
    for a, action in enumerate(check.sc.actions):
        for channel in action.effects:
            wanted = CHANNEL_TARGET[Channel(CHANNELS.index(channel))].name.lower()
            if wanted != action.target:
                check.add(
                    ("actions", a, "effects", channel),
                    f"'{channel}' acts on a {wanted}, but this action targets a {action.target}",
                    f"set target: {wanted}, or move the effect to another action",
                )
        if action.effects.get("overtime", 0.0) > 0 and len(action.effects) > 1:
            check.add(
                ("actions", a, "effects"),
                "an overtime action can have no other effect",
                "its points add capacity instead of using it; make a separate action",
            )
        builds |= action.effects.get("build", 0.0) > 0
    if not builds:
        check.add(
            ("actions",),
            "no action builds anything",
            "add an action with target: package and effects: {build: 1.0}",
        )


def _check_people(check: _Checker) -> None:
    sc = check.sc
    owners = {p.owner for p in sc.packages}
    for s, person in enumerate(sc.stakeholders):
        for action_id in person.preferences:
            check.ref(
                ("stakeholders", s, "preferences", action_id), "action", action_id, check.actions
            )
        if person.id not in owners:
            check.add(
                ("stakeholders", s, "id"),
                f"'{person.id}' owns no package",
                "every stakeholder signs off at least one package: make them an owner",
            )
    if sum(p.influence for p in sc.stakeholders) <= 0:
        check.add(("stakeholders",), "every influence is 0", "give someone influence > 0")


def _check_cycles(check: _Checker) -> None:
    deps = {p.id: set(p.depends_on) for p in check.sc.packages}
    index = {p.id: i for i, p in enumerate(check.sc.packages)}
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
        cycle = visit(pid, []) if pid not in state else None
        if cycle:
            loop = " -> ".join(cycle[cycle.index(cycle[-1]) :])
            check.add(
                ("packages", index[cycle[-1]], "depends_on"),
                f"dependency cycle: {loop}",
                "a package cannot wait for itself",
            )
            return


def _check_events(check: _Checker) -> None:
    sc = check.sc
    for e, event in enumerate(sc.events):
        trig = event.trigger
        where: Path = ("events", e, "trigger")
        chosen = [k for k in ("turn", "window") if getattr(trig, k) is not None]
        if len(chosen) > 1:
            check.add(
                where,
                "give either turn or window, not both",
                "in a file that extends another, clear the other with 'turn: null'",
            )
        if trig.manual and chosen:
            # The model never fires a manual event by itself: its turn would silently do nothing.
            check.add(
                (*where, "manual"),
                f"a manual event ignores its '{chosen[0]}:': it fires only when the facilitator"
                " fires it",
                f"remove '{chosen[0]}:', or remove 'manual:' to fire it by {chosen[0]}; in a file"
                f" that extends another, write '{chosen[0]}: null'",
            )
        if not chosen and trig.condition is None and not trig.manual:
            check.add(
                where,
                "the trigger never says when",
                "add turn: K, window: [A, B], condition: {...} or manual: true",
            )
        if trig.window is not None and not 1 <= trig.window[0] <= trig.window[1]:
            check.add(
                (*where, "window"),
                f"window {list(trig.window)} is not [first, last] with 1 <= first <= last",
            )
        last = trig.turn if trig.turn is not None else (trig.window[1] if trig.window else None)
        if last is not None and last > sc.turns:
            check.add(
                (*where, chosen[0]),
                f"turn {last} is after the last turn {sc.turns}: the event can never fire",
                f"use a turn from 1 to {sc.turns}",
            )
        cond = trig.condition
        if cond is not None:
            if cond.var in ("trust", "satisfaction") and cond.stakeholder is None:
                check.add(
                    (*where, "condition", "stakeholder"),
                    f"'{cond.var}' needs a stakeholder",
                    _known(check.people),
                )
            if cond.stakeholder is not None:
                check.ref(
                    (*where, "condition", "stakeholder"),
                    "stakeholder",
                    cond.stakeholder,
                    check.people,
                )
        fx = event.effects
        for key, table, kind, known in (
            ("trust", fx.trust, "stakeholder", check.people),
            ("expectation", fx.expectation, "stakeholder", check.people),
            ("clarity", fx.clarity, "package", check.work),
            ("scope", fx.scope, "package", check.work),
        ):
            for ref in table:
                check.ref(("events", e, "effects", key, ref), kind, ref, known)


def _check_coefficients(check: _Checker) -> None:
    m = check.sc.model
    if m.trust_floor > m.ceiling_floor:
        check.add(
            ("model", "trust_floor"),
            f"trust_floor {m.trust_floor} is above ceiling_floor {m.ceiling_floor}",
            "trust's floor must lie below its lowest ceiling",
        )
    if m.fcc_min > m.fcc_max:
        check.add(("model", "fcc_min"), f"fcc_min {m.fcc_min} is above fcc_max {m.fcc_max}")
