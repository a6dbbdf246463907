"""The shipped art and sound exist, load, and degrade gracefully where they cannot."""

import wave
from pathlib import Path

import pygame
import pytest

from game.ui.art import portraits, sound
from game.ui.art.icons import ICON_DIR, ICON_FILE_SIZE, ICON_NAMES, draw_icon, load_icon
from game.ui.art.portraits import (
    CELL,
    MOODS,
    PORTRAIT_DIR,
    draw_portrait,
    load_portraits,
    portrait_seed,
)
from game.ui.art.sound import SOUND_DIR, SOUND_NAMES, Sounds
from tests.helpers.scenarios import SHIPPED, loaded

STAKEHOLDERS = sorted({p.id for ref in SHIPPED for p in loaded(ref)[0].stakeholders})


def _pixels(surface: pygame.Surface) -> bytes:
    return bytes(pygame.image.tobytes(surface, "RGBA"))


def _opaque_count(surface: pygame.Surface) -> int:
    return sum(1 for alpha in _pixels(surface)[3::4] if alpha > 128)


def test_moods_follow_the_models_order():
    from game.model.observe import MOOD_NAMES

    assert tuple(MOOD_NAMES) == MOODS


@pytest.mark.parametrize("person", STAKEHOLDERS)
def test_every_shipped_stakeholder_has_a_five_mood_strip(person: str):
    strip = pygame.image.load(PORTRAIT_DIR / f"{person}.png")
    assert strip.get_size() == (CELL * len(MOODS), CELL)
    faces = load_portraits(person, 96)
    assert len(faces) == len(MOODS)
    assert all(face.get_size() == (96, 96) for face in faces)


def test_draw_portrait_is_deterministic_and_seeds_differ():
    a, b = draw_portrait(1234, 2, 64), draw_portrait(1234, 2, 64)
    assert _pixels(a) == _pixels(b)
    assert _pixels(a) != _pixels(draw_portrait(4321, 2, 64))


def test_every_mood_looks_different():
    faces = [_pixels(draw_portrait(portrait_seed("dana"), mood, 64)) for mood in range(5)]
    assert len(set(faces)) == len(MOODS)


def test_shipped_faces_are_distinct_people():
    faces = {_pixels(draw_portrait(portrait_seed(p), 2, 48)) for p in STAKEHOLDERS}
    assert len(faces) == len(STAKEHOLDERS)


def test_a_bad_mood_is_refused():
    with pytest.raises(ValueError):
        draw_portrait(1, 5, 32)


def test_portrait_seed_is_stable_across_runs():
    # crc32 is fixed by its definition; a change here would reshuffle every face.
    assert portrait_seed("dana") == 0x1DDE09B8
    assert portrait_seed("dana") != portrait_seed("omar")


def test_an_unknown_stakeholder_gets_a_generated_face():
    person = "somebody-from-a-user-scenario"
    assert not (PORTRAIT_DIR / f"{person}.png").exists()
    faces = load_portraits(person, 80)
    assert len(faces) == len(MOODS)
    assert _pixels(faces[4]) == _pixels(draw_portrait(portrait_seed(person), 4, 80))


def test_a_misshapen_portrait_file_falls_back_to_generation(tmp_path: Path, monkeypatch):
    pygame.image.save(pygame.Surface((10, 10)), tmp_path / "odd.png")
    monkeypatch.setattr(portraits, "PORTRAIT_DIR", tmp_path)
    portraits._portraits.cache_clear()
    try:
        face = load_portraits("odd", 40)[0]
        assert _pixels(face) == _pixels(draw_portrait(portrait_seed("odd"), 0, 40))
    finally:
        portraits._portraits.cache_clear()


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_icon_ships_and_loads(name: str):
    shipped = pygame.image.load(ICON_DIR / f"{name}.png")
    assert shipped.get_size() == (ICON_FILE_SIZE, ICON_FILE_SIZE)
    icon = load_icon(name, 32, (232, 230, 227))
    assert icon.get_size() == (32, 32)
    assert 20 < _opaque_count(icon) < 32 * 32
    assert _opaque_count(draw_icon(name, 32, (255, 0, 0))) > 20


def test_icons_take_the_requested_colour():
    icon = load_icon("check", 32, (200, 40, 10))
    data = _pixels(icon)
    solid = [data[i : i + 3] for i in range(0, len(data), 4) if data[i + 3] == 255]
    assert solid and all(px == bytes((200, 40, 10)) for px in solid)


def test_an_unknown_icon_is_refused():
    with pytest.raises(ValueError):
        load_icon("unicorn", 32, (255, 255, 255))
    with pytest.raises(ValueError):
        draw_icon("unicorn", 32, (255, 255, 255))


class _Recorder:
    def __init__(self) -> None:
        self.plays = 0

    def play(self) -> None:
        self.plays += 1


def test_sounds_are_silent_without_a_mixer(monkeypatch):
    def no_device(*args: object, **kwargs: object) -> None:
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds()
    assert not sounds.available
    for name in SOUND_NAMES:
        sounds.play(name)  # a no-op, not an error


def test_disabled_sounds_never_open_the_mixer(monkeypatch):
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("mixer opened")

    monkeypatch.setattr(pygame.mixer, "init", must_not_run)
    assert not Sounds(enabled=False).available


def test_muted_sounds_do_not_play():
    sounds = Sounds()
    recorder = _Recorder()
    sounds._cues["click"] = recorder
    sounds.muted = True
    sounds.play("click")
    assert recorder.plays == 0 and sounds.muted
    sounds.muted = False
    sounds.play("click")
    assert recorder.plays == 1


def test_a_missing_sound_file_is_silent(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sound, "SOUND_DIR", tmp_path)
    # The dummy audio driver gives a mixer; without one this test would prove nothing.
    sounds = Sounds()
    if not sounds.available:
        pytest.skip("no mixer, not even SDL's dummy one")
    assert not any(sounds._cues.values()), "a cue loaded from an empty folder"
    for name in SOUND_NAMES:
        sounds.play(name)  # silent, not an error


def test_an_unknown_sound_is_refused():
    with pytest.raises(ValueError):
        Sounds().play("fanfare")
    with pytest.raises(ValueError):
        Sounds(enabled=False).play("fanfare")


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_the_wav_files_are_short_soft_cues(name: str):
    with wave.open(str(SOUND_DIR / f"{name}.wav"), "rb") as cue:
        assert (cue.getnchannels(), cue.getsampwidth(), cue.getframerate()) == (1, 2, 44100)
        seconds = cue.getnframes() / cue.getframerate()
        frames = cue.readframes(cue.getnframes())
    assert 0.05 <= seconds <= 1.0
    samples = memoryview(frames).cast("h")
    assert 0.1 * 32767 < max(abs(s) for s in samples) <= 0.35 * 32767
