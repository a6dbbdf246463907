"""Keyboard focus over a screen's buttons: Tab / arrows move, Enter or Space presses.

pygame_gui has no focus traversal for buttons, and the game must be playable
without a mouse, so each screen lists its focusable elements in reading order.

One highlight at a time (issue 10): a mouse hovers, with a highlight and a tooltip, only
once it has moved on this screen since the screen appeared or a key was last pressed; until
then the keyboard's focus ring is the one highlight. A mouse merely resting where a button
appears (at start, after a rebuild, after an overlay closed) hovers nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from game.ui.theme import FOCUS

Action = Callable[[], None]

TEXT_FIELDS = (pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextEntryBox)
# Keys that type nothing and that a one-line field does not use: they leave it or move on.
# Every other key belongs to the field that has the caret (a space must never press a button).
LEAVING_KEYS = frozenset(
    {pygame.K_TAB, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN}
    | {getattr(pygame, f"K_F{n}") for n in range(1, 13)}
)


def typing_field(manager: pygame_gui.UIManager) -> pygame_gui.core.UIElement | None:
    """The text field that has the caret on this manager, if one has."""
    return next(
        (e for e in manager.get_focus_set() or () if isinstance(e, TEXT_FIELDS) and e.is_focused),
        None,
    )


def owned_by_field(event: pygame.event.Event) -> bool:
    """True for a key that a focused text field keeps from the screen and the app."""
    return event.type == pygame.KEYDOWN and event.key not in LEAVING_KEYS


OFF_WINDOW = (-10_000, -10_000)  # where a resting mouse is, as far as hovering goes
MOUSE_MOVES = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN)


class HoverGatedManager(pygame_gui.UIManager):
    """A UIManager that hovers only under a mouse that moved since the gate was closed.

    pygame_gui hovers whatever lies under the pointer's position, moved or not, and reads
    that position through `UIManager.get_mouse_position` ("so we can mess with it", says
    its docstring); while the mouse rests, this manager answers a position off the window.
    Clicks are unaffected: pygame_gui takes their position from the event itself.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mouse_moved = False  # closed: the screen has just appeared

    def get_mouse_position(self) -> tuple[int, int]:
        if not self.mouse_moved:
            return OFF_WINDOW
        x, y = super().get_mouse_position()
        return int(x), int(y)

    def process_events(self, event: pygame.event.Event) -> bool:
        if event.type in MOUSE_MOVES:
            self.mouse_moved = True
        return bool(super().process_events(event))

    def rest_mouse(self) -> None:
        """A key was pressed: the mouse rests; its hover and tooltip go at once."""
        if self.mouse_moved:
            self.mouse_moved = False
            quiet(self)


@dataclass
class Focusable:
    element: pygame_gui.core.UIElement
    action: Action | None  # None for a text field: focusing it lets it take the keys


class FocusRing:
    """The ordered focusable elements of one screen and which one has the focus."""

    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.index = 0
        self.gate: HoverGatedManager | None = None  # the manager of the elements added

    def clear(self) -> None:
        self.items = []
        self.index = 0

    def add(self, element: pygame_gui.core.UIElement, action: Action | None) -> None:
        self.items.append(Focusable(element, action))
        manager = element.ui_manager
        if isinstance(manager, HoverGatedManager):  # every screen's (Screen._new_manager)
            self.gate = manager

    @property
    def mouse_moved(self) -> bool:
        """Whether the mouse moved since the last key: then it, not the ring, highlights."""
        return self.gate is not None and self.gate.mouse_moved

    @property
    def current(self) -> Focusable | None:
        if not self.items:
            return None
        return self.items[self.index % len(self.items)]

    def action_of(self, element: object) -> Action | None:
        return next((i.action for i in self.items if i.element is element), None)

    def focus_on(self, element: pygame_gui.core.UIElement) -> None:
        for k, item in enumerate(self.items):
            if item.element is element:
                self.index = k
                self._sync_text_field()

    def follow(self, field: pygame_gui.core.UIElement) -> None:
        """The mouse put the caret in `field`: the ring's focus goes there too, so that
        Enter and Tab continue from the field, not from the button focused before."""
        current = self.current
        if current is None or current.element is not field:
            self.focus_on(field)

    def move(self, step: int) -> None:
        if not self.items:
            return
        for _ in range(len(self.items)):
            self.index = (self.index + step) % len(self.items)
            if self.items[self.index].element.is_enabled:
                break
        self._sync_text_field()

    def _sync_text_field(self) -> None:
        for k, item in enumerate(self.items):
            if item.action is None and isinstance(
                item.element, pygame_gui.elements.UITextEntryLine
            ):
                if k == self.index:
                    item.element.focus()
                else:
                    item.element.unfocus()

    def handle_key(self, event: pygame.event.Event) -> bool:
        """Move or press on a key; True when the key was used."""
        if self.gate is not None:
            self.gate.rest_mouse()
        current = self.current
        typing = current is not None and current.action is None
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if typing and event.key not in (pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN):
            return False  # the text field takes letters and the left/right arrows
        if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.move(1)
            return True
        if event.key in (pygame.K_UP, pygame.K_LEFT):
            self.move(-1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and current:
            if current.action is not None and current.element.is_enabled:
                current.action()
            elif typing:
                self.move(1)
            return True
        return False

    def draw(self, surface: pygame.Surface, width: int) -> None:
        """An outline around the focused element, drawn over the widgets."""
        current = self.current
        if current is None or not current.element.visible or self.mouse_moved:
            return
        rect = current.element.rect.inflate(2 * width + 2, 2 * width + 2)
        pygame.draw.rect(surface, FOCUS, rect, width=width, border_radius=10)


def quiet(manager: pygame_gui.UIManager) -> None:
    """Drop every hover highlight and tooltip of `manager`'s widgets.

    A screen under an overlay is still drawn but no longer updated, so a tooltip shown
    when the overlay opened would stay on top of the overlay's dimmed page (issue 10).
    """
    group = manager.get_sprite_group()
    killed = False
    for element in group.sprites():
        if not isinstance(element, pygame_gui.core.UIElement):
            continue
        if element.hovered:
            element.hovered = False
            element.on_unhovered()  # kills its tooltip
            killed = True
        if element.tool_tip is not None:
            element.tool_tip.kill()
            element.tool_tip = None
            killed = True
    if killed:
        # The group draws from a list of what was visible that only its update refreshes,
        # and a screen under an overlay is not updated: the killed tooltip went on being
        # drawn under the menu (playtest 11).
        group.update_visibility()
