"""The window and its loop: events -> update -> draw, over a small stack of screens.

The loop sleeps while nothing moves: a team talking over the turn screen costs a
few frames a second, not a core. Rendering never changes the game; screens turn
input into a plan and `GameRun.play` applies it.
"""

import contextlib
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pygame

from game import i18n
from game.local import paths
from game.local.settings import Settings, load_settings, save_settings
from game.model import compiled
from game.session.game_run import GameRun
from game.session.workshop import Workshop
from game.ui import busy, flow, focus, safe_text
from game.ui.art.sound import Sounds
from game.ui.live import LiveRound
from game.ui.options import PlayOptions
from game.ui.pilot import Pilot
from game.ui.screens.base import Screen, ScreenFactories
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.help import HelpOverlay
from game.ui.screens.pause import PauseOverlay
from game.ui.screens.preparing import PreparingScreen
from game.ui.screens.settings_screen import SettingsOverlay
from game.ui.screens.title import TitleScreen
from game.ui.screens.turn import TurnScreen
from game.ui.theme import DESIGN_SIZE, MIN_SIZE, Style

__all__ = ["App", "PlayOptions"]  # the command line starts the window with these

# pygame_gui warns on the console when a long tooltip meets the window's edge; it shows the
# tooltip anyway (moved in as far as it goes), and a team never sees the console.
warnings.filterwarnings("ignore", message="Unable to fit tool tip on screen")

ACTIVE_FPS = 60
# Keys that confirm a step (End week, the report's next, a dialog's default): never
# repeated while held.
CONFIRM_KEYS = frozenset({pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE})
IDLE_WAIT_MS = 250  # while idle, wake this often so tooltips and timers still run
ACTIVE_AFTER_INPUT_S = 0.6  # hover highlights need frames for a moment after input
# While slow work runs the window draws and quits, but takes no clicks or keys: a
# second End week or a click on a screen about to go must not land.
IGNORED_WHILE_WORKING = (
    pygame.KEYDOWN,
    pygame.KEYUP,
    pygame.TEXTINPUT,
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.MOUSEWHEEL,
)

# The screens the flow moves between, registered once here: the flow and the screens
# never import the app, and the flow never imports a screen.
SCREENS = ScreenFactories(
    title=TitleScreen,
    preparing=PreparingScreen,
    briefing=BriefingScreen,
    briefing_again=partial(BriefingScreen, read_only=True),
    turn=TurnScreen,
    debrief=DebriefScreen,
    help=HelpOverlay,
    pause=PauseOverlay,
    settings=SettingsOverlay,
)


class App:
    """Owns the window, the settings, the sounds, the current round and the screen stack.

    It is the `Host` the screens, the flow and the pilot are given (screens/base.py).
    """

    def __init__(self, options: PlayOptions, settings: Settings | None = None) -> None:
        # A team name from the command line is input like a typed one: only what shows
        # counts (and a lone surrogate from undecodable bytes could not even be saved).
        options = replace(options, team=safe_text.name(options.team))
        self.options = options
        self.settings = settings if settings is not None else load_settings(paths.settings_path())
        if options.language:  # for this run; saved only if the player changes a setting
            self.settings = replace(self.settings, language=options.language)
        self.game: GameRun | None = None
        self.update_language()
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 60)
        self._held_confirm: set[int] = set()  # confirm keys down and not yet released
        self.surface = self._open_window(options.window)
        pygame.display.set_caption("Odd Duck")
        self.style = self._make_style()
        self.sounds = Sounds(enabled=self.settings.sound)
        self.stack: list[Screen] = []
        self.running = True
        self.keyboard_used = False
        self.resume_error = ""  # why Continue could not resume, shown on the title
        self.frames = 0
        self.last_input = time.monotonic()
        self.clock: Callable[[], float] = time.monotonic  # a test may fake the time
        self.slow_task: busy.SlowTask | None = None
        # Outside `run` (a test driving frames by hand) slow work finishes before
        # `run_slow` returns: every call is then a completed step, as before.
        self.work_in_background = False
        self.screens = SCREENS
        self.workshop: Workshop | None = None
        if options.workshop:
            self.workshop = Workshop(
                options.turn_timer,
                options.results_dir or Path("results"),
                their_eyes=options.their_eyes,
            )
        self.live: LiveRound | None = None  # set when the round reports to a live host
        self.pilot: Pilot | None = None
        if options.autoplay or options.screenshot_dir:
            self.pilot = Pilot(self, options.autoplay or "balanced", options)

    # --- window -----------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen:
            flags |= pygame.FULLSCREEN
            size = (0, 0)
        try:
            surface = pygame.display.set_mode(size, flags)
        except pygame.error:  # e.g. no fullscreen mode on this display
            surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        with warnings.catch_warnings(), contextlib.suppress(AttributeError, pygame.error):
            # pygame-ce warns about drawing through a Window; only its minimum size is set.
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
        return surface

    def _make_style(self) -> Style:
        size = self.surface.get_size()
        return Style(size, self.settings.text_size, self.settings.colour_blind_palette)

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        if size != self.surface.get_size():
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.restyle()

    def restyle(self) -> None:
        """Rebuild every screen for the current window size and settings."""
        self.style = self._make_style()
        for screen in self.stack:
            screen.restyle()

    def update_language(self) -> bool:
        """Speak the chosen language, or else the round's scenario's; True if it changed.

        With no choice and no round (the title screen) that is English. Screens read
        the catalogue when they are built, so a caller that gets True rebuilds them.
        """
        scenario_language = self.game.session.scenario.language if self.game else ""
        before = i18n.language()
        return i18n.set_language(self.settings.language or scenario_language) != before

    def apply_settings(self, settings: Settings) -> None:
        old, self.settings = self.settings, settings
        with contextlib.suppress(OSError):  # unsaved settings still apply to this session
            save_settings(settings, paths.settings_path())
        self.update_language()
        self.sounds.muted = not settings.sound
        if settings.fullscreen != old.fullscreen:
            self.surface = self._open_window(DESIGN_SIZE)
        if replace(settings, sound=old.sound) != old:
            self.show_working_now()  # new fonts and layouts: a moment on a slow laptop
            self.restyle()

    def toggle_fullscreen(self) -> None:
        self.apply_settings(replace(self.settings, fullscreen=not self.settings.fullscreen))

    # --- screens ------------------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    def replace_all(self, screen: Screen) -> None:
        self.stack = [screen]

    def find(self, name: str) -> Screen | None:
        return next((s for s in reversed(self.stack) if s.name == name), None)

    # --- slow work -------------------------------------------------------------------------
    def run_slow(
        self,
        work: Callable[[], Any],
        then: Callable[[Any], None],
        label: Callable[[], str] | None = None,
    ) -> None:
        """Run headless `work` on a worker thread while the window keeps drawing (with a
        "Working…" sign after 0.3 s), then `then(result)` on the window's thread.

        `work` must not touch pygame; `then` may (it builds the next screen). One slow
        task at a time: a second waits for the first.
        """
        self.finish_slow_work()
        self.slow_task = busy.SlowTask(work, then, self.clock(), label)
        if not self.work_in_background:
            self.finish_slow_work()

    def finish_slow_work(self) -> None:
        """Wait for the slow task, if any, and hand on its result."""
        task, self.slow_task = self.slow_task, None
        if task is not None:
            task.finish()

    @property
    def working(self) -> bool:
        """Whether slow work is still running (the sign shows after 0.3 s of it)."""
        return self.slow_task is not None

    def show_working_now(self) -> None:
        """Paint the "Working…" sign at once, before work that must hold the window's
        thread (laying every screen out again): the team sees the press was taken."""
        if not self.stack:
            return
        self.draw()
        busy.draw_sign(self.surface, self.style, 0.0)
        pygame.display.flip()

    # --- loop ----------------------------------------------------------------------------
    def run(self) -> int:
        """Play until the window closes; returns the exit status."""
        self.work_in_background = True
        busy.model_warmed()  # the model's kernels load (or, once, compile) meanwhile
        flow.open_first_screen(self)
        clock = pygame.time.Clock()
        last = time.monotonic()
        while self.running:
            events = self._next_events()
            now = time.monotonic()
            self.frame(events, min(0.1, now - last))
            last = now
            if self.busy():
                clock.tick(ACTIVE_FPS)
            if self.options.max_frames is not None and self.frames >= self.options.max_frames:
                break
        if self.live is not None:  # the last week to the host before the window goes
            self.live.link.flush()
            self.live.close()
        compiled.stop_preparing()  # closed during the first start: no waiting for it
        return 0

    def busy(self) -> bool:
        """True while frames are needed: animation, a pilot, or the moments after input."""
        recent = time.monotonic() - self.last_input < ACTIVE_AFTER_INPUT_S
        animating = any(s.animating for s in self.stack)
        return self.pilot is not None or recent or animating or self.working

    def _next_events(self) -> list[pygame.event.Event]:
        if self.busy():
            return pygame.event.get()
        first = pygame.event.wait(IDLE_WAIT_MS)
        events = [first] if first.type != pygame.NOEVENT else []
        return events + pygame.event.get()

    def frame(self, events: list[pygame.event.Event], dt: float) -> None:
        """One turn of the loop: give events to the top screen, update, draw, flip."""
        if self.working:
            events = [e for e in events if e.type not in IGNORED_WHILE_WORKING]
        for event in events:
            self._dispatch(event)
            if not self.running:
                return
        if self.slow_task is not None and self.slow_task.done():
            self.finish_slow_work()
        if self.live is not None:
            self.live.apply(self)
        for screen in self.stack:
            screen.animating = screen.update(dt)
        self.top.manager.update(dt)
        if self.pilot is not None and not self.working:
            self.pilot.tick()
        self.draw()
        pygame.display.flip()
        self.frames += 1
        busy.WINDOW_SHOWN.set()

    def draw(self) -> None:
        """Paint the top screen, and the screen under it when it is an overlay: the last
        opaque one, not the overlays between (Settings opened from the menu hides the menu)."""
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        for screen in dict.fromkeys((self.stack[first], self.top)):
            if screen is not self.top:
                # Under an overlay nothing of it is live: a tooltip it made after the
                # overlay opened showed through the pause menu (playtest 7).
                focus.quiet(screen.manager)
            screen.draw(self.surface)
            screen.manager.draw_ui(self.surface)
            if screen is self.top:
                screen.draw_over(self.surface)
        task = self.slow_task
        now = self.clock()
        if task is not None and task.shows_sign(now):
            label = task.label() if task.label is not None else ""
            busy.draw_sign(self.surface, self.style, now - task.started, label)

    def _repeated_confirm(self, event: pygame.event.Event) -> bool:
        """Whether `event` is the key repeat of a held Enter (or Space): one press is one
        step. Key repeat helps the plan's arrows, but a held Enter, or a press whose release
        came late on a busy machine, ran through a report, End week and its "press again"
        check, and played weeks with empty plans (playtest 8)."""
        if event.type not in (pygame.KEYDOWN, pygame.KEYUP) or event.key not in CONFIRM_KEYS:
            return False
        if event.type == pygame.KEYUP:
            self._held_confirm.discard(event.key)
            return False
        if event.key in self._held_confirm:
            return True
        self._held_confirm.add(event.key)
        return False

    def _dispatch(self, event: pygame.event.Event) -> None:
        if self._repeated_confirm(event):
            return
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION):
            self.last_input = time.monotonic()
            self.keyboard_used = event.type == pygame.KEYDOWN or (
                self.keyboard_used and event.type != pygame.MOUSEBUTTONDOWN
            )
        if event.type == pygame.QUIT:
            self.running = False  # the autosave is already on disk after every turn
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.TEXTINPUT:
            event = _drawable_input(event)
            if not event.text:
                return
        elif _is_paste(event):
            _drawable_clipboard()
        top = self.top
        used = top.manager.process_events(event)
        field = focus.typing_field(top.manager)
        if field is not None:
            top.focus.follow(field)
        if used or (field is not None and focus.owned_by_field(event)):
            return  # a text field with the caret owns every key it might type (issue 10)
        if top.handle(event):
            return
        if event.type == pygame.KEYDOWN:
            flow.global_key(self, event)

    def capture(self, path: Path) -> None:
        """Save exactly what is on screen now."""
        self.draw()
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(path))

    def quit(self) -> None:
        self.running = False


def _drawable_input(event: pygame.event.Event) -> pygame.event.Event:
    """Typed text without the characters that draw nothing (zero-width, bidi, control):
    a text field re-renders its text on every key, and pygame refuses an invisible one."""
    text = safe_text.one_line(event.text, "")
    if text == event.text:
        return event
    return pygame.event.Event(pygame.TEXTINPUT, {**event.dict, "text": text})


def _is_paste(event: pygame.event.Event) -> bool:
    held = pygame.KMOD_CTRL | pygame.KMOD_META
    return event.type == pygame.KEYDOWN and event.key == pygame.K_v and bool(event.mod & held)


def _drawable_clipboard() -> None:
    """Before a text field pastes: the clipboard's text, cleaned like typed text.

    pygame_gui inserts the clipboard as it is, so the cleaned text replaces it there.
    """
    with contextlib.suppress(pygame.error):  # no clipboard on this display
        text = pygame.scrap.get_text()
        cleaned = safe_text.drawable(text, "")
        if cleaned != text:
            pygame.scrap.put_text(cleaned)
