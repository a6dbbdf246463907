"""The font coverage table `validate` warns with is the game's font's own character map."""

from pathlib import Path

import pytest

from game.scenario.glyphs import DRAWN_RANGES, can_draw, undrawable


def _font_file() -> Path:
    # The file game/ui/theme.py draws with (Bold covers the same characters).
    pygame_gui = pytest.importorskip("pygame_gui")
    return Path(pygame_gui.__file__).parent / "data" / "NotoSans-Regular.ttf"


def test_the_table_is_the_fonts_character_map():
    ttlib = pytest.importorskip("fontTools.ttLib")  # comes with matplotlib
    font = ttlib.TTFont(_font_file())
    codes = set(font.getBestCmap())
    table = {c for first, last in DRAWN_RANGES for c in range(first, last + 1)}
    assert table == codes, "regenerate DRAWN_RANGES from the font's cmap"


def test_the_theme_still_draws_with_that_font():
    theme = (Path(__file__).parents[1] / "game" / "ui" / "theme.py").read_text(encoding="utf-8")
    assert '"NotoSans-Regular.ttf"' in theme


DRAWN = ["Ward 3", "Müller – Straße €5 „Zitat“ …", "Ωμέγα Ж", "naïve café"]


@pytest.mark.parametrize("text", DRAWN)
def test_letters_accents_greek_cyrillic_and_punctuation_are_drawn(text):
    assert undrawable(text) == []


def test_emoji_arrows_and_symbols_are_named_once_each_and_their_modifiers_not():
    assert undrawable("Go live 🚀🚀 → ✔️ ☕") == ["🚀", "→", "✔", "☕"]
    assert not can_draw("\U0001f680") and can_draw("A")
