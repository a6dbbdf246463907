"""Short sound cues, played through pygame.mixer when there is one.

The game must run on projector laptops without a sound card and in headless tests, so every
failure here (no mixer, no device, a missing or broken file) degrades to silence, never to an
exception. Only programming errors (an unknown cue name) raise.
"""

from pathlib import Path
from typing import Protocol

import pygame

from game.data import SOUND_DIR

SOUND_NAMES = ("end_week", "signoff", "rejection", "escalation", "click")


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
