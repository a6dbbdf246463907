"""The UI's words: one catalogue per language, complete, used correctly, and drawn in German."""

import re
from collections.abc import Iterator
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game import i18n
from game.i18n import tr
from game.local import paths
from game.local.settings import Settings, load_settings
from game.model.observe import MOOD_NAMES
from game.model.rules.stakeholders import COMPLAINTS
from game.policies import POLICIES
from game.session.debrief import key_moments
from game.session.session import Session
from game.session.week import COMPLAINT_KEYS, week_report
from game.ui import flow
from game.ui.app import App, PlayOptions
from game.ui.widgets.stakeholder_card import MOOD_KEYS
from tests.helpers.scenarios import loaded
from tests.helpers.ui_checks import SCREENS, missing, noto, open_screen, problems
from tests.helpers.ui_driver import FRAME, button_named, click, pump

ROOT = Path(__file__).parents[1]
EN = i18n.catalogue("en")
OTHERS = [code for code in i18n.available() if code != "en"]
# The code that speaks to players: every key it names must be in the catalogue.
SOURCES = [
    *sorted((ROOT / "game" / "ui").rglob("*.py")),
    ROOT / "game" / "session" / "week.py",
    *sorted((ROOT / "game" / "session" / "debrief").rglob("*.py")),
    *sorted((ROOT / "game" / "facilitator").rglob("*.py")),
]
CALL = re.compile(r"\b(trn?)\(\s*[\"']([^\"']+)[\"']")
LITERAL = re.compile(r"[\"']([a-z_]+(?:\.[a-z0-9_]+)+)[\"']")
FILE_NAME = re.compile(r"\.(json|png|ya?ml|txt|py)$")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is process-wide: every test here leaves it as the rest expect it."""
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def fonts() -> list[pygame.font.Font]:
    return [noto("Regular"), noto("Bold")]


def test_german_ships_beside_english() -> None:
    assert {"en", "de"} <= set(i18n.available())
    assert i18n.language_name("de") == "Deutsch" and i18n.language_name("en") == "English"


@pytest.mark.parametrize("code", OTHERS)
def test_every_catalogue_has_the_same_keys_and_fields(code: str) -> None:
    other = i18n.catalogue(code)
    assert sorted(set(EN) - set(other)) == [], f"{code} lacks these"
    assert sorted(set(other) - set(EN)) == [], f"{code} has keys English does not"
    for key, text in EN.items():
        assert i18n.fields(other[key]) == i18n.fields(text), key


def test_plural_keys_come_in_pairs() -> None:
    for key in EN:
        stem, _, form = key.rpartition(".")
        if form in ("one", "many"):
            assert f"{stem}.one" in EN and f"{stem}.many" in EN, key


def _keys_in_source() -> dict[str, set[str]]:
    """Catalogue keys named in the code, by file: in tr()/trn() calls and in key tables."""
    groups = {key.split(".")[0] for key in EN}
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        keys = set()
        for call, key in CALL.findall(text):
            keys |= {f"{key}.one", f"{key}.many"} if call == "trn" else {key}
        for literal in LITERAL.findall(text):
            # A literal of a catalogue group that is not a trn() stem is a key in a table.
            if FILE_NAME.search(literal) or f"{literal}.one" in EN:
                continue
            if literal.split(".")[0] in groups:
                keys.add(literal)
        found[str(path.relative_to(ROOT))] = keys
    return found


def test_every_key_the_code_names_exists() -> None:
    found = _keys_in_source()
    assert sum(len(keys) for keys in found.values()) > 250  # the scan sees the code
    for path, keys in found.items():
        assert sorted(keys - set(EN)) == [], path


def test_nearly_every_key_is_used() -> None:
    """Keys the code builds at run time are the only ones a literal scan cannot see."""
    used = set().union(*_keys_in_source().values())
    built = {k for k in EN if k.startswith(("turn_label.", "format.", "language."))}
    assert sorted(set(EN) - used - built) == []


def test_the_model_codes_have_their_words() -> None:
    """Complaints and moods keep English names in the model; the catalogue follows them."""
    assert [EN[k] for k in COMPLAINT_KEYS] == list(COMPLAINTS)
    assert [EN[k] for k in MOOD_KEYS] == list(MOOD_NAMES)


def test_an_unknown_key_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        tr("title.no_such_key")
    i18n.set_language("de")
    with pytest.raises(KeyError):
        tr("title.no_such_key")


def test_a_key_missing_in_german_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    real = i18n.catalogue

    def without_start(code: str) -> dict[str, str]:
        data = dict(real(code))
        if code == "de":
            del data["title.start"]
        return data

    monkeypatch.setattr(i18n, "catalogue", without_start)
    i18n.set_language("de")
    assert tr("title.start") == "Start the round"
    assert tr("title.quit") == "Beenden"


def test_choosing_a_language() -> None:
    assert i18n.set_language("de-AT") == "de" == i18n.language()
    assert i18n.set_language("pt-BR") == "en"  # no catalogue: English
    assert i18n.set_language("") == "en"


def test_numbers_plurals_and_turn_words_follow_the_language() -> None:
    assert (i18n.number(1.25, 1), i18n.percent(0.456), i18n.number(2.5)) == ("1.2", "46%", "2.5")
    assert i18n.trn("planner.points", 1) == "1 point" and i18n.ordinal(2) == "2nd"
    assert (i18n.turn_word("week"), i18n.turn_word("week", many=True)) == ("week", "weeks")
    assert i18n.turn_word("Sprint") == "Sprint" and i18n.turn_word("phase", True) == "phases"
    i18n.set_language("de")
    assert i18n.number(1.25, 1) == "1,2" and i18n.percent(-0.1, sign=True) == "-10\u00a0%"
    assert i18n.trn("planner.points", 3) == "3 Punkte" and i18n.ordinal(2) == "2."
    assert (i18n.turn_word("week"), i18n.turn_word("week", many=True)) == ("Woche", "Wochen")
    assert i18n.turn_word("Phase", many=True) == "Phase"  # unknown: as the scenario wrote it


@pytest.mark.parametrize("code", i18n.available())
def test_every_text_has_its_glyphs(fonts: list[pygame.font.Font], code: str) -> None:
    text = " ".join(i18n.catalogue(code).values())
    text = re.sub(r"</?[a-z]+>", " ", text)  # the help's HTML tags are not drawn
    for font in fonts:
        assert missing(font, text) == set(), code


def _played(scenario_id: str, policy: str, seed: int) -> Session:
    scenario, params = loaded(scenario_id)
    session = Session(scenario, params, seed=seed)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return session


def _texts(session: Session) -> list[str]:
    texts = []
    for i in range(len(session.logs)):
        report = week_report(session, i)
        texts += [report.title, report.headline, *(item.text for item in report.items)]
        texts += [move.label for move in report.moves]
    return texts + [m.text for m in key_moments(session, 30)]


# English words of the game's own sentences (not of the scenarios, whose texts stay
# English in a German window).
ENGLISH = (
    "signed off", "rejected", "Reported progress", "Sponsor support", "trust rose",
    "trust fell", "pts", "requirements were unclear", "handed over", "of 20", "of 13", "Week ",
    "Out of touch", "They ", "Game over", "The team found", "Testing found",
)  # fmt: skip


@pytest.mark.parametrize(("scenario_id", "policy"), [("crm-rollout", "delivery_first"),
                                                     ("lan-migration", "random")])  # fmt: skip
def test_a_german_round_reads_german(
    fonts: list[pygame.font.Font], scenario_id: str, policy: str
) -> None:
    session = _played(scenario_id, policy, 1)
    english = _texts(session)
    i18n.set_language("de")
    german = _texts(session)
    assert len(german) == len(english) and german != english
    scenario_text = str(session.scenario.model_dump())
    # Fragments the English round has (so the check could fail) and no scenario text has.
    checked = [f for f in ENGLISH if f not in scenario_text and any(f in t for t in english)]
    assert len(checked) >= 8, checked
    for fragment in checked:
        assert not [t for t in german if fragment in t], fragment
    joined = " ".join(german)
    weeks = {"crm-rollout": 13, "lan-migration": 20}[scenario_id]  # crm: issue 10's round
    assert f"Woche 1 von {weeks}" in joined and "Pkt." in joined
    for font in fonts:
        assert missing(font, joined) == set()


def _app(settings: Settings, **options: object) -> App:
    app = App(PlayOptions(**options), settings)  # type: ignore[arg-type]
    flow.open_first_screen(app)
    app.frame([], FRAME)
    return app


def _labels(app: App) -> list[str]:
    return [
        e.text
        for e in app.top.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIButton)
    ]


def test_the_app_in_german_draws_german_labels() -> None:
    app = _app(Settings(language="de"))
    assert app.top.name == "title" and i18n.language() == "de"
    assert "Runde starten" in _labels(app) and "Start the round" not in _labels(app)
    click(app, button_named(app, "Runde starten"))
    assert app.top.name == "briefing"
    click(app, button_named(app, "Woche 1 beginnen"))
    assert app.top.name == "turn"
    end = button_named(app, "Woche beenden")
    assert end.text == "Woche beenden  (Enter)"
    click(app, end)  # nothing planned: the first press warns, in German
    assert "noch frei" in app.top.message
    click(app, end)
    assert app.top.name == "report"
    assert app.top.report.title.startswith("Woche 1 von")
    button_named(app, "Woche 2 planen")


def test_play_lang_overrides_the_saved_setting() -> None:
    app = _app(Settings(language="en"), language="de")
    assert "Runde starten" in _labels(app)


def test_a_german_scenario_opens_in_german(tmp_path: Path) -> None:
    path = tmp_path / "tutorial-de.yaml"
    path.write_text("extends: tutorial\nid: tutorial-de\nlanguage: de\n", encoding="utf-8")
    app = _app(Settings(), scenario=str(path), seed=1)
    assert app.top.name == "briefing" and i18n.language() == "de"
    button_named(app, "Woche 1 beginnen")
    # A choice in the settings wins over the scenario's language.
    app = _app(Settings(language="en"), scenario=str(path), seed=1)
    button_named(app, "Begin week 1")


def test_the_settings_button_cycles_the_language_and_saves_it() -> None:
    app = _app(Settings())
    flow.open_settings(app)
    pump(app, 1)
    click(app, button_named(app, "Language: from the scenario (English)"))
    assert app.settings.language == "de" and i18n.language() == "de"
    assert app.top.name == "settings"  # rebuilt in German, still open
    click(app, button_named(app, "Sprache: Deutsch"))
    assert app.settings.language == "en"
    button_named(app, "Language: English")
    assert load_settings(paths.settings_path()).language == "en"
    click(app, button_named(app, "Language: English"))
    assert app.settings.language == ""


def test_a_damaged_language_setting_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"language": "xx", "sound": false}', encoding="utf-8")
    assert load_settings(path) == Settings(sound=False)


def test_play_takes_a_language() -> None:
    from game.cli.main import _parser

    assert _parser().parse_args(["play", "--lang", "de"]).lang == "de"
    assert _parser().parse_args(["play"]).lang == ""
    with pytest.raises(SystemExit):
        _parser().parse_args(["play", "--lang", "xx"])


@pytest.mark.parametrize(
    ("size", "text_size"),
    [
        pytest.param((1280, 720), 1.0, marks=pytest.mark.slow),
        pytest.param((1024, 600), 1.0, marks=pytest.mark.slow),
        ((1024, 600), 1.5),  # the tightest: the inner loop checks this one
    ],
    ids=["1280x720", "1024x600", "1024x600-projector"],
)
def test_every_german_screen_fits(size: tuple[int, int], text_size: float) -> None:
    app = _app(Settings(language="de", text_size=text_size), window=size)
    for name in SCREENS:
        open_screen(app, name)
        pump(app, 1)
        assert i18n.language() == "de"
        assert problems(app) == [], name
