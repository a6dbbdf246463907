"""Player settings (fullscreen, text size, sound, palette, language, first-week tips, the last
seed typed on the title), kept in the data folder."""

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from game import i18n
from game.session.atomic_file import write_text_atomic
from game.session.bounded_json import JsonFileError, read_json

TEXT_SIZES = (1.0, 1.25, 1.5)  # 1.5 is the projector size
MAX_BYTES = 64 << 10  # a settings file is a few lines
TEXT_SIZE_NAMES = ("normal", "large", "projector")
SEED_DIGITS = 12  # as many as the title's seed field takes


@dataclass(frozen=True)
class Settings:
    fullscreen: bool = False
    text_size: float = 1.0
    sound: bool = True
    colour_blind_palette: bool = True
    # A catalogue's code ("en", "de"); "" is the scenario's language if the game has a
    # catalogue for it, else English: a German scenario opens in German by itself.
    language: str = ""
    # Whether this machine's team has been through the first week's tips (coach marks).
    # True here, so settings made in code (tools, tests) never interrupt; `load_settings`
    # gives a machine with no settings file yet, a first-time team, False.
    coached: bool = True
    # The seed last typed on the title ('' for a random one): the facilitator reads one
    # out for the room, and the next round on this laptop starts from it again.
    last_seed: str = ""

    def next_language(self) -> "Settings":
        """The next choice of the Settings button: the scenario's, then each catalogue."""
        choices = ("", *i18n.available())
        index = choices.index(self.language) if self.language in choices else 0
        return replace(self, language=choices[(index + 1) % len(choices)])

    def next_text_size(self) -> "Settings":
        index = TEXT_SIZES.index(self.text_size) if self.text_size in TEXT_SIZES else 0
        return replace(self, text_size=TEXT_SIZES[(index + 1) % len(TEXT_SIZES)])

    @property
    def text_size_name(self) -> str:
        if self.text_size in TEXT_SIZES:
            return TEXT_SIZE_NAMES[TEXT_SIZES.index(self.text_size)]
        return f"x{self.text_size:g}"


FIRST_RUN = Settings(coached=False)  # no settings file yet: nobody has played here


def load_settings(path: Path) -> Settings:
    """The saved settings; defaults for anything missing, unreadable or out of range.

    Settings are a convenience, not the player's work: a damaged file must never
    stop the game from starting, so it is ignored rather than reported.
    """
    if not path.exists():
        return FIRST_RUN
    try:
        data = read_json(path, MAX_BYTES)
    except JsonFileError:
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    values: dict[str, object] = {}
    for f in fields(Settings):
        value = data.get(f.name)
        if f.type in (bool, "bool") and isinstance(value, bool):
            values[f.name] = value
        elif f.name == "text_size" and isinstance(value, int | float) and value in TEXT_SIZES:
            values[f.name] = float(value)
        elif _valid_text(f.name, value):
            values[f.name] = value
    return Settings(**values)  # type: ignore[arg-type]


def _valid_text(name: str, value: object) -> bool:
    """Whether `value` is a usable setting `name` of the text kind."""
    if name == "language":
        return isinstance(value, str) and value in i18n.available()
    if name == "last_seed":
        return _is_seed_text(value)
    return False


def _is_seed_text(value: object) -> bool:
    """Whether `value` is what the title's seed field could hold: digits, or nothing."""
    return (
        isinstance(value, str)
        and len(value) <= SEED_DIGITS
        and value.isascii()
        and (value.isdigit() or not value)
    )


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically, so a crash never leaves half a file."""
    write_text_atomic(path, json.dumps(asdict(settings), indent=1))
