"""The first start after installing compiles the model's kernels: the window keeps drawing
and says how far it is, and headless commands say it on stderr, never a silent wait."""

import threading

import pytest

from game.cli.main import main
from game.local.settings import Settings
from game.model import compiled
from game.ui import busy, flow
from game.ui.app import App
from game.ui.options import PlayOptions
from tests.helpers.ui_driver import make_app


class StillCompiling:
    """A warm-up that has readied 3 kernels of 35 and waits for the test to finish it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.compiling = True
        self.progress = (3, 35)

    def start(self) -> threading.Event:
        return self.done

    def label(self) -> str:
        return busy._ModelWarmUp.label(self)  # type: ignore[arg-type]


@pytest.fixture
def compiling(monkeypatch: pytest.MonkeyPatch) -> StillCompiling:
    warm_up = StillCompiling()
    monkeypatch.setattr(busy, "_MODEL", warm_up)
    monkeypatch.setattr(compiled, "is_cached", lambda: False)  # the first start
    return warm_up


def test_a_round_started_while_the_model_compiles_waits_with_a_sign_saying_how_far(compiling):
    app = make_app()
    app.work_in_background = True
    started: list[str] = []
    flow.with_model(app, lambda: started.append("round"))
    flow.with_model(app, lambda: started.append("again"))  # a second press waits its turn
    assert started == [] and app.working and app.top.name == "title"
    assert app.slow_task is not None and app.slow_task.label is not None
    assert app.slow_task.label() == "First start: preparing the game, 3 of 35"
    compiling.done.set()
    app.finish_slow_work()
    assert started == ["round"] and not app.working


def test_a_round_named_on_the_command_line_waits_on_the_preparing_screen(compiling):
    app = App(PlayOptions(window=(1280, 720), scenario="crm-rollout", seed=3), Settings())
    app.work_in_background = True  # as in the window's loop
    flow.open_first_screen(app)
    app.frame([], 0.016)
    assert app.top.name == "preparing" and app.game is None
    compiling.done.set()
    app.work_in_background = False
    app.finish_slow_work()
    assert app.top.name == "briefing" and app.game is not None


def test_the_title_waits_too_when_it_has_a_saved_round_to_describe(compiling):
    flow.start_game(make_app(), "tutorial", 1, "Blue")  # leaves an autosave
    app = App(PlayOptions(window=(1280, 720)), Settings())
    app.work_in_background = True
    flow.open_first_screen(app)
    assert app.top.name == "preparing"
    compiling.done.set()
    app.finish_slow_work()
    assert app.top.name == "title"


def test_without_a_saved_round_the_title_shows_at_once(compiling):
    app = App(PlayOptions(window=(1280, 720)), Settings())
    app.work_in_background = True
    flow.open_first_screen(app)
    assert app.top.name == "title" and not app.working


def test_loading_from_the_cache_says_only_working(compiling):
    compiling.compiling = False
    assert busy.preparing_label() == ""  # the sign's usual "Working…"


def test_a_headless_command_says_it_prepares_the_model_the_first_time(monkeypatch, capsys):
    calls: list[str] = []
    monkeypatch.setattr(compiled, "is_cached", lambda: False)
    monkeypatch.setattr(compiled, "prepare", lambda progress=None: calls.append("prepare"))
    assert main(["simulate", "--scenario", "tutorial", "--seed", "1"]) == 0
    assert calls == ["prepare"]
    assert "preparing the game for this computer" in capsys.readouterr().err


def test_a_prepared_model_is_known_to_be_cached_without_importing_the_compiler():
    compiled.prepare()
    assert compiled.is_cached()
