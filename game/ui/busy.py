"""Slow work off the window's thread, and the small "Working…" sign while it runs.

A playtest team stared at a still window for seconds before the debrief and thought the
game had hung. Work that may take long (replaying the round for the comparison,
importing the chart library) runs on a worker thread while the loop keeps drawing;
after `SHOW_AFTER_S` the window shows a spinner. Only headless work goes to the
worker: pygame and pygame_gui are touched on the window's thread alone, in `then`.
"""

import math
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pygame

from game.i18n import tr
from game.model import compiled
from game.ui import draw
from game.ui.theme import ACCENT, BORDER, CARD, INK, Style

SHOW_AFTER_S = 0.3  # quicker than this feels instant; slower needs a sign of life
TURNS_PER_SECOND = 1.2  # the spinner's speed


class SlowTask:
    """`work` running on a worker thread since `started`; `then(result)` is for the window.
    `label`, if given, says what is being waited for instead of "Working…"."""

    def __init__(
        self,
        work: Callable[[], Any],
        then: Callable[[Any], None],
        started: float,
        label: Callable[[], str] | None = None,
    ):
        self.started = started
        self.then = then
        self.label = label
        self.future: Future[Any] = Future()
        threading.Thread(target=self._run, args=(work,), daemon=True, name="slow-task").start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self.future.set_result(work())
        except BaseException as exc:  # re-raised on the window's thread by `finish`
            self.future.set_exception(exc)

    def done(self) -> bool:
        return self.future.done()

    def finish(self) -> None:
        """On the window's thread: wait for the work if need be, then hand on its result."""
        self.then(self.future.result())

    def shows_sign(self, now: float) -> bool:
        """Whether the work has run long enough to show the "Working…" sign."""
        return not self.done() and now - self.started >= SHOW_AFTER_S


class _WarmUp:
    """Work done once a process on a worker thread, started by the first who asks; `done`
    is set when it has finished (or failed: the work then happens when first needed)."""

    name = "warm-up"

    def __init__(self) -> None:
        self.done = threading.Event()
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> threading.Event:
        with self._lock:
            if not self._started:
                self._started = True
                threading.Thread(target=self._run, daemon=True, name=self.name).start()
        return self.done

    def _run(self) -> None:
        try:
            self.work()
        finally:
            self.done.set()

    def work(self) -> None:
        """What to do on the worker thread."""


class _ChartsWarmUp(_WarmUp):
    """Import matplotlib and draw one tiny figure, once a process, on a worker thread:
    the debrief's first chart then costs only its own drawing (the import alone is
    ~0.4 s, and the first figure drawn loads the fonts)."""

    name = "warm-charts"

    def work(self) -> None:
        from game.look.figures import figure

        fig, canvas = figure((40, 30))
        fig.add_subplot().plot([0, 1], [0, 1])
        fig.text(0.1, 0.1, "warm")
        canvas.draw()
        fig.clear()


_CHARTS = _ChartsWarmUp()  # one a process: the import it warms is once a process too


class _ModelWarmUp(_WarmUp):
    """Compile the model's kernels, or load them from the cache, on a worker thread from the
    window's start: loading takes about half a second, but the first start after installing
    compiles them (about 15 s, once), and no window may wait without a sign for that."""

    name = "warm-model"

    def __init__(self) -> None:
        super().__init__()
        self.progress = (0, 0)  # kernels ready, of how many
        self.compiling = False  # the first start after installing: not in the cache yet

    def work(self) -> None:
        WINDOW_SHOWN.wait(FIRST_FRAME_WAIT_S)
        self.compiling = not compiled.is_cached()
        import game.policies  # noqa: F401  (the built-in policies' kernels are compiled too)

        compiled.prepare(self._tell)

    def _tell(self, done: int, total: int) -> None:
        self.progress = (done, total)

    def label(self) -> str:
        """The sign's words: how far the compiling is, or "Working…" when only loading."""
        if not self.compiling:
            return ""
        done, total = self.progress
        return tr("busy.preparing", done=done, total=total) if total else tr("busy.preparing_start")


_MODEL = _ModelWarmUp()
# Set once the window has shown its first frame: the warm-up waits for it, so that on the
# first start the title is drawn before the compiling takes the machine's cores.
WINDOW_SHOWN = threading.Event()
FIRST_FRAME_WAIT_S = 3.0  # headless, nothing is drawn: the warm-up waits no longer


def model_warmed() -> threading.Event:
    """Start the model's warm-up if it has not started; the event is set when it is done."""
    return _MODEL.start()


def preparing_label() -> str:
    """What the sign says while the window waits for the model's warm-up."""
    return _MODEL.label()


def charts_warmed() -> threading.Event:
    """Start the chart warm-up if it has not started; the event is set when it is done.

    Wait for it before drawing a chart: matplotlib is not made for two threads at once."""
    return _CHARTS.start()


def sign_rect(style: Style, label: str = "") -> pygame.Rect:
    """Where the sign sits: the window's bottom-right corner, clear of the edge."""
    font = style.font(16, bold=True)
    height = font.get_linesize() + style.px(16)
    width = height + draw.measure(label or tr("busy.working"), font) + style.px(20)
    w, h = style.window
    margin = style.px(16)
    return pygame.Rect(w - margin - width, h - margin - height, width, height)


def draw_sign(
    surface: pygame.Surface, style: Style, elapsed: float, label: str = ""
) -> pygame.Rect:
    """Paint the spinner and "Working…" (or `label`) over whatever is on screen; returns
    its rect."""
    rect = sign_rect(style, label)
    draw.card(surface, rect, style.px(10), None, CARD, BORDER)
    radius = (rect.height - style.px(16)) // 2
    centre = (rect.left + style.px(10) + radius, rect.centery)
    width = max(2, style.px(4))
    pygame.draw.circle(surface, BORDER, centre, radius, width)
    start = -elapsed * TURNS_PER_SECOND * 2 * math.pi
    box = pygame.Rect(0, 0, 2 * radius, 2 * radius)
    box.center = centre
    pygame.draw.arc(surface, ACCENT, box, start, start + 1.8, width)
    font = style.font(16, bold=True)
    draw.text(
        surface,
        label or tr("busy.working"),
        font,
        (centre[0] + radius + style.px(10), rect.centery),
        INK,
        "midleft",
    )
    return rect
