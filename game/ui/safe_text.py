"""Text any font can draw: the one filter between outside words and a render call.

A scenario, a save, a result file or a typed team name can carry characters that
draw nothing: zero-width spaces and joiners, bidi overrides and isolates, control
characters, lone surrogates. pygame refuses to render a line of only those ("Text
has zero width"), a NUL or a surrogate raises too, and a bidi override would turn
the rest of a line around. Every text the UI shows passes through `drawable`:
`draw.text` and `draw.paragraph` for painted text, `Screen.button` and the text
boxes for pygame_gui, and the app's TEXTINPUT filter for what is typed.
"""

import re
import unicodedata

PLACEHOLDER = "?"  # what is left of a text that had characters, none of them visible

# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt) that are
# not format characters: variation selectors, fillers, the grapheme joiner. Fonts
# give them no width, so a line of only these fails to render like one of U+200B.
_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0x1BCA0, 0x1BCA3),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _IGNORABLE) + "]")
# Control characters that separate words: they become a space, not nothing.
_SPACES = frozenset("\t\r\v\f\x1c\x1d\x1e\x1f\x85")
_DROPPED = frozenset(("Cc", "Cf", "Cs", "Cn"))  # control, format, surrogate, unassigned


def _clean_char(c: str) -> str:
    if c == "\n":
        return c
    if c in _SPACES:
        return " "
    category = unicodedata.category(c)
    if category in ("Zl", "Zp"):  # line and paragraph separators
        return "\n"
    if category in _DROPPED or _IGNORABLE_RE.match(c):
        return ""
    return c


def drawable(content: str, placeholder: str = PLACEHOLDER) -> str:
    """`content` with only characters that draw something, spaces and line breaks.

    Control, format (zero-width, bidi), surrogate, unassigned and other default-ignorable
    characters are removed; tabs and similar become spaces, Unicode line separators
    become newlines, and newlines stay (callers that draw one line replace them). Text
    that had something to show and loses all of it becomes `placeholder`, so the reader
    sees that something is there; empty or blank text stays as it is.
    """
    if content.isprintable() and not _IGNORABLE_RE.search(content):
        return content  # nearly every text: nothing to remove
    cleaned = "".join(_clean_char(c) for c in content)
    if cleaned.strip() or not content.strip():
        return cleaned
    return placeholder


def one_line(content: str, placeholder: str = PLACEHOLDER) -> str:
    """`drawable` for a single line: line breaks become spaces."""
    return drawable(content, placeholder).replace("\n", " ")


def name(content: str) -> str:
    """A name as typed or saved, drawable, on one line and trimmed; '' if nothing shows.

    A team called only zero-width characters is a team with no name. Runs of spaces are
    one space: "Blue  Ducks" showed as "Blue Ducks" on the facilitator's page (HTML folds
    them) while the host knew it by two, so a facilitator could not name the team.
    """
    return " ".join(one_line(content, "").split())
