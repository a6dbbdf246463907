"""The work board, the top bar and the cards: one reported progress, needs shown before
building, and nothing a team decides on cut at projector text size."""

import numpy as np
import pygame
import pytest

from game.local.settings import Settings
from game.model.observe import CLEAR, FUZZY, UNCLEAR, clarity_band, overall_reported
from game.model.state import ACCEPTED, AWAITING, OPEN
from game.policies import POLICIES
from game.scenario.loader import load
from game.session.runner import play
from game.ui import draw
from game.ui.progress import progress_text
from game.ui.screens.turn import panels
from game.ui.theme import Style
from game.ui.widgets import board
from tests.helpers.ui_driver import make_app, turn_after

SCENARIOS = ["tutorial", "crm-rollout", "lan-migration"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_one_reported_progress_per_package_and_overall(scenario: str) -> None:
    """Handed over or signed off is 100 %; the top bar is the size-weighted mean of the
    board's figures, so it never says less than every bar (or more than any)."""
    _, params = load(scenario)
    for name in ("delivery_first", "balanced"):
        for obs in play(params, POLICIES[name], np.arange(20), seed=3).observations:
            done = np.isin(obs.package_status, [ACCEPTED, AWAITING])
            assert np.allclose(obs.package_reported[done], 1.0)
            overall = overall_reported(obs.package_reported, obs.package_size)
            assert np.allclose(overall, obs.reported_progress)
            for i in range(len(obs.turn)):
                shown = [progress_text(x) for x in obs.package_reported[i]]
                top = progress_text(obs.reported_progress[i])
                if all(text == progress_text(1.0) for text in shown):
                    assert top == progress_text(1.0)
                if top == progress_text(1.0):
                    assert all(text == progress_text(1.0) for text in shown)


def test_found_rework_is_not_built_until_redone() -> None:
    _, params = load("crm-rollout")
    obs = play(params, POLICIES["delivery_first"], np.arange(30), seed=3).observations
    for o in obs:
        redo = o.package_redo > 0.05
        assert (o.package_reported[redo] < 1.0).all()
        assert (o.package_status[redo] == OPEN).all()


def test_nearly_built_is_not_shown_as_100_percent() -> None:
    assert progress_text(0.996) != progress_text(1.0)
    assert progress_text(1.0) == progress_text(0.99999999999)


def test_clarity_bands() -> None:
    bands = clarity_band(np.array([0.4, 0.6, 0.7, 0.75, 0.95]))
    assert bands.tolist() == [UNCLEAR, FUZZY, FUZZY, CLEAR, CLEAR]


def _turn_app(size: tuple[int, int], text_size: float, language: str = "en"):  # type: ignore[no-untyped-def]
    app = make_app(window=size)
    app.apply_settings(Settings(text_size=text_size, language=language))
    # delivery first: the people turn vague, the needs stay unclear
    return turn_after(app, 5, seed=3, policy="delivery_first")


def test_board_shows_needs_vaguely_when_out_of_touch_and_the_rework_to_redo() -> None:
    app = _turn_app((1280, 720), 1.0)
    turn = app.top
    seen = turn.seen
    views = [
        board.PackageView.of(turn.scenario, seen, p) for p in range(len(seen.package_status[0]))
    ]
    open_views = [v for v in views if v.needs is not None]
    assert open_views and all(seen.package_status[0, v.index] == OPEN for v in open_views)
    vague = [v for v in open_views if v.needs_vague]
    assert vague, "delivery first leaves somebody out of touch"
    assert "~" in board.needs_text(vague[0])
    tip = board.tooltip(turn.scenario, seen, vague[0].index)
    assert "Requirements:" in tip and "last understood" in tip
    for v in views:
        words = [t for t, _ in board.status_parts(v)]
        assert words[0] == v.status
        if v.redo >= 0.05 and v.needs is not None:
            assert any("to redo" in w for w in words)
            # A package that grew says what to: the team planned it at its old size.
            size = float(seen.package_size[0, v.index])
            planned = turn.scenario.packages[v.index].size
            grown = any(f"(now {board.points_text(size)} pts)" in w for w in words)
            assert grown == (size > planned + 0.05)
        if seen.package_status[0, v.index] == AWAITING:  # nothing left to build: no rework tag
            assert not any("redo" in w for w in words)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=["1280x720", "1024x600"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_board_topbar_and_cards_cut_no_word_at_projector_size(
    size: tuple[int, int], language: str
) -> None:
    """At text size 1.5, nothing drawn by the board, the top bar or a card is cut unless
    the whole text can be read elsewhere; the points planned on a package always show."""
    app = _turn_app(size, 1.5, language)
    turn = app.top
    rows = turn.planner.build_rows()
    assert rows
    for _ in range(3):
        turn.change(rows[0], 1)
    turn.board_scroll = rows[0].target
    turn.rebuild()
    cuts: list[draw.Cut] = []
    with draw.observe_cuts(cuts.append):
        turn._cache = type(turn._cache)()  # paint afresh, so every label is measured
        app.draw()
    ours = [c for c in cuts if "widgets/" in c.where and not c.elsewhere]
    assert ours == [], ours
    # The planned points: "+3" is drawn in full on the row of the planned package.
    style = Style(app.surface.get_size(), 1.5)
    view = board.PackageView.of(turn.scenario, turn.seen, rows[0].target)
    surface = pygame.Surface((turn.board_area.width, board.row_height(style)))
    drawn: list[draw.Cut] = []
    rect = surface.get_rect()
    with draw.observe_cuts(drawn.append):
        board.draw_row(surface, rect, style, view, 3.0)
    assert not any("+3" in c.full for c in drawn)


@pytest.mark.parametrize(("size", "text_size"), [((1280, 720), 1.0), ((1024, 600), 1.5)])
def test_one_board_never_mixes_requirements_and_req(size: tuple[int, int], text_size: float):
    """A playtest read 'req. fuzzy' next to 'requirements: fuzzy' on one board."""
    app = _turn_app(size, text_size)
    turn = app.top
    turn._cache = type(turn._cache)()
    drawn: list[str] = []
    real = draw.text

    def spy(surface, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(text)
        return real(surface, text, *args, **kwargs)

    board.draw.text = spy  # the board's module reaches draw.text through `draw`
    try:
        app.draw()
    finally:
        board.draw.text = real
    long = [t for t in drawn if t.startswith("requirements:")]
    short = [t for t in drawn if t.startswith("req. ")]
    assert long or short
    assert not (long and short), (long, short)


@pytest.mark.parametrize(("size", "text_size"), [((1280, 720), 1.0), ((1280, 720), 1.5)])
def test_the_plan_names_its_rows_in_one_type_size(size: tuple[int, int], text_size: float):
    """A playtest saw 'CRM on the phone…' smaller than the names above and below it."""
    app = _turn_app(size, text_size)
    turn = app.top
    drawn: list[tuple[str, object]] = []
    real = draw.text

    def spy(surface, text, font, at, *args, **kwargs):  # type: ignore[no-untyped-def]
        if turn.plan_area.collidepoint(at):  # in the plan column
            drawn.append((text, font))
        return real(surface, text, font, at, *args, **kwargs)

    shown = [line for line in turn.visible_lines if not isinstance(line, str)]
    names = {form for row in shown for form in panels.short_forms(row)}
    panels.draw.text = spy
    try:
        turn._cache = type(turn._cache)()
        app.draw()
    finally:
        panels.draw.text = real
    fonts = {id(font) for text, font in drawn if text in names}
    assert len(shown) > 3 and len(fonts) == 1


def test_a_package_that_grew_says_its_new_size_beside_the_work_to_redo() -> None:
    """Playtest 5: "2.2 to go" on a package the team knew as 7 points, and nothing on the
    row said it had grown."""
    app = make_app(window=(1280, 720))
    turn = turn_after(app, 6, seed=3, policy="delivery_first").top
    views = [board.PackageView.of(turn.scenario, turn.seen, p) for p in range(13)]
    grown = [v for v in views if v.grown_to and v.redo >= 0.05 and v.needs is not None]
    assert grown, "six weeks of delivery first leave a package grown by rework"
    v = grown[0]
    assert v.grown_to == pytest.approx(float(turn.seen.package_size[0, v.index]))
    assert f"(now {board.points_text(v.grown_to)} pts)" in board.redo_text(v)
    tip = board.tooltip(turn.scenario, turn.seen, v.index)
    assert f"It grew from {board.number(turn.scenario.packages[v.index].size)} points" in tip


@pytest.mark.parametrize(("size", "text_size"), [((1280, 720), 1.25), ((1024, 600), 1.5)])
def test_the_board_and_the_plan_keep_one_layout_all_round(
    size: tuple[int, int], text_size: float
) -> None:
    """A playtest saw the plan switch between one- and two-line rows, and the board
    between 'requirements:' and 'req.', from one week to the next."""
    app = make_app(window=size)
    app.apply_settings(Settings(text_size=text_size, coached=True))
    layouts = set()
    for weeks in (0, 4, 11):  # late in the round few packages are left to build
        turn = turn_after(app, weeks).top
        width = turn.board_rows[0][0].width
        layouts.add((turn.two_line_rows, board.needs_short(turn.scenario, width, turn.style)))
    assert len(layouts) == 1, layouts
