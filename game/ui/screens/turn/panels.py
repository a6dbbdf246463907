"""Painting the turn screen's panels: the top bar, the people, the board, the plan, the news.

Everything here reads the screen's state and draws; nothing changes the game or the
screen (the cache in `paint_cache` decides when this runs).
"""

import math

import pygame
from pygame_gui.elements import UIButton

from game.i18n import number, tr, trn
from game.look.palette import CAPACITY
from game.model import Observation
from game.scenario.schema import Scenario
from game.session.session import Session
from game.ui import draw
from game.ui.planner import Planner, Row, row_index
from game.ui.screens.base import Screen
from game.ui.screens.turn.layout import (
    Toast,
    header_height,
    toast_font,
    toast_layout,
    toast_pad,
)
from game.ui.theme import ACCENT, BACKGROUND, FAINT, FOCUS, INK, MUTED, PANEL, Style, hex_colour
from game.ui.widgets import board, stakeholder_card, topbar
from game.ui.widgets.stakeholder_card import CardView
from game.ui.widgets.type_sizes import small_font

# The plan rows' type: one size, the body's. A name that does not fit is shortened (see
# `short_forms`), never drawn smaller than its neighbours (a playtest could not read the
# shrunk names at projector distance, issue 10).
LABEL_SIZES = (15,)


class TurnPanels(Screen):
    """The turn screen's painting; `TurnScreen` (screen.py) holds the state it reads."""

    session: Session
    scenario: Scenario
    seen: Observation
    planner: Planner
    person: int
    message: str
    reserved: int
    top: pygame.Rect
    people_area: pygame.Rect
    board_area: pygame.Rect
    news: pygame.Rect
    plan_area: pygame.Rect
    list_area: pygame.Rect
    toast_rect: pygame.Rect | None
    toast: Toast | None
    end_button: UIButton
    row_h: int
    card_scroll: int
    card_rects: list[tuple[pygame.Rect, int]]
    board_scroll: int
    board_fits: int
    board_rows: list[tuple[pygame.Rect, int]]
    visible_lines: list[Row | str]
    hidden_lines: tuple[int, int]
    row_widgets: dict[int, tuple[pygame.Rect, UIButton, UIButton]]
    selected_row: int
    two_line_rows: bool  # each row shows its note under its name (a narrow plan)

    @property
    def turn_name(self) -> str:
        raise NotImplementedError

    def section_title(self, section: str) -> str:
        raise NotImplementedError

    def news_lines(self) -> list[str]:
        raise NotImplementedError

    def _all_rows(self) -> list[Row]:
        raise NotImplementedError

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

    def _header(
        self, surface: pygame.Surface, rect: pygame.Rect, title: str, note: str = ""
    ) -> None:
        s = self.style
        head = draw.text(surface, title, s.font(14, bold=True), rect.topleft, MUTED)
        room = rect.width - head.width - s.px(12)
        # The note is a hint (the card tooltips name the keys, the help the asterisk): in a
        # narrow column it shrinks a little, then goes, rather than ending mid-sentence or
        # shrinking out of sight (small type grows with the text size, see type_sizes).
        fonts = (small_font(s, 13), small_font(s, 11))
        font = next((f for f in fonts if draw.measure(note, f) <= room), None)
        if note and font is not None:
            draw.text(surface, note, font, (rect.right, head.centery), FAINT, "midright")

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

    def _draw_board(self, surface: pygame.Surface) -> None:
        s = self.style
        area = self.board_area
        self._header(surface, area, tr("turn.board.title"), tr("turn.board.note"))
        build_rows = {r.target: self.planner.points(r) for r in self.planner.build_rows()}
        views = [board.PackageView.of(self.scenario, self.seen, k) for _, k in self.board_rows]
        width = self.board_rows[0][0].width if self.board_rows else 0
        short = bool(self.board_rows) and board.needs_short(self.scenario, width, s)
        for (rect, k), view in zip(self.board_rows, views, strict=True):
            board.draw_row(surface, rect, s, view, build_rows.get(k, 0.0), short)
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
        y = area.top + header_height(self.style)
        left, total = self.planner.left(), self.planner.capacity + self.planner.overtime()
        colour = ACCENT if left > 0 else (0, 158, 115)
        text = (
            tr("turn.plan.left", left=number(left), total=number(total))
            if left > 0
            else tr("turn.plan.all", total=number(total))
        )
        # The headline steps its type down before it would be cut (projector text size),
        # and keeps clear of the panel's edge (playtest 9: "All 15 points planned" touched it).
        font = next(
            (
                f
                for f in (s.font(n, bold=True) for n in (22, 19, 16))
                if draw.fits(text, f, area.width - s.px(8))
            ),
            s.font(16, bold=True),
        )
        line = draw.text(surface, text, font, (area.left, y), colour, width=area.width)
        build, people_pts, project = self.planner.split()
        split = pygame.Rect(area.left, line.bottom + s.px(6), area.width, s.px(8))
        self._split_bar(surface, split, build, people_pts, project, total)
        rows = self._all_rows()
        shown = [r for r in self.visible_lines if isinstance(r, Row)]
        first = next(iter(self.row_widgets.values()), None)
        label_w = first[1].rect.left - first[0].left - s.px(14) if first else area.width
        short = self._cost_short(shown, label_w)
        to_go = self._to_go_form(shown, label_w)
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
            index = row_index(rows, line_item)
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
            self._draw_row_label(
                surface, line_item, rect, (down.rect.left, available), (short, to_go)
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

    def _cost_short(self, rows: list[Row], width: int) -> bool:
        """Whether the plan's cost notes say '2 pts' rather than '2 pts each': one wording
        for the whole column, the short one as soon as a label would be cut by the long."""
        s = self.style
        label_font, small = s.font(15), s.font(12)
        return any(
            draw.measure(r.label, label_font)
            + draw.measure(self.planner.step_cost(r), small)
            + s.px(8)
            > width
            for r in rows
            if r.section != "build"
        )

    def _note(self, row: Row, short: bool, to_go: int) -> str:
        """A row's note: '3 pts to go' or '3 to go' on a build row (`to_go`: TO_GO_LONG or
        TO_GO_SHORT); '2 pts each' or, `short`, '2 pts' on any other."""
        if row.section != "build":
            # Overtime keeps its long note while it fits (see _fit_row): "budget" says what
            # the 1% is of.
            return self.planner.step_cost(row, short and not self.planner.is_overtime(row.action))
        return self.planner.to_go(row.target, short=to_go == TO_GO_SHORT)

    def _to_go_form(self, rows: list[Row], width: int) -> int:
        """The form of the build rows' notes, one for the whole column: the long one where
        it costs no build row any of its name (see `fit_label`), else the short one. Never
        none: how much is still to go is what a team plans a build row by."""
        s, small = self.style, self.style.font(12)

        def name_beside(row: Row, form: int) -> tuple[str, pygame.font.Font] | None:
            return fit_label(
                row, s, width - draw.measure(self._note(row, False, form), small) - s.px(8)
            )

        build = [r for r in rows if r.section == "build"]
        if all(name_beside(r, TO_GO_LONG) == name_beside(r, TO_GO_SHORT) for r in build):
            return TO_GO_LONG
        return TO_GO_SHORT

    def builds_need_two_lines(self, width: int) -> bool:
        """Whether some build row's name, beside even the short '3 to go' in `width`,
        would lose its first two words ('Cus. data…' reads as nothing at a distance).

        Asked of every package of the round, whether it can be built this week or not,
        beside the widest note it is likely to have (its planned size and a tenth): the
        plan keeps one layout all round (it switched between one- and two-line rows from
        week to week, as packages and their notes came and went, in a playtest)."""
        s, small = self.style, self.style.font(12)
        for a, action in enumerate(self.scenario.actions):
            if action.target != "package":
                continue
            for p, package in enumerate(self.scenario.packages):
                note = trn("planner.to_go.short", math.floor(package.size) + 0.5)
                room = width - draw.measure(note, small) - s.px(8)
                row = Row(a, p, "build", package.title, "")
                fitted = fit_label(row, s, room)
                if fitted is None or not keeps_first_words(row, fitted[0]):
                    return True
        return False

    def _fit_row(
        self, row: Row, width: int, short: bool, to_go: int, sizes: tuple[int, ...]
    ) -> tuple[str, tuple[str, int], pygame.font.Font]:
        """A row's note and its (label, room) with the label's type, at `width`."""
        s, small = self.style, self.style.font(12)
        note = self._note(row, short, to_go)
        room = width - (draw.measure(note, small) + s.px(8) if note else 0)
        fitted = fit_label(row, s, room, sizes)
        if fitted is None and row.section == "project" and self.planner.is_overtime(row.action):
            # Overtime's note says what it costs in budget: a short form ("+1 pt · 1%")
            # before none (at projector size the row lost it, playtest 3).
            note = self.planner.step_cost(row, short=True)
            room = width - draw.measure(note, small) - s.px(8)
            fitted = fit_label(row, s, room, sizes)
        if fitted is None and note and row.section != "build":
            # No meaningful form of the name fits beside a cost note: the name comes first
            # (the tooltip starts with it and has the cost too). A build row keeps its
            # points to go (issue 10): its name is cut instead, whole in the tooltip.
            note, room = "", width
            fitted = fit_label(row, s, room, sizes)
        if fitted is None:
            fitted = short_forms(row)[-1], s.font(sizes[-1])
        return note, (fitted[0], room), fitted[1]

    def _draw_row_label(
        self,
        surface: pygame.Surface,
        row: Row,
        rect: pygame.Rect,
        place: tuple[int, bool],
        forms: tuple[bool, int],
    ) -> None:
        """The row's label, and in small faint type at its right its note: on a build row
        the points its package has to go (the form, see `_to_go_form`), on any other what
        one more step costs. `place`: the label's right edge and whether the row can take
        points; `forms`: the cost note's short form and the to-go form."""
        s = self.style
        right, available = place
        width = right - rect.left - s.px(14)
        small = s.font(12)
        if self.two_line_rows:
            self._draw_two_line_row(surface, row, rect, width, available)
            return
        note, (label, room), font = self._fit_row(row, width, *forms, LABEL_SIZES)
        if note:
            draw.text(
                surface, note, small, (rect.left + s.px(8) + width, rect.centery), MUTED, "midright"
            )
        draw.text(
            surface,
            label,
            font,
            (rect.left + s.px(8), rect.centery),
            INK if available else FAINT,
            "midleft",
            width=room,
            full_text_elsewhere="the row's tooltip",
        )

    def _draw_two_line_row(
        self, surface: pygame.Surface, row: Row, rect: pygame.Rect, width: int, available: bool
    ) -> None:
        """A row's name over its note (points to go, or what a step costs), each with the
        row's whole width: the long note where it fits, else the short one."""
        s, small = self.style, self.style.font(12)
        font = s.font(LABEL_SIZES[0])
        fitted = fit_label(row, s, width)
        label = fitted[0] if fitted else short_forms(row)[-1]
        top = rect.top + (rect.height - font.get_linesize() - small.get_linesize()) // 2
        line = draw.text(
            surface,
            label,
            font,
            (rect.left + s.px(8), top),
            INK if available else FAINT,
            width=width,
            full_text_elsewhere="the row's tooltip",
        )
        note = self._note(row, False, TO_GO_LONG)
        if draw.measure(note, small) > width:
            note = self._note(row, True, TO_GO_SHORT)
        draw.text(
            surface,
            note,
            small,
            (rect.left + s.px(8), line.top + font.get_linesize()),
            MUTED,
            width=width,
            full_text_elsewhere="the row's tooltip",
        )

    def draw_over(self, surface: pygame.Surface) -> None:
        super().draw_over(surface)
        self._draw_toast(surface)

    def _draw_toast(self, surface: pygame.Surface) -> None:
        """The message over the bottom of the plan, above its +/- buttons; it goes away with
        the next change."""
        if self.message and self.toast is not None:
            s, toast = self.style, self.toast
            if toast.message != self.message:
                # A new message in the box of the last (the screen rebuilds only when a
                # message comes or goes): laid out in the same box; a click shows it whole.
                box = toast.rect
                toast = toast_layout(s, self.message, box, box.bottom, box.height) or toast
            radius, font = toast_pad(s), toast_font(s)
            pygame.draw.rect(surface, PANEL, toast.rect, border_radius=radius)
            pygame.draw.rect(surface, ACCENT, toast.rect, width=s.px(2), border_radius=radius)
            y = toast.rect.top + radius
            for k, line in enumerate(toast.lines):
                more = not toast.whole and k == len(toast.lines) - 1
                draw.text(
                    surface, line, font, (toast.rect.left + radius, y), ACCENT if more else INK
                )
                y += font.get_linesize()

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
        legend = tr(
            "turn.plan.split",
            build=number(build),
            people=number(people_pts),
            project=number(project),
        )
        # Grown with the text size where it fits (German's "Menschen" may not at 1024x600).
        font = small_font(self.style, 12)
        if draw.measure(legend, font) > rect.width:
            font = self.style.font(12)
        draw.text(
            surface,
            legend,
            font,
            (rect.left, rect.bottom + self.style.px(2)),
            MUTED,
            width=rect.width,
        )

    def _draw_news(self, surface: pygame.Surface) -> None:
        """Last week's stories, wrapped over the strip's lines; when they do not all fit,
        'Read all' says that a click (or N) shows every one in full."""
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
        font = s.font(15)
        left = head.right + s.px(12)
        width = rect.right - left - pad
        fits = max(1, (rect.height - 2 * pad + s.px(4)) // font.get_linesize())
        wrapped = [w for line in self.news_lines() for w in draw.wrap(line, font, width)]
        if len(wrapped) > fits:
            more = draw.text(
                surface,
                tr("turn.news.more"),
                s.font(13, bold=True),
                (rect.left + pad, rect.bottom - pad),
                ACCENT,
                "bottomleft",
            )
            left = max(left, more.right + s.px(12))
            width = rect.right - left - pad
            wrapped = [w for line in self.news_lines() for w in draw.wrap(line, font, width)]
            shown = wrapped[:fits]
            shown[-1] = draw.fit(shown[-1] + " …", font, width, "the news overlay")
        else:
            shown = wrapped
        y = rect.top + pad
        for line in shown:
            draw.text(surface, line, font, (left, y), INK, width=width)
            y += font.get_linesize()


# The build rows' notes: "3 pts to go" or "3 to go" (see `TurnPanels._to_go_form`).
TO_GO_LONG, TO_GO_SHORT = 0, 1
# Words a shortened name must not end on: "Escalate to…" says less than it seems to.
FILLERS = frozenset(
    {"a", "an", "the", "to", "of", "on", "in", "at", "by", "for", "from", "and", "or", "with"}
    | {"der", "die", "das", "den", "dem", "des", "und", "zu", "von", "mit", "für", "an"}
)
# A word is abbreviated to this many letters and a full stop ("Requirements" -> "Req.").
ABBREVIATED = 3
# Abbreviations a team reads as a key on the keyboard ("Esc. to…" for "Escalate to the
# sponsor", playtest 6, in a game driven by keys): such a word keeps two more letters.
VOWELS = frozenset("aeiouyäöüéèà")
KEY_NAMES = frozenset({"esc", "del", "tab", "end", "alt", "ins", "ctr", "ent", "spa", "shi"})


def abbreviate(word: str) -> str:
    """'Camp.' for 'Campaign', 'Cust.' for 'Customer', 'Req.' for 'Requirements': the word
    up to its first syllable's end (its first vowels and at most two consonants after
    them, three letters at least), the way people write it by hand ('Cam. tracking' read
    as nothing, playtest 6); never a key's name ('Escal.', not 'Esc.')."""
    i = 0
    while i < len(word) and word[i].lower() not in VOWELS:
        i += 1
    while i < len(word) and word[i].lower() in VOWELS:
        i += 1
    end = i
    while end < len(word) and end - i < 2 and word[end].lower() not in VOWELS:
        end += 1
    head = word[: max(end, ABBREVIATED)]
    if head.lower() in KEY_NAMES:
        head = word[: ABBREVIATED + 2]
    return head + "."


def short_forms(row: Row) -> list[str]:
    """The row's name and its shorter forms, best first; each still names the thing (never
    a lone first word): the head before a parenthesis or comma, words abbreviated from the
    left ('Req. workshop'), the name cut after its second word or later ('Customer
    data…'). A package is better known by its first words, an action by its last."""
    head = row.label
    for mark in (" (", ", ", " – ", " - "):
        head = head.split(mark)[0]
    words = head.split()
    abbreviated = []
    shortened = list(words)
    for k, word in enumerate(words[:-1]):
        if len(word) > ABBREVIATED + 2 and word.isalpha():
            shortened[k] = abbreviate(word)
            abbreviated.append(" ".join(shortened))
    cuts = [
        " ".join(words[:n]) + "…"
        for n in range(len(words) - 1, 1, -1)
        if words[n - 1].lower() not in FILLERS
    ]
    shorter = cuts + abbreviated if row.section == "build" else abbreviated + cuts
    if len(words) > 2:
        # The tightest form still names the thing in two words ("Cust. data…", "CRM
        # phone…"): a build row at projector size needs room for its points to go.
        # The second word is the next that says something: "Escal. sponsor…", not "Escal. to…".
        second = next((w for w in words[1:] if w.lower() not in FILLERS), words[1])
        more = "…" if second is not words[-1] else ""
        shorter.append(f"{shortened[0]} {second}{more}")
    forms = [row.label, head, *shorter]
    return list(dict.fromkeys(forms))


def keeps_first_words(row: Row, form: str) -> bool:
    """Whether `form` of the row's name keeps its first two words whole ('Customer data…')."""
    return form.startswith(" ".join(row.label.split()[:2]))


def fit_label(
    row: Row, s: Style, room: int, sizes: tuple[int, ...] = LABEL_SIZES
) -> tuple[str, pygame.font.Font] | None:
    """The first of the row's `short_forms` that fits `room` in the first of `sizes`, else
    a step or two smaller; None if none does."""
    # A shorter form in big type reads better at projector distance than the whole
    # name in small type; the smallest type is the last resort.
    for font in (s.font(n) for n in sizes):
        for form in short_forms(row):
            if draw.measure(form, font) <= room:
                return form, font
    return None
