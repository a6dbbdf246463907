"""The facilitator's controls in workshop mode: pause, one more minute, fire an event,
let the team look through the line managers' eyes (a second round's role swap).

Each takes a second, deliberate step (Confirm, or Enter), so a participant's stray
key press never changes the room's pace or the scenario. While the dialog is on screen
the turn clock stands: the team does not lose the time the facilitator takes.
"""

from functools import partial

import pygame

from game.i18n import tr
from game.ui import draw
from game.ui.screens.base import Host
from game.ui.screens.overlay import Overlay
from game.ui.theme import INK, MUTED, canvas

HOTKEYS = {pygame.K_p: "pause", pygame.K_t: "minute", pygame.K_e: "event", pygame.K_v: "eyes"}


def hotkey_help() -> str:
    """One line naming the facilitator's keys, in the window's language."""
    return tr("facilitator.keys")


def is_hotkey(event: pygame.event.Event) -> str:
    """The facilitator command of a key press ('' for none): Ctrl+Shift and a letter."""
    held = event.mod & pygame.KMOD_CTRL and event.mod & pygame.KMOD_SHIFT
    return HOTKEYS.get(event.key, "") if event.type == pygame.KEYDOWN and held else ""


class FacilitatorOverlay(Overlay):
    name = "facilitator"
    title_key = "facilitator.title"
    panel_size = (640, 520)

    def __init__(self, app: Host, command: str) -> None:
        self.command = command
        self.chosen: int | None = None  # the event picked, waiting for confirmation
        self.event_page = 0
        super().__init__(app)
        if app.workshop is not None:
            app.workshop.hold(lambda: self.app.top is self)

    def _question(self) -> str:
        workshop = self.app.workshop
        assert workshop is not None
        if self.command == "pause":
            return tr("facilitator.resume" if workshop.paused else "facilitator.pause")
        if self.command == "minute":
            return tr("facilitator.minute")
        if self.command == "eyes":
            return tr("facilitator.eyes.hide" if workshop.their_eyes else "facilitator.eyes.show")
        if self.chosen is None:
            return tr("facilitator.which_event")
        game = self.app.game
        assert game is not None
        event = game.session.scenario.events[self.chosen]
        return tr("facilitator.fire", title=event.title, text=event.text)

    def panel(self) -> pygame.Rect:
        """Wider with the text size: an event's title on one button line at projector size."""
        s = self.style
        rect = super().panel()
        page = canvas(s)
        width = min(page.width - s.px(40), round(rect.width * max(1.0, s.text_size)))
        return rect.inflate(width - rect.width, 0)

    def build(self) -> None:
        s = self.style
        rect = self.panel()
        button_h = max(s.px(44), s.text_px(16) + s.px(20))
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        self.text_top = self.content_top()
        # The buttons sit above the note at the panel's foot, never on it.
        bottom = rect.bottom - s.font(13).get_linesize() - s.px(14) - button_h
        self.text_bottom = bottom - s.px(8)
        half = (w - s.px(12)) // 2
        if self.command == "event" and self.chosen is None:
            # The list starts under the whole question, however many lines it wraps to.
            question = draw.lines_needed(self._question(), s.font(16), w)
            top = self.text_top + question * s.font(16).get_linesize() + s.px(8)
            self.text_bottom = top
            events = self._events()
            # As many as fit, and a "more" button pages through the rest.
            fits = max(1, (bottom - s.px(8) - top) // (button_h + s.px(8)))
            per_page = fits if len(events) <= fits else max(1, fits - 1)
            self.event_page %= max(1, -(-len(events) // per_page))
            shown = events[self.event_page * per_page : (self.event_page + 1) * per_page]
            y = top
            room = w - 2 * s.px(12)  # inside the button's border and rounded corners
            for e, label, happened in shown:
                # A title too long for a line ends after a whole word; the tooltip has it
                # all, and picking the event shows it whole in the question above.
                short = draw.fit(label, s.font(16), room, full_text_elsewhere="tooltip")
                b = self.button(
                    pygame.Rect(x, y, w, button_h),
                    short,
                    partial(self.pick, e),
                    tool_tip_text=label if short != label else None,
                )
                if happened:
                    b.disable()
                y += button_h + s.px(8)
            if len(events) > per_page:
                pages = -(-len(events) // per_page)
                more = tr("facilitator.more", page=self.event_page + 1, pages=pages)
                self.button(pygame.Rect(x, y, w, button_h), more, self.next_page)
        else:
            self.button(
                pygame.Rect(x, bottom, half, button_h),
                tr("facilitator.confirm"),
                self.confirm,
                object_id="#primary",
            )
        self.button(
            pygame.Rect(rect.right - s.px(24) - half, bottom, half, button_h),
            tr("facilitator.cancel"),
            self.close,
        )

    def _events(self) -> list[tuple[int, str, bool]]:
        """The scenario's events (index, label, already happened), the manual ones first."""
        game = self.app.game
        assert game is not None
        sc, fired = game.session.scenario, game.session.state.event_fired[0]
        order = sorted(range(len(sc.events)), key=lambda e: not sc.events[e].trigger.manual)
        out = []
        for e in order:
            event = sc.events[e]
            done = bool(fired[e]) and event.trigger.once
            label = tr("facilitator.happened", title=event.title) if done else event.title
            out.append((e, label, done))
        return out

    def next_page(self) -> None:
        self.event_page += 1
        self.rebuild()

    def pick(self, e: int) -> None:
        self.chosen = e
        self.rebuild()

    def confirm(self) -> None:
        workshop = self.app.workshop
        assert workshop is not None
        if self.command == "pause":
            workshop.toggle_pause()
        elif self.command == "minute":
            workshop.add_minute()
        elif self.command == "eyes":
            workshop.toggle_their_eyes()
        elif self.chosen is not None and self.chosen not in workshop.pending_events:
            workshop.pending_events.append(self.chosen)
        self.close()
        if self.command == "eyes":
            self.app.top.rebuild()  # the screen below shows or hides its "Their eyes" button

    def handle(self, event: pygame.event.Event) -> bool:
        enter = event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        if enter and (self.command != "event" or self.chosen is not None):
            self.confirm()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        s, rect = self.style, self.panel()
        width = rect.width - s.px(48)
        box = pygame.Rect(
            rect.left + s.px(24), self.text_top, width, self.text_bottom - self.text_top
        )
        draw.paragraph(surface, self._question(), s.font(16), box, INK, 1.0)
        note = tr("facilitator.note")
        draw.text(
            surface,
            note,
            s.font(13),
            (rect.left + s.px(24), rect.bottom - s.px(6)),
            MUTED,
            "bottomleft",
            width=width,
        )
