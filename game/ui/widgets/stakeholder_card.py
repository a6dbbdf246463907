"""A stakeholder's card: face, name, trust (vague when out of touch), expected vs seen, quote."""

from dataclasses import dataclass

import pygame

from game.i18n import percent, tr, turn_word
from game.model.observe import Observation
from game.model.rules.stakeholders import NO_COMPLAINT
from game.scenario.schema import Scenario
from game.session.week import complaint_text
from game.ui import draw, people
from game.ui.theme import ACCENT, BAD, CARD, CARD_HIGHLIGHT, FAINT, FOCUS, INK, MUTED, Style


@dataclass(frozen=True)
class CardView:
    """What one card shows, read from the observation (never the true state)."""

    index: int
    name: str
    role: str
    mood: int
    trust: float
    vague: bool
    expectation: float
    seen: float
    since_contact: int
    complaint: str  # in the window's language
    turn: int  # 0-based turn being planned
    planned: str  # what this week's plan spends on them, e.g. "Demo, Check-in"

    @classmethod
    def of(cls, scenario: Scenario, seen: Observation, s: int, planned: str = "") -> "CardView":
        person = scenario.stakeholders[s]
        code = int(seen.complaint[0, s])
        return cls(
            s,
            person.name,
            person.role,
            int(seen.mood[0, s]),
            float(seen.trust[0, s]),
            bool(seen.vague[0, s]),
            float(seen.expectation[0, s]),
            float(seen.seen[0, s]),
            int(seen.since_contact[0, s]),
            "" if code == NO_COMPLAINT else complaint_text(code),
            int(seen.turn[0]),
            planned,
        )


# The model's moods (game.model.observe.MOOD_NAMES, English for the logs) as catalogue
# keys: the window shows them in its language.
MOOD_KEYS = ("mood.furious", "mood.unhappy", "mood.neutral", "mood.content", "mood.delighted")


def mood_name(mood: int) -> str:
    return tr(MOOD_KEYS[mood])


def card_height(style: Style) -> int:
    lines = (
        style.font(18, bold=True).get_linesize()
        + style.font(13).get_linesize() * 4
        + style.font(14).get_linesize()
    )
    return lines + style.px(18)


def since_text(turns_silent: int, label: str, turn: int) -> str:
    """How long ago IT last spoke to them, counted from the turn being planned.

    The model's counter is 0 right after a turn with contact, so at the start of the
    next turn the last talk was one turn ago.
    """
    if turn == 0:
        return tr("card.since.kickoff")
    if turns_silent <= 0:
        return tr("card.since.last", label=turn_word(label))
    return tr("card.since.turns", n=turns_silent + 1, labels=turn_word(label, many=True))


def draw_card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    style: Style,
    scenario: Scenario,
    view: CardView,
    selected: bool,
    key_hint: str,
) -> None:
    s = style
    draw.card(
        surface,
        rect,
        s.px(8),
        people.colour(s, view.index),
        CARD_HIGHLIGHT if selected else CARD,
        FOCUS if selected else (74, 82, 102),
    )
    pad = s.px(8)
    face = min(s.px(64), rect.height // 2)
    left = rect.left + s.px(8) + pad
    image = people.portrait(scenario, view.index, view.mood, face)
    if view.vague:
        image = image.copy()
        image.set_alpha(150)  # out of touch: the face is what you remember, not what you see
    surface.blit(image, (left, rect.top + pad))
    # Out of touch, the face is what IT remembers: label it so, never as today's mood.
    mood = mood_name(view.mood)
    labels = [tr("card.last_seen"), mood] if view.vague else [mood]
    label_y = rect.top + pad + face + s.px(2)
    for text in labels:
        label_y = draw.text(
            surface,
            text,
            s.font(13),
            (left + face // 2, label_y),
            FAINT if view.vague else MUTED,
            "midtop",
            width=face + 2 * pad,
        ).bottom
    x = left + face + pad
    width = rect.right - pad - x
    y = rect.top + pad
    hint = s.font(13)
    hint_rect = draw.text(
        surface, key_hint, hint, (rect.right - pad, y + s.px(2)), FAINT, "topright"
    )
    y = draw.text(
        surface,
        view.name,
        s.font(18, bold=True),
        (x, y),
        INK,
        width=width - hint_rect.width - s.px(6),
    ).bottom
    small = s.font(13)
    y = draw.text(surface, view.role, small, (x, y), MUTED, width=width).bottom + s.px(2)
    trust_label, seen_label = tr("card.trust"), tr("card.seen")
    label_w = max(small.size(trust_label)[0], small.size(seen_label)[0]) + s.px(8)
    bar_h = max(6, s.px(9))
    line = small.get_linesize()
    colour = people.colour(s, view.index)
    draw.text(surface, trust_label, small, (x, y), MUTED)
    trust_bar = pygame.Rect(x + label_w, y + (line - bar_h) // 2, width - label_w - s.px(20), bar_h)
    draw.bar(surface, trust_bar, view.trust, colour, vague=view.vague)
    if view.vague:
        draw.text(
            surface,
            "~",
            s.font(16, bold=True),
            (trust_bar.right + s.px(4), y + line // 2),
            MUTED,
            "midleft",
        )
    y += line
    draw.text(surface, seen_label, small, (x, y), MUTED)
    seen_bar = pygame.Rect(x + label_w, y + (line - bar_h) // 2, width - label_w - s.px(20), bar_h)
    draw.bar(
        surface, seen_bar, view.seen, (190, 196, 210), vague=view.vague, marker=view.expectation
    )
    y += line
    gap = view.expectation - view.seen
    facts = tr("card.expects", expects=percent(view.expectation), seen=percent(view.seen))
    draw.text(surface, facts, small, (x, y), BAD if gap > 0.25 else MUTED, width=width)
    y += line + s.px(2)
    bottom = pygame.Rect(
        rect.left + s.px(8) + pad, y, rect.width - s.px(8) - 2 * pad, rect.bottom - y - pad // 2
    )
    since = since_text(view.since_contact, scenario.turn_label, view.turn)
    if view.planned:
        draw.text(
            surface,
            tr("card.planned", actions=view.planned),
            s.font(14, bold=True),
            bottom.topleft,
            ACCENT,
            width=bottom.width,
        )
    elif view.complaint:
        quote = tr("format.quote", text=view.complaint)
        draw.text(
            surface,
            quote,
            s.font(14, bold=True),
            bottom.topleft,
            (255, 214, 150),
            width=bottom.width,
        )
    else:
        draw.text(
            surface,
            since,
            s.font(14),
            bottom.topleft,
            MUTED if view.since_contact < 2 else (255, 214, 150),
            width=bottom.width,
        )
