"""The turn screen's plan: its rows (build, with a person, project), their steppers, Undo,
Clear plan and End week, laid out for the text size and scrolled to the chosen row.

`TurnScreen` (screen.py) holds the actions these widgets call; this part builds them.
"""

from functools import partial

import pygame
from pygame_gui.elements import UIButton

from game.i18n import tr, turn_word
from game.ui.planner import Row, row_index
from game.ui.screens.base import with_key
from game.ui.screens.turn.layout import (
    header_height,
    note_height,
    scroll_to_show,
    toast_font,
    toast_layout,
    toast_pad,
)
from game.ui.screens.turn.news_overlay import NewsOverlay
from game.ui.screens.turn.panels import TurnPanels
from game.ui.widgets.type_sizes import small_font

TOAST_LINES = 4  # the most a message takes of the plan: its first lines and "read it all"


class PlanList(TurnPanels):
    """The plan's widgets; the actions they call are the screen's."""

    end_h: int
    plan_head_h: int
    hold_rows = False  # while True, a rebuild keeps the list's scroll as it is
    wheel_scrolled = False  # the next rebuild keeps the wheel's scroll and moves the selection
    plan_scroll: int
    undo_button: UIButton
    clear_button: UIButton

    def end_week(self, confirmed: bool = False) -> None:
        raise NotImplementedError

    def change(self, row: Row, step: int, index: int | None = None) -> None:
        raise NotImplementedError

    def select_row(self, index: int) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def clear_plan(self) -> None:
        raise NotImplementedError

    def rows(self) -> list[Row | str]:
        """The planner's lines in order: sections ("build", "people", "project") and rows."""
        build = self.planner.build_rows()
        # No heading over nothing: late in a round there may be no package left to build.
        out: list[Row | str] = ["build", *build] if build else []
        out += ["people", *self.planner.people_rows(self.person)]
        out += ["project", *self.planner.project_rows()]
        return out

    def section_title(self, section: str) -> str:
        """'BUILD', 'WITH DANA', 'PROJECT': the heading of a part of the planner."""
        if section == "people":
            name = self.scenario.stakeholders[self.person].short_name
            return tr("turn.plan.people", name=name).upper()
        return tr("turn.plan.build" if section == "build" else "turn.plan.project").upper()

    @property
    def turn_name(self) -> str:
        """What this scenario calls a turn, in the window's language ("week")."""
        return turn_word(self.scenario.turn_label)

    def _build_planner(self) -> None:
        s = self.style
        area = self.plan_area
        one_line_h = max(s.px(32), s.font(15).get_linesize() + s.px(12))
        step = one_line_h - s.px(8)  # the steppers' size, whatever the rows' height
        # Where the plan is too narrow for a build row's name and its points to go side
        # by side (projector text), every row's note goes under its name: the names and
        # the notes stay readable, and the column keeps one rhythm.
        label_w = area.width - 2 * step - s.px(62)  # as the rows below lay them out
        self.two_line_rows = self.builds_need_two_lines(label_w)
        self.row_h = one_line_h
        if self.two_line_rows:
            self.row_h = s.font(15).get_linesize() + s.font(12).get_linesize() + s.px(6)
        self.end_h = max(s.px(54), s.text_px(18) + s.px(24))
        self.plan_head_h = (
            header_height(self.style)
            + s.font(22, bold=True).get_linesize()
            + small_font(s, 12).get_linesize()
            + s.px(20)
        )
        end = pygame.Rect(area.left, area.bottom - self.end_h, area.width, self.end_h)
        tools = self._build_plan_tools(end.top - s.px(8))
        # The message gets its own room above the tools, so it never covers a row: up to
        # half the plan's list and at most TOAST_LINES lines (playtest 8: a long message
        # at projector size left two rows of the plan); a click on it shows it whole (one
        # longer than its box, or a new one shown in the box of the last, see `_draw_toast`).
        list_top = area.top + self.plan_head_h
        most = TOAST_LINES * toast_font(s).get_linesize() + 2 * toast_pad(s)
        room = min((tools.top - s.px(8) - list_top) // 2, most)
        self.toast = toast_layout(s, self.message, area, tools.top - s.px(8), room)
        self.toast_rect = self.toast.rect if self.toast else None
        if self.toast is not None:
            self.ghost(self.toast.rect, self.open_message, tr("turn.message.tip"))
        list_bottom = (self.toast_rect.top if self.toast_rect else tools.top) - s.px(8)
        self.list_area = pygame.Rect(
            area.left,
            area.top + self.plan_head_h,
            area.width,
            list_bottom - note_height(self.style) - area.top - self.plan_head_h,
        )
        ended = self.plan_locked
        end_label = tr("turn.end.ended") if ended else tr("turn.end", label=self.turn_name)
        self.end_button = self.button(
            end,
            end_label if ended else with_key(end_label, s.font(18, bold=True), area.width),
            self.end_week,
            focus=False,
            object_id="#primary",
            tool_tip_text=tr("live.hold.ended") if ended else tr("turn.end.tip"),
        )
        if ended:  # the facilitator ended the round: no week is played any more
            self.end_button.disable()
        lines = self.rows()
        rows = [r for r in lines if isinstance(r, Row)]
        self.selected_row = max(0, min(self.selected_row, len(rows) - 1))
        fits = max(1, self.list_area.height // self.row_h)
        sel_line = lines.index(rows[self.selected_row]) if rows else 0
        if self.hold_rows or self.wheel_scrolled:
            # A message came or went, or the team turned the mouse wheel: the list stays
            # where it is (no row moves under the mouse), and the selection follows the view.
            self.plan_scroll = max(0, min(self.plan_scroll, max(0, len(lines) - fits)))
        else:
            self.plan_scroll = scroll_to_show(sel_line, self.plan_scroll, fits, len(lines))
        self.visible_lines = lines[self.plan_scroll : self.plan_scroll + fits]
        # A heading with none of its rows under it only takes room: it shows with them.
        if len(self.visible_lines) > 1 and isinstance(self.visible_lines[-1], str):
            self.visible_lines.pop()
        in_view = [rows.index(r) for r in self.visible_lines if isinstance(r, Row)]
        if self.wheel_scrolled and in_view and self.selected_row not in in_view:
            self.selected_row = min(in_view, key=lambda k: abs(k - self.selected_row))
        self.wheel_scrolled = False
        # "3 more below" counts rows a team can plan, not the headings between them.
        shown = len(in_view)
        above = sum(isinstance(r, Row) for r in lines[: self.plan_scroll])
        self.hidden_lines = (above, max(0, len(rows) - above - shown))
        self.row_widgets: dict[int, tuple[pygame.Rect, UIButton, UIButton]] = {}
        for k, line in enumerate(self.visible_lines):
            if not isinstance(line, Row):
                continue
            rect = pygame.Rect(
                self.list_area.left,
                self.list_area.top + k * self.row_h,
                self.list_area.width,
                self.row_h - s.px(4),
            )
            index = row_index(rows, line)
            plus = pygame.Rect(
                rect.right - step - s.px(4), rect.top + (rect.height - step) // 2, step, step
            )
            minus = plus.move(-(step + s.px(44)), 0)
            label = pygame.Rect(rect.left, rect.top, minus.left - rect.left - s.px(4), rect.height)
            self.ghost(label, partial(self.select_row, index), line.tooltip)
            down = self.button(
                minus,
                "−",
                partial(self.change, line, -1, index),
                focus=False,
                object_id="#stepper",
                tool_tip_text=tr("turn.less.tip"),
            )
            up = self.button(
                plus,
                "+",
                partial(self.change, line, 1, index),
                focus=False,
                object_id="#stepper",
                tool_tip_text=line.tooltip,
            )
            self.row_widgets[index] = (rect, down, up)
        self._refresh_steppers()

    def open_message(self) -> None:
        """The plan's message whole, in big type (one too long for its box)."""
        self.app.push(MessageOverlay(self.app, [self.message]))

    def _build_plan_tools(self, bottom: int) -> pygame.Rect:
        """Undo and Clear plan, side by side in a strip ending at `bottom`; returns the strip."""
        s, area = self.style, self.plan_area
        height = max(s.px(30), s.font(14).get_linesize() + s.px(8))
        strip = pygame.Rect(area.left, bottom - height, area.width, height)
        half = (strip.width - s.px(8)) // 2
        self.undo_button = self.button(
            pygame.Rect(strip.left, strip.top, half, height),
            tr("turn.undo"),
            self.undo,
            focus=False,
            tool_tip_text=tr("turn.undo.tip"),
        )
        self.clear_button = self.button(
            pygame.Rect(strip.right - half, strip.top, half, height),
            tr("turn.clear"),
            self.clear_plan,
            focus=False,
            tool_tip_text=tr("turn.clear.tip"),
        )
        return strip

    @property
    def plan_locked(self) -> bool:
        """The facilitator ended the live round: no plan is played any more."""
        return self.app.live is not None and self.app.live.ended

    def _refresh_steppers(self) -> None:
        # Once the round has ended every control of the plan looks as dead as it is
        # (playtest 8: the steppers still looked active; a click said why).
        locked = self.plan_locked
        undo, clear = self.undo_button, self.clear_button
        (undo.enable if self.planner.can_undo() and not locked else undo.disable)()
        (clear.disable if self.planner.is_empty() or locked else clear.enable)()
        for _, (rect, down, up) in self.row_widgets.items():
            row = self._row_at(rect)
            if row is None:
                continue
            (up.enable if self.planner.can_add(row) and not locked else up.disable)()
            (down.enable if self.planner.can_remove(row) and not locked else down.disable)()

    def _row_at(self, rect: pygame.Rect) -> Row | None:
        k = (rect.top - self.list_area.top) // self.row_h
        line = self.visible_lines[k] if 0 <= k < len(self.visible_lines) else None
        return line if isinstance(line, Row) else None

    def _all_rows(self) -> list[Row]:
        return [r for r in self.rows() if isinstance(r, Row)]

    def plan_row_rects(self) -> list[pygame.Rect]:
        """Where the plan's rows are painted, for the checks that nothing covers them."""
        return [rect for rect, _, _ in self.row_widgets.values()]


class MessageOverlay(NewsOverlay):
    """The plan's message (a facilitator's, a warning) whole: as the news, titled so."""

    name = "message"
    title_key = "turn.message.title"
    toggle_key = pygame.K_m
