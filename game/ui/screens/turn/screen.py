"""The main screen: the people, the work board, this week's plan, the news, End week.

This module holds the screen's state (who is chosen, which row, how far each list is
scrolled), its actions and its keys; the plan's widgets are built in `plan_list`, the
painting is in `panels`.
"""

from dataclasses import replace
from functools import partial

import pygame

from game.i18n import language, number, tr, trn
from game.model import PlanError
from game.scenario.schema import Scenario
from game.session.transcript import first_names
from game.session.workshop import Workshop
from game.ui import flow
from game.ui.planner import Planner, Row
from game.ui.screens.base import Host
from game.ui.screens.coach import CoachOverlay, Mark
from game.ui.screens.facilitator import FacilitatorOverlay, is_hotkey
from game.ui.screens.report import ReportScreen
from game.ui.screens.turn.autoplay import pilot_plan
from game.ui.screens.turn.layout import (
    header_height,
    lay_out,
    note_height,
)
from game.ui.screens.turn.news import last_week_lines
from game.ui.screens.turn.news_overlay import NewsOverlay
from game.ui.screens.turn.paint_cache import PaintCache
from game.ui.screens.turn.plan_list import PlanList
from game.ui.widgets import board, stakeholder_card
from game.ui.widgets.clock import draw_timer, timer_width, warning, warning_due

# How soon a changed plan is written to the autosave: a crash loses at most this much.
DRAFT_SAVE_EVERY = 0.5


def _side_by_side(notes: list[str]) -> str:
    """Notes shown together in the plan's message box, first to last ('' for none)."""
    shown = ""
    for note in notes:
        shown = tr("turn.message.both", first=shown, second=note) if shown else note
    return shown


class TurnScreen(PlanList):
    name = "turn"

    def __init__(self, app: Host) -> None:
        game = app.game
        assert game is not None
        self.session = game.session
        self.scenario: Scenario = self.session.scenario
        self.seen = self.session.observe()
        self.planner = Planner(self.scenario, self.session.params, self.seen)
        if game.draft is not None:  # the plan being made when the game closed (restore checked it)
            self.planner.set_plan(game.draft)
        self.draft_unsaved = 0.0  # seconds the plan has differed from the one saved (0: same)
        self.person = self._neediest()
        self.selected_row = 0
        self.card_scroll = 0
        self.plan_scroll = 0
        self.board_scroll = 0
        self.message = ""
        self.warned_unspent = False
        self.unspent_text = ""  # the warning the next Enter confirms, while on screen
        self.hold_text = ""  # why the facilitator's clock holds the week, while on screen
        self.held_by = ""  # the hold it tells (hold_text may tell a notice beside it)
        self.hold_beside: list[str] = []  # what hold_text shows beside the hold, in order
        self.notice = ""  # the last notice from outside the plan (a facilitator's message)
        self.warning_withdrawn = False  # the time warning went with a paused clock
        self.pilot_planned = False
        # Set while the team scrolls the cards by hand: then the cards stay where they put
        # them; otherwise every layout (a new text size too) shows the person planned for.
        self.cards_browsed = False
        self._cache = PaintCache()
        self._news: tuple[str, list[str]] | None = None
        # A first-time team's first week starts with the tips (coach marks); never the pilot's.
        self.coach_pending = not app.settings.coached and not self.session.logs
        self.coach_pending &= app.pilot is None
        self.shown_once = False
        if app.workshop is not None:
            if app.live is None or app.live.clock_week != self.session.turn:
                app.workshop.start_turn()  # (a live week's clock started at the last one's end)
            if app.live is not None:
                # The host's clock has run since the last week was handed in: the plan
                # opens with the time it has left, not the full time (playtest 6).
                app.live.follow_latest(app.workshop, self.session.turn)
        super().__init__(app)

    def _neediest(self) -> int:
        """Start with the person IT has been out of touch with longest."""
        return int(self.seen.since_contact[0].argmax())

    # --- layout --------------------------------------------------------------------------
    def build(self) -> None:
        s = self.style
        w = s.window[0]
        g = s.px(16)
        layout = lay_out(s)
        self.top, self.people_area, self.news = layout.top, layout.people_area, layout.news
        self.board_area, self.plan_area = layout.board_area, layout.plan_area
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
        if self.their_eyes_unlocked:
            label = tr("turn.eyes")
            eyes_w = s.font(16).size(label)[0] + s.px(28)
            self.button(
                pygame.Rect(w - g - self.reserved + s.px(8) - eyes_w, s.px(8), eyes_w, button_h),
                label,
                self.open_their_eyes,
                focus=False,
                tool_tip_text=tr("turn.eyes.tip"),
            )
            self.reserved += eyes_w + s.px(8)
        if self.app.workshop is not None and self.app.workshop.turn_timer is not None:
            width = timer_width(s)
            self.timer_rect = pygame.Rect(0, s.px(8), width, button_h)
            self.timer_rect.right = w - g - self.reserved + s.px(8)
            self.reserved += width + s.px(8)
            # What the clock is and what happens at 0:00 (playtest 7: it had no word).
            self.ghost(self.timer_rect, lambda: None, tr("clock.tip", label=self.turn_name))
        self._build_people()
        self._build_board()
        self._build_planner()
        self.ghost(self.news, self.open_news, tr("turn.news.tip"))

    def _build_people(self) -> None:
        s = self.style
        area = self.people_area
        top = area.top + header_height(self.style)
        self.card_h = stakeholder_card.card_height(s)
        gap = s.px(8)
        count = len(self.scenario.stakeholders)
        bottom = area.bottom - note_height(self.style)
        self.cards_visible = max(1, (bottom - top + gap) // (self.card_h + gap))
        if not self.cards_browsed:  # the plan's "WITH PIETER" names a card in view
            self.card_scroll = min(self.card_scroll, self.person)
            self.card_scroll = max(self.card_scroll, self.person - self.cards_visible + 1)
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
            self.ghost(rect, partial(self.choose_person, k), tip + self._defects_seen(k))

    def _defects_seen(self, k: int) -> str:
        """Why Seen stays below what they signed off: what went live faulty is not seen
        working (playtest 11 looked for a missing package beside "seen 85%")."""
        mine = self.session.params.owner == k
        faulty = float(self.seen.package_defects[0, mine].sum())
        if round(faulty, 1) <= 0:
            return ""
        name = first_names(self.scenario)[k]
        return " " + tr("turn.card.tip.defects", name=name, pts=number(faulty, 1))

    def regions(self) -> dict[str, pygame.Rect]:
        """The painted panels, for the layout checks: inside the window, never overlapping."""
        return {
            "top bar": self.top,
            "stakeholders": self.people_area,
            "work board": self.board_area,
            "news": self.news,
            "plan": self.plan_area,
        }

    def coach_marks(self) -> list[Mark]:
        """The first week's tips, each pointing at the part of this screen it explains."""
        board_rows = [rect for rect, _ in self.board_rows] or [self.board_area]
        rows = self._all_rows()
        people = [r for i, (r, _, _) in self.row_widgets.items() if rows[i].section == "people"]
        return [
            Mark(self.people_area, "coach.people.title", "coach.people.body"),
            Mark(board_rows[0].unionall(board_rows), "coach.board.title", "coach.board.body"),
            Mark(self.plan_area, "coach.plan.title", "coach.plan.body"),
            Mark(self.end_button.rect, "coach.end.title", "coach.end.body"),
            # What to try first: time with the people, where those actions are planned.
            Mark(
                people[0].unionall(people) if people else self.list_area,
                "coach.first.title",
                "coach.first.body",
            ),
        ]

    def end_coaching(self) -> None:
        """The tips were seen or skipped: never again on this machine (a setting)."""
        if not self.app.settings.coached:
            self.app.apply_settings(replace(self.app.settings, coached=True))

    # --- actions -------------------------------------------------------------------------
    def choose_person(self, s: int, by_key: bool = False) -> None:
        """Plan for stakeholder `s`. The plan's rows stay where they are (a team pointing at
        'Workshop' still points at 'Workshop', now with the new person); the selection moves
        to the same action for them, or to their first row in view. By number key it always
        goes to their first row (Check-in): a keyboard team cannot see where it would land."""
        if not 0 <= s < len(self.scenario.stakeholders):
            return
        rows = self._all_rows()
        before = rows[self.selected_row] if rows else None
        self.person = s
        self.cards_browsed = False
        people = [i for i, r in enumerate(self._all_rows()) if r.section == "people"]
        in_view = [i for i in people if i in self.row_widgets]
        if by_key and people:
            self.selected_row = people[0]
        elif before is not None and before.section == "people":
            pass  # the same index is the same action, aimed at the new person
        elif in_view:
            self.selected_row = in_view[0]
        elif people:
            self.selected_row = people[0]  # out of view: the list scrolls to show it
        self.rebuild()

    def select_row(self, index: int) -> None:
        self.selected_row = index
        self.rebuild()

    def change(self, row: Row, step: int, index: int | None = None) -> None:
        if self._refused_as_ended():  # playtest 7 could still add
            return
        done = self.planner.add(row) if step > 0 else self.planner.remove(row)
        cost = self.planner.cost(row.action)
        if step > 0 and not done and self.planner.left() < cost:
            # Refused for want of points: say so (playtest 7 pressed on, nothing moved).
            left = number(self.planner.left())
            self.say(tr("turn.message.no_room", label=row.label, cost=number(cost), left=left))
        if index is not None:
            self.selected_row = index
        if done:
            self.keep_draft()
            self.app.sounds.play("click")
            self.warned_unspent = False
            # Build points beyond what a package needs would vanish: say so for as long as
            # the plan has them, whatever row changed since (playtest 3: the warning went
            # with the next click on a check-in, and only the report told the team).
            self.say(self.planner.warning())
        self._refresh_steppers()

    def _refused_as_ended(self) -> bool:
        """The round is over: no plan is played any more, so no change is made; says why."""
        if self.plan_locked:
            self.say(tr("live.hold.ended"))
        return self.plan_locked

    def undo(self) -> None:
        """Back to the plan before its last change (Ctrl+Z)."""
        if not self._refused_as_ended() and self.planner.undo():
            self._after_whole_plan_change()

    def clear_plan(self) -> None:
        """Every point off the plan (Delete); Undo brings them back."""
        if not self._refused_as_ended() and self.planner.clear():
            self._after_whole_plan_change()

    def keep_draft(self) -> None:
        """The plan changed: the game remembers it, and `update` writes it soon after, so a
        crash mid-plan loses at most a moment of it (playtest 11 lost a whole week's talk)."""
        game = self.app.game
        assert game is not None
        game.keep_draft(self.planner.plan)
        self.draft_unsaved = max(self.draft_unsaved, 1e-9)

    def _save_draft_soon(self, dt: float) -> None:
        """Write the plan being made at most every DRAFT_SAVE_EVERY seconds of changes."""
        if not self.draft_unsaved:
            return
        self.draft_unsaved += dt
        if self.draft_unsaved >= DRAFT_SAVE_EVERY:
            game = self.app.game
            assert game is not None
            game.save()
            self.draft_unsaved = 0.0

    def _after_whole_plan_change(self) -> None:
        self.keep_draft()
        self.app.sounds.play("click")
        self.warned_unspent = False
        self.message = self.planner.warning()
        self.rebuild()  # rows of packages no longer planned may come or go

    def say(self, message: str) -> None:
        """Show `message` (or none) above the plan's tools; the list makes room for it at its
        foot, and the rows in view stay where they are (a team is clicking on them: the
        playtest's second click landed on the row that had moved under the mouse)."""
        resized = bool(message) != bool(self.message)
        if message != self.unspent_text:
            # Another message took the warning's place (playtest 5: a facilitator's message
            # did, and the next Enter ended the week with points unused, unwarned): the next
            # Enter warns again.
            self.warned_unspent = False
            self.unspent_text = ""
        self.message = message
        if resized:
            self.hold_rows = True
            try:
                self.rebuild()
            finally:
                self.hold_rows = False

    @property
    def their_eyes_unlocked(self) -> bool:
        """A facilitator let this team see the line managers' side (a second round)."""
        return self.app.workshop is not None and self.app.workshop.their_eyes

    def open_their_eyes(self) -> None:
        """The round so far as each line manager lived it, starting with the person chosen."""
        from game.ui.screens.eyes import EyesScreen  # a screen of its own, rarely opened

        self.app.push(EyesScreen(self.app, self.person))

    def open_news(self) -> None:
        """Every story of last week in full, readable at projector size."""
        self.app.push(NewsOverlay(self.app, self.news_lines()))

    def move_selection(self, step: int, wrap: bool = False) -> None:
        """The arrows stop at the plan's ends: Up on the first row had wrapped to the last,
        where a team went on pressing Right and put 8 points on a steering update
        (playtest 7). Tab goes round, as Tab does."""
        rows = max(1, len(self._all_rows()))
        moved = self.selected_row + step
        self.selected_row = moved % rows if wrap else max(0, min(rows - 1, moved))
        self.rebuild()

    def end_week(self, confirmed: bool = False, timed_out: bool = False) -> None:
        """Play the plan; the first press with points left over only warns. `timed_out`:
        the clock ended the week, not the team (the report says so)."""
        game = self.app.game
        assert game is not None
        held = self.app.live.hold() if self.app.live is not None else ""
        if held:  # a live workshop's facilitator holds the week
            # What the hold came over stays beside it, the hold first: a facilitator's
            # message just in, unread (playtest 8), and the warning that build points
            # would have nothing to build (playtest 11).
            beside = self.hold_beside if self.hold_text and self.message == self.hold_text else []
            if not beside and self.notice and self.message.endswith(self.notice):
                beside = [self.notice]
            warning = self.planner.warning()
            beside = [t for t in beside if t != warning] + ([warning] if warning else [])
            shown = _side_by_side([held, *beside])
            self.say(shown)
            self.hold_text, self.held_by, self.hold_beside = shown, held, beside
            return
        left = self.planner.left()
        if left > 0 and not confirmed and not self.warned_unspent:
            self.unspent_text = trn("turn.message.unspent", left, label=self.turn_name)
            self.say(self.unspent_text)
            self.warned_unspent = True
            return
        try:
            workshop = self.app.workshop
            game.play(self.planner.plan, list(workshop.pending_events) if workshop else None)
        except PlanError as exc:  # the planner should prevent this; never lose the turn silently
            self.say(tr("turn.message.not_allowed", error=exc))
            return
        if workshop is not None:
            workshop.take_events()  # fired with this week; a refused plan keeps them queued
            if self.app.live is not None:
                self.app.live.week_handed_in(workshop, game.session.turn)
        self.app.sounds.play("end_week")

        self.app.replace_all(ReportScreen(self.app, len(game.session.logs) - 1, timed_out))

    def notify(self, message: str) -> None:
        """A notice from outside the plan (the facilitator's messages, the link's state)."""
        self.notice = message
        self.say(message)

    def shown_note(self) -> str:
        return self.message

    def autoplay(self) -> None:
        """The pilot: first show the policy's plan on the planner, then end the week."""
        if self.pilot_planned:
            self.end_week(confirmed=True)
            return
        assert self.app.pilot is not None
        self.planner.set_plan(pilot_plan(self.app.pilot.policy, self.seen, self.session.params))
        self.keep_draft()
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
            self.cards_browsed = True
        elif self.board_area.collidepoint(pos):
            self.board_scroll -= event.y
        elif self.list_area.collidepoint(pos):
            self.plan_scroll -= event.y
            self.wheel_scrolled = True
            self.rebuild()
            return True
        else:
            return False
        self.rebuild()
        return True

    def update(self, dt: float) -> bool:
        """The first week's tips; the workshop timer: a warning, then the week ends with the
        plan as it stands."""
        if self.coach_pending and self.app.top is self:
            # Not before this screen's widgets have had one update, or pygame_gui never
            # draws them under the tips (only the top screen's manager is updated).
            if self.shown_once:
                self.coach_pending = False
                self.app.push(CoachOverlay(self.app, self.coach_marks(), self.end_coaching))
            self.shown_once = True
        self._save_draft_soon(dt)
        workshop = self.app.workshop
        if workshop is None:
            return False
        live = self.app.live
        if live is not None and live.ended and self.end_button.is_enabled:
            self.rebuild()  # the facilitator ended the round: the plan says so at once
        self._follow_hold()
        status = workshop.check()
        if status == "warn":
            if self.app.top.name == "eyes":
                self.app.pop()  # back to the plan: the last seconds are for deciding
            self.say(warning(self.turn_name, workshop.warn_seconds))
            self.app.sounds.play("escalation")
        elif status == "expired" and self.app.top.name != "facilitator":
            # While the facilitator is confirming something, the week waits for them.
            self.end_week(confirmed=True, timed_out=True)
        else:
            self._follow_clock(workshop)
        return False

    def _follow_hold(self) -> None:
        """The facilitator's hold message goes once it no longer holds (playtest 5: "has not
        started the clock" stayed with the clock at 1:58)."""
        live = self.app.live
        if not self.hold_text or live is None or live.hold() == self.held_by:
            return
        if self.message == self.hold_text:
            # What the hold was shown beside stays, on its own.
            self.say(_side_by_side(self.hold_beside))
        self.hold_text, self.hold_beside = "", []

    def _follow_clock(self, workshop: Workshop) -> None:
        """The time warning follows the clock: it goes when a minute is added or the clock
        is paused, and comes back (silently) when a paused clock runs on inside it, unless
        another message took its place meanwhile."""
        text = warning(self.turn_name, workshop.warn_seconds)
        due = warning_due(workshop)
        if self.message == text and not due:
            self.say("")
            self.warning_withdrawn = workshop.warned  # paused: it may come back
        elif due and self.warning_withdrawn and not self.message:
            self.say(text)
        if due or not workshop.warned:
            self.warning_withdrawn = False

    def _key(self, event: pygame.event.Event) -> bool:
        command = is_hotkey(event) if self.app.workshop is not None else ""
        if command:
            self.app.push(FacilitatorOverlay(self.app, command))
            return True
        key = event.key
        rows = self._all_rows()
        if key == pygame.K_z and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            self.undo()
        elif key == pygame.K_DELETE:
            self.clear_plan()
        elif key == pygame.K_n:
            self.open_news()
        elif key == pygame.K_m and self.message:
            self.open_message()
        elif key == pygame.K_v and self.their_eyes_unlocked:
            self.open_their_eyes()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.end_week()
        elif key in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self.move_selection(1, wrap=key == pygame.K_TAB)
        elif key in (pygame.K_UP, pygame.K_TAB):
            self.move_selection(-1, wrap=key == pygame.K_TAB)
        elif key in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS) and rows:
            self.change(rows[self.selected_row], 1)
        elif key in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS) and rows:
            self.change(rows[self.selected_row], -1)
        elif pygame.K_1 <= key <= pygame.K_9:
            self.choose_person(key - pygame.K_1, by_key=True)
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.card_scroll += 1 if key == pygame.K_PAGEDOWN else -1
            self.cards_browsed = True
            self.rebuild()
        else:
            return False
        return True

    # --- painting ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The painted screen, from a cache while nothing the player did has changed it."""
        key = (
            self.planner.plan.tobytes(), self.selected_row, self.person, self.card_scroll,
            self.board_scroll, self.plan_scroll, self.message, self.app.keyboard_used,
            surface.get_size(), id(self.manager),
        )  # fmt: skip
        self._cache.blit(surface, key, self._paint)
        workshop = self.app.workshop
        if workshop is not None and workshop.turn_timer is not None:
            draw_timer(surface, self.style, self.timer_rect, workshop)

    def _build_board(self) -> None:
        """Rows of the work board; each has a tooltip, and a click plans building it."""
        s, area = self.style, self.board_area
        top = area.top + header_height(self.style)
        row_h, gap = board.row_height(s), s.px(5)
        count = len(self.scenario.packages)
        bottom = area.bottom - note_height(s)
        self.board_fits = max(1, (bottom - top + gap) // (row_h + gap))
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

    def news_lines(self) -> list[str]:
        """The facilitator's messages this week, then last week's news (made once per
        language: the week is over, it cannot change)."""
        if self._news is None or self._news[0] != language():
            self._news = (language(), last_week_lines(self.session, self.turn_name))
        live = self.app.live
        said = live.messages_in(self.session.turn) if live is not None else []
        return [*said, *self._news[1]]
