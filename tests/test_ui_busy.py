"""Slow work runs off the window's thread: the window keeps drawing, with a sign after 0.3 s."""

import threading
from pathlib import Path

import pygame
import pytest

from game.policies import POLICIES
from game.session.debrief import comparison
from game.ui import busy, flow
from tests.helpers.ui_driver import FRAME, make_app, pump


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def signs(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The elapsed times the "Working…" sign was drawn with, frame by frame."""
    drawn: list[float] = []
    real = busy.draw_sign

    def spy(surface: pygame.Surface, style: object, elapsed: float, label: str = "") -> pygame.Rect:
        drawn.append(elapsed)
        return real(surface, style, elapsed, label)  # type: ignore[arg-type]

    monkeypatch.setattr(busy, "draw_sign", spy)
    return drawn


def test_the_sign_shows_only_once_slow_work_has_run_past_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signs: list[float]
) -> None:
    monkeypatch.setenv("ODD_DUCK_HOME", str(tmp_path))
    app = make_app()
    app.work_in_background = True  # as in the real loop
    clock = app.clock = FakeClock()
    release, results = threading.Event(), []
    app.run_slow(lambda: release.wait() and 42, results.append)

    clock.now += 0.1
    app.frame([], FRAME)
    assert app.working and signs == []  # quicker than 0.3 s: nothing to say yet

    clock.now += 0.3
    before = app.surface.copy()
    app.frame([], FRAME)
    assert signs and signs[-1] == pytest.approx(0.4)
    area = busy.sign_rect(app.style)
    painted = pygame.image.tobytes(app.surface.subsurface(area), "RGB")
    assert pygame.image.tobytes(before.subsurface(area), "RGB") != painted  # where it says
    assert app.busy()  # frames keep coming: the spinner turns, the window answers

    # A click meanwhile is not taken (the screen may be about to go).
    start = app.top.start_button.rect.center
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=start, button=1, touch=False))
    pump(app)
    assert app.top.name == "title" and results == []

    release.set()
    app.slow_task.future.result()  # type: ignore[union-attr]
    drawn = len(signs)
    app.frame([], FRAME)
    assert results == [42] and not app.working and len(signs) == drawn


def test_the_debrief_waits_for_its_slow_parts_behind_the_sign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signs: list[float]
) -> None:
    monkeypatch.setenv("ODD_DUCK_HOME", str(tmp_path))
    app = make_app(scenario="tutorial", seed=7, team="Red")
    app.work_in_background = True
    clock = app.clock = FakeClock()
    gate = threading.Event()
    real = comparison._compare
    monkeypatch.setattr(comparison, "_compare", lambda *a: gate.wait() and real(*a))
    game = app.game
    assert game is not None
    while not game.session.done:
        game.play(POLICIES["balanced"](game.session.observe(), game.session.params)[0])
    flow.show_current_turn(app)
    clock.now += 1.0
    app.frame([], FRAME)
    assert app.top.name == "briefing" and signs  # the screen it had, and the sign
    gate.set()
    app.slow_task.future.result()  # type: ignore[union-attr]
    app.frame([], FRAME)
    assert app.top.name == "debrief"


def test_the_comparison_asked_ahead_is_the_one_the_debrief_gets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(scenario="tutorial", seed=11, team="Red")
    session = app.game.session  # type: ignore[union-attr]
    expected = comparison._compare(
        session.params, session.seed, session.game_id, comparison.BUILT_IN
    )
    ahead = comparison.compare_ahead(session)
    assert comparison.compare_ahead(session) is ahead  # asked every turn, computed once
    assert ahead.result() == expected

    def never(*_: object) -> list[comparison.Comparison]:
        raise AssertionError("computed again")

    monkeypatch.setattr(comparison, "_compare", never)
    assert comparison.compare_policies(session) == expected  # plans do not matter: same luck
    other = session.branch(0)
    assert comparison.compare_policies(other) == expected  # a replay shares the round's params
