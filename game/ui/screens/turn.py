"""The main screen: the people, the work board, this week's plan, the news, End week."""

from functools import partial
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIButton

from game.i18n import cap, language, number, tr, trn, turn_word
from game.look.palette import CAPACITY
from game.model import PlanError
from game.scenario.schema import Scenario
from game.ui import draw, flow
from game.ui.planner import Planner, Row
from game.ui.screens.base import Screen, with_key
from game.ui.screens.facilitator import FacilitatorOverlay, is_hotkey
from game.ui.theme import ACCENT, BACKGROUND, BAD, FAINT, FOCUS, INK, MUTED, PANEL, hex_colour
from game.ui.widgets import board, stakeholder_card, topbar
from game.ui.widgets.stakeholder_card import CardView
from game.ui.workshop import WARN_SECONDS, clock_text

if TYPE_CHECKING:
    from game.ui.app import App


class TurnScreen(Screen):
    name = "turn"

    def __init__(self, app: "App") -> None:
        game = app.game
        assert game is not None
        self.session = game.session
        self.scenario: Scenario = self.session.scenario
        self.seen = self.session.observe()
        self.planner = Planner(self.scenario, self.session.params, self.seen, self.session.state)
        self.person = self._neediest()
        self.selected_row = 0
        self.card_scroll = 0
        self.plan_scroll = 0
        self.board_scroll = 0
        self.message = ""
        self.warned_unspent = False
        self.pilot_planned = False
        self.reveal_person = True
        self._painted: pygame.Surface | None = None
        self._news: tuple[str, list[str]] | None = None
        self._painted_key: tuple[object, ...] = ()
        if app.workshop is not None:
            app.workshop.start_turn()
        super().__init__(app)

    def _neediest(self) -> int:
        """Start with the person IT has been out of touch with longest."""
        return int(self.seen.since_contact[0].argmax())

    # --- layout --------------------------------------------------------------------------
    def build(self) -> None:
        s = self.style
        w, h = s.window
        g = s.px(16)
        self.top = pygame.Rect(0, 0, w, topbar.height(s))
        body_top = self.top.bottom + g
        usable = w - 4 * g
        left_w, right_w = round(usable * 0.28), round(usable * 0.28)
        mid_w = usable - left_w - right_w
        news_h = 2 * s.font(15).get_linesize() + s.px(16)
        self.people_area = pygame.Rect(g, body_top, left_w, h - g - body_top)
        self.news = pygame.Rect(self.people_area.right + g, h - g - news_h, mid_w, news_h)
        self.board_area = pygame.Rect(self.news.left, body_top, mid_w, self.news.top - g - body_top)
        self.plan_area = pygame.Rect(self.board_area.right + g, body_top, right_w, h - g - body_top)
        menu = tr("turn.menu")
        menu_w = max(s.px(44), s.font(16).size(menu)[0] + s.px(28))
        button_h = self.top.height - s.px(16)
        self.button(
            pygame.Rect(w - g - menu_w, s.px(8), menu_w, button_h),
            menu,
            lambda: flow.open_pause(self.app),
            focus=False,
            tool_tip_text=tr("turn.menu.tip"),
        )
        self.button(
            pygame.Rect(w - g - menu_w - s.px(8) - button_h, s.px(8), button_h, button_h),
            "?",
            lambda: flow.open_help(self.app),
            focus=False,
            tool_tip_text=tr("turn.help.tip"),
        )
        self.reserved = menu_w + button_h + s.px(24)
        if self.app.workshop is not None and self.app.workshop.turn_timer is not None:
            width = s.font(22, bold=True).size("00:00")[0] + s.px(24)
            self.timer_rect = pygame.Rect(0, s.px(8), width, button_h)
            self.timer_rect.right = w - g - menu_w - button_h - s.px(16)
            self.reserved += width + s.px(8)
        self._build_people()
        self._build_board()
        self._build_planner()

    def _note_h(self) -> int:
        """Room under a scrolling list for its 'more below' note."""
        return self.style.font(13).get_linesize() + self.style.px(4)

    def _header_h(self) -> int:
        return self.style.font(14, bold=True).get_linesize() + self.style.px(8)

    def _build_people(self) -> None:
        s = self.style
        area = self.people_area
        top = area.top + self._header_h()
        self.card_h = stakeholder_card.card_height(s)
        gap = s.px(8)
        count = len(self.scenario.stakeholders)
        bottom = area.bottom - self._note_h()
        self.cards_visible = max(1, (bottom - top + gap) // (self.card_h + gap))
        if self.reveal_person:  # the person being planned for is always in view
            self.card_scroll = min(self.card_scroll, self.person)
            self.card_scroll = max(self.card_scroll, self.person - self.cards_visible + 1)
            self.reveal_person = False
        self.card_scroll = max(0, min(self.card_scroll, count - self.cards_visible))
        self.card_rects: list[tuple[pygame.Rect, int]] = []
        for k in range(self.card_scroll, min(count, self.card_scroll + self.cards_visible)):
            rect = pygame.Rect(
                area.left,
                top + (k - self.card_scroll) * (self.card_h + gap),
                area.width,
                self.card_h,
            )
            self.card_rects.append((rect, k))
            person = self.scenario.stakeholders[k]
            cares = tr("format.quote", text=person.cares_about)
            tip = tr("turn.card.tip", name=person.name, cares=cares, key=k + 1)
            self.ghost(rect, partial(self.choose_person, k), tip)

    def rows(self) -> list[Row | str]:
        """The planner's lines in order: sections ("build", "people", "project") and rows."""
        out: list[Row | str] = ["build", *self.planner.build_rows()]
        out += ["people", *self.planner.people_rows(self.person)]
        out += ["project", *self.planner.project_rows()]
        return out

    def section_title(self, section: str) -> str:
        """'BUILD', 'WITH DANA', 'PROJECT': the heading of a part of the planner."""
        if section == "people":
            name = self.scenario.stakeholders[self.person].name.split()[0]
            return tr("turn.plan.people", name=name).upper()
        return tr("turn.plan.build" if section == "build" else "turn.plan.project").upper()

    @property
    def turn_name(self) -> str:
        """What this scenario calls a turn, in the window's language ("week")."""
        return turn_word(self.scenario.turn_label)

    def _build_planner(self) -> None:
        s = self.style
        area = self.plan_area
        self.row_h = max(s.px(32), s.font(15).get_linesize() + s.px(12))
        self.end_h = max(s.px(54), s.text_px(18) + s.px(24))
        self.plan_head_h = (
            self._header_h()
            + s.font(22, bold=True).get_linesize()
            + s.font(12).get_linesize()
            + s.px(20)
        )
        self.list_area = pygame.Rect(
            area.left,
            area.top + self.plan_head_h,
            area.width,
            area.height - self.plan_head_h - self.end_h - s.px(12) - self._note_h(),
        )
        self.end_button = self.button(
            pygame.Rect(area.left, area.bottom - self.end_h, area.width, self.end_h),
            with_key(tr("turn.end", label=self.turn_name), s.font(18, bold=True), area.width),
            self.end_week,
            focus=False,
            object_id="#primary",
            tool_tip_text=tr("turn.end.tip"),
        )
        lines = self.rows()
        rows = [r for r in lines if isinstance(r, Row)]
        self.selected_row = max(0, min(self.selected_row, len(rows) - 1))
        fits = max(1, self.list_area.height // self.row_h)
        sel_line = lines.index(rows[self.selected_row]) if rows else 0
        if sel_line < self.plan_scroll:
            self.plan_scroll = max(0, sel_line - 1)
        elif sel_line >= self.plan_scroll + fits:
            self.plan_scroll = sel_line - fits + 1
        self.plan_scroll = max(0, min(self.plan_scroll, max(0, len(lines) - fits)))
        self.visible_lines = lines[self.plan_scroll : self.plan_scroll + fits]
        self.hidden_lines = (self.plan_scroll, max(0, len(lines) - self.plan_scroll - fits))
        self.row_widgets: dict[int, tuple[pygame.Rect, UIButton, UIButton]] = {}
        step = self.row_h - s.px(8)
        for k, line in enumerate(self.visible_lines):
            if not isinstance(line, Row):
                continue
            rect = pygame.Rect(
                self.list_area.left,
                self.list_area.top + k * self.row_h,
                self.list_area.width,
                self.row_h - s.px(4),
            )
            index = rows.index(line)
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

    def _refresh_steppers(self) -> None:
        for _, (rect, down, up) in self.row_widgets.items():
            row = self._row_at(rect)
            if row is None:
                continue
            (up.enable if self.planner.can_add(row) else up.disable)()
            (down.enable if self.planner.can_remove(row) else down.disable)()

    def _row_at(self, rect: pygame.Rect) -> Row | None:
        k = (rect.top - self.list_area.top) // self.row_h
        line = self.visible_lines[k] if 0 <= k < len(self.visible_lines) else None
        return line if isinstance(line, Row) else None

    def _all_rows(self) -> list[Row]:
        return [r for r in self.rows() if isinstance(r, Row)]

    def regions(self) -> dict[str, pygame.Rect]:
        """The painted panels, for the layout checks: inside the window, never overlapping."""
        return {
            "top bar": self.top,
            "stakeholders": self.people_area,
            "work board": self.board_area,
            "news": self.news,
            "plan": self.plan_area,
        }

    # --- actions -------------------------------------------------------------------------
    def choose_person(self, s: int) -> None:
        if 0 <= s < len(self.scenario.stakeholders):
            self.person = s
            self.reveal_person = True
            rows = self._all_rows()
            self.selected_row = next((i for i, r in enumerate(rows) if r.section == "people"), 0)
            # Scroll the planner so the person's section starts at the top of the list.
            self.plan_scroll = self.rows().index("people")
            self.rebuild()

    def select_row(self, index: int) -> None:
        self.selected_row = index
        self.rebuild()

    def change(self, row: Row, step: int, index: int | None = None) -> None:
        done = self.planner.add(row) if step > 0 else self.planner.remove(row)
        if index is not None:
            self.selected_row = index
        if done:
            self.app.sounds.play("click")
            self.message = ""
            self.warned_unspent = False
        self._refresh_steppers()

    def move_selection(self, step: int) -> None:
        rows = self._all_rows()
        self.selected_row = (self.selected_row + step) % max(1, len(rows))
        self.rebuild()

    def end_week(self, confirmed: bool = False) -> None:
        """Play the plan; the first press with points left over only warns."""
        game = self.app.game
        assert game is not None
        left = self.planner.left()
        if left > 0 and not confirmed and not self.warned_unspent:
            self.warned_unspent = True
            self.message = trn("turn.message.unspent", left, label=self.turn_name)
            return
        try:
            workshop = self.app.workshop
            game.play(self.planner.plan, list(workshop.pending_events) if workshop else None)
        except PlanError as exc:  # the planner should prevent this; never lose the turn silently
            self.message = tr("turn.message.not_allowed", error=exc)
            return
        if workshop is not None:
            workshop.take_events()  # fired with this week; a refused plan keeps them queued
        self.app.sounds.play("end_week")
        from game.ui.screens.report import ReportScreen

        self.app.replace_all(ReportScreen(self.app, len(game.session.logs) - 1))

    def autoplay(self) -> None:
        """The pilot: first show the policy's plan on the planner, then end the week."""
        if self.pilot_planned:
            self.end_week(confirmed=True)
            return
        from game.policies import get_policy

        assert self.app.pilot is not None
        policy = get_policy(self.app.pilot.policy)
        self.planner.set_plan(policy(self.seen, self.session.params)[0])
        self.pilot_planned = True
        self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            return self._scroll(event)
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        return super().handle(event)

    def _scroll(self, event: pygame.event.Event) -> bool:
        pos = pygame.mouse.get_pos()
        if self.people_area.collidepoint(pos):
            self.card_scroll -= event.y
        elif self.board_area.collidepoint(pos):
            self.board_scroll -= event.y
        elif self.list_area.collidepoint(pos):
            self.plan_scroll -= event.y
            self.rebuild()
            return True
        else:
            return False
        self.rebuild()
        return True

    def update(self, dt: float) -> bool:
        """The workshop timer: a warning, then the week ends with the plan as it stands."""
        workshop = self.app.workshop
        if workshop is None:
            return False
        status = workshop.check()
        if status == "warn":
            self.message = tr(
                "turn.message.time", seconds=f"{WARN_SECONDS:.0f}", label=self.turn_name
            )
            self.app.sounds.play("escalation")
        elif status == "expired" and self.app.top.name != "facilitator":
            # While the facilitator is confirming something, the week waits for them.
            self.end_week(confirmed=True)
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        command = is_hotkey(event) if self.app.workshop is not None else ""
        if command:
            self.app.push(FacilitatorOverlay(self.app, command))
            return True
        key = event.key
        rows = self._all_rows()
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.end_week()
        elif key in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self.move_selection(1)
        elif key in (pygame.K_UP, pygame.K_TAB):
            self.move_selection(-1)
        elif key in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS) and rows:
            self.change(rows[self.selected_row], 1)
        elif key in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS) and rows:
            self.change(rows[self.selected_row], -1)
        elif pygame.K_1 <= key <= pygame.K_9:
            self.choose_person(key - pygame.K_1)
        elif key == pygame.K_PAGEDOWN:
            self.card_scroll += 1
            self.rebuild()
        elif key == pygame.K_PAGEUP:
            self.card_scroll -= 1
            self.rebuild()
        else:
            return False
        return True

    # --- painting ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The painted screen, from a cache while nothing the player did has changed it.

        Nothing on this screen moves by itself (pygame_gui draws hover and tooltips on
        top), so repainting every text and bar each frame would only cost time.
        """
        key = (
            self.planner.plan.tobytes(), self.selected_row, self.person, self.card_scroll,
            self.board_scroll, self.plan_scroll, self.message, self.app.keyboard_used,
            surface.get_size(), id(self.manager),
        )  # fmt: skip
        if self._painted is None or key != self._painted_key:
            if self._painted is None or self._painted.get_size() != surface.get_size():
                self._painted = pygame.Surface(surface.get_size())
            self._paint(self._painted)
            self._painted_key = key
        surface.blit(self._painted, (0, 0))
        self._draw_timer(surface)

    def _paint(self, surface: pygame.Surface) -> None:
        s = self.style
        surface.fill(BACKGROUND)
        topbar.draw_bar(
            surface,
            self.top,
            s,
            self.scenario,
            self.seen,
            self.session.params.budget,
            self.planner.left(),
            self.planner.capacity + self.planner.overtime(),
            self.reserved,
        )
        self._draw_people(surface)
        self._draw_board(surface)
        self._draw_planner(surface)
        self._draw_news(surface)

    def _draw_timer(self, surface: pygame.Surface) -> None:
        workshop = self.app.workshop
        if workshop is None or workshop.turn_timer is None:
            return
        s, rect, left = self.style, self.timer_rect, workshop.left()
        urgent = left <= WARN_SECONDS
        pygame.draw.rect(surface, BAD if urgent else PANEL, rect, border_radius=s.px(8))
        pygame.draw.rect(surface, ACCENT, rect, width=s.px(2), border_radius=s.px(8))
        text = tr("turn.timer.paused") if workshop.paused else clock_text(left)
        font = s.font(22, bold=True) if not workshop.paused else s.font(16, bold=True)
        draw.text(surface, text, font, rect.center, INK, "center", width=rect.width - s.px(8))

    def _header(
        self, surface: pygame.Surface, rect: pygame.Rect, title: str, note: str = ""
    ) -> None:
        s = self.style
        head = draw.text(surface, title, s.font(14, bold=True), rect.topleft, MUTED)
        if note:
            draw.text(
                surface,
                note,
                s.font(13),
                (rect.right, head.centery),
                FAINT,
                "midright",
                width=rect.width - head.width - s.px(12),
            )

    def _draw_people(self, surface: pygame.Surface) -> None:
        s = self.style
        self._header(surface, self.people_area, tr("turn.people.title"), tr("turn.people.keys"))
        for rect, k in self.card_rects:
            view = CardView.of(self.scenario, self.seen, k, self._planned_for(k))
            stakeholder_card.draw_card(
                surface, rect, s, self.scenario, view, k == self.person, f"[{k + 1}]"
            )
        count = len(self.scenario.stakeholders)
        if self.card_rects:
            below = count - self.card_scroll - len(self.card_rects)
            y = self.card_rects[-1][0].bottom + s.px(2)
            draw.scroll_note(
                surface, s.font(13), (self.people_area.right, y), self.card_scroll, below
            )

    def _planned_for(self, k: int) -> str:
        """'Workshop, Check-in': the people actions this plan aims at stakeholder k."""
        rows = [r for r in self.planner.people_rows(k) if self.planner.points(r) > 0]
        return ", ".join(r.label for r in rows)

    def _build_board(self) -> None:
        """Rows of the work board; each has a tooltip, and a click plans building it."""
        s, area = self.style, self.board_area
        top = area.top + self._header_h()
        row_h, gap = board.row_height(s), s.px(5)
        count = len(self.scenario.packages)
        self.board_fits = max(1, (area.bottom - self._note_h() - top + gap) // (row_h + gap))
        self.board_scroll = max(0, min(self.board_scroll, count - self.board_fits))
        self.board_rows: list[tuple[pygame.Rect, int]] = []
        for k in range(self.board_scroll, min(count, self.board_scroll + self.board_fits)):
            rect = pygame.Rect(
                area.left, top + (k - self.board_scroll) * (row_h + gap), area.width, row_h
            )
            self.board_rows.append((rect, k))
            tip = board.tooltip(self.scenario, self.seen, k)
            self.ghost(rect, partial(self.plan_building, k), tip)

    def plan_building(self, p: int) -> None:
        """A click on a package row selects its line in the planner, if it can be built."""
        rows = self._all_rows()
        found = next(
            (i for i, r in enumerate(rows) if r.section == "build" and r.target == p), None
        )
        if found is not None:
            self.select_row(found)

    def _draw_board(self, surface: pygame.Surface) -> None:
        s = self.style
        area = self.board_area
        self._header(surface, area, tr("turn.board.title"), tr("turn.board.note"))
        build_rows = {r.target: self.planner.points(r) for r in self.planner.build_rows()}
        views = [board.PackageView.of(self.scenario, self.seen, k) for _, k in self.board_rows]
        status_w = board.status_width(s, views, area.width)
        for (rect, k), view in zip(self.board_rows, views, strict=True):
            board.draw_row(surface, rect, s, view, build_rows.get(k, 0.0), status_w)
        count = len(self.scenario.packages)
        if self.board_rows:
            below = max(0, count - self.board_scroll - self.board_fits)
            y = self.board_rows[-1][0].bottom + s.px(5)
            draw.scroll_note(surface, s.font(13), (area.right, y), self.board_scroll, below)

    def _draw_planner(self, surface: pygame.Surface) -> None:
        s = self.style
        area = self.plan_area
        pygame.draw.rect(surface, PANEL, area.inflate(s.px(12), s.px(12)), border_radius=s.px(10))
        self._header(surface, area, tr("turn.plan.title", label=self.turn_name).upper())
        y = area.top + self._header_h()
        left, total = self.planner.left(), self.planner.capacity + self.planner.overtime()
        colour = ACCENT if left > 0 else (0, 158, 115)
        text = (
            tr("turn.plan.left", left=number(left), total=number(total))
            if left > 0
            else tr("turn.plan.all", total=number(total))
        )
        line = draw.text(
            surface, text, s.font(22, bold=True), (area.left, y), colour, width=area.width
        )
        build, people_pts, project = self.planner.split()
        split = pygame.Rect(area.left, line.bottom + s.px(6), area.width, s.px(8))
        self._split_bar(surface, split, build, people_pts, project, total)
        rows = self._all_rows()
        for k, line_item in enumerate(self.visible_lines):
            y = self.list_area.top + k * self.row_h
            if isinstance(line_item, str):
                title = self.section_title(line_item)
                draw.text(
                    surface,
                    title,
                    s.font(13, bold=True),
                    (area.left, y + self.row_h - s.px(6)),
                    FAINT,
                    "bottomleft",
                )
                continue
            index = rows.index(line_item)
            rect, down, up = self.row_widgets[index]
            selected = index == self.selected_row
            if selected:
                pygame.draw.rect(surface, (52, 60, 80), rect, border_radius=s.px(6))
                if self.app.keyboard_used:
                    pygame.draw.rect(surface, FOCUS, rect, width=s.px(2), border_radius=s.px(6))
            points = self.planner.points(line_item)
            available = line_item.section != "build" or bool(
                self.seen.buildable[0, line_item.target]
            )
            draw.text(
                surface,
                line_item.label,
                s.font(15),
                (rect.left + s.px(8), rect.centery),
                INK if available else FAINT,
                "midleft",
                width=down.rect.left - rect.left - s.px(14),
            )
            draw.text(
                surface,
                number(points),
                s.font(16, bold=True),
                ((down.rect.right + up.rect.left) // 2, rect.centery),
                ACCENT if points else MUTED,
                "center",
            )
        above, below = self.hidden_lines
        draw.scroll_note(
            surface, s.font(13), (area.right, self.list_area.bottom + s.px(2)), above, below
        )

    def draw_over(self, surface: pygame.Surface) -> None:
        super().draw_over(surface)
        self._draw_toast(surface)

    def _draw_toast(self, surface: pygame.Surface) -> None:
        """The message over the bottom of the plan, above its +/- buttons; it goes away with
        the next change."""
        s, area = self.style, self.plan_area
        if self.message:
            font = s.font(15, bold=True)
            # Two lines, or three when the words need them (German often does).
            lines = len(draw.wrap(self.message, font, area.width - s.px(16), max_lines=3))
            height = max(2, lines) * font.get_linesize() + s.px(16)
            toast = pygame.Rect(
                area.left, self.end_button.rect.top - height - s.px(8), area.width, height
            )
            draw.toast(surface, toast, self.message, font, s.px(8))

    def _split_bar(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        build: float,
        people_pts: float,
        project: float,
        total: float,
    ) -> None:
        pygame.draw.rect(surface, (31, 36, 48), rect, border_radius=rect.height // 2)
        x = rect.left
        for value, colour in (
            (build, hex_colour(CAPACITY["build"])),  # as in every capacity chart
            (people_pts, hex_colour(CAPACITY["people"])),
            (project, hex_colour(CAPACITY["project"])),
        ):
            width = round(rect.width * value / total) if total else 0
            if width:
                pygame.draw.rect(surface, colour, (x, rect.top, width, rect.height))
            x += width
        font = self.style.font(12)
        legend = tr(
            "turn.plan.split",
            build=number(build),
            people=number(people_pts),
            project=number(project),
        )
        draw.text(
            surface,
            legend,
            font,
            (rect.left, rect.bottom + self.style.px(2)),
            MUTED,
            width=rect.width,
        )

    def _draw_news(self, surface: pygame.Surface) -> None:
        s = self.style
        rect = self.news
        pygame.draw.rect(surface, PANEL, rect, border_radius=s.px(8))
        pad = s.px(10)
        head = draw.text(
            surface,
            tr("turn.news"),
            s.font(13, bold=True),
            (rect.left + pad, rect.top + pad),
            ACCENT,
        )
        lines = self.news_lines()
        font = s.font(15)
        y = rect.top + pad
        for line in lines[:2]:
            draw.text(
                surface,
                line,
                font,
                (head.right + s.px(12), y),
                INK,
                width=rect.right - head.right - s.px(12) - pad,
            )
            y += font.get_linesize()

    def news_lines(self) -> list[str]:
        """Last week's news (made once per language: the week is over, it cannot change)."""
        if self._news is None or self._news[0] != language():
            self._news = (language(), self._make_news())
        return self._news[1]

    def _make_news(self) -> list[str]:
        if not self.session.logs:
            sc = self.scenario
            return [
                tr("turn.news.first", Label=cap(self.turn_name), goal=sc.goal),
                tr("turn.news.waiting"),
            ]
        from game.session.week import week_report

        report = week_report(self.session, len(self.session.logs) - 1)
        label = cap(self.turn_name)
        lines = [report.headline]
        for item in report.items:
            if item.text.rstrip(".…") not in (line.rstrip(".…") for line in lines):
                lines.append(item.text)
        return [tr("turn.news.line", Label=label, turn=report.turn, text=line) for line in lines]
