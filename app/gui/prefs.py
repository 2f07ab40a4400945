"""App-level preferences in an INI file (QSettings, never pickled).

Only choices that reveal nothing about the journal live here: language, auto-lock delay,
discreet mode, camouflage, and the columns she hid or showed (by table and column number, never
a heading or a cell). Everything about the journal is stored inside the encrypted journal.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from app.core.paths import APP_NAME

DEFAULT_AUTOLOCK_MINUTES = 5


def default_prefs_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "sijil.ini"


class Prefs:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_prefs_path()
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default, kind):
        value = self._s.value(key, default)
        try:
            return kind(value) if kind is not bool else str(value).lower() in ("1", "true", "yes")
        except (TypeError, ValueError):
            return default

    @property
    def language(self) -> str:
        return self._get("language", "", str)

    @language.setter
    def language(self, code: str) -> None:
        self._s.setValue("language", code)

    @property
    def autolock_minutes(self) -> int:
        """Minutes of inactivity before locking; 0 means never."""
        return max(0, self._get("autolock_minutes", DEFAULT_AUTOLOCK_MINUTES, int))

    @autolock_minutes.setter
    def autolock_minutes(self, minutes: int) -> None:
        self._s.setValue("autolock_minutes", int(minutes))

    @property
    def discreet(self) -> bool:
        return self._get("discreet", False, bool)

    @discreet.setter
    def discreet(self, on: bool) -> None:
        self._s.setValue("discreet", bool(on))

    @property
    def disguise(self) -> str:
        """The neutral name and icon of discreet mode and camouflage: "notes" or "calculator"."""
        value = self._get("disguise", "notes", str)
        return value if value in ("notes", "calculator") else "notes"

    @disguise.setter
    def disguise(self, value: str) -> None:
        self._s.setValue("disguise", value)

    @property
    def cover(self) -> bool:
        """Start on a working calculator; her code followed by "=" shows the unlock screen."""
        return self._get("cover", False, bool) and bool(self._get("cover_code", "", str))

    @cover.setter
    def cover(self, on: bool) -> None:
        self._s.setValue("cover", bool(on))

    def set_cover_code(self, code: str) -> None:
        # Kept as a salted hash so the file does not show it at a glance. It is no secret from
        # someone who reads this file and tries every short code: the passphrase is the lock.
        salt = os.urandom(16)
        self._s.setValue("cover_code", salt.hex() + ":" + hashlib.sha256(salt + code.encode()).hexdigest())

    def cover_code_matches(self, code: str) -> bool:
        salt, _sep, digest = self._get("cover_code", "", str).partition(":")
        try:
            expected = hashlib.sha256(bytes.fromhex(salt) + code.encode()).hexdigest()
        except ValueError:
            return False
        return bool(digest) and hmac.compare_digest(expected, digest)

    def column_choices(self, table: str, columns: int) -> dict[int, bool]:
        """The columns of `table` she showed (True) or hid (False), by number, if the table still
        has as many `columns` as when she chose (else the numbers may name other columns now);
        anything unreadable is left out."""
        count, _sep, stored = self._get(f"columns/{table}", "", str).partition(":")
        if count != str(columns):
            return {}
        choices = {}
        for part in stored.split():
            sign, number = part[:1], part[1:]
            if sign in ("+", "-") and number.isascii() and number.isdigit():
                choices[int(number)] = sign == "+"
        return choices

    def set_column_choices(self, table: str, columns: int, choices: dict[int, bool]) -> None:
        # "8: -2 +7"; spaces, not commas: QSettings would read "-2,+7" back as a list
        self._s.setValue(f"columns/{table}", f"{columns}: " + " ".join(
            f"{'+' if shown else '-'}{column}" for column, shown in sorted(choices.items())))
        self._s.sync()

    def sync(self) -> None:
        self._s.sync()
