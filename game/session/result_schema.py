"""A team's result file as the debrief reads it: every key typed, bounded and cross-checked.

A result file comes from another laptop, a USB stick or a shared folder, and feeds
matplotlib, FreeType and an HTML page. `ResultRecord` states what each key may hold
(types, ranges, lengths, no control characters); `first_inconsistency` finds what
pydantic cannot see (one series entry per turn played, the scenario's stakeholders
everywhere); `describe` turns a pydantic error into what was expected and what the
file has.
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import ErrorDetails, PydanticCustomError

from game.model.observe import MOOD_NAMES
from game.model.rules.stakeholders import COMPLAINTS, EXPECT_MAX
from game.scenario.yaml_source import KeyPath
from game.session.debrief.moments import MOMENT_KINDS
from game.session.savefile import VERSION

MAX_TURNS = 60  # a scenario's last possible turn (the scenario schema's `turns`)
MAX_PEOPLE = 12  # stakeholders in a scenario (the scenario schema's limit)


# --- The record as the debrief reads it ------------------------------------------------
# Strings: no control characters (a NUL reaches matplotlib and FreeType), bounded length.
Short = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")
]
Text = Annotated[str, StringConstraints(max_length=4000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)]
Share = Annotated[float, Field(ge=0.0, le=1.0 + 1e-9)]  # a sum of parts may round over 1
Turns = Annotated[float, Field(ge=0.0, le=MAX_TURNS)]
Points = Annotated[float, Field(ge=0.0, le=1e4)]  # capacity points: tens a turn


def _one_of(options: tuple[str, ...]) -> AfterValidator:
    """A `Literal` of values the game defines in a tuple (a type checker needs them spelt)."""

    def check(value: str) -> str:
        if value not in options:
            expected = ", ".join(repr(o) for o in options)
            raise PydanticCustomError(
                "literal_error", "expected {expected}", {"expected": expected}
            )
        return value

    return AfterValidator(check)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Person(_Strict):
    id: Id
    name: Name
    role: Short = ""


class ScenarioInfo(_Strict):
    """The save's scenario reference, and what the debrief shows of the scenario."""

    model_config = ConfigDict(extra="ignore")  # the save's own keys (its content) change
    ref: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    id: Id
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    title: Name
    deadline: int = Field(ge=1, le=MAX_TURNS)
    turn_label: Annotated[str, StringConstraints(min_length=1, max_length=40)] = "week"
    stakeholders: list[Person] = Field(min_length=1, max_length=MAX_PEOPLE)


class Seen(_Strict):
    """What the team saw of one stakeholder before a turn."""

    trust: Share
    expectation: float = Field(ge=0.0, le=EXPECT_MAX)  # ahead of the plan, past 100%
    seen: Share
    vague: bool
    mood: Annotated[str, _one_of(MOOD_NAMES)]
    complaint: Annotated[str, _one_of(COMPLAINTS)] | None


class Observation(_Strict):
    turn: int = Field(ge=1, le=MAX_TURNS)
    reported_progress: Share
    budget_left: float = Field(ge=-1e6, le=1e6)  # below zero once the budget is overrun
    sponsor: Share
    stakeholders: dict[Id, Seen] = Field(max_length=MAX_PEOPLE)


class Outcome(_Strict):
    score: float = Field(ge=0.0, le=100.0)
    grade: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    won: bool
    cancelled: bool
    late_turns: Turns
    value_delivered: Share
    quality: Share
    verdict: Share
    verdict_factor: Share
    schedule_factor: Share
    budget_factor: Share
    cancel_factor: Share
    rework_share: Share
    signoff_delay: dict[Id, Turns | None] = Field(max_length=MAX_PEOPLE)  # None: none built
    true_progress: Share
    reported_progress: Share
    finished: bool = True  # False: the round stopped before its end (files before it: True)


class Series(_Strict):
    """Per-turn truth, one entry a turn played (a NaN was written as null)."""

    turns: list[int] = Field(max_length=MAX_TURNS)
    reported: list[Share | None] = Field(max_length=MAX_TURNS)
    true: list[Share | None] = Field(max_length=MAX_TURNS)
    trust: dict[Id, list[Share | None]] = Field(max_length=MAX_PEOPLE)
    build_points: list[Points] = Field(max_length=MAX_TURNS)
    relation_points: list[Points] = Field(max_length=MAX_TURNS)
    project_points: list[Points] = Field(max_length=MAX_TURNS)
    rework_found: list[Points] = Field(max_length=MAX_TURNS)
    names: list[Name] = Field(max_length=MAX_PEOPLE)


class KeyMoment(_Strict):
    turn: int = Field(ge=1, le=MAX_TURNS)
    kind: Annotated[str, _one_of(MOMENT_KINDS)]
    text: Text
    stakeholder: int | None = Field(ge=0, lt=MAX_PEOPLE)


class ResultRecord(_Strict):
    """One team's result file, whole: what `result_record` writes.

    Keys the debrief does not read are left out, not refused: a result file holds a save
    record (`savefile.to_record`), whose keys grow with the save format.
    """

    model_config = ConfigDict(extra="ignore")

    format: Literal["odd-duck-round"]
    version: int = Field(ge=1, le=VERSION)
    rules: int = Field(0, ge=0, description="the model's RULES_VERSION; 0: not recorded")
    scenario: ScenarioInfo
    seed: int = Field(ge=0, le=2**64 - 1)
    game_id: int = Field(ge=0, le=2**63 - 1)
    team: Short
    round_id: Annotated[str, StringConstraints(max_length=64)] = ""
    plans: list[dict[Id, dict[Id, Points]]] = Field(max_length=MAX_TURNS)
    # JSON keys are text: "2" is the turn index 2 (hence not strict about the key's type).
    fired: dict[Annotated[int, Strict(False)], list[Id]] = Field(
        default_factory=dict, max_length=MAX_TURNS
    )
    observations: list[Observation] = Field(max_length=MAX_TURNS)
    outcome: Outcome
    series: Series
    key_moments: list[KeyMoment] = Field(max_length=50)  # the debrief keeps 12
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    debrief_questions: list[Text] = Field(default_factory=list, max_length=50)
    workshop: dict[Annotated[str, StringConstraints(max_length=40)], float | None] = Field(
        default_factory=dict, max_length=20
    )


def _shown(value: Any) -> str:
    """A value as a message quotes it: short, and a container by its kind."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:39] + "…")
    return "null" if value is None else repr(value)


_EXPECTED = {
    "dict_type": "a mapping {...}", "model_type": "a mapping {...}", "list_type": "a list [...]",
    "string_type": "text", "int_type": "a whole number", "int_from_float": "a whole number",
    "float_type": "a number", "bool_type": "true or false", "finite_number": "a finite number",
    "none_required": "null",
}  # fmt: skip


def describe(error: ErrorDetails) -> str:
    """What was expected at the error's key, and what the file has."""
    kind, ctx, got = error["type"], error.get("ctx", {}), _shown(error.get("input"))
    if kind == "missing":
        return "this key is missing"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {got}"
    bounds = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
              "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}  # fmt: skip
    if kind in bounds:
        words, key = bounds[kind]
        return f"expected a number of {words} {ctx[key]:g}, got {got}"
    if kind in ("too_long", "string_too_long", "too_short", "string_too_short"):
        most = kind.endswith("long")
        n = ctx["max_length" if most else "min_length"]
        noun = ("character", "characters") if kind.startswith("string") else ("entry", "entries")
        return f"expected at {'most' if most else 'least'} {n} {noun[n != 1]}, got {got}"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}, got {got}"
    if kind == "string_pattern_mismatch":
        return f"{got} is not allowed here (expected text matching {ctx['pattern']})"
    return f"{error['msg'][0].lower()}{error['msg'][1:]}, got {got}"


def _same(where: KeyPath, found: list[str], expected: list[str]) -> tuple[KeyPath, str] | None:
    if found == expected:
        return None
    return where, f"names stakeholders {found or 'none'}; the scenario has {expected}"


def first_inconsistency(r: ResultRecord) -> tuple[KeyPath, str] | None:
    """The first place where the record contradicts itself, if there is one."""
    ids, s = [p.id for p in r.scenario.stakeholders], r.series
    n = len(s.turns)
    if len(set(ids)) != len(ids):
        return ("scenario", "stakeholders"), "a stakeholder id appears twice"
    if s.turns != list(range(1, n + 1)):
        return ("series", "turns"), f"expected the turns 1 to {n} in order"
    for key in ("reported", "true", "build_points", "relation_points", "project_points",
                "rework_found"):  # fmt: skip
        if len(getattr(s, key)) != n:
            return ("series", key), f"expected {n} entries (one a turn played)"
    for sid, values in s.trust.items():
        if len(values) != n:
            return ("series", "trust", sid), f"expected {n} entries (one a turn played)"
    if len(s.names) != len(ids):
        return ("series", "names"), f"expected {len(ids)} names (one a stakeholder)"
    for where, many in ((("plans",), r.plans), (("observations",), r.observations)):
        if len(many) != n:
            return where, f"expected {n} entries, as many as the series has turns"
    late = max(n - r.scenario.deadline, 0)
    if r.outcome.late_turns > late:
        return ("outcome", "late_turns"), f"expected at most {late} after {n} turns played"
    if r.outcome.won and r.outcome.cancelled:
        return ("outcome", "won"), "a cancelled project cannot be won"
    for k, moment in enumerate(r.key_moments):
        if moment.turn > n:
            return ("key_moments", k, "turn"), f"expected a turn from 1 to {n}"
        if moment.stakeholder is not None and moment.stakeholder >= len(ids):
            return ("key_moments", k, "stakeholder"), f"expected an index below {len(ids)}"
    for turn in r.fired:
        if not 0 <= turn < n:
            return ("fired", turn), f"expected a turn index from 0 to {n - 1}"
    checks = [_same(("series", "trust"), list(s.trust), ids)]
    checks.append(_same(("outcome", "signoff_delay"), list(r.outcome.signoff_delay), ids))
    for k, seen in enumerate(r.observations):
        if seen.turn != k + 1:
            return ("observations", k, "turn"), f"expected {k + 1}"
        checks.append(_same(("observations", k, "stakeholders"), list(seen.stakeholders), ids))
    return next((c for c in checks if c), None)
