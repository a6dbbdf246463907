"""Fixtures, the `slow` marker, and the headless setup: SDL drivers before pygame is imported.

Helpers that tests call (scenarios, plans, the UI driver) live in `tests/helpers/`.
"""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("MPLBACKEND", "Agg")

from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.model import Params
from game.scenario.schema import Scenario
from tests.helpers.scenarios import SHIPPED, loaded


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: takes seconds to minutes; `make test-fast` (-m 'not slow') leaves it out,"
        " `make test` and CI run it",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the model's kernels once, before any test (and before xdist's workers
    start): on a fresh machine the first test to play would otherwise compile them, and
    the command-line tests would meet "preparing the game" lines in their output."""
    if not hasattr(session.config, "workerinput"):
        import game.policies  # noqa: F401  (the built-in policies' kernels too)
        from game.model import compiled

        if not compiled.is_cached():
            reporter = session.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line("compiling the model's kernels (once after installing)...")
        compiled.prepare()


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real autosave, settings or exports."""
    monkeypatch.setenv("ODD_DUCK_HOME", str(tmp_path / "odd-duck-home"))


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """The language is process-wide: a test that plays in German must not leave the next
    test (in the same xdist worker) reading German text."""
    yield
    i18n.set_language("en")


@pytest.fixture(params=SHIPPED)
def shipped(request: pytest.FixtureRequest) -> tuple[Scenario, Params]:
    return loaded(request.param)


@pytest.fixture
def crm() -> tuple[Scenario, Params]:
    return loaded("crm-rollout")
