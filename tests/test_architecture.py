"""The tree keeps its architecture: one numpy-only model, no hidden randomness."""

import ast
import json
from pathlib import Path

from game.scenario.schema import scenario_json_schema

ROOT = Path(__file__).parents[1]
STDLIB_OK = {"dataclasses", "enum", "typing", "collections", "__future__", "math"}
# The one module that compiles the kernels: numba (imported there alone, lazily), and
# what it needs to find and key its cache and to compile on a worker thread.
COMPILER_OK = {"numba", "hashlib", "os", "sys", "threading", "types", "pathlib", "importlib"}
COMPILER_OK |= {"multiprocessing", "concurrent", "contextlib", "functools"}  # every core


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
        allowed = STDLIB_OK | (COMPILER_OK if path.name == "compiled.py" else set())
        for name in _imports(path):
            top = name.split(".")[0]
            assert name.startswith("game.model") or top == "numpy" or top in allowed, (
                f"{path.relative_to(ROOT)} imports {name}"
            )


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
    """The schema documents each coefficient once; the model's tuple must take them all."""
    from game.model.params import Coefficients
    from game.scenario.coefficients import ModelCoefficients

    compile_only = {"clarity_start", "complexity_clarity"}  # turned into per-package clarity
    assert set(ModelCoefficients.model_fields) - compile_only == set(Coefficients._fields)


def test_the_import_contracts_hold():
    """The layers of docs/ARCHITECTURE.md, written down in .importlinter: each layer imports
    only from those below it, the model nothing but numpy, everything but the window runs
    without pygame (the UI depends on the rest, never the reverse). The report names the
    offending import line."""
    from importlinter.application.use_cases import lint_imports
    from importlinter.configuration import configure

    configure()
    assert lint_imports(str(ROOT / ".importlinter"), cache_dir=None, no_logo=True), (
        "an import breaks a contract: see the report above (or run lint-imports)"
    )


def test_test_files_share_code_only_through_tests_helpers():
    """CONTRIBUTING: test files never import one another; what they share is a helper."""
    offenders = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("tests.test_")]
    assert not offenders, offenders
