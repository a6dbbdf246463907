"""Warnings: what loads and plays, but not as the facilitator meant it.

An error stops a scenario; a warning names something a workshop would trip over (a
title cut at ' #', a character drawn as an empty box, two people the players cannot
tell apart, a text still naming the people of the scenario it was copied from) and
says how to fix it. `validate` prints them and still succeeds.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from game.scenario.errors import Diagnostic, locate
from game.scenario.glyphs import name_of, undrawable
from game.scenario.names import name_words
from game.scenario.references import Problem
from game.scenario.schema import Scenario
from game.scenario.yaml_source import Document, KeyPath

# Keys whose text a player reads (ids, owners and choices are not shown as written).
SHOWN_TEXT_KEYS = frozenset(
    {
        "title", "summary", "story", "goal", "facilitator_notes", "learning_goals",
        "debrief_questions", "turn_label", "name", "short_name", "role", "department",
        "cares_about", "label", "description", "text", "fail_grade", "grades",
    }
)  # fmt: skip
# Texts that tell the story, where a leftover name from another scenario would show.
STORY_KEYS = SHOWN_TEXT_KEYS - {"name", "short_name", "turn_label", "fail_grade", "grades"}
_WORD = re.compile(r"\w+")


def scenario_warnings(
    scenario: Scenario, doc: Document, elsewhere: Mapping[str, str]
) -> list[Diagnostic]:
    """Every warning about a valid scenario; `elsewhere` maps a word of a person's name in
    another scenario (e.g. 'Dana') to that scenario's id."""
    texts = list(_texts(scenario.model_dump(), ()))
    found = [*_undrawable(texts), *_shared_short_names(scenario)]
    found += _foreign_names(scenario, texts, elsewhere)
    fallback = doc.marks[()]
    located = [
        Diagnostic(locate(doc.marks, p.path, fallback), p.path, p.message, p.hint, "warning")
        for p in found
    ]
    return [*_cut_texts(doc), *located]


def _texts(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """(key path, text) of every shown text, in file order."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "grades":  # its keys are the texts shown
                yield from (((*path, key, grade), grade) for grade in item)
            else:
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, str):
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if key in SHOWN_TEXT_KEYS:
            yield path, value


def _cut_texts(doc: Document) -> Iterator[Diagnostic]:
    for cut in doc.comments:
        key = next((p for p in reversed(cut.path) if isinstance(p, str)), "")
        if key not in SHOWN_TEXT_KEYS:
            continue  # '# why' after an id or a number is an ordinary comment
        whole = f"{cut.value} {cut.comment}".replace('"', "'")
        yield Diagnostic(
            cut.mark,
            cut.path,
            f"the text ends before ' #': YAML reads '{cut.comment}' as a comment, so the game"
            f" shows only '{cut.value}'",
            f'put the whole text in quotes: {key}: "{whole}"',
            "warning",
        )


def _undrawable(texts: list[tuple[KeyPath, str]]) -> Iterator[Problem]:
    for path, text in texts:
        chars = undrawable(text)
        if chars:
            listed = ", ".join(name_of(c) for c in chars[:5])
            shows = "it shows" if len(chars) == 1 else "they show"
            yield Problem(
                path,
                f"the game's font cannot draw {listed}: {shows} as an empty box",
                "delete it or say it in words; the font has letters with accents, Greek and"
                " Cyrillic, but no emoji, arrows or symbols",
            )


def _shared_short_names(scenario: Scenario) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for s, person in enumerate(scenario.stakeholders):
        key = person.short_name.casefold()
        if key not in first:
            first[key] = s
            continue
        other = scenario.stakeholders[first[key]]
        others = sorted(name_words(person.name) - {person.short_name})
        surname = max(others, key=len, default=person.id)
        yield Problem(
            ("stakeholders", s, "name"),
            f"{person.name} and {other.name} would both be called '{person.short_name}' on"
            " screen: players cannot tell them apart",
            f"add a short_name to one of them, e.g. short_name: {surname}",
        )


def _foreign_names(
    scenario: Scenario, texts: list[tuple[KeyPath, str]], elsewhere: Mapping[str, str]
) -> Iterator[Problem]:
    """Texts that name a person of another scenario who is not in this one."""
    own = name_words(scenario.sponsor.name)
    for person in scenario.stakeholders:
        own |= name_words(person.name) | {person.short_name}
    foreign = {word: source for word, source in elsewhere.items() if word not in own}
    if not foreign:
        return
    people = ", ".join(p.short_name for p in scenario.stakeholders)
    for path, text in texts:
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if key not in STORY_KEYS:
            continue
        named = sorted({w for w in _WORD.findall(text) if w in foreign})
        if named:
            sources = sorted({foreign[w] for w in named})
            yield Problem(
                path,
                f"the text names {' and '.join(named)}, who {'is' if len(named) == 1 else 'are'}"
                f" not in this scenario (a person of {', '.join(sources)})",
                f"rewrite it for this scenario's people: {people}",
            )
