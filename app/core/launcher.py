"""Camouflage in the applications menu: a `.desktop` entry under a neutral name and a stock
icon ("Notes", "Calculator") that starts Sijil, written to the user's own applications folder
(`$XDG_DATA_HOME/applications`, usually ~/.local/share/applications) when she asks for it,
and removed by a wipe. Sijil's packaging installs no launcher of its own under its name.

It changes what the menu shows, nothing more: the entry's command line names the program, and
anyone who looks at the installed files can tell what it is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.core.atomic import write_atomic
from app.core.i18n import _

ENTRY_NAME = "sijil-disguise.desktop"
# The freedesktop stock icons of the disguises.
ICONS = {"notes": "accessories-text-editor", "calculator": "accessories-calculator"}


def supported() -> bool:
    """Launcher entries are a Linux (freedesktop) thing."""
    return sys.platform.startswith("linux")


def disguise_name(disguise: str) -> str:
    """The neutral name in her language; written out so that the catalogues pick both up."""
    return _("Calculator") if disguise == "calculator" else _("Notes")


def entry_path() -> Path:
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "applications" / ENTRY_NAME


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "app"]


def _quoted(arg: str) -> str:
    """Quoting of the desktop entry specification's Exec key."""
    if not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def entry_text(disguise: str) -> str:
    return "\n".join([
        "[Desktop Entry]", "Type=Application", f"Name={disguise_name(disguise)}",
        f"Icon={ICONS.get(disguise, ICONS['notes'])}",
        "Exec=" + " ".join(_quoted(a).replace("%", "%%") for a in _command()),
        "Terminal=false", "Categories=Utility;", "",
    ])


def install(disguise: str) -> Path:
    """Write (or rewrite) the entry for `disguise`; returns its path."""
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, entry_text(disguise).encode("utf-8"))
    return path


def installed() -> bool:
    return entry_path().is_file()


def remove() -> None:
    """Remove the entry, if there is one (a wipe does this too)."""
    entry_path().unlink(missing_ok=True)
