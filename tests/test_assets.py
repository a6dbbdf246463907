"""The committed art and sounds are what `tools/make_assets.py` draws today.

The tool writes into the shipped folders; here its output folders are pointed at a
temporary one, so the check never touches the checkout. Images are compared by their
decoded pixels (a PNG encoder may order bytes differently and draw the same picture),
sounds by their samples.
"""

import importlib.util
import wave
from pathlib import Path
from types import ModuleType

import pygame
import pytest

from game import data

TOOL = Path(__file__).resolve().parents[1] / "tools" / "make_assets.py"
FOLDERS = {"PORTRAIT_DIR": "portraits", "ICON_DIR": "icons", "SOUND_DIR": "sounds"}
REGENERATE = "regenerate them with `python tools/make_assets.py` and commit the result"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_assets", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of every asset the tool makes, in a temporary folder."""
    out = tmp_path_factory.mktemp("assets")
    tool = _tool()
    with pytest.MonkeyPatch.context() as patch:
        for name, folder in FOLDERS.items():
            patch.setattr(tool, name, out / folder)
        tool.write_portraits()
        tool.write_icons()
        tool.write_sounds()
    return out


def _files(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for folder in FOLDERS.values()
        for path in (root / folder).glob("*")
        if path.is_file()
    }


def test_the_tool_draws_exactly_the_committed_files(drawn: Path) -> None:
    committed, fresh = _files(data.ASSET_DIR), _files(drawn)
    assert fresh, "the tool wrote nothing"
    assert committed - fresh == set(), f"committed but no longer drawn: {REGENERATE}"
    assert fresh - committed == set(), f"drawn but not committed: {REGENERATE}"


def _pixels(path: Path) -> tuple[tuple[int, int], bytes]:
    image = pygame.image.load(path)
    return image.get_size(), pygame.image.tobytes(image, "RGBA")


def _samples(path: Path) -> tuple[tuple[int, int, int], bytes]:
    with wave.open(str(path), "rb") as cue:
        shape = (cue.getnchannels(), cue.getsampwidth(), cue.getframerate())
        return shape, cue.readframes(cue.getnframes())


@pytest.mark.parametrize("folder", sorted(FOLDERS.values()))
def test_each_committed_asset_equals_the_drawn_one(drawn: Path, folder: str) -> None:
    changed = []
    for fresh in sorted((drawn / folder).glob("*")):
        committed = data.ASSET_DIR / folder / fresh.name
        if not committed.exists():
            continue  # reported by the test above
        read = _samples if fresh.suffix == ".wav" else _pixels
        if read(fresh) != read(committed):
            changed.append(fresh.name)
    assert changed == [], f"{folder}: {', '.join(changed)} differ from the tool's: {REGENERATE}"
