"""Where things live: the default vault folder and bundled resources.

Resources are found beside the package when run from source, and under sys._MEIPASS
in a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Sijil"


def default_vault_dir() -> Path:
    override = os.environ.get("SIJIL_VAULT")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "vault"


def prefs_file() -> Path:
    """The app's preferences (INI) file, which the GUI writes and a wipe removes."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "sijil.ini"


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
