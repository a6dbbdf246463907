"""The facilitator's controls in workshop mode: pause, one more minute, fire an event.

Each takes a second, deliberate step (Confirm, or Enter), so a participant's stray
key press never changes the room's pace or the scenario.
"""

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import draw
from game.ui.screens.overlay import Overlay
from game.ui.theme import INK, MUTED

if TYPE_CHECKING:
    from game.ui.app import App

HOTKEYS = {pygame.K_p: "pause", pygame.K_t: "minute", pygame.K_e: "event"}
HOTKEY_HELP = (
    "Facilitator keys: Ctrl+Shift+P pause · Ctrl+Shift+T one more minute · Ctrl+Shift+E event"
)


def is_hotkey(event: pygame.event.Event) -> str:
    """The facilitator command of a key press ('' for none): Ctrl+Shift and a letter."""
    held = event.mod & pygame.KMOD_CTRL and event.mod & pygame.KMOD_SHIFT
    return HOTKEYS.get(event.key, "") if event.type == pygame.KEYDOWN and held else ""


class FacilitatorOverlay(Overlay):
    name = "facilitator"
    title = "Facilitator"
    panel_size = (640, 520)

    def __init__(self, app: "App", command: str) -> None:
        self.command = command
        self.chosen: int | None = None  # the event picked, waiting for confirmation
        super().__init__(app)

    def _question(self) -> str:
        workshop = self.app.workshop
        assert workshop is not None
        if self.command == "pause":
            return "Resume the turn timer?" if workshop.paused else "Pause the turn timer?"
        if self.command == "minute":
            return "Give the team one more minute this week?"
        if self.chosen is None:
            return "Which event should happen this week? It takes effect when the week ends."
        game = self.app.game
        assert game is not None
        event = game.session.scenario.events[self.chosen]
        return f"Fire “{event.title}” when this week ends? {event.text}"

    def build(self) -> None:
        s = self.style
        rect = self.panel()
        button_h = max(s.px(44), s.text_px(16) + s.px(20))
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        self.text_top = self.content_top()
        bottom = rect.bottom - s.px(20) - button_h
        half = (w - s.px(12)) // 2
        if self.command == "event" and self.chosen is None:
            y = self.text_top + 3 * s.font(16).get_linesize() + s.px(8)
            for e, label in self._events():
                if y + button_h > bottom - s.px(8):
                    break
                b = self.button(pygame.Rect(x, y, w, button_h), label, partial(self.pick, e))
                if label.endswith("(already happened)"):
                    b.disable()
                y += button_h + s.px(8)
        else:
            self.button(
                pygame.Rect(x, bottom, half, button_h),
                "Confirm",
                self.confirm,
                object_id="#primary",
            )
        self.button(
            pygame.Rect(rect.right - s.px(24) - half, bottom, half, button_h), "Cancel", self.close
        )

    def _events(self) -> list[tuple[int, str]]:
        """The scenario's events, the hand-fired (manual) ones first."""
        game = self.app.game
        assert game is not None
        sc, fired = game.session.scenario, game.session.state.event_fired[0]
        order = sorted(range(len(sc.events)), key=lambda e: not sc.events[e].trigger.manual)
        out = []
        for e in order:
            event = sc.events[e]
            done = bool(fired[e]) and event.trigger.once
            out.append((e, event.title + (" (already happened)" if done else "")))
        return out

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
        elif self.chosen is not None and self.chosen not in workshop.pending_events:
            workshop.pending_events.append(self.chosen)
        self.close()

    def handle(self, event: pygame.event.Event) -> bool:
        enter = event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        if enter and (self.command != "event" or self.chosen is not None):
            self.confirm()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        s, rect = self.style, self.panel()
        lines = (
            3 if self.command == "event" and self.chosen is None else 9
        )  # the event list starts under 3 lines
        box = pygame.Rect(
            rect.left + s.px(24), self.text_top, rect.width - s.px(48),
            lines * s.font(16).get_linesize(),
        )  # fmt: skip
        draw.paragraph(surface, self._question(), s.font(16), box, INK, 1.0)
        note = "Only the facilitator should use these keys."
        draw.text(
            surface,
            note,
            s.font(13),
            (rect.left + s.px(24), rect.bottom - s.px(6)),
            MUTED,
            "bottomleft",
        )
