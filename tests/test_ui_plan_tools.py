"""The plan column on the real app: costs on the rows, Undo and Clear plan, rows that stay put
when the stakeholder changes, a message that covers no row, no tooltip through an overlay,
and every news story readable in full."""

import html

import numpy as np
import pygame
import pygame_gui
import pytest
from pygame_gui.core import UIElement

from game.local.settings import Settings
from game.ui import flow
from game.ui.app import App, PlayOptions
from game.ui.planner import Row
from game.ui.screens.turn import TurnScreen
from tests.helpers.ui_driver import FRAME, click, key, make_app, pump, turn_after

SIZES = [((1280, 720), 1.0), ((1024, 600), 1.5)]


def _turn(window: tuple[int, int] = (1280, 720), text_size: float = 1.0, weeks: int = 0) -> App:
    """The app on the turn screen of the tutorial, after `weeks` weeks played headless."""
    app = App(PlayOptions(window=window), Settings(text_size=text_size))
    flow.open_first_screen(app)
    return turn_after(app, weeks, "tutorial", seed=3)


def _screen(app: App) -> TurnScreen:
    screen = app.top
    assert isinstance(screen, TurnScreen)
    return screen


def _plus_of(screen: TurnScreen, section: str) -> tuple[Row, pygame.Rect]:
    """The first visible row of `section` and its + button."""
    rows = screen._all_rows()
    index = next(i for i in screen.row_widgets if rows[i].section == section)
    return rows[index], screen.row_widgets[index][2]


def _widget_at(screen: TurnScreen, rect: pygame.Rect) -> UIElement:
    """The widget laid exactly over `rect` (a card's or the news strip's invisible button)."""
    return next(e for e in screen.elements() if e.rect == rect)


def test_a_row_says_what_one_more_step_costs() -> None:
    screen = _screen(_turn())
    planner = screen.planner
    workshop = next(r for r in planner.people_rows(0) if planner.cost(r.action) == 2)
    assert planner.step_cost(workshop) == "2 pts each"
    assert planner.step_cost(workshop, short=True) == "2 pts"
    overtime = next(r for r in planner.project_rows() if planner.is_overtime(r.action))
    cost = planner.step_cost(overtime)
    assert cost.startswith("+1 pt") and "budget" in cost


def test_undo_and_clear_plan_with_the_mouse_and_the_keyboard() -> None:
    app = _turn()
    screen = _screen(app)
    assert not screen.undo_button.is_enabled and not screen.clear_button.is_enabled
    row, plus = _plus_of(screen, "people")
    click(app, plus)
    click(app, plus)
    twice = screen.planner.plan.copy()
    assert screen.planner.points(row) == 2 * screen.planner.cost(row.action)
    click(app, screen.undo_button)
    assert screen.planner.points(row) == screen.planner.cost(row.action)
    key(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert screen.planner.is_empty() and not screen.undo_button.is_enabled
    click(app, plus)
    click(app, plus)
    np.testing.assert_array_equal(screen.planner.plan, twice)
    click(app, screen.clear_button)
    assert screen.planner.is_empty()
    key(app, pygame.K_z, mod=pygame.KMOD_CTRL)  # a clear is undone like any change
    np.testing.assert_array_equal(screen.planner.plan, twice)
    key(app, pygame.K_DELETE)
    assert screen.planner.is_empty()
    assert app.top is screen


@pytest.mark.parametrize(("window", "text_size"), SIZES)
def test_rows_stay_in_place_when_the_stakeholder_changes(
    window: tuple[int, int], text_size: float
) -> None:
    app = _turn(window, text_size)
    screen = _screen(app)
    rows = screen._all_rows()
    _, plus = _plus_of(screen, "people")
    click(app, plus)  # a people row is selected, as after planning with someone

    def kinds() -> dict[tuple[int, int], tuple[str, int]]:
        current = screen._all_rows()
        return {rect.topleft: (current[i].section, current[i].action)
                for i, (rect, _, _) in screen.row_widgets.items()}  # fmt: skip

    before = kinds()
    click(app, _widget_at(screen, screen.card_rects[1][0]))
    assert screen.person == 1
    assert kinds() == before
    key(app, pygame.K_1)
    assert screen.person == 0 and kinds() == before
    assert len(rows) == len(screen._all_rows())


@pytest.mark.parametrize(("window", "text_size"), SIZES)
def test_the_unplanned_points_message_covers_no_row(
    window: tuple[int, int], text_size: float
) -> None:
    app = _turn(window, text_size, weeks=2)
    screen = _screen(app)
    key(app, pygame.K_RETURN)  # points left: the first press only warns
    assert screen.message and app.top is screen
    toast = screen.toast_rect
    assert toast is not None
    assert screen.plan_row_rects()
    for rect in screen.plan_row_rects():
        assert not toast.colliderect(rect), (toast, rect)
    assert not toast.colliderect(screen.end_button.rect)
    assert not toast.colliderect(screen.undo_button.rect)


def _hover(app: App, pos: tuple[int, int], seconds: float = 2.0) -> None:
    pygame.mouse.set_pos(pos)  # pygame_gui hovers where the real mouse is
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    )
    pump(app, 1)
    for _ in range(round(seconds / 0.25)):
        app.frame([], 0.25)  # long frames: the tooltip's delay passes without waiting


@pytest.mark.parametrize("overlay", ["help", "pause", "settings"])
def test_no_tooltip_or_hover_of_the_turn_screen_shows_over_an_overlay(overlay: str) -> None:
    app = _turn()
    screen = _screen(app)
    rect = next(iter(screen.row_widgets.values()))[0]
    _hover(app, (rect.left + 10, rect.centery))
    elements = screen.manager.get_sprite_group().sprites()
    assert any(getattr(e, "tool_tip", None) is not None for e in elements), "no tooltip to hide"
    {"help": flow.open_help, "pause": flow.open_pause, "settings": flow.open_settings}[overlay](app)
    pump(app)
    assert app.top.name == overlay
    for element in screen.manager.get_sprite_group().sprites():
        assert not getattr(element, "hovered", False), element
        assert getattr(element, "tool_tip", None) is None, element
    _draws_only_what_is_alive(screen.manager)


def _draws_only_what_is_alive(manager: pygame_gui.UIManager) -> None:
    """The manager's group draws from a list it refreshes on update: a tooltip killed under
    an overlay (never updated) was drawn on from that list (playtest 11)."""
    group = manager.get_sprite_group()
    alive = [s for s in group.sprites() if s.image is not None and s.visible]
    assert len(group.visible) == len(alive)


def test_every_news_story_can_be_read_in_full() -> None:
    app = _turn(weeks=2)
    screen = _screen(app)
    lines = screen.news_lines()
    assert lines
    click(app, _widget_at(screen, screen.news))
    assert app.top.name == "news"
    shown = app.top.manager.get_sprite_group().sprites()
    text = " ".join(getattr(e, "html_text", "") for e in shown)
    for line in lines:
        assert html.escape(line) in text  # whole, as the text box's markup
    key(app, pygame.K_ESCAPE)
    assert app.top is screen
    key(app, pygame.K_n)
    assert app.top.name == "news"
    key(app, pygame.K_RETURN)  # closes the news, does not end the week
    assert app.top is screen and len(app.game.session.logs) == 2  # type: ignore[union-attr]


def test_the_default_app_is_not_coached_in_tests() -> None:
    """make_app's Settings() is a team that has seen the tips: other tests are not held up."""
    app = make_app(scenario="tutorial", seed=1)
    pump(app)
    key(app, pygame.K_RETURN)
    app.frame([], FRAME)
    assert app.top.name == "turn"


@pytest.mark.parametrize(("window", "text_size"), SIZES)
def test_a_number_key_lands_on_that_persons_check_in(
    window: tuple[int, int], text_size: float
) -> None:
    """Keyboard play: '2' then Right plans a check-in with person 2, whatever row was
    selected before (the playtest's team meant a check-in and got an escalation)."""
    app = _turn(window, text_size)
    screen = _screen(app)
    catalogue = app.game.session.scenario.actions
    for start in (0, 3):  # a build row, then a row further down
        screen.select_row(start)
        key(app, pygame.K_2)
        row = screen._all_rows()[screen.selected_row]
        assert (row.section, row.target) == ("people", 1)
        assert catalogue[row.action].label == "Check-in"
        before = screen.planner.plan[row.action, 1]
        key(app, pygame.K_RIGHT)
        assert screen.planner.plan[row.action, 1] > before


def test_no_build_heading_over_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _screen(_turn())
    assert screen.rows()[0] == "build"
    monkeypatch.setattr(screen.planner, "build_rows", lambda: [])
    assert "build" not in screen.rows() and screen.rows()[0] == "people"


@pytest.mark.parametrize(("window", "text_size"), SIZES)
def test_rows_stay_under_the_mouse_when_a_message_comes_and_goes(
    window: tuple[int, int], text_size: float
) -> None:
    """Playtest 2: after 'points not planned yet', the next click landed on another row."""
    app = _turn(window, text_size, weeks=2)
    screen = _screen(app)
    rows = screen._all_rows()
    screen.select_row(len(rows) - 1)  # the last row: the list scrolls to show it
    where = {i: rect.topleft for i, (rect, _, _) in screen.row_widgets.items()}
    key(app, pygame.K_RETURN)  # points left: the message appears
    assert screen.message
    after = {i: rect.topleft for i, (rect, _, _) in screen.row_widgets.items()}
    assert all(after[i] == where[i] for i in after if i in where)
    _, plus = _plus_of(screen, "project")
    click(app, plus)  # planning clears the message; the rows still do not move
    assert not screen.message
    again = {i: rect.topleft for i, (rect, _, _) in screen.row_widgets.items()}
    assert all(again[i] == where[i] for i in again if i in where)


def _wheel(app: App, at: tuple[int, int], y: int) -> None:
    pygame.mouse.set_pos(at)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    pump(app)


def test_the_mouse_wheel_scrolls_the_plan_and_the_hint_counts_rows() -> None:
    """Playtest 5: the wheel's scroll snapped back to the selected row, and 'N more below'
    counted the headings between the rows."""
    app = make_app(window=(1024, 600), scenario="crm-rollout", seed=1, team="Blue")
    flow.show_current_turn(app)
    pump(app)
    screen = _screen(app)
    rows = [line for line in screen.rows() if isinstance(line, Row)]
    for step in range(1, 4):
        _wheel(app, screen.list_area.center, -1)
        assert screen.plan_scroll == step  # it stays where the wheel put it
        shown = [line for line in screen.visible_lines if isinstance(line, Row)]
        # The selection follows the view: + and - act on a row the team can see.
        assert rows[screen.selected_row] in shown
        above, below = screen.hidden_lines
        assert above + len(shown) + below == len(rows)
    _wheel(app, screen.list_area.center, 3)
    assert screen.plan_scroll == 0 and screen.hidden_lines[0] == 0


def test_the_arrows_stop_at_the_plans_ends_and_tab_goes_round() -> None:
    # Playtest 7: Up on the first row wrapped to the last (Steering update), and the next
    # presses of Right put 8 points on it.
    app = _turn()
    turn = _screen(app)
    turn.selected_row = 0
    key(app, pygame.K_UP)
    assert turn.selected_row == 0
    last = len(turn._all_rows()) - 1
    turn.selected_row = last
    key(app, pygame.K_DOWN)
    assert turn.selected_row == last
    key(app, pygame.K_TAB)
    assert turn.selected_row == 0


def test_a_step_refused_for_want_of_points_says_so() -> None:
    app = _turn()
    turn = _screen(app)
    turn.selected_row = 0  # the first build row
    for _ in range(40):  # every point on it, and more
        key(app, pygame.K_RIGHT)
    assert turn.planner.left() < 1
    assert "are left this week: take points off another row first" in turn.message


def test_a_tooltip_made_below_an_open_overlay_is_not_drawn() -> None:
    # Playtest 7: "Resolve this week … (Enter)" showed through the pause menu.
    app = _turn()
    screen = _screen(app)
    flow.open_pause(app)
    pump(app)
    pos = screen.end_button.rect.center
    pygame.mouse.set_pos(pos)
    screen.manager.mouse_moved = True  # as a mouse moved over it
    for _ in range(8):  # the screen below updated after the overlay opened: a tooltip comes
        screen.manager.update(0.5)
    assert screen.end_button.tool_tip is not None, "no tooltip made below the overlay"
    app.draw()
    assert screen.end_button.tool_tip is None
    _draws_only_what_is_alive(screen.manager)


def test_a_held_enter_is_one_step_not_a_run_of_weeks() -> None:
    # Playtest 8, on a busy machine: one Enter after a report played two weeks with empty
    # plans (its key repeats ran through the report, End week and the "press again").
    app = _turn()
    key(app, pygame.K_RETURN)  # an empty plan: warned
    key(app, pygame.K_RETURN)  # played
    assert app.top.name == "report" and app.game.session.turn == 1
    down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    for _ in range(6):  # pressed once, then repeated while held
        pygame.event.post(down)
        pump(app, 1)
    assert app.top.name == "turn" and app.game.session.turn == 1
    up = pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    pygame.event.post(up)
    pump(app, 1)
    key(app, pygame.K_RETURN)  # a new press counts again
    assert "not planned yet" in app.top.message
