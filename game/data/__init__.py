"""Where the game's shipped files are: scenarios, art, sounds, the UI theme and the schema.

They are package data, so an installed copy (a wheel, not only a checkout) finds them, and
every reader asks here instead of walking up from its own file. A checkout's top-level
`scenarios/` and `assets/` folders and `docs/scenario.schema.json` are links to these.

This module imports nothing of the game, so every layer may use it.
"""

from importlib.resources import files
from pathlib import Path


def _root() -> Path:
    root = files(__name__)
    # pygame, glob and the scenario reader need real files: a zipped install has none.
    if not isinstance(root, Path):
        raise RuntimeError(f"Odd Duck must be installed as files on disk, not zipped ({root})")
    return root


DATA_DIR = _root()
SCENARIO_DIR = DATA_DIR / "scenarios"
SCHEMA_FILE = DATA_DIR / "scenario.schema.json"
ASSET_DIR = DATA_DIR / "assets"
THEME_FILE = ASSET_DIR / "theme.json"
PORTRAIT_DIR = ASSET_DIR / "portraits"
ICON_DIR = ASSET_DIR / "icons"
SOUND_DIR = ASSET_DIR / "sounds"
