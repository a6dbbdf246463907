"""Characters a scenario's text may not hold, named for messages and escaped in them.

A facilitator's file can carry characters nobody sees: a vertical tab pasted from a
word processor, a zero-width space, a right-to-left override. Shown on screen they
crash the text renderer or draw nothing; printed in a message they reorder the
terminal line. So a message names them ("U+000B LINE TABULATION") and prints them
escaped ("\\u202e"), and a text that holds nothing visible is refused.
"""

import unicodedata

# unicodedata has no names for control characters; these are Unicode's aliases.
# fmt: off
_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)
# fmt: on
_OTHER_NAMES = {0x7F: "DELETE", 0x85: "NEXT LINE"}
# Control, format (zero-width, bidi controls), line and paragraph separators.
_UNSEEN = {"Cc", "Cf", "Zl", "Zp"}
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
CONTROL_HINT = "delete it; such characters come with text pasted from a word processor"


def describe(char: str) -> str:
    """'\\x0b' -> 'U+000B LINE TABULATION'."""
    code = ord(char)
    name = _C0_NAMES[code] if code < len(_C0_NAMES) else _OTHER_NAMES.get(code)
    return f"U+{code:04X} {name or unicodedata.name(char, 'CONTROL CHARACTER')}"


def escape(text: str) -> str:
    """`text` with every control, format and separator character written as an escape."""
    if text.isprintable():  # the common case, and fast
        return text
    return "".join(_escaped(c) if unicodedata.category(c) in _UNSEEN else c for c in text)


def quoted(text: str, most: int = 60) -> str:
    """Text a user wrote, as a message repeats it: escaped, and cut at `most` characters."""
    text = escape(text)
    return text if len(text) <= most else text[: most - 1] + "…"


def _escaped(char: str) -> str:
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def first_control(text: str, allow_newline: bool) -> str | None:
    """The first control character in `text` (a line feed counts only if not allowed)."""
    for char in text:
        if unicodedata.category(char) == "Cc" and not (allow_newline and char == "\n"):
            return char
    return None


def text_problem(text: str, multi_line: bool) -> tuple[str, str] | None:
    """What is wrong with a text a player will see, as (message, hint); None if nothing."""
    char = first_control(text, allow_newline=multi_line)
    if char == "\n":
        return "contains a line break", "this text is one line: write it on one line"
    if char is not None:
        return f"contains {describe(char)}, a control character", CONTROL_HINT
    if text and not any(unicodedata.category(c)[0] in "LNPS" for c in text):
        unseen = sorted(set(text) - {" "})[:3] or [" "]
        return (
            "has nothing visible, only " + ", ".join(describe(c) for c in unseen),
            "write the text; zero-width and direction marks come with pasted text",
        )
    return None
