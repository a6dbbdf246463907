"""The tree keeps its architecture: one numpy-only model, no hidden randomness."""

import ast
import json
from pathlib import Path

from game.scenario.schema import scenario_json_schema

ROOT = Path(__file__).parents[1]
STDLIB_OK = {"dataclasses", "enum", "typing", "collections", "__future__"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_model_imports_numpy_only():
    for path in (ROOT / "game" / "model").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            assert name.startswith("game.model") or top == "numpy" or top in STDLIB_OK, (
                f"{path.relative_to(ROOT)} imports {name}"
            )


def test_headless_packages_never_import_pygame():
    for package in ("model", "scenario", "policies", "session", "batch", "facilitator"):
        for path in (ROOT / "game" / package).rglob("*.py"):
            tops = {name.split(".")[0] for name in _imports(path)}
            assert not tops & {"pygame", "pygame_gui"}, path


def test_no_global_randomness_anywhere_in_the_game():
    for path in (ROOT / "game").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "np.random" not in text and "import random" not in text, path


def test_the_shipped_json_schema_is_current():
    shipped = json.loads((ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert shipped == scenario_json_schema(), "regenerate: run_game.py schema > docs/..."


def test_every_shipped_scenario_points_editors_at_the_schema():
    for path in (ROOT / "scenarios").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../scenario.schema.json", path


def test_the_game_finds_its_shipped_files_through_game_data():
    """An installed copy has no checkout around it: no module walks up from its own file
    (game/data/__init__.py finds them with importlib.resources; make check-wheel proves it)."""
    for path in (ROOT / "game").rglob("*.py"):
        assert "Path(__file__)" not in path.read_text(encoding="utf-8"), path


def test_every_scenario_coefficient_reaches_the_model():
    """The schema documents each coefficient once; the model's dataclass must take them all."""
    from dataclasses import fields

    from game.model.params import Coefficients
    from game.scenario.coefficients import ModelCoefficients

    compile_only = {"clarity_start", "complexity_clarity"}  # turned into per-package clarity
    assert set(ModelCoefficients.model_fields) - compile_only == {
        f.name for f in fields(Coefficients)
    }


def test_headless_packages_never_import_the_window():
    """The session, batch and facilitator code work without game.ui (the UI depends on
    them, never the reverse)."""
    for package in ("model", "scenario", "policies", "session", "batch", "facilitator"):
        for path in (ROOT / "game" / package).rglob("*.py"):
            names = _imports(path)
            assert not any(n == "game.ui" or n.startswith("game.ui.") for n in names), path
