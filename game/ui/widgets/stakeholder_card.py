"""A stakeholder's card: face, name, trust (vague when out of touch), expected vs seen, quote."""

from dataclasses import dataclass

import pygame

from game.i18n import percent, tr, turn_word
from game.model.observe import Observation
from game.model.rules.stakeholders import NO_COMPLAINT
from game.scenario.schema import Scenario
from game.session.week import complaint_text
from game.ui import draw, people
from game.ui.safe_text import drawable
from game.ui.theme import ACCENT, BAD, CARD, CARD_HIGHLIGHT, FAINT, FOCUS, INK, MUTED, Style
from game.ui.widgets.type_sizes import small_font


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

    @property
    def expectation_unknown(self) -> bool:
        """Out of touch since the kickoff: IT never heard what they expect (its memory is
        the kickoff's 0 %, and "expects ~0%" read as "expects nothing", a playtest)."""
        return self.vague and self.turn > 0 and self.since_contact >= self.turn

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


def fitting_font(
    style: Style, text: str, sizes: tuple[float, ...], width: int, bold: bool = False
) -> pygame.font.Font:
    """The largest of the design `sizes` in which `text` fits `width`, else the smallest:
    projector text shrinks a step before a word is cut."""
    for size in sizes:
        font = style.font(size, bold)
        if draw.measure(text, font) <= width:
            return font
    return style.font(sizes[-1], bold)


def card_height(style: Style) -> int:
    """Name, role, trust, seen, expects; then room for a complaint over two small lines
    (a quote is never cut: the team is meant to hear it)."""
    last = max(style.font(14, bold=True).get_linesize(), 2 * _wrapped_font(style).get_linesize())
    lines = style.font(18, bold=True).get_linesize() + style.font(13).get_linesize() * 4 + last
    return lines + style.px(14) + bottom_margin(style)


def bottom_margin(style: Style) -> int:
    """Room between the card's last line and its edge, so that no text touches the edge."""
    return style.px(4)


def _wrapped_font(style: Style, bold: bool = False) -> pygame.font.Font:
    """The type of the card's last words when they need two lines."""
    return small_font(style, 11, bold)


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
    # Out of touch, the face is what IT remembers: label it so, never as today's mood.
    mood = mood_name(view.mood)
    labels = [tr("card.last_seen"), mood] if view.vague else [mood]
    # The words under the face get a column of their own, as wide as the face or as the
    # widest of them in the smallest type: at projector text they never run into "Trust".
    # That type grows with the text size (a projector's back row reads the mood too).
    label_sizes = (13, 12, 11)
    fonts = [_label_font(s, t, label_sizes, face) for t in labels]
    column = max(face, *(draw.measure(t, f) for t, f in zip(labels, fonts, strict=True)))
    left = rect.left + s.px(8) + pad
    image = people.portrait(scenario, view.index, view.mood, face)
    if view.vague:
        image = image.copy()
        image.set_alpha(150)  # out of touch: the face is what you remember, not what you see
    surface.blit(image, (left + (column - face) // 2, rect.top + pad))
    label_y = rect.top + pad + face + s.px(2)
    for text, font in zip(labels, fonts, strict=True):
        label_y = draw.text(
            surface,
            text,
            font,
            (left + column // 2, label_y),
            FAINT if view.vague else MUTED,
            "midtop",
            width=column,
        ).bottom
    x = left + column + pad
    width = rect.right - pad - x
    y = rect.top + pad
    hint = s.font(13)
    hint_rect = draw.text(
        surface, key_hint, hint, (rect.right - pad, y + s.px(2)), FAINT, "topright"
    )
    name_w = width - hint_rect.width - s.px(6)
    name_h = s.font(18, bold=True).get_linesize()
    draw.text(
        surface,
        view.name,
        fitting_font(s, view.name, (18, 16, 15, 14), name_w, bold=True),
        (x, y + name_h // 2),
        INK,
        "midleft",
        width=name_w,
    )
    y += name_h
    small = s.font(13)
    line_h = small.get_linesize()
    role_font = fitting_font(s, view.role, (13, 12, 11, 10), width)
    draw.text(surface, view.role, role_font, (x, y + line_h // 2), MUTED, "midleft", width=width)
    y += line_h + s.px(2)
    trust_label, seen_label = tr("card.trust"), tr("card.seen")
    label_w = max(small.size(trust_label)[0], small.size(seen_label)[0]) + s.px(8)
    bar_h = max(6, s.px(9))
    line = small.get_linesize()
    colour = people.colour(s, view.index)
    draw.text(surface, trust_label, small, (x, y), MUTED)
    trust_bar = pygame.Rect(x + label_w, y + (line - bar_h) // 2, width - label_w - s.px(20), bar_h)
    draw.pips(surface, trust_bar.inflate(0, s.px(4)), view.trust, colour, vague=view.vague)
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
    marker = None if view.expectation_unknown else view.expectation
    draw.bar(surface, seen_bar, view.seen, (190, 196, 210), vague=view.vague, marker=marker)
    y += line
    gap = view.expectation - view.seen
    # One wording, the Seen bar's: what they expect against what they have seen working.
    # Out of touch, both are IT's memory (what they signed off aside): "~", as on Trust.
    key = "card.expects.vague" if view.vague else "card.expects"
    if view.expectation > 1.0 and not view.vague:
        # Hype: they were promised more than the whole scope; say so, or 101% reads as a bug.
        key = "card.expects.hype"
    if view.expectation_unknown:
        key = "card.expects.unknown"
    facts = tr(key, expects=percent(view.expectation), seen=percent(view.seen))
    draw.text(
        surface,
        facts,
        fitting_font(s, facts, (13, 12, 11, 10), width),
        (x, y + line // 2),
        BAD if gap > 0.25 else MUTED,
        "midleft",
        width=width,
        full_text_elsewhere="the Seen bar and its expectation mark",
    )
    y += line + s.px(2)
    bottom = pygame.Rect(
        rect.left + s.px(8) + pad,
        y,
        rect.width - s.px(8) - 2 * pad,
        rect.bottom - y - bottom_margin(s),
    )
    since = since_text(view.since_contact, scenario.turn_label, view.turn)
    if view.planned:
        text, bold, colour = tr("card.planned", actions=view.planned), True, ACCENT
    elif view.complaint:
        quote = tr("format.quote", text=view.complaint)
        text, bold, colour = quote, True, (255, 214, 150)
        # Out of touch, the face is memory but the complaint is today's, heard through
        # others (playtest 8: a fresh complaint under "last seen delighted" read as a bug):
        # said so wherever the card has room for it whole, and else the quote alone.
        heard = tr("card.heard", text=view.complaint)
        if view.vague and _fits_bottom(bottom, s, heard, bold):
            text = heard
    else:
        late = view.since_contact >= 2
        text, bold, colour = since, False, (255, 214, 150) if late else MUTED
    _draw_bottom_line(surface, bottom, s, text, bold, colour)


def _bottom_layout(
    room: pygame.Rect, s: Style, text: str, bold: bool
) -> tuple[pygame.font.Font, int | None]:
    """How the card's last words are set in `room`: one line in the type that fits it
    (None), else wrapped in the small type over at most the returned number of lines."""
    font = fitting_font(s, text, (14, 13, 12), room.width, bold)
    if draw.measure(text, font) <= room.width:
        return font, None
    font = _wrapped_font(s, bold)
    return font, max(1, room.height // font.get_linesize())


def _fits_bottom(room: pygame.Rect, s: Style, text: str, bold: bool) -> bool:
    """Whether `text` fits the card's last lines whole, as `_draw_bottom_line` sets it."""
    font, lines = _bottom_layout(room, s, text, bold)
    return lines is None or len(_greedy(text, font, room.width)) <= lines


def _draw_bottom_line(
    surface: pygame.Surface,
    room: pygame.Rect,
    s: Style,
    text: str,
    bold: bool,
    colour: tuple[int, int, int],
) -> None:
    """The card's last words (plan, complaint or last contact): one line, a step smaller
    if need be; else wrapped over the lines the card has room for."""
    font, lines = _bottom_layout(room, s, text, bold)
    if lines is None:
        draw.text(surface, text, font, room.topleft, colour, width=room.width)
        return
    y = room.top
    for line in balanced_wrap(text, font, room.width, lines):
        y = draw.text(surface, line, font, (room.left, y), colour).bottom


def _label_font(s: Style, text: str, sizes: tuple[int, ...], width: int) -> pygame.font.Font:
    """The mood's type under the face: the largest of `sizes` that fits, never below the
    small type's floor (see type_sizes)."""
    font = fitting_font(s, text, sizes, width)
    floor = small_font(s, sizes[-1])
    # The floor only where it costs the role and bars little room (a long German mood
    # in big type pushed "Customer Service Team Lead" into an ellipsis).
    if floor.get_height() > font.get_height() and draw.measure(text, floor) <= width + s.px(12):
        return floor
    return font


def balanced_wrap(text: str, font: pygame.font.Font, width: int, max_lines: int) -> list[str]:
    """`text` wrapped to `width` in as few lines as it needs, with the lines as even as
    they go: a quote ends on "…than it has / to be", not on a lone "be”"."""
    lines = draw.wrap(text, font, width, max_lines=max_lines)
    if len(lines) < 2 or len(_greedy(text, font, width)) > max_lines:
        return lines  # one line, or cut anyway: nothing to balance
    words = drawable(text).split()
    low = max(draw.measure(w, font) for w in words)  # never narrower than a word
    high = width
    while low < high:  # the narrowest width that needs no more lines
        mid = (low + high) // 2
        if len(_greedy(text, font, mid)) <= len(lines):
            high = mid
        else:
            low = mid + 1
    return draw.wrap(text, font, high, max_lines=max_lines)


def _greedy(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """`text` word-wrapped to `width`, filling each line: only to count the lines."""
    lines: list[str] = []
    for word in drawable(text).split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.measure(trial, font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines
