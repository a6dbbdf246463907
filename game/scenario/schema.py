"""The scenario format: a validated, frozen description of one world.

Pydantic checks shapes, types and ranges here; cross-references (owners, ids,
dependencies) are checked in `references.py` so that each problem gets its own
key path. `run_game.py schema` prints the JSON Schema of `Scenario`.
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from game.model.channels import CHANNELS, CONDITION_VARS, TARGET_KINDS
from game.scenario.characters import text_problem
from game.scenario.coefficients import ModelCoefficients
from game.scenario.names import derived_short_name

TEXT_ERROR = "scenario_text"  # the pydantic error type of a text no one could read


def _shown(multi_line: bool) -> AfterValidator:
    """A text the game shows: no control characters, and something visible in it."""

    def check(text: str) -> str:
        problem = text_problem(text, multi_line)
        if problem:
            raise PydanticCustomError(TEXT_ERROR, problem[0], {"hint": problem[1]})
        return text

    return AfterValidator(check)


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40),
    Field(description="lower-case id: letters, digits, '-' and '_'"),
]
Text = Annotated[str, StringConstraints(max_length=4000), _shown(multi_line=True)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), _shown(multi_line=False)]
Label = Annotated[str, _shown(multi_line=False)]  # a short word on screen, such as a grade
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
ChannelName = Literal[CHANNELS]  # type: ignore[valid-type]
TargetKind = Literal[TARGET_KINDS]  # type: ignore[valid-type]
ConditionVar = Literal[CONDITION_VARS]  # type: ignore[valid-type]


class Strict(BaseModel):
    # Infinity and NaN are never meaningful in a scenario and would poison every game.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


class Team(Strict):
    capacity: float = Field(10.0, ge=1, le=200, description="points of work per turn")
    max_overtime: float = Field(4.0, ge=0, le=100, description="extra points per turn at most")


class Budget(Strict):
    total: float = Field(gt=0, description="money units for the whole project")
    cost_per_point: float = Field(1.0, gt=0, description="cost of one point of capacity")
    overtime_factor: float = Field(1.5, ge=1, le=5, description="cost multiplier for overtime")


class Sponsor(Strict):
    name: Name
    role: Name
    support: Unit = Field(
        0.7, description="starting sponsor support; at 0 the project is cancelled"
    )


class Action(Strict):
    id: Id
    label: Name
    description: Text = Field(description="what it is and what it tends to do (tooltip)")
    cost: int = Field(1, ge=1, le=20, description="capacity points per use")
    target: TargetKind = Field(description="package, stakeholder or project")
    effects: dict[ChannelName, Annotated[float, Field(ge=0, le=10)]] = Field(
        min_length=1, description="effect per use on each model channel (0 to 10)"
    )


class Traits(Strict):
    patience: Unit = Field(0.5, description="tolerance for delay; low patience erodes trust faster")
    hype_susceptibility: Unit = Field(0.5, description="how much hype inflates expectations")
    trust: Unit = Field(0.5, description="starting trust")
    build_rate: float = Field(0.2, ge=0, le=1, description="trust built by saturated contact")
    erosion_rate: float = Field(0.03, ge=0, le=1, description="trust lost per turn of neglect")


class Stakeholder(Strict):
    # `short_name` in the file: the Python name is taken by the property that falls back to
    # the name. Saved and hashed under `short_name`, and left out when unset, so a scenario
    # without it keeps the digest it had before the key existed.
    model_config = ConfigDict(serialize_by_alias=True)

    id: Id
    name: Name
    given_short_name: Name | None = Field(
        None,
        alias="short_name",
        exclude_if=lambda value: value is None,
        description="how the game calls them in running text (default: the first word of"
        " the name that is not a title such as Dr. or Frau)",
    )
    role: Name
    department: Name
    portrait: Text | None = Field(None, description="PNG under assets/portraits, or generated")
    cares_about: Text = Field(description="what they care about, in their words")
    influence: Unit = Field(0.5, description="weight with the sponsor and in the verdict")
    traits: Traits = Traits()
    preferences: dict[Id, Annotated[float, Field(ge=0, le=5)]] = Field(
        default_factory=dict, description="action id -> effect multiplier for this person (0-5)"
    )

    @property
    def short_name(self) -> str:
        """How the game calls them in running text: `short_name:` if the file sets it, else
        the first word of the name that is not a title ("Dana" for "Dana Kowalski", "Lukas"
        for "Dr. Lukas Brenner"), or the id if the name has no word."""
        if self.given_short_name:
            return self.given_short_name
        return derived_short_name(self.name, self.id)


class Package(Strict):
    id: Id
    title: Name
    owner: Id = Field(description="the stakeholder who signs it off")
    size: float = Field(gt=0, le=1000, description="points of work")
    value: float = Field(gt=0, le=1000, description="value to the business when accepted")
    complexity: Unit = Field(0.3, description="lowers starting clarity")
    clarity: Unit | None = Field(None, description="starting clarity (overrides complexity)")
    depends_on: list[Id] = Field(default_factory=list)


class Condition(Strict):
    var: ConditionVar
    stakeholder: Id | None = Field(None, description="for trust and satisfaction")
    op: Literal[">=", "<="]
    value: float


class Trigger(Strict):
    turn: int | None = Field(None, ge=1, description="fires on this turn (1-based)")
    window: tuple[int, int] | None = Field(None, description="first and last turn it may fire")
    probability: Unit = Field(1.0, description="chance per turn inside its window")
    condition: Condition | None = None
    once: bool = True
    manual: bool = Field(False, description="fired only by the facilitator")


class EventEffects(Strict):
    hype: float = Field(0.0, ge=-1, le=1)
    sponsor: float = Field(0.0, ge=-1, le=1)
    fatigue: float = Field(0.0, ge=-1, le=1)
    budget: float = Field(0.0, description="money added (negative: taken away)")
    capacity: float = Field(0.0, ge=-100, le=100, description="permanent change in points/turn")
    trust: dict[Id, float] = Field(default_factory=dict, description="stakeholder id -> change")
    expectation: dict[Id, float] = Field(default_factory=dict)
    clarity: dict[Id, float] = Field(default_factory=dict, description="package id -> change")
    scope: dict[Id, Annotated[float, Field(ge=0, le=1000)]] = Field(
        default_factory=dict, description="package id -> extra points of work"
    )


class Event(Strict):
    id: Id
    title: Name
    text: Text
    trigger: Trigger
    effects: EventEffects = EventEffects()


class Scoring(Strict):
    defect_weight: float = Field(1.5, ge=0, le=5, description="value lost per unit defect share")
    verdict_floor: Unit = Field(0.4, description="score factor when every stakeholder is furious")
    sponsor_weight: float = Field(
        0.8, ge=0, le=5, description="the sponsor's support in the verdict, as an influence"
    )
    late_penalty: float = Field(0.06, ge=0, le=1, description="score share lost per late turn")
    overrun_penalty: float = Field(1.0, ge=0, le=10, description="per unit of budget overrun")
    cancel_factor: Unit = Field(0.25, description="score factor of a cancelled project")
    grades: dict[Label, float] = Field(
        default_factory=lambda: {"A": 65.0, "B": 50.0, "C": 35.0, "D": 20.0},
        description="grade -> minimum score, best first",
    )
    fail_grade: Label = "F"
    win_score: float = Field(45.0, ge=0, le=100, description="score that counts as a win")


class Scenario(Strict):
    """One world: the project, the people, the work, the events and the rules' numbers."""

    id: Id
    title: Name
    summary: Name = Field(description="one line for the scenario list")
    language: str = Field("en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    difficulty: Literal["easy", "normal", "hard"] = "normal"
    learning_goals: list[Text] = Field(default_factory=list)
    facilitator_notes: Text = ""
    debrief_questions: list[Text] = Field(default_factory=list)
    story: Text = Field(description="the briefing, in the scenario's own words")
    goal: Text
    turn_label: Label = Field("week", description="what one turn is called")
    turns: int = Field(
        ge=2, le=60, description="last possible turn; the game may overrun the deadline until here"
    )
    deadline: int = Field(ge=1, le=60)
    team: Team = Team()
    budget: Budget
    sponsor: Sponsor
    actions: list[Action] = Field(min_length=1)
    stakeholders: list[Stakeholder] = Field(min_length=1, max_length=12)
    packages: list[Package] = Field(min_length=1, max_length=60)
    events: list[Event] = Field(default_factory=list, max_length=100)
    model: ModelCoefficients = ModelCoefficients()
    scoring: Scoring = Scoring()


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema editors use: a scenario, or a file that `extends:` another one.

    The loader merges `extends` before validating, so the pydantic model never sees
    it; for editors, a file with `extends` may leave out every required key.
    """
    schema = Scenario.model_json_schema()
    required = schema.pop("required")
    schema["properties"]["extends"] = {
        "type": "string",
        "description": "id of a shipped scenario, or a path relative to this file, to build on",
    }
    schema["if"] = {"not": {"required": ["extends"]}}
    schema["then"] = {"required": required}
    return schema
