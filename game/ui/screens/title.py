"""The title screen: the game's name, a scenario picker, team and seed, Continue."""

from dataclasses import replace
from functools import partial
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextEntryLine, UITooltip
from pygame_gui.windows import UIFileDialog

from game.i18n import tr, turn_word
from game.local import paths
from game.scenario.errors import InputError
from game.session.game_run import GameRun
from game.ui import draw, flow, safe_text
from game.ui.catalogue import ScenarioEntry, catalogue, entry
from game.ui.screens.base import Host, Screen
from game.ui.theme import ACCENT, BACKGROUND, CARD_HIGHLIGHT, FAINT, FOCUS, INK, MUTED, canvas
from game.ui.widgets.file_dialog import SafeFileDialog, openable_folder

# Catalogue keys of the words on a scenario card.
DIFFICULTY = {"easy": "title.difficulty.easy", "normal": "title.difficulty.normal"}
DIFFICULTY |= {"hard": "title.difficulty.hard"}
WHERE = {"yours": "title.card.yours", "file": "title.card.file"}
TAGLINE_LINES = 3
TITLE_LINES = 2  # a scenario's title wraps rather than lose its last words
BLURB_SPACING = 1.15
FORM_GAPS = 8 + 12 + 6 + 14 + 4 + 26 + 12 + 12 + 12  # the form's gaps in design pixels


def _difficulty(card: ScenarioEntry) -> str:
    """The card's difficulty in the window's language."""
    key = DIFFICULTY.get(card.difficulty)
    return tr(key) if key else card.difficulty or "—"


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app: Host) -> None:
        self.entries = catalogue()
        self.selected = 0
        self.page = 0
        self.team = safe_text.name(app.options.team)
        # The seed given on the command line, else the one typed here last time (issue 10).
        self.seed_text = (
            app.settings.last_seed if app.options.seed is None else str(app.options.seed)
        )
        saved = self._read_autosave()
        self.saved_parts, self.saved_team, self.saved_unfinished, saved_ref, about_save = saved[:5]
        # The live workshop the autosaved round was played in: Continue rejoins it, or
        # (the facilitator ended it) shows where it stopped.
        self.saved_live = flow.live_round_saved(saved[5]) if self.saved_unfinished else None
        self.saved = " · ".join(self.saved_parts)  # scenario · week · team, '' if none
        if not self.team:  # after a restart (even a crash), the team that played last
            self.team = self.saved_team
        if app.options.scenario is None and saved_ref:  # ... and its scenario
            self._preselect(saved_ref, add=False)
        self.message = app.resume_error or about_save
        self.confirm_replace = False
        self.follow_selection = False
        self.paged_by: int | None = None  # the pager the keyboard or mouse just pressed
        self.dialog: UIFileDialog | None = None
        if app.game is not None:  # back from a round: offer the same scenario and team again
            self._preselect(app.game.scenario_ref)
            self.team = safe_text.name(app.game.session.team)
        super().__init__(app)

    def _preselect(self, ref: str, add: bool = True) -> None:
        """Choose scenario `ref`; one not in the catalogue is added (`add`) or not chosen.
        A live workshop's copy of a shipped scenario (sent by the host) chooses the shipped
        one: playtest 5 saw the tutorial chosen after a restart, and a second card of the
        same scenario marked "opened file"."""
        if Path(ref).parent == paths.live_dir():
            ref, add = Path(ref).stem, False
        found = next((k for k, e in enumerate(self.entries) if e.ref == ref), None)
        if found is None:
            if not add:
                return
            self.entries.append(entry(ref, "file"))
            found = len(self.entries) - 1
        self.selected = found
        self.follow_selection = True

    @staticmethod
    def _read_autosave() -> tuple[tuple[str, ...], str, bool, str, str, str]:
        """What describes the autosaved round (scenario, week, team; none if no round), its
        team, whether it is unfinished, its scenario's reference ('' if none), what
        the player should know ('' if nothing), and its round id ('' if none)."""
        path = paths.autosave_path()
        if not path.exists():
            return (), "", False, "", "", ""
        try:
            run = GameRun.resume(path)
        except InputError as exc:  # kept on disk: a new round moves it aside, never over it
            why = exc.diagnostics[0].message
            return (), "", False, "", tr("title.message.unreadable_save", error=why), ""
        session = run.session
        label = turn_word(session.scenario.turn_label)
        state = tr("title.saved.finished") if session.done else f"{label} {session.turn + 1}"
        team = (name,) if (name := safe_text.name(session.team)) else ()
        about = tr("title.message.save_notes", notes="; ".join(run.notes)) if run.notes else ""
        parts = (session.scenario.title, state, *team)
        return parts, "".join(team), not session.done, run.scenario_ref, about, session.round_id

    # --- layout --------------------------------------------------------------------------
    def build(self) -> None:
        s, page = self.style, canvas(self.style)
        m = s.px(40)
        # The key hint is a footer across the page: in the form's narrow column it
        # took two lines that a large text size no longer had room for.
        hint_font = s.font(14)
        hint_lines = draw.lines_needed(tr("title.keys"), hint_font, page.width - 2 * m)
        hint_h = hint_lines * hint_font.get_linesize()
        self.hint_rect = pygame.Rect(
            page.left + m, page.bottom - m - hint_h, page.width - 2 * m, hint_h
        )
        height = page.height - 2 * m - hint_h - s.px(10)
        self.left = pygame.Rect(page.left + m, page.top + m, s.px(440), height)
        self.right = pygame.Rect(
            self.left.right + s.px(40),
            page.top + m,
            page.right - m - self.left.right - s.px(40),
            height,
        )
        self._build_form()
        self._build_cards()

    def _build_form(self) -> None:
        s, left = self.style, self.left
        entry_h = s.text_px(18) + s.px(18)
        big = max(s.px(52), s.text_px(18) + s.px(24))
        normal = max(s.px(44), s.text_px(16) + s.px(20))
        label_font = s.font(15)
        self.seed_label_h = draw.lines_needed(tr("title.seed"), label_font, left.width)
        self.seed_label_h *= label_font.get_linesize()
        tagline_lines = min(
            TAGLINE_LINES, draw.lines_needed(tr("title.tagline"), s.font(18), left.width)
        )
        self.tagline_h = tagline_lines * s.font(18).get_linesize()
        # The team label's whole line height: its text size alone let the entry's focus
        # ring touch the label at a large text size.
        label_h = s.font(15).get_linesize()
        content = s.font(56, bold=True).get_linesize() + self.tagline_h + label_h
        content += 2 * entry_h + self.seed_label_h + big + 3 * normal
        # The gaps between the parts give way first when a large text size fills the column.
        squeeze = min(1.0, max(0.25, (left.height - content) / s.px(FORM_GAPS)))

        def gap(pixels: int) -> int:
            return round(s.px(pixels) * squeeze)

        self.tagline_y = left.top + s.font(56, bold=True).get_linesize() + gap(8)
        y = self.tagline_y + self.tagline_h + gap(12)
        self.team_label_y = y
        y += label_h + max(gap(6), s.px(3))
        self.team_entry = UITextEntryLine(
            pygame.Rect(left.left, y, left.width, entry_h),
            self.manager,
            placeholder_text=tr("title.team.placeholder"),
        )
        self.team_entry.set_text_length_limit(40)
        self.team_entry.set_text(self.team)
        y += entry_h + gap(14)
        self.seed_label_y = y
        y += self.seed_label_h + gap(4)
        random_w = max(s.px(130), draw.measure(tr("title.new_seed"), s.font(16)) + s.px(32))
        self.seed_entry = UITextEntryLine(
            pygame.Rect(left.left, y, left.width - random_w - s.px(10), entry_h),
            self.manager,
            placeholder_text=tr("title.seed.placeholder"),
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(12)
        self.seed_entry.set_text(self.seed_text)
        self.random_button = UIButton(
            pygame.Rect(left.right - random_w, y, random_w, entry_h),
            tr("title.new_seed"),
            self.manager,
            tool_tip_text=tr("title.new_seed.tip"),
        )
        y += entry_h + gap(26)
        self.start_button = UIButton(
            pygame.Rect(left.left, y, left.width, big),
            tr("title.start"),
            self.manager,
            object_id="#primary",
        )
        y += big + gap(12)
        label, tip = self._continue_label(left.width - s.px(24))
        self.continue_button = UIButton(
            pygame.Rect(left.left, y, left.width, normal), label, self.manager, tool_tip_text=tip
        )
        if not self.saved:
            self.continue_button.disable()
        y += normal + gap(12)
        self.join_button = UIButton(
            pygame.Rect(left.left, y, left.width, normal),
            tr("title.join"),
            self.manager,
            tool_tip_text=tr("title.join.tip"),
        )
        y += normal + gap(12)
        half = (left.width - s.px(12)) // 2
        self.settings_button = UIButton(
            pygame.Rect(left.left, y, half, normal), tr("title.settings"), self.manager
        )
        self.quit_button = UIButton(
            pygame.Rect(left.right - half, y, half, normal), tr("title.quit"), self.manager
        )
        self.form_bottom = y + normal
        for element in (
            self.team_entry,
            self.seed_entry,
            self.random_button,
            self.start_button,
            self.continue_button,
            self.join_button,
            self.settings_button,
            self.quit_button,
        ):
            self.place(element)

    def _continue_label(self, width: int) -> tuple[str, str]:
        """The Continue button's label and tooltip. The saved round's whole description
        where it fits; at a large text size the scenario's name, then the team, give way
        (the tooltip keeps the whole description)."""
        if not self.saved:
            return tr("title.continue.none"), tr("title.continue.tip")
        title, state, *team = self.saved_parts
        font = self.style.font(16)
        if not self.saved_unfinished:
            # A finished round goes on to its debrief: say so ("Continue: … · finished"
            # did not say what it would do).
            whole = tr("title.continue.finished", saved=" · ".join((title, *team)))
            labels = [tr("title.continue.finished", saved=title), tr("title.debrief.short")]
            tip = tr("title.continue.finished.tip")
        else:
            # A live round says so on the button itself (a playtest's team did not know
            # that Continue would rejoin the workshop until it hovered over it).
            key, tip = "title.continue", tr("title.continue.tip")
            if self.saved_live is not None:
                ended = self.saved_live.ended
                key = "title.continue.live.ended" if ended else "title.continue.live"
                tip = tr("title.continue.ended.tip" if ended else "title.continue.live.tip")
            whole = tr(key, saved=self.saved)
            shorter = ((title, state), (state, *team), (state,))
            labels = [tr(key, saved=" · ".join(parts)) for parts in shorter]
        label = next((x for x in (whole, *labels) if draw.fits(x, font, width)), labels[-1])
        return label, f"{whole}\n{tip}"

    def _card_tip(self, card: ScenarioEntry | None, inner_w: int) -> str:
        """The card's tooltip: what the card does not say (how to choose and start it),
        and its whole title where TITLE_LINES lines cut it; never the blurb again (the
        card shows it whole, see `_card_height`; playtest 5 read it twice)."""
        if card is None:
            return tr("title.open_file.tip")
        title_font = self.style.font(20, bold=True)
        cut = draw.lines_needed(card.title, title_font, inner_w) > TITLE_LINES
        how = tr("title.card.tip")
        return f"{card.title}\n{how}" if cut else how

    def update(self, dt: float) -> bool:
        self._tips_by_the_pointer()
        return super().update(dt)

    def _tips_by_the_pointer(self) -> None:
        """A card's tooltip by the pointer. pygame_gui puts a tooltip below or above its
        element; a card is nearly as tall as the page, so at projector size neither fitted
        and the tooltip landed in the top-left corner over the logo (playtest 5)."""
        for ghost in self.card_ghosts:
            tip = ghost.tool_tip
            if isinstance(tip, UITooltip):
                tip.hover_distance_from_target = (0, self.style.px(24))
                tip.find_valid_position(pygame.math.Vector2(pygame.mouse.get_pos()))

    def _card_height(self, inner_w: int) -> int:
        """Cards as tall as the longest title and blurb need at this width and text size
        (at least three blurb lines, so that the cards do not jump between scenarios)."""
        s = self.style
        title_font, body_font = s.font(20, bold=True), s.font(15)
        texts = [(c.title, c.blurb) for c in self.entries]
        texts.append((tr("title.open_file"), tr("title.open_file.text")))
        title_lines = max(
            min(TITLE_LINES, draw.lines_needed(t, title_font, inner_w)) for t, _ in texts
        )
        body_lines = max(3, *(draw.lines_needed(b, body_font, inner_w) for _, b in texts))
        body_h = body_lines * round(body_font.get_linesize() * BLURB_SPACING)
        title_h = title_lines * title_font.get_linesize()
        foot_h = s.font(14).get_linesize()
        return 2 * s.px(12) + title_h + s.px(4) + body_h + s.px(8) + foot_h

    def _build_cards(self) -> None:
        s, right = self.style, self.right
        gap = s.px(16)
        top = right.top + s.text_px(28) + s.px(18)
        self.card_h = self._card_height((right.width - gap) // 2 - 2 * s.px(16))
        self.error_h = s.px(110) if self.message or not self._current.playable else 0
        pager_h = max(s.px(40), s.font(16).get_linesize() + s.px(12))
        # The message box (when there is one) keeps a gap above it: the pager never on it.
        space = right.bottom - top - self.error_h - pager_h - (s.px(8) if self.error_h else 0)
        self.rows = max(1, (space + gap) // (self.card_h + gap))
        per_page = 2 * self.rows
        cards = [*self.entries, None]  # None: the "open a file" card
        self.pages = max(1, -(-len(cards) // per_page))
        if self.pages > 1:
            # Paged, the rows share all the height: a leftover strip under them would
            # leave a gap between the cards and the pager (issue 10).
            self.card_h = (space + gap) // self.rows - gap
        if self.follow_selection:  # the chosen card's page, however many cards fit now
            self.page = self.selected // per_page
            self.follow_selection = False
        self.page = min(self.page, self.pages - 1)
        shown = cards[self.page * per_page : (self.page + 1) * per_page]
        width = (right.width - gap) // 2
        self.card_rects: list[tuple[pygame.Rect, ScenarioEntry | None]] = []
        self.card_ghosts: list[UIButton] = []
        # In reading order: the fields and the seed's button beside them, the scenarios,
        # then the buttons under them (playtest 10: Tab went from Quit to New seed).
        self.focus.add(self.team_entry, None)
        self.focus.add(self.seed_entry, None)
        self.focus.add(self.random_button, self.random_seed)
        for k, card in enumerate(shown):
            rect = pygame.Rect(
                right.left + (k % 2) * (width + gap),
                top + (k // 2) * (self.card_h + gap),
                width,
                self.card_h,
            )
            self.card_rects.append((rect, card))
            index = self.entries.index(card) if card is not None else -1
            tip = self._card_tip(card, rect.width - 2 * s.px(16))
            ghost = self.ghost(rect, partial(self.choose, index), tip, focus=True)
            self.card_ghosts.append(ghost)
        self.pager_y = top + self.rows * (self.card_h + gap) - gap + s.px(6)  # under the cards
        self.pager_focus: UIButton | None = None
        if self.pages > 1:
            self._build_pager(pager_h - s.px(6))
        if self.error_h:
            text = self.message or self._current.error
            box = pygame.Rect(right.left, right.bottom - self.error_h, right.width, self.error_h)
            safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            self.error_box = self.text_box(safe.replace("\n", "<br>"), box)
        self.focus.add(self.start_button, self.start)
        self.focus.add(self.continue_button, self.resume)
        self.focus.add(self.join_button, self.join_workshop)
        self.focus.add(self.settings_button, lambda: flow.open_settings(self.app))
        self.focus.add(self.quit_button, self.app.quit)
        if self.pager_focus is not None:  # the keyboard stays on the pager it pressed
            self.focus.focus_on(self.pager_focus)
        elif self.focus.index == 0:
            self.focus.focus_on(self.start_button)

    def _build_pager(self, height: int) -> None:
        """ "‹ Previous" and "Next ›" under the cards; each is disabled where it would
        lead nowhere (Previous on the first page, Next on the last), and the focus skips
        it there."""
        s, right, font = self.style, self.right, self.style.font(16)
        pager_w = max(draw.measure(tr(k), font) for k in ("title.previous", "title.next"))
        pager_w = max(s.px(120), pager_w + s.px(28))
        self.previous_button = UIButton(
            pygame.Rect(right.left, self.pager_y, pager_w, height),
            tr("title.previous"),
            self.manager,
        )
        self.next_button = UIButton(
            pygame.Rect(right.right - pager_w, self.pager_y, pager_w, height),
            tr("title.next"),
            self.manager,
        )
        for button, step, usable in (
            (self.previous_button, -1, self.page > 0),
            (self.next_button, 1, self.page < self.pages - 1),
        ):
            self.place(button)
            self.focus.add(button, partial(self.turn_page, step))
            if not usable:
                button.disable()
        if self.paged_by is not None:
            # The pressed pager may now be disabled (the last page reached): the other one.
            pressed = self.next_button if self.paged_by > 0 else self.previous_button
            other = self.previous_button if pressed is self.next_button else self.next_button
            self.paged_by = None
            self.pager_focus = pressed if pressed.is_enabled else other

    @property
    def _current(self) -> ScenarioEntry:
        return self.entries[self.selected]

    def regions(self) -> dict[str, pygame.Rect]:
        return {"form": self.left, "scenarios": self.right}

    # --- actions -------------------------------------------------------------------------
    def _remember_fields(self) -> None:
        self.team = safe_text.name(self.team_entry.get_text())
        self.seed_text = self.seed_entry.get_text().strip()

    def choose(self, index: int) -> None:
        self._remember_fields()
        if index < 0:
            self.open_file_dialog()
            return
        self.selected = index
        self.message = ""
        self.follow_selection = True
        self.rebuild()

    def turn_page(self, step: int) -> None:
        """Another page of cards. The pager's buttons never ask to go past an end (they
        are disabled there); called directly, -1 from the first page goes to the last."""
        self._remember_fields()
        self.page = (self.page + step) % self.pages
        self.paged_by = step
        self.rebuild()

    def random_seed(self) -> None:
        self.seed_entry.set_text(str(flow.new_seed()))

    def join_workshop(self) -> None:
        """The live workshop's address and code; the team name comes along."""
        from game.ui.screens.join import JoinOverlay  # a rarely opened screen of its own

        self._remember_fields()
        set_aside = self.saved if self.saved_unfinished else ""  # joining asks first
        self.app.push(JoinOverlay(self.app, self.team, set_aside))

    def start(self) -> None:
        self._remember_fields()
        chosen = self._current
        if not chosen.playable:
            self.message = tr("title.message.unplayable", title=chosen.title, errors=chosen.error)
            self.rebuild()
            return
        if self.saved_unfinished and not self.confirm_replace:
            # The autosave holds one round: never replace an unfinished one by accident.
            self.confirm_replace = True
            self.message = tr("title.message.replace", saved=self.saved)
            self.rebuild()
            return
        self._keep_seed()
        seed = int(self.seed_text) if self.seed_text else flow.new_seed()
        flow.with_model(self.app, lambda: self._start_round(chosen.ref, seed))

    def _start_round(self, ref: str, seed: int) -> None:
        try:
            flow.start_game(self.app, ref, seed, self.team)
        except (InputError, OSError) as exc:  # a bad file, or a data folder that refuses
            self.message = str(exc)
            self.rebuild()

    def _keep_seed(self) -> None:
        """Remember the seed field in the settings, as typed ('' for a random seed), so
        the next visit to the title offers it again. Only when it changed: settings that
        change lay the window out again."""
        if self.seed_text != self.app.settings.last_seed and self.app.pilot is None:
            self.app.apply_settings(replace(self.app.settings, last_seed=self.seed_text))

    def resume(self) -> None:
        flow.with_model(self.app, self._resume_round)

    def _resume_round(self) -> None:
        if not flow.continue_game(self.app):
            self.message = self.app.resume_error
            self.rebuild()

    def autoplay(self) -> None:
        """The pilot starts the scenario it was given (or the chosen one) on a fixed seed."""
        wanted = self.app.options.scenario
        if wanted is not None:
            # A shipped id, or a file that is not on the title yet: it gets its own card.
            self._preselect(wanted)
        self.seed_entry.set_text(
            str(self.app.options.seed if self.app.options.seed is not None else 1)
        )
        self.start()

    def open_file_dialog(self) -> None:
        s = self.style
        size = pygame.Rect(0, 0, min(s.window[0] - 40, s.px(640)), min(s.window[1] - 40, s.px(480)))
        size.center = (s.window[0] // 2, s.window[1] // 2)
        self.dialog = SafeFileDialog(  # a file name it cannot draw must not close the game
            size,
            self.manager,
            tr("title.open_file.dialog"),
            initial_file_path=str(openable_folder(Path.cwd())),
            allow_existing_files_only=True,
        )

    def open_file(self, path: str) -> None:
        self._preselect(path)
        self.message = ""
        self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            self.open_file(event.text)
            return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.dialog:
            self.dialog = None
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self._remember_fields()
            if event.ui_element is self.seed_entry:
                # The seed is the last field before Start: Enter goes there, as in a form
                # (playtest 9: it went to the first scenario card, and a second Enter
                # chose the tutorial instead of starting the round).
                self.focus.focus_on(self.start_button)
            else:
                self.focus.move(1)
            return True
        if self.dialog is not None:
            return False
        return super().handle(event)

    # --- painting ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        s, left = self.style, self.left
        surface.fill(BACKGROUND)
        draw.text(surface, "ODD DUCK", s.font(56, bold=True), left.topleft, ACCENT)
        room = pygame.Rect(left.left, self.tagline_y, left.width, self.tagline_h)
        draw.paragraph(surface, tr("title.tagline"), s.font(18), room, MUTED, 1.0)
        draw.text(surface, tr("title.team"), s.font(15), (left.left, self.team_label_y), MUTED)
        seed = pygame.Rect(left.left, self.seed_label_y, left.width, self.seed_label_h)
        draw.paragraph(surface, tr("title.seed"), s.font(15), seed, MUTED, 1.0)
        draw.paragraph(surface, tr("title.keys"), s.font(14), self.hint_rect, FAINT, 1.0)
        draw.text(
            surface, tr("title.choose"), s.font(28, bold=True), (self.right.left, self.right.top)
        )
        for rect, card in self.card_rects:
            self._draw_card(surface, rect, card)
        if self.pages > 1:
            label = tr("title.page", page=self.page + 1, pages=self.pages)
            draw.text(
                surface,
                label,
                s.font(14),
                (self.right.centerx, self.pager_y + s.px(8)),
                MUTED,
                "midtop",
            )

    def _draw_card(
        self, surface: pygame.Surface, rect: pygame.Rect, card: ScenarioEntry | None
    ) -> None:
        s = self.style
        chosen = card is not None and card is self._current
        draw.card(
            surface,
            rect,
            s.px(8),
            ACCENT if chosen else None,
            CARD_HIGHLIGHT if chosen else (42, 49, 66),
            FOCUS if chosen else (74, 82, 102),
        )
        pad = s.px(16)
        inner = rect.inflate(-2 * pad, -2 * s.px(12))
        title_font = s.font(20, bold=True)
        title = tr("title.open_file") if card is None else card.title
        lines = min(TITLE_LINES, draw.lines_needed(title, title_font, inner.width))
        title_room = pygame.Rect(
            inner.left, inner.top, inner.width, lines * title_font.get_linesize()
        )
        title_bottom = draw.paragraph(
            surface, title, title_font, title_room, INK, 1.0, full_text_elsewhere="tooltip"
        )
        foot_h = s.font(14).get_linesize()
        body = pygame.Rect(
            inner.left,
            title_bottom + s.px(4),
            inner.width,
            inner.bottom - title_bottom - foot_h - s.px(8),
        )
        if card is None:
            draw.paragraph(
                surface, tr("title.open_file.text"), s.font(15), body, MUTED, BLURB_SPACING
            )
            return
        colour = (213, 94, 0) if card.error else MUTED
        draw.paragraph(surface, card.blurb, s.font(15), body, colour, BLURB_SPACING)
        where = f" · {tr(WHERE[card.source])}" if card.source in WHERE else ""
        facts = (
            f"{card.turns} {turn_word(card.turn_label, many=True)} · {_difficulty(card)}{where}"
            if card.playable
            else tr("title.card.problems") + where
        )
        if chosen:
            facts = tr("title.card.chosen") + " · " + facts
        draw.text(
            surface,
            facts,
            s.font(14),
            (inner.left, inner.bottom),
            FOCUS if chosen else MUTED,
            "bottomleft",
            width=inner.width,
        )
