"""Render the game's portraits and icons and synthesise its sound cues into assets/.

Run from anywhere: `python tools/make_assets.py`. The output is deterministic (the same bytes
on every run with the pinned pygame-ce), so regenerating only shows up in git when the
drawing code or a shipped stakeholder changed.
"""

import os
import sys
import wave
from pathlib import Path

# Headless: this runs in CI and on machines without a display or a sound card.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `python tools/make_assets.py` puts tools/, not the repo, first

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402
import pygame  # noqa: E402

from game.scenario.loader import load, shipped_ids  # noqa: E402
from game.ui.art.icons import ICON_DIR, ICON_FILE_SIZE, ICON_NAMES, draw_icon  # noqa: E402
from game.ui.art.portraits import CELL, MOODS, PORTRAIT_DIR, draw_portrait, portrait_seed  # noqa: E402
from game.ui.art.sound import SOUND_DIR, SOUND_NAMES  # noqa: E402

Wave = npt.NDArray[np.float64]
RATE = 44100
PEAK = 0.3  # of full scale: cues sit under speech in a workshop room, never over it


def write_portraits() -> list[Path]:
    """One 5-mood strip per shipped stakeholder (ids are unique across scenarios)."""
    ids = sorted({person.id for ref in shipped_ids() for person in load(ref)[0].stakeholders})
    PORTRAIT_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for person in ids:
        strip = pygame.Surface((CELL * len(MOODS), CELL), pygame.SRCALPHA)
        for mood in range(len(MOODS)):
            strip.blit(draw_portrait(portrait_seed(person), mood, CELL), (mood * CELL, 0))
        paths.append(PORTRAIT_DIR / f"{person}.png")
        pygame.image.save(strip, paths[-1])
    return paths


def write_icons() -> list[Path]:
    """White glyphs on transparent, tinted at load time."""
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in ICON_NAMES:
        paths.append(ICON_DIR / f"{name}.png")
        pygame.image.save(draw_icon(name, ICON_FILE_SIZE, (255, 255, 255)), paths[-1])
    return paths


def silence(seconds: float) -> Wave:
    return np.zeros(round(seconds * RATE))


def note(
    freq: float,
    seconds: float,
    decay: float,
    partials: tuple[tuple[float, float], ...] = ((1, 1.0), (2, 0.3), (3, 0.1)),
    attack: float = 0.006,
) -> Wave:
    """A plucked/bell-like note: harmonics under a short linear attack and exponential decay.

    The last 10 ms fade to zero, so cutting the note off never clicks.
    """
    t = np.arange(round(seconds * RATE)) / RATE
    body = sum(amp * np.sin(2 * np.pi * freq * k * t) for k, amp in partials)
    release = np.minimum((seconds - t) / 0.01, 1.0)
    return np.minimum(t / attack, 1.0) * np.exp(-t / decay) * release * body


def place(track: Wave, sound: Wave, at: float) -> None:
    """Add `sound` into `track` starting at `at` seconds (clipped to the track)."""
    start = round(at * RATE)
    end = min(len(track), start + len(sound))
    track[start:end] += sound[: end - start]


def finish(track: Wave, peak: float = PEAK) -> npt.NDArray[np.int16]:
    """Fade the last 10 ms (no click at the end), normalise to `peak`, convert to 16-bit."""
    fade = min(len(track), round(0.01 * RATE))
    track[-fade:] *= np.linspace(1.0, 0.0, fade)
    track *= peak / np.max(np.abs(track))
    return np.round(track * 32767).astype(np.int16)


def synthesise() -> dict[str, Wave]:
    """Each cue as a float track; notes are equal-tempered pitches."""
    cues: dict[str, Wave] = {}
    bell = ((1, 1.0), (2.0, 0.35), (3.0, 0.12), (4.2, 0.05))
    cues["end_week"] = track = silence(0.6)  # ding-dong: E5 then C5
    place(track, note(659.25, 0.45, 0.16, bell), 0.0)
    place(track, note(523.25, 0.45, 0.2, bell), 0.15)
    cues["signoff"] = track = silence(0.6)  # C5 E5 G5 C6, rising
    for i, freq in enumerate((523.25, 659.25, 783.99, 1046.5)):
        place(track, note(freq, 0.4, 0.12 + 0.04 * i), 0.07 * i)
    cues["rejection"] = track = silence(0.5)  # A3 falling to F3, soft and hollow
    hollow = ((1, 1.0), (3, 0.12), (5, 0.04))
    place(track, note(220.0, 0.3, 0.14, hollow, attack=0.02), 0.0)
    place(track, note(174.61, 0.32, 0.18, hollow, attack=0.02), 0.18)
    cues["escalation"] = escalation()
    cues["click"] = track = silence(0.1)
    place(track, note(1800.0, 0.04, 0.006, ((1, 1.0), (2, 0.3)), attack=0.0005), 0.0)
    return cues


def escalation(seconds: float = 0.5) -> Wave:
    """A muted siren: a D5 whose pitch wobbles ±5% seven times a second, swelling and fading."""
    t = np.arange(round(seconds * RATE)) / RATE
    freq = 587.33 * (1 + 0.05 * np.sin(2 * np.pi * 7 * t))
    phase = 2 * np.pi * np.cumsum(freq) / RATE  # integrate the frequency: no phase jumps
    # Swells in, then dies away: a sustained tone would be the loudest cue by far.
    envelope = np.minimum(t / 0.04, 1.0) * (1 - t / seconds) ** 1.5
    return envelope * (np.sin(phase) + 0.15 * np.sin(2 * phase))


def write_sounds() -> list[Path]:
    """Mono 16-bit 44.1 kHz WAVs; the wave module writes no timestamps, so bytes are stable."""
    SOUND_DIR.mkdir(parents=True, exist_ok=True)
    cues = synthesise()
    paths = []
    for name in SOUND_NAMES:
        paths.append(SOUND_DIR / f"{name}.wav")
        with wave.open(str(paths[-1]), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            # The alarm wobble holds its level longest, so it peaks lower to sound as loud.
            peak = PEAK * 0.75 if name == "escalation" else PEAK
            out.writeframes(finish(cues[name], peak).astype("<i2").tobytes())
    return paths


def main() -> None:
    for path in (*write_portraits(), *write_icons(), *write_sounds()):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
