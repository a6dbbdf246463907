"""The scenarios the title screen offers: shipped ones, the user's folder, opened files.

Loading every scenario up front lets a card show its length and difficulty, and
lets a broken file show its errors on the card instead of failing at Start.
"""

from dataclasses import dataclass
from pathlib import Path

from game.i18n import tr
from game.local import paths
from game.scenario.characters import escape
from game.scenario.errors import InputError
from game.scenario.loader import FOLDER_VARIABLE, load_scenario, shipped_ids

MAX_USER_FILES = 40  # a folder with hundreds of files would only bury the shipped ones


@dataclass(frozen=True)
class ScenarioEntry:
    ref: str  # what `load` takes: a shipped id or a path
    title: str
    summary: str  # the scenario's own line; "" for a file that does not load
    turns: int
    difficulty: str
    source: str  # "shipped", "yours" (the user's folder) or "file" (opened this session)
    error: str = ""  # the validation messages of a file that does not load
    turn_label: str = "week"  # what the scenario calls a turn, for "20 weeks"

    @property
    def playable(self) -> bool:
        return not self.error

    @property
    def blurb(self) -> str:
        """What the card says under its title (in the window's language for a broken file)."""
        return self.summary if self.playable else tr("title.card.broken")


def entry(ref: str, source: str) -> ScenarioEntry:
    """A card for `ref`; a file that does not load becomes a card with its errors."""
    try:
        sc = load_scenario(ref)
    except InputError as exc:
        # The file's name is all we know of it; a name can hold invisible characters too.
        return ScenarioEntry(ref, escape(Path(ref).name), "", 0, "", source, str(exc))
    return ScenarioEntry(
        ref, sc.title, sc.summary, sc.deadline, sc.difficulty, source, turn_label=sc.turn_label
    )


def catalogue(default_first: str = "crm-rollout") -> list[ScenarioEntry]:
    """Shipped scenarios (tutorial first: it is where a new team should start), then the user's."""
    try:
        ids = shipped_ids()
    except InputError as exc:  # ODD_DUCK_SCENARIOS names no usable folder: say so on a card
        return [ScenarioEntry("", FOLDER_VARIABLE, "", 0, "", "shipped", str(exc)), *_yours()]
    order = sorted(ids, key=lambda i: (i != "tutorial", i != default_first, i))
    return [entry(i, "shipped") for i in order] + _yours()


def _yours() -> list[ScenarioEntry]:
    folder = paths.user_scenario_dir()
    try:
        if not folder.is_dir():
            return []
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])[:MAX_USER_FILES]
    except (OSError, ValueError):  # a data folder path too long, or with a NUL byte
        return []
    return [entry(str(f), "yours") for f in files]
