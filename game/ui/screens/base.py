"""What every screen shares: its own pygame_gui manager, a focus ring, the build/draw cycle.

Each screen owns a UIManager, so an overlay (help, pause) can sit on top of the
turn screen without the turn screen's buttons taking clicks through it. On a
resize or a text-size change the screen is rebuilt from scratch for the new
Style: layouts are computed, never stretched.

A screen knows its window only as a `Host` (what the app offers screens), and moves
to another screen through `game.ui.flow`, which builds screens from the factories the
app registers once: no screen imports the app, and the flow imports no screen.
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import pygame
import pygame_gui
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton, UITextBox

from game import i18n
from game.i18n import tr
from game.local.settings import Settings
from game.session.game_run import GameRun
from game.session.workshop import Workshop
from game.ui import draw
from game.ui.art.sound import Sounds
from game.ui.focus import Action, FocusRing, HoverGatedManager
from game.ui.options import PlayOptions
from game.ui.safe_text import drawable, one_line
from game.ui.theme import Style

if TYPE_CHECKING:
    from game.ui.live import LiveRound

E = TypeVar("E", bound=UIElement)
WHEEL_LINES = 3  # lines of text a mouse-wheel notch scrolls in a text box
# The keys that scroll a long text box, in pages of its height (Home and End: to its ends).
SCROLL_KEYS = {
    pygame.K_UP: -1 / 3,
    pygame.K_DOWN: 1 / 3,
    pygame.K_PAGEUP: -0.9,
    pygame.K_PAGEDOWN: 0.9,
    pygame.K_HOME: -1e9,
    pygame.K_END: 1e9,
}


def scroll_box(box: UITextBox, pages: float) -> bool:
    """Scroll `box` by `pages` of its height (negative: up); False when it has nothing
    to scroll (all of it fits)."""
    bar = box.scroll_bar
    if bar is None:
        return False
    bar.set_scroll_from_start_percentage(bar.start_percentage + pages * bar.visible_percentage)
    return True


class Autopilot(Protocol):
    """The demonstration pilot, as a screen sees it: which built-in policy plays."""

    @property
    def policy(self) -> str: ...


class Host(Protocol):
    """What the window (`game.ui.app.App`) offers the screens, the flow and the pilot."""

    options: PlayOptions
    game: GameRun | None  # the round being played; None on the title screen
    resume_error: str  # why Continue could not resume, shown on the title
    workshop: Workshop | None  # a workshop team's round: its clock and facilitator events
    live: "LiveRound | None"  # the live workshop this round reports to (game/ui/live.py)

    @property
    def settings(self) -> Settings: ...
    @property
    def style(self) -> Style: ...
    @property
    def sounds(self) -> Sounds: ...
    @property
    def pilot(self) -> Autopilot | None: ...
    @property
    def keyboard_used(self) -> bool: ...
    @property
    def screens(self) -> "ScreenFactories": ...
    @property
    def top(self) -> "Screen": ...
    @property
    def working(self) -> bool: ...
    @property
    def stack(self) -> "list[Screen]": ...

    def push(self, screen: "Screen") -> None: ...
    def pop(self) -> None: ...
    def replace_all(self, screen: "Screen") -> None: ...
    def apply_settings(self, settings: Settings) -> None: ...
    def toggle_fullscreen(self) -> None: ...
    def update_language(self) -> bool: ...
    def run_slow(
        self,
        work: Callable[[], Any],
        then: Callable[[Any], None],
        label: Callable[[], str] | None = None,
    ) -> None: ...
    def capture(self, path: Path) -> None: ...
    def quit(self) -> None: ...


@dataclass(frozen=True)
class ScreenFactories:
    """The screens the flow moves between, each built from the host; the app registers them."""

    title: Callable[[Host], "Screen"]
    preparing: Callable[[Host], "Screen"]  # the first start after installing (flow.with_model)
    briefing: Callable[[Host], "Screen"]
    briefing_again: Callable[[Host], "Screen"]  # read-only, over the round in play
    turn: Callable[[Host], "Screen"]
    debrief: Callable[[Host], "Screen"]
    help: Callable[[Host], "Screen"]
    pause: Callable[[Host], "Screen"]
    settings: Callable[[Host], "Screen"]


def with_key(label: str, font: pygame.font.Font, width: int) -> str:
    """'End week  (Enter)': the label with its key, when both fit a button `width` wide
    in `font`; the label alone otherwise (the key is in the help and the tooltip)."""
    hinted = tr("key.enter", label=label)
    return hinted if draw.measure(hinted, font) <= width - 24 else label


class Screen:
    """A full-window screen. Subclasses lay out in `build` and paint in `draw`."""

    name = "screen"
    opaque = True  # an overlay sets False, and the screen below it is drawn first

    def __init__(self, app: Host) -> None:
        self.app = app
        self.animating = False
        self.focus = FocusRing()
        self.manager = self._new_manager()
        self.rebuild()

    @property
    def style(self) -> Style:
        return self.app.style

    def _new_manager(self) -> pygame_gui.UIManager:
        # pygame_gui's own words (the file dialog's buttons) follow the game's language.
        # Hovering needs a mouse that moved on this screen (focus.HoverGatedManager): one
        # highlight at a time, the keyboard's ring while the mouse rests.
        manager = HoverGatedManager(
            self.style.window, self.style.gui_theme(), starting_language=i18n.language()
        )
        with warnings.catch_warnings():
            # The theme has loaded some of these already; pygame_gui warns about each one.
            warnings.filterwarnings("ignore", message="Trying to pre-load font")
            manager.preload_fonts(self.style.gui_fonts())
        return manager

    def rebuild(self) -> None:
        """Drop every widget and lay the screen out again for the current Style."""
        self.manager.clear_and_reset()
        self.focus.clear()
        self.clicks: dict[UIElement, Action] = {}
        self.placed: list[UIElement] = []
        self.build()
        # pygame_gui draws a new widget only after its manager's first update, and only the
        # top screen's manager is updated each frame: without this, a screen rebuilt under
        # an overlay (a text size changed in the settings) shows none of its buttons.
        self.manager.update(0.0)

    def restyle(self) -> None:
        """The window or the text size changed: a fresh manager with the scaled theme."""
        index = self.focus.index
        self.manager = self._new_manager()
        self.rebuild()
        self.focus.index = index

    def build(self) -> None:
        """Create the widgets of this screen."""

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Action,
        focus: bool = True,
        **options: Any,
    ) -> UIButton:
        """A button that runs `action` when clicked (and, if `focus`, from the keyboard).

        Its label and tooltip are made drawable: they often quote a scenario or a name.
        """
        if isinstance(options.get("tool_tip_text"), str):
            options["tool_tip_text"] = drawable(options["tool_tip_text"])
        element = self.place(UIButton(rect, one_line(text), self.manager, **options))
        self.clicks[element] = action
        if focus:
            self.focus.add(element, action)
        return element

    def text_box(self, html_text: str, rect: pygame.Rect) -> UITextBox:
        """A pygame_gui text box of `html_text`, made drawable (it quotes scenarios).

        A wheel notch scrolls three lines of text: pygame_gui's 40 pixels are barely two
        lines at projector text size, and a team paging through Help felt it stuck."""
        box = self.place(UITextBox(drawable(html_text), rect, self.manager))
        if box.scroll_bar is not None:
            box.scroll_bar.scroll_wheel_speed = WHEEL_LINES * self.style.text_px(18)
        return box

    def ghost(self, rect: pygame.Rect, action: Action, tip: str, focus: bool = False) -> UIButton:
        """An invisible button over something painted (a card, a row): hover, click, tooltip."""
        return self.button(rect, "", action, focus=focus, object_id="#ghost", tool_tip_text=tip)

    def handle(self, event: pygame.event.Event) -> bool:
        """A raw pygame event for this screen; True when used. Keys go to the focus ring."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.clicks.get(event.ui_element) or self.focus.action_of(event.ui_element)
            if action is not None:
                self.focus.focus_on(event.ui_element)
                action()
                return True
        if event.type == pygame.KEYDOWN:
            return self.focus.handle_key(event)
        return False

    def update(self, dt: float) -> bool:
        """Advance animations by `dt` seconds; True while something is still moving."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Paint what sits under the widgets."""
        surface.fill((27, 31, 42))

    def draw_over(self, surface: pygame.Surface) -> None:
        """Paint what sits over the widgets (the focus outline)."""
        if self.app.keyboard_used:
            self.focus.draw(surface, self.style.px(3))

    def autoplay(self) -> None:
        """What the demonstration pilot does on this screen (nothing by default)."""

    def notify(self, message: str) -> None:
        """Show the player a note (e.g. about a resumed round), if this screen has a place."""

    def shown_note(self) -> str:
        """The note this screen shows now ('' when none or no place for one)."""
        return ""

    def place(self, element: E) -> E:
        """Register a widget this screen laid out, for the layout checks."""
        self.placed.append(element)
        return element

    def elements(self) -> list[UIElement]:
        """The visible widgets this screen laid out (not their inner parts), for layout tests."""
        return [e for e in self.placed if e.visible and e.alive()]
