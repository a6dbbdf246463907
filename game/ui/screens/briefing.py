"""The briefing: the story, the people, the goal, and how to play in three lines.

Read again from the menu at any time (`read_only`): then it only goes back to the
screen the team came from.

Every text gets the lines it needs at the chosen text size, none is cut: the story
scrolls in its box, and where the window is too small for the goal and how to play
beside it, they move into the top of that box. The people are on cards as tall as
their words, paged when they do not all fit.
"""

import html

import pygame

from game.i18n import tr, turn_word
from game.look import palette
from game.scenario.schema import Scenario, Stakeholder
from game.ui import draw, flow, people
from game.ui.screens.base import Host, Screen
from game.ui.theme import ACCENT, BACKGROUND, INK, MUTED, canvas

HOW_TO_PLAY_KEYS = ("briefing.how.1", "briefing.how.2", "briefing.how.3")
TITLE_LINES = 2
STORY_LINES = 3  # the story box shows at least this many lines before it takes the rest
QUOTE_SPACING = 1.05


def how_to_play() -> tuple[str, ...]:
    """The three lines of how to play, in the current language."""
    return tuple(tr(key) for key in HOW_TO_PLAY_KEYS)


def __getattr__(name: str) -> tuple[str, ...]:
    # HOW_TO_PLAY reads in the language in effect when it is asked for, not at import.
    if name == "HOW_TO_PLAY":
        return how_to_play()
    raise AttributeError(name)


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app: Host, read_only: bool = False) -> None:
        self.read_only = read_only
        self.people_page = 0  # kept when the window or the text size changes
        super().__init__(app)

    def build(self) -> None:
        s, page = self.style, canvas(self.style)
        game = self.app.game
        assert game is not None
        sc = game.session.scenario
        m = s.px(36)
        self.page = page.inflate(-2 * m, -2 * m)
        split = self.page.left + round(self.page.width * 0.55)
        self.left = pygame.Rect(
            self.page.left, self.page.top, split - self.page.left - s.px(12), self.page.height
        )
        self.right = pygame.Rect(
            split + s.px(12), self.page.top, self.page.right - split - s.px(12), self.page.height
        )
        # The deadline is said once, beside the goal, where a team looks for it (issue 10).
        deadline = f"{sc.deadline} {turn_word(sc.turn_label, many=True)}"
        # ... and that a late round runs on, at a cost, up to its last turn (playtest 2).
        label = turn_word(sc.turn_label)
        self.goal_text = tr(
            "briefing.goal", goal=sc.goal, deadline=deadline, label=label, last=sc.turns
        )
        sponsor = tr("briefing.sponsor", name=sc.sponsor.name, role=sc.sponsor.role)
        self.subtitle = tr("briefing.subtitle", sponsor=sponsor)
        button_h = max(s.px(52), s.text_px(18) + s.px(24))
        self._build_left(sc.title, sc.story, button_h)
        self._build_buttons(button_h, turn_word(sc.turn_label))
        self._build_people(sc.stakeholders)

    # -- the left column: title, story, goal, how to play -------------------------------

    def _build_left(self, title: str, story: str, button_h: int) -> None:
        """Heights from the lines each text needs; what does not fit beside the story box
        (at a small window and a large text size) moves into the box, below the story."""
        s, w = self.style, self.left.width
        title_font, sub_font = s.font(28, bold=True), s.font(16)
        self.title_h = min(TITLE_LINES, draw.lines_needed(title, title_font, w))
        self.title_h *= title_font.get_linesize()
        self.sub_h = draw.lines_needed(self.subtitle, sub_font, w) * sub_font.get_linesize()
        goal_font = s.font(16, bold=True)
        goal_h = draw.lines_needed(self.goal_text, goal_font, w) * goal_font.get_linesize()
        how_h = self._how_height()
        top = self.left.top + self.title_h + self.sub_h + s.px(8)
        bottom = self.left.bottom - button_h - s.px(14)
        least = STORY_LINES * s.font(16).get_linesize() + s.px(20)
        gap = s.px(10)
        self.goal_in_box = self.how_in_box = False
        if bottom - top - (goal_h + gap) - (how_h + gap) < least:
            self.how_in_box = True
            if bottom - top - (goal_h + gap) < least:
                self.goal_in_box = True
        painted_goal = 0 if self.goal_in_box else goal_h + gap
        painted_how = 0 if self.how_in_box else how_h + gap
        story_rect = pygame.Rect(self.left.left, top, w, bottom - top - painted_goal - painted_how)
        self.story = self.text_box(self._box_html(story), story_rect)
        self.goal_rect = pygame.Rect(self.left.left, story_rect.bottom + gap, w, goal_h)
        self.how_top = story_rect.bottom + gap + painted_goal

    def _how_height(self) -> int:
        s, font = self.style, self.style.font(15)
        lines = sum(
            draw.lines_needed(line, font, self.left.width - s.px(24)) for line in how_to_play()
        )
        return s.font(18, bold=True).get_linesize() + s.px(4) + lines * font.get_linesize()

    def _box_html(self, story: str) -> str:
        """The story as HTML, then the goal and how to play when they moved into the box:
        the story first (playtest 5: a team opened the briefing on the rules)."""
        parts = [html.escape(p.strip()) for p in story.split("\n\n") if p.strip()]
        accent = palette.ACCENT
        if self.goal_in_box:
            parts.append(f"<font color='{accent}'><b>{html.escape(self.goal_text)}</b></font>")
        if self.how_in_box:
            how = [f"<font color='{accent}'><b>{html.escape(tr('briefing.how'))}</b></font>"]
            how += [
                f"<font color='{accent}'>{k + 1}.</font> {html.escape(line)}"
                for k, line in enumerate(how_to_play())
            ]
            parts.append("<br>".join(how))
        return "<br><br>".join(parts)

    def _build_buttons(self, height: int, turn_label: str) -> None:
        """Begin and Back; read again from the menu, one button back to the round."""
        s = self.style
        font = s.font(18, bold=True)
        top = self.left.bottom - height
        if self.read_only:
            over = self.app.game is not None and self.app.game.session.done
            label = tr("briefing.back_to_debrief" if over else "briefing.back_to_round")
            width = min(self.left.width, draw.measure(label, font) + s.px(48))
            rect = pygame.Rect(self.left.left, top, max(width, s.px(300)), height)
            self.button(rect, label, self.close, object_id="#primary")
            return
        gap = s.px(16)
        begin = tr("briefing.begin", label=turn_label)
        back = tr("briefing.back")
        back_w = min(self.left.width // 3, max(s.px(160), draw.measure(back, font) + s.px(40)))
        begin_w = min(
            self.left.width - back_w - gap, max(s.px(300), draw.measure(begin, font) + s.px(40))
        )
        self.button(
            pygame.Rect(self.left.left, top, begin_w, height),
            begin,
            self.start_turns,
            object_id="#primary",
        )
        self.button(
            pygame.Rect(self.left.left + begin_w + gap, top, back_w, height),
            back,
            lambda: flow.to_title(self.app),
        )

    # -- the right column: the people, on pages when they do not all fit ----------------

    def _build_people(self, persons: tuple[Stakeholder, ...] | list[Stakeholder]) -> None:
        s = self.style
        self.people_top = self.right.top + s.font(20, bold=True).get_linesize() + s.px(10)
        self.pager_h = max(s.px(40), s.font(16).get_linesize() + s.px(12))
        room = self.right.bottom - self.people_top
        pages = self._people_pages(persons, room)
        if len(pages) > 1:  # the pager takes a strip at the bottom
            pages = self._people_pages(persons, room - self.pager_h - s.px(8))
        self.people_pages = pages
        self.people_page = min(self.people_page, len(pages) - 1)
        if len(pages) > 1:
            self._build_pager()

    def _face(self) -> int:
        return self.style.px(72)

    def _card_text_width(self, card_w: int) -> int:
        s = self.style
        return card_w - 3 * s.px(12) - s.px(4) - self._face()

    def _card_height(self, person: Stakeholder, width: int) -> int:
        """What the card needs to show the name, role and quote whole at this text width."""
        s = self.style
        name, small = s.font(18, bold=True), s.font(14)
        role = f"{person.role} · {person.department}"
        quote = tr("format.quote", text=person.cares_about)
        words = draw.lines_needed(person.name, name, width) * name.get_linesize()
        words += draw.lines_needed(role, small, width) * small.get_linesize()
        quote_step = round(small.get_linesize() * QUOTE_SPACING)
        words += s.px(4) + draw.lines_needed(quote, small, width) * quote_step
        return 2 * s.px(12) + max(self._face(), words)

    def _people_pages(
        self, persons: tuple[Stakeholder, ...] | list[Stakeholder], room: int
    ) -> list[list[tuple[int, pygame.Rect]]]:
        """The cards page by page (person index and rectangle), in one column or two,
        whichever needs fewer pages (one column on a tie: longer lines read easier)."""
        best: list[list[tuple[int, pygame.Rect]]] = []
        for cols in (1, 2):
            pages = self._layout(persons, room, cols)
            if not best or len(pages) < len(best):
                best = pages
        return best

    def _layout(
        self, persons: tuple[Stakeholder, ...] | list[Stakeholder], room: int, cols: int
    ) -> list[list[tuple[int, pygame.Rect]]]:
        gap = self.style.px(10)
        card_w = (self.right.width - gap * (cols - 1)) // cols
        width = self._card_text_width(card_w)
        pages: list[list[tuple[int, pygame.Rect]]] = [[]]
        y = self.people_top
        for first in range(0, len(persons), cols):
            row = range(first, min(first + cols, len(persons)))
            height = max(self._card_height(persons[k], width) for k in row)
            if pages[-1] and y + height > self.people_top + room:
                pages.append([])
                y = self.people_top
            for col, k in enumerate(row):
                x = self.right.left + col * (card_w + gap)
                pages[-1].append((k, pygame.Rect(x, y, card_w, height)))
            y += height + gap
        return pages

    def _build_pager(self) -> None:
        s = self.style
        font = s.font(16)
        labels = (tr("briefing.people_previous"), tr("briefing.people_next"))
        width = max(s.px(110), max(draw.measure(label, font) for label in labels) + s.px(28))
        top = self.right.bottom - self.pager_h
        height = self.pager_h - s.px(4)
        self.pagers = (
            self.button(
                pygame.Rect(self.right.left, top, width, height),
                labels[0],
                lambda: self.turn_people_page(-1),
            ),
            self.button(
                pygame.Rect(self.right.right - width, top, width, height),
                labels[1],
                lambda: self.turn_people_page(1),
            ),
        )
        self._enable_pagers()
        self.pager_label = pygame.Rect(
            self.right.left + width, top, self.right.width - 2 * width, height
        )

    def turn_people_page(self, step: int) -> None:
        """The next or previous page of people; never past the first or the last."""
        self.people_page = max(0, min(self.people_page + step, len(self.people_pages) - 1))
        self._enable_pagers()

    def _enable_pagers(self) -> None:
        """'‹ Previous' is off on the first page, 'Next ›' on the last (Tab skips them)."""
        previous, following = self.pagers
        last = len(self.people_pages) - 1
        (previous.enable if self.people_page > 0 else previous.disable)()
        (following.enable if self.people_page < last else following.disable)()

    # -- actions --------------------------------------------------------------------------

    def close(self) -> None:
        """Back to where the team was (read-only briefing)."""
        self.app.pop()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.read_only and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return True
        if event.type == pygame.KEYDOWN and len(self.people_pages) > 1:
            step = {pygame.K_PAGEDOWN: 1, pygame.K_PAGEUP: -1}.get(event.key)
            if step is not None:
                self.turn_people_page(step)
                return True
        return super().handle(event)

    def start_turns(self) -> None:
        flow.show_current_turn(self.app)

    def autoplay(self) -> None:
        if self.read_only:
            self.close()
        else:
            self.start_turns()

    # -- painting -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        game = self.app.game
        assert game is not None
        sc = game.session.scenario
        surface.fill(BACKGROUND)
        left, w = self.left, self.left.width
        title = pygame.Rect(left.left, left.top, w, self.title_h)
        draw.paragraph(surface, sc.title, s.font(28, bold=True), title, INK, 1.0)
        sub = pygame.Rect(left.left, title.bottom, w, self.sub_h)
        draw.paragraph(surface, self.subtitle, s.font(16), sub, MUTED, 1.0)
        if not self.goal_in_box:
            draw.paragraph(
                surface, self.goal_text, s.font(16, bold=True), self.goal_rect, ACCENT, 1.0
            )
        if not self.how_in_box:
            self._draw_how(surface)
        self._draw_people(surface)

    def _draw_how(self, surface: pygame.Surface) -> None:
        s, left = self.style, self.left
        y = self.how_top
        head = s.font(18, bold=True)
        draw.text(surface, tr("briefing.how"), head, (left.left, y), ACCENT)
        y += head.get_linesize() + s.px(4)
        font = s.font(15)
        indent = s.px(24)
        for k, line in enumerate(how_to_play()):
            draw.text(surface, f"{k + 1}.", font, (left.left, y), ACCENT)
            lines = draw.lines_needed(line, font, left.width - indent)
            rect = pygame.Rect(
                left.left + indent, y, left.width - indent, lines * font.get_linesize()
            )
            draw.paragraph(surface, line, font, rect, INK, 1.0)
            y = rect.bottom

    def _draw_people(self, surface: pygame.Surface) -> None:
        s = self.style
        game = self.app.game
        assert game is not None
        sc = game.session.scenario
        draw.text(surface, tr("briefing.people"), s.font(20, bold=True), self.right.topleft, INK)
        pages = self.people_pages
        for k, rect in pages[self.people_page]:
            self._draw_card(surface, sc, k, rect)
        if len(pages) > 1:
            shown = [k for k, _ in pages[self.people_page]]
            where = tr(
                "briefing.people_page",
                first=shown[0] + 1,
                last=shown[-1] + 1,
                count=len(sc.stakeholders),
            )
            draw.block(surface, where, s.font(15), self.pager_label, MUTED, "center")

    def _draw_card(self, surface: pygame.Surface, sc: Scenario, k: int, rect: pygame.Rect) -> None:
        s = self.style
        person = sc.stakeholders[k]
        draw.card(surface, rect, s.px(8), people.colour(s, k))
        pad, face = s.px(12), self._face()
        surface.blit(
            people.portrait(sc, k, people.NEUTRAL, face),
            (rect.left + pad + s.px(4), rect.top + pad),
        )
        x = rect.left + pad + s.px(4) + face + pad
        width = self._card_text_width(rect.width)
        y = rect.top + pad
        name, small = s.font(18, bold=True), s.font(14)
        for text, font, colour in (
            (person.name, name, INK),
            (f"{person.role} · {person.department}", small, MUTED),
        ):
            lines = draw.lines_needed(text, font, width)
            y = draw.paragraph(
                surface,
                text,
                font,
                pygame.Rect(x, y, width, lines * font.get_linesize()),
                colour,
                1.0,
            )
        quote = pygame.Rect(x, y + s.px(4), width, rect.bottom - pad - y - s.px(4))
        cares = tr("format.quote", text=person.cares_about)
        draw.paragraph(surface, cares, small, quote, INK, QUOTE_SPACING)
