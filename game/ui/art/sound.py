"""Short sound cues, played through pygame.mixer when there is one.

The game must run on projector laptops without a sound card and in headless tests, so every
failure here (no mixer, no device, a missing or broken file) degrades to silence, never to an
exception. Only programming errors (an unknown cue name) raise.
"""

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pygame

from game.data import SOUND_DIR

SOUND_NAMES = ("end_week", "signoff", "rejection", "escalation", "click")


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Send what C libraries write to file descriptor 2 to the null device meanwhile.

    Python's own errors are raised, not printed, so none is lost. Where descriptor 2
    cannot be redirected (no console at all), the block simply runs."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class _Playable(Protocol):
    def play(self) -> object: ...


class Sounds:
    """The game's cues. `available` says whether a mixer came up; `muted` is the player's choice."""

    def __init__(self, enabled: bool = True) -> None:
        """Open the mixer and load every cue; `enabled=False` never touches the audio device."""
        self._muted = False
        self._cues: dict[str, _Playable | None] = dict.fromkeys(SOUND_NAMES)
        self.available = enabled and self._open_mixer()
        if self.available:
            for name in SOUND_NAMES:
                self._cues[name] = self._load(SOUND_DIR / f"{name}.wav")

    @staticmethod
    def _open_mixer() -> bool:
        try:
            # ALSA prints a dozen "cannot find card '0'" lines straight onto the error
            # stream of a laptop without a sound card: a room reads them as a crash.
            with _quiet_native_stderr():
                # A small buffer keeps the click in step with the button press.
                pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=512)
        except (pygame.error, NotImplementedError):  # no device, or SDL built without audio
            return False
        return pygame.mixer.get_init() is not None

    @staticmethod
    def _load(path: Path) -> _Playable | None:
        try:
            return pygame.mixer.Sound(path)
        except (pygame.error, OSError):  # missing or broken file: that cue stays silent
            return None

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = bool(value)

    def play(self, name: str) -> None:
        """Start cue `name` unless muted or silent; ValueError if there is no such cue."""
        if name not in self._cues:
            raise ValueError(f"unknown sound {name!r}; known: {', '.join(SOUND_NAMES)}")
        cue = self._cues[name]
        if self._muted or cue is None:
            return
        try:
            cue.play()
        except pygame.error:  # the device went away mid-game (a headset unplugged)
            return
