"""How the game calls a person in running text, and whose names a scenario's texts use.

"Dr. Lukas Brenner" is "Lukas", not "Dr.": titles are skipped when the short name is
worked out from the full name (a scenario may also set `short_name:` itself).
"""

# Titles that come before a name, in the languages the game ships (English, German),
# compared without their dot and case: "Dr.", "dr", "Prof." all match.
TITLES = frozenset(
    {"dr", "prof", "mr", "ms", "mrs", "miss", "mx", "sir", "dame", "herr", "frau", "dipl", "ing"}
)


def is_title(word: str) -> bool:
    """Whether `word` is a title such as 'Dr.' or 'Frau' rather than a name."""
    return word.rstrip(".").casefold() in TITLES


def derived_short_name(full: str, fallback: str) -> str:
    """The first word of the name `full` that is not a title ('Dr. Lukas Brenner' ->
    'Lukas'); the last word when every word is a title; `fallback` when there is no word.
    Stakeholder.short_name is the one caller: everyone else asks it."""
    words = full.split()
    if not words:
        return fallback
    return next((w for w in words if not is_title(w)), words[-1])


def name_words(full: str) -> set[str]:
    """The words of a full name that identify the person (titles, particles such as 'de'
    and initials left out): what a text would call them by."""
    return {w for w in full.split() if not is_title(w) and len(w) > 2 and w[0].isupper()}
