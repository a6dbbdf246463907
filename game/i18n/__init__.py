"""The game's own words, in one catalogue per language: `tr("turn.end", label="week")`.

Scenario texts (titles, names, the story, action labels, events) are the scenario's
own and never pass through here: a facilitator writes a scenario in their language.
What the program itself says (buttons, headings, help, the sentences of the week
report and the debrief) lives in `<code>.json` beside this file, one flat object of
keys grouped by screen ("title.start", "turn.end", "week.rework.unclear").

Rules, kept small on purpose:

* Values are `str.format` templates with named fields (`{name}`); every language
  has the same keys with the same fields (tests/test_i18n.py checks it).
* English is complete and the fallback: a key missing from another catalogue is
  shown in English, so a half-done translation still plays.
* A key missing from English too raises KeyError, always. Keys are literals in the
  code, and the test suite checks each against the catalogue, so an unknown key is a
  programming error: failing loudly beats showing a player "turn.end_wek".
* Plurals are separate keys ending in ".one" and ".many", chosen by `trn`; numbers
  go through `number`/`percent`, so German gets its decimal comma.

No pygame, no numpy: the headless session code (game/session) uses it too. The
current language is one process-wide setting, like the window: the app sets it.
"""

import json
import string
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

DEFAULT = "en"
_current = DEFAULT


@cache
def available() -> tuple[str, ...]:
    """The language codes with a catalogue file, sorted ("de", "en")."""
    files = resources.files(__package__)
    return tuple(sorted(f.name.removesuffix(".json") for f in files.iterdir() if _is_catalogue(f)))


def _is_catalogue(entry: Traversable) -> bool:
    return entry.is_file() and entry.name.endswith(".json")


@cache
def catalogue(code: str) -> dict[str, str]:
    """The catalogue of one language (read once); KeyError for a language without one."""
    if code not in available():
        raise KeyError(f"no catalogue for language '{code}'")
    text = resources.files(__package__).joinpath(f"{code}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{code}.json must be one object of strings")
    return data


def resolve(code: str) -> str | None:
    """The catalogue that serves `code`: itself, else its base language ('de-AT' -> 'de')."""
    for candidate in (code, code.split("-")[0].lower()):
        if candidate in available():
            return candidate
    return None


def set_language(code: str) -> str:
    """Speak `code` from now on (its base language, or English if there is no catalogue).

    Returns the language in effect, so the caller can tell whether anything changed.
    """
    global _current
    _current = resolve(code) or DEFAULT
    return _current


def language() -> str:
    """The language in effect, e.g. "en"."""
    return _current


def language_name(code: str) -> str:
    """A language's name in that language ("English", "Deutsch"), for the settings."""
    return catalogue(resolve(code) or DEFAULT)["language.name"]


def template(key: str) -> str:
    """The raw text of `key` in the current language, or in English if it has none."""
    found = catalogue(_current).get(key)
    if found is None:
        found = catalogue(DEFAULT)[key]  # KeyError: the key is in no catalogue
    return found


def has(key: str) -> bool:
    """Whether `key` exists (in English, which holds every key)."""
    return key in catalogue(DEFAULT)


def tr(key: str, /, **values: object) -> str:
    """The text of `key` in the current language, its `{fields}` filled from `values`.

    A field written `{name:poss}` is the possessive of `name` (see `possessive`).
    """
    text = template(key)
    if POSSESSIVE_SPEC in text:
        return _Formatter().format(text, **values)
    return text.format(**values) if values or "{" in text else text


POSSESSIVE_SPEC = ":poss}"


class _Formatter(string.Formatter):
    """`str.format`, plus the `poss` spec: `{department:poss}` -> "Sales'", "Finance's"."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "poss":
            return possessive(str(value))
        return str(super().format_field(value, format_spec))


def possessive(name: str) -> str:
    """`name` as an owner, by the current language's rule; a scenario's names go through it.

    English: "Finance's", but a name ending in a lower-case s takes the apostrophe alone
    ("Sales'", "Facilities'"; an acronym keeps "'s": "AWS's"). German (Duden): "Annas", no
    apostrophe, but a name ending in an s sound (s, ß, x, z) or in no letter at all takes
    the apostrophe alone ("Klaus'", "Max'", "Team 3'"). A language without a rule of its
    own follows German's, which never adds a wrong "'s". An empty name stays empty.
    """
    stripped = name.rstrip()
    last = stripped[-1:]
    if not last:
        return stripped
    if _current == "en":
        return f"{stripped}'" if last == "s" else f"{stripped}'s"
    if last.lower() in ("s", "ß", "x", "z") or not last.isalpha():
        return f"{stripped}'"
    return f"{stripped}s"


def trn(key: str, n: float, /, **values: object) -> str:
    """`tr(key + ".one")` when `n` is 1, else `tr(key + ".many")`; `n` is passed as a field."""
    return tr(f"{key}.{'one' if n == 1 else 'many'}", n=number(n), **values)


def fields(text: str) -> set[str]:
    """The names of the `{fields}` a template uses (for the catalogue checks)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def number(x: float, places: int | None = None, sign: bool = False) -> str:
    """`x` as the current language writes it: `places` decimals, or as short as `:g` makes it.

    In English this is exactly f"{x:.1f}" / f"{x:g}" (with "+" for `sign`), so English
    texts stay what they were before the catalogue.
    """
    plus = "+" if sign else ""
    text = f"{x:{plus}.{places}f}" if places is not None else f"{x:{plus}g}"
    point = template("format.decimal_point")
    return text.replace(".", point) if point != "." else text


def percent(share: float, sign: bool = False) -> str:
    """A share (0.45) as a whole percentage in the current language ("45%", "45 %")."""
    return tr("format.percent", n=number(100 * share, 0, sign))


def percents_apart(a: float, b: float) -> tuple[str, str]:
    """Two shares compared in one sentence ("trust 44.6%, a favour needs 45%"): whole
    percentages, or one decimal where whole ones would make different shares look equal."""
    if a != b and percent(a) == percent(b):
        return (
            tr("format.percent", n=number(100 * a, 1)),
            tr("format.percent", n=number(100 * b, 1)),
        )
    return percent(a), percent(b)


def ordinal(n: int) -> str:
    """'2nd' in English, '2.' in German: the one grammar rule each language brings."""
    if _current == "en" or not has("format.ordinal"):
        return {2: "2nd", 3: "3rd"}.get(n, f"{n}th")
    return tr("format.ordinal", n=n)


def cap(text: str) -> str:
    """The first letter upper case, the rest as it is ("week" -> "Week", "Woche" stays)."""
    return text[:1].upper() + text[1:]


def turn_word(label: str, many: bool = False) -> str:
    """What the UI calls one turn (or several), from the scenario's `turn_label`.

    The label is the scenario's own word. A handful of common English labels have a
    translation ("week" -> "Woche"), so an English scenario reads naturally in a German
    window; any other label is shown as written, with an English "s" for several only
    while the window speaks English.
    """
    key = f"turn_label.{label.strip().lower()}.{'many' if many else 'one'}"
    if has(key):
        word = tr(key)
        return cap(word) if label[:1].isupper() else word  # "Sprint" stays capitalised
    if many and _current == "en":
        return f"{label}s"
    return label
