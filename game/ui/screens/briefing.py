"""The briefing: the story, the people, the goal, and how to play in three lines."""

import html

import pygame

from game.i18n import tr, turn_word
from game.ui import draw, flow, people
from game.ui.screens.base import Screen
from game.ui.theme import ACCENT, BACKGROUND, INK, MUTED, canvas

HOW_TO_PLAY_KEYS = ("briefing.how.1", "briefing.how.2", "briefing.how.3")


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
        title_h = s.text_px(28) * 2 + s.px(8)
        button_h = max(s.px(52), s.text_px(18) + s.px(24))
        how_h = 3 * 2 * s.font(15).get_linesize() + s.text_px(18) + s.px(20)
        self.goal_h = 3 * s.font(16, bold=True).get_linesize() + s.px(8)
        story_rect = pygame.Rect(
            self.left.left,
            self.left.top + title_h,
            self.left.width,
            self.left.height - title_h - self.goal_h - how_h - button_h - s.px(30),
        )
        body = "<br><br>".join(html.escape(p.strip()) for p in sc.story.split("\n\n") if p.strip())
        deadline = f"{sc.deadline} {turn_word(sc.turn_label, many=True)}"
        self.story = self.text_box(body, story_rect)
        self.goal_text = tr("briefing.goal", goal=sc.goal, deadline=deadline)
        self.goal_top = story_rect.bottom + s.px(10)
        self.how_top = self.goal_top + self.goal_h + s.px(6)
        self.button(
            pygame.Rect(self.left.left, self.left.bottom - button_h, s.px(300), button_h),
            tr("briefing.begin", label=turn_word(sc.turn_label)),
            self.start_turns,
            object_id="#primary",
        )
        self.button(
            pygame.Rect(
                self.left.left + s.px(316), self.left.bottom - button_h, s.px(160), button_h
            ),
            tr("briefing.back"),
            lambda: flow.to_title(self.app),
        )

    def start_turns(self) -> None:
        flow.show_current_turn(self.app)

    def autoplay(self) -> None:
        self.start_turns()

    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        game = self.app.game
        assert game is not None
        sc = game.session.scenario
        surface.fill(BACKGROUND)
        draw.text(
            surface, sc.title, s.font(28, bold=True), self.left.topleft, INK, width=self.left.width
        )
        sponsor = tr("briefing.sponsor", name=sc.sponsor.name, role=sc.sponsor.role)
        length = f"{sc.deadline} {turn_word(sc.turn_label, many=True)}"
        sub = tr("briefing.subtitle", length=length, sponsor=sponsor)
        draw.text(
            surface,
            sub,
            s.font(16),
            (self.left.left, self.left.top + s.text_px(28) + s.px(10)),
            MUTED,
            width=self.left.width,
        )
        goal = pygame.Rect(self.left.left, self.goal_top, self.left.width, self.goal_h)
        draw.paragraph(surface, self.goal_text, s.font(16, bold=True), goal, ACCENT, 1.0)
        y = self.how_top
        draw.text(surface, tr("briefing.how"), s.font(18, bold=True), (self.left.left, y), ACCENT)
        y += s.text_px(18) + s.px(8)
        font = s.font(15)
        for k, line in enumerate(how_to_play()):
            draw.text(surface, f"{k + 1}.", font, (self.left.left, y), ACCENT)
            rect = pygame.Rect(
                self.left.left + s.px(24), y, self.left.width - s.px(24), 2 * font.get_linesize()
            )
            draw.paragraph(surface, line, font, rect, INK, 1.0)
            y += 2 * font.get_linesize()
        self._draw_people(surface)

    def _draw_people(self, surface: pygame.Surface) -> None:
        s = self.style
        game = self.app.game
        assert game is not None
        sc = game.session.scenario
        draw.text(surface, tr("briefing.people"), s.font(20, bold=True), self.right.topleft, INK)
        top = self.right.top + s.text_px(20) + s.px(14)
        count = len(sc.stakeholders)
        cols = 1 if count <= 4 else 2
        rows = -(-count // cols)
        gap = s.px(10)
        card_h = (self.right.bottom - top - gap * (rows - 1)) // rows
        card_w = (self.right.width - gap * (cols - 1)) // cols
        for k, person in enumerate(sc.stakeholders):
            rect = pygame.Rect(
                self.right.left + (k % cols) * (card_w + gap),
                top + (k // cols) * (card_h + gap),
                card_w,
                card_h,
            )
            draw.card(surface, rect, s.px(8), people.colour(s, k))
            pad = s.px(12)
            face = min(rect.height - 2 * pad, s.px(72))
            surface.blit(
                people.portrait(sc, k, people.NEUTRAL, face),
                (rect.left + pad + s.px(4), rect.top + pad),
            )
            x = rect.left + pad + s.px(4) + face + pad
            width = rect.right - pad - x
            y = rect.top + pad
            y = draw.text(
                surface, person.name, s.font(18, bold=True), (x, y), INK, width=width
            ).bottom
            y = draw.text(
                surface,
                f"{person.role} · {person.department}",
                s.font(14),
                (x, y),
                MUTED,
                width=width,
            ).bottom
            quote = pygame.Rect(x, y + s.px(4), width, rect.bottom - pad - y - s.px(4))
            cares = tr("format.quote", text=person.cares_about)
            draw.paragraph(surface, cares, s.font(14), quote, INK, 1.05)
