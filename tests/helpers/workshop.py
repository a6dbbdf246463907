"""A local workshop round (`play --workshop`) on the turn screen, with a clock the test
moves by hand."""

from pathlib import Path

import pygame

from tests.helpers.ui_driver import key, make_app

CTRL_SHIFT = pygame.KMOD_CTRL | pygame.KMOD_SHIFT


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def workshop_app(  # type: ignore[no-untyped-def]
    tmp_path: Path, team: str = "Blue", timer: float | None = 60.0, their_eyes: bool = False
):
    app = make_app(
        scenario="crm-rollout", seed=7, team=team, workshop=True, turn_timer=timer,
        results_dir=tmp_path / "results", their_eyes=their_eyes,
    )  # fmt: skip
    clock = FakeClock()
    app.workshop.clock = clock
    key(app, pygame.K_RETURN)  # past the briefing
    assert app.top.name == "turn"
    app.workshop.start_turn()
    return app, clock
