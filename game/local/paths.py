"""Where the game keeps the player's files: the autosave, settings and their own scenarios."""

import os
import sys
from pathlib import Path

APP_DIR = "odd-duck"


def data_dir() -> Path:
    """The user's data folder for Odd Duck (not created here).

    `ODD_DUCK_HOME` overrides it, so tests and workshops can keep rounds apart;
    otherwise the platform's convention: %APPDATA% on Windows, ~/Library/Application
    Support on macOS, $XDG_DATA_HOME (or ~/.local/share) elsewhere.
    """
    override = os.environ.get("ODD_DUCK_HOME")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR


def autosave_path() -> Path:
    """The save written after every turn; Continue and `play --resume` read it."""
    return data_dir() / "autosave.json"


def settings_path() -> Path:
    return data_dir() / "settings.json"


def user_scenario_dir() -> Path:
    """Scenarios the player or facilitator dropped here appear on the title screen."""
    return data_dir() / "scenarios"


def export_dir() -> Path:
    return data_dir() / "exports"


def live_dir() -> Path:
    """The live workshop this laptop joined: the team's token and the host's scenario."""
    return data_dir() / "live"
