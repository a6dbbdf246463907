"""A monkey at the keyboard: thousands of random events on every screen, and no crash.

The real app, headless, gets a seeded stream of clicks (on its buttons and anywhere),
wheel turns, keys and the game's key combinations, typed text full of zero-width,
bidi, emoji and combining characters, window resizes down to 100×100, focus and
minimise events. Each screen is reached by the game's own flow and then left to the
monkey, who may wander anywhere from there. No exception may escape and the app
must always show a screen.

ODD_DUCK_MONKEY_EVENTS sets the number of events (10,000 by default) for a long soak,
ODD_DUCK_MONKEY_SEED the seed.
"""

import os
import random
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pygame
import pytest

from game.live.client import LinkDownError
from game.policies import POLICIES
from game.session.game_run import GameRun
from game.session.results import load_results, write_result
from game.ui import flow
from game.ui.app import App
from game.ui.screens import join as join_screen
from game.ui.screens import title as title_screen
from game.ui.team_debrief import TeamDebriefView
from game.ui.theme import MIN_SIZE
from tests.helpers.ui_driver import FRAME, make_app

EVENTS = int(os.environ.get("ODD_DUCK_MONKEY_EVENTS", "10000"))
SEED = int(os.environ.get("ODD_DUCK_MONKEY_SEED", "2024"))

PIECES = (
    "a", "Blue", "Team 7", " ", "\u200b", "\u200d", "\u202e", "\u2066", "\u2069", "\u200f",
    "\ufeff", "\ufe0f", "\u034f", "\x00", "\x1b", "\t", "\n", "\U0001f986", "👩‍💻", "🇩🇪",
    "e\u0301", "\u0301", "\u0338", "مرحبا", "שלום", "日本語", "Ünïcödé", "\U000f0000", "\uffff",
)  # fmt: skip
KEYS = (
    pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_UP,
    pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_SPACE, pygame.K_BACKSPACE,
    pygame.K_DELETE, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
    pygame.K_F1, pygame.K_F2, pygame.K_F5, pygame.K_F11, pygame.K_PLUS, pygame.K_MINUS,
    pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_KP_MINUS, pygame.K_QUESTION,
    *range(pygame.K_0, pygame.K_9 + 1), *range(pygame.K_a, pygame.K_z + 1),
)  # fmt: skip
MODS = (0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT)
COMBOS = (  # the game's own: the facilitator's keys, and a text field's copy and paste
    (pygame.K_p, pygame.KMOD_CTRL | pygame.KMOD_SHIFT),
    (pygame.K_t, pygame.KMOD_CTRL | pygame.KMOD_SHIFT),
    (pygame.K_e, pygame.KMOD_CTRL | pygame.KMOD_SHIFT),
    (pygame.K_TAB, pygame.KMOD_SHIFT),
    (pygame.K_a, pygame.KMOD_CTRL),
    (pygame.K_c, pygame.KMOD_CTRL),
    (pygame.K_x, pygame.KMOD_CTRL),
    (pygame.K_v, pygame.KMOD_CTRL),
)
WINDOW_EVENTS = (
    pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWMINIMIZED,
    pygame.WINDOWRESTORED, pygame.WINDOWENTER, pygame.WINDOWLEAVE, pygame.WINDOWSHOWN,
    pygame.WINDOWHIDDEN, pygame.WINDOWEXPOSED, pygame.WINDOWMAXIMIZED,
)  # fmt: skip
SCREENS = {"title", "briefing", "turn", "report", "debrief", "help", "settings", "pause"}
SCREENS |= {"facilitator", "file dialog", "join"}


def Event(kind: int, **attributes: Any) -> pygame.event.Event:  # noqa: N802 - pygame's name
    return pygame.event.Event(kind, attributes)


class Monkey:
    """Random input for whatever the app shows, drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def text(self) -> str:
        r = self.rng
        if r.random() < 0.05:
            return r.choice(PIECES) * r.randrange(50, 400)  # very long
        if r.random() < 0.2:
            return "".join(chr(r.randrange(0x20, 0x110000)) for _ in range(r.randrange(1, 6)))
        return "".join(r.choice(PIECES) for _ in range(r.randrange(1, 5)))

    def position(self, app: App) -> tuple[int, int]:
        """On a widget of the top screen most of the time (where things happen), or anywhere."""
        r, (w, h) = self.rng, app.surface.get_size()
        widgets = [e.rect for e in app.top.manager.get_sprite_group().sprites() if e.visible]
        if widgets and r.random() < 0.75:
            rect = r.choice(widgets)
            if r.random() < 0.7:
                return rect.center
            x = r.randint(rect.left, max(rect.left, rect.right - 1))
            return (x, r.randint(rect.top, max(rect.top, rect.bottom - 1)))
        return (r.randrange(-20, w + 20), r.randrange(-20, h + 20))

    def input(self, app: App) -> list[pygame.event.Event]:
        """One random action as the events a player would cause."""
        r = self.rng
        kind = r.random()
        if kind < 0.30:
            pos, button = self.position(app), r.choice((1, 1, 1, 1, 2, 3))
            pygame.mouse.set_pos(pos)  # pygame_gui hovers where the real mouse is
            return [
                Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False),
                Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False),
                Event(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False),
            ]
        if kind < 0.40:
            pos = self.position(app)
            pygame.mouse.set_pos(pos)
            held = r.choice(((0, 0, 0), (1, 0, 0)))
            return [Event(pygame.MOUSEMOTION, pos=pos, rel=(3, -2), buttons=held, touch=False)]
        if kind < 0.45:
            y = r.choice((-3, -1, 1, 3))
            return [
                Event(
                    pygame.MOUSEWHEEL,
                    x=0,
                    y=y,
                    flipped=False,
                    precise_x=0.0,
                    precise_y=float(y),
                    touch=False,
                    which=0,
                )
            ]
        if kind < 0.75:
            code, mod = (r.choice(KEYS), r.choice(MODS)) if r.random() < 0.85 else r.choice(COMBOS)
            char = chr(code) if 32 <= code < 127 and not mod & pygame.KMOD_CTRL else ""
            if char and mod & pygame.KMOD_SHIFT:
                char = char.upper()
            if code == pygame.K_v and mod & pygame.KMOD_CTRL:
                # Another program copied this (a clipboard holds no NUL and no surrogate).
                copied = self.text().replace("\x00", "").encode("utf-8", "ignore").decode()
                pygame.scrap.put_text(copied)
            down = Event(pygame.KEYDOWN, key=code, mod=mod, unicode=char, scancode=0, window=None)
            up = Event(pygame.KEYUP, key=code, mod=mod, unicode=char, scancode=0, window=None)
            typed = [Event(pygame.TEXTINPUT, text=char, window=None)] if char else []
            return [down, *typed, up]
        if kind < 0.93:
            return [Event(pygame.TEXTINPUT, text=self.text(), window=None)]
        if kind < 0.985:  # a resize rebuilds the screen (~0.1 s): rarer than the rest
            return [Event(r.choice(WINDOW_EVENTS), window=None)]
        size = r.choice(((100, 100), (MIN_SIZE[0], MIN_SIZE[1]), (1280, 720)))
        if r.random() < 0.5:
            size = (r.randrange(100, 2000), r.randrange(100, 1300))
        return [
            Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]),
            Event(pygame.WINDOWRESIZED, x=size[0], y=size[1], window=None),
        ]

    def view_input(self) -> pygame.event.Event:
        """One event for the projector view: mostly keys, now and then a resize."""
        r = self.rng
        if r.random() < 0.01:
            size = r.choice(((100, 100), (640, 400), (1280, 720), (1920, 1080)))
            return Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        if r.random() < 0.1:
            return Event(r.choice(WINDOW_EVENTS), window=None)
        code, mod = r.choice(KEYS), r.choice(MODS)
        return Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0, window=None)


class Clock:
    """The workshop's turn timer runs on this: one second a frame, so it runs out often."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def _play_out(app: App) -> None:
    assert app.game is not None
    session = app.game.session
    while not session.done:
        app.game.play(POLICIES["balanced"](session.observe(), session.params)[0])


def _key(app: App, code: int, mod: int = 0) -> None:
    """A press and its release (a held Enter does not repeat: app.CONFIRM_KEYS)."""
    down = Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)
    up = Event(pygame.KEYUP, key=code, mod=mod, unicode="", scancode=0)
    app.frame([down, up], FRAME)


# How each screen is reached through the game's own flow, from wherever the monkey left it.
REACH: dict[str, Callable[[App], None]] = {
    "title": flow.to_title,
    "briefing": lambda app: flow.start_game(app, "tutorial", 11, "\u202eRed\u200b"),
    "turn": lambda app: (
        flow.start_game(app, "crm-rollout", 12, "\u200b"),
        flow.show_current_turn(app),
    ),
    "report": lambda app: (
        flow.start_game(app, "tutorial", 13, "Blue"),
        flow.show_current_turn(app),
        _key(app, pygame.K_RETURN),
        _key(app, pygame.K_RETURN),
    ),
    "debrief": lambda app: (
        flow.start_game(app, "tutorial", 14, "\u2066\u2069"),
        _play_out(app),
        flow.show_current_turn(app),
    ),
    "title ": lambda app: (flow.to_title(app), app.top.open_file_dialog()),  # its file dialog
    "join": lambda app: (flow.to_title(app), app.top.join_workshop()),
    "help": lambda app: (flow.to_title(app), flow.open_help(app)),
    "settings": lambda app: (flow.to_title(app), flow.open_settings(app)),
    "pause": lambda app: (
        flow.start_game(app, "tutorial", 15, ""),
        flow.show_current_turn(app),
        flow.open_pause(app),
    ),
}
WORKSHOP_REACH: dict[str, Callable[[App], None]] = {
    "workshop turn": lambda app: (flow.continue_game(app), flow.show_current_turn(app)),
    "facilitator": lambda app: (
        flow.continue_game(app),
        _key(app, pygame.K_e, pygame.KMOD_CTRL | pygame.KMOD_SHIFT),
    ),
    "workshop debrief": lambda app: (
        flow.continue_game(app),
        _play_out(app),
        flow.show_current_turn(app),
    ),
}


def _run(app: App, monkey: Monkey, count: int, seen: set[str]) -> int:
    """`count` events or a little more, a frame after each action; returns how many."""
    recent: deque[str] = deque(maxlen=12)
    sent = 0
    while sent < count:
        # One to four actions between two frames, as a quick player's land.
        events = [e for _ in range(monkey.rng.randint(1, 4)) for e in monkey.input(app)]
        recent.append(
            f"{app.top.name}: {[(pygame.event.event_name(e.type), e.dict) for e in events]}"
        )
        for event in events:
            pygame.event.post(event)
        dt = FRAME if monkey.rng.random() < 0.9 else 1.5  # now and then long enough for a tip
        try:
            app.frame(pygame.event.get(), dt)
        except Exception as exc:  # the report names what the monkey did just before
            raise AssertionError("crashed after:\n" + "\n".join(recent)) from exc
        sent += len(events)
        seen.add(app.top.name)
        if getattr(app.top, "dialog", None) is not None:
            seen.add("file dialog")
        assert app.stack and app.top.manager is not None
        w, h = app.surface.get_size()
        assert w >= MIN_SIZE[0] and h >= MIN_SIZE[1]
        if not app.running:  # Quit or Save and quit: a new session in the same window
            app.running = True
            flow.to_title(app)
    return sent


class _Offline:
    """The team client with no host anywhere: tests never touch a network."""

    def __init__(self, url: str) -> None:
        self.url = url

    def join(self, code: str, team: str) -> NoReturn:
        raise LinkDownError(f"cannot reach the host at {self.url}: offline (test)")


@pytest.fixture
def quiet_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> random.Random:
    """A seeded world: the monkey's generator, the game's seeds, a folder of odd files."""
    rng = random.Random(SEED)
    monkeypatch.setattr(flow, "new_seed", lambda: rng.randrange(100_000))
    folder = tmp_path / "cwd"  # what the title's file dialog lists
    folder.mkdir()
    for name in ("\u200b", "\u200b.yaml", "\u202eevil.yml", "notes.txt", "e\u0301.yaml"):
        (folder / name).write_text("id: x\n", encoding="utf-8")
    (folder / "\u2066").mkdir()
    monkeypatch.chdir(folder)
    # Every played week is autosaved with an fsync; the disk's speed is not under test.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    # A workshop to join is never reached: the join dialog hears "unreachable" at once.
    monkeypatch.setattr(join_screen, "TeamClient", _Offline)
    # Reading every scenario file for each new title screen is most of the monkey's time.
    cards = title_screen.catalogue()
    monkeypatch.setattr(title_screen, "catalogue", lambda: list(cards))
    return rng


@pytest.mark.slow
def test_the_monkey_crashes_no_screen(quiet_world: random.Random, tmp_path: Path) -> None:
    rng = quiet_world
    monkey = Monkey(rng)
    segments = len(REACH) + len(WORKSHOP_REACH) + 1
    share = EVENTS // segments
    seen: set[str] = set()
    sent = 0
    app = make_app()
    for screen, reach in REACH.items():
        reach(app)
        seen.add(app.top.name)
        assert app.top.name == screen.strip()
        sent += _run(app, monkey, share, seen)
    workshop = make_app(
        scenario="crm-rollout", seed=7, team="\u200d", workshop=True, turn_timer=45.0,
        results_dir=tmp_path / "results",
    )  # fmt: skip
    assert workshop.workshop is not None
    workshop.workshop.clock = Clock()
    for screen, reach in WORKSHOP_REACH.items():
        reach(workshop)
        seen.add(workshop.top.name)
        assert workshop.top.name == screen.removeprefix("workshop ")
        sent += _run(workshop, monkey, share, seen)
    # Its own folder: the view is driven here, not the reading of workshop result files.
    sent += _team_debrief(monkey, tmp_path / "show", EVENTS - sent)
    assert sent >= EVENTS
    assert seen >= SCREENS, SCREENS - seen


def _team_debrief(monkey: Monkey, folder: Path, count: int) -> int:
    """The projector view of the teams' results, with invisible team names among them."""
    for team in ("\u200b", "\u202eGreen", "Blue"):
        run = GameRun.start("tutorial", 5, team, None)
        _play_out_run(run)
        write_result(folder, run.session, "tutorial", {})
    surface = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    view = TeamDebriefView(load_results(folder), surface.get_size())
    sent = 0
    while sent < count:
        event = monkey.view_input()
        if not view.handle(event):
            view.index = 0  # Esc closes the view: open it again
        if event.type == pygame.VIDEORESIZE:
            surface = pygame.display.set_mode(event.size, pygame.RESIZABLE)
        view.draw(surface)
        sent += 1
    return sent


def _play_out_run(run: GameRun) -> None:
    session = run.session
    while not session.done:
        run.play(POLICIES["balanced"](session.observe(), session.params)[0])
