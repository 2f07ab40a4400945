"""Trusted senders: signing keys a recipient has compared by another channel, under a name.

A valid signature says only that *some* key signed. Once she has compared a dossier's
fingerprint with the one the sender gave her in person or by phone, `sijil verify --trust
NAME FILE` remembers that key, and later dossiers say "signed by NAME" or warn that the key
is new.

Stored as a plain JSON file in the user's config folder (`~/.config/Sijil/trusted-senders.json`
on Linux; $SIJIL_TRUST_FILE overrides), written atomically with mode 0600, not in a journal:
the lawyer or desk officer who verifies usually has no Sijil journal, and it holds only names
she chose and public keys, nothing a journal protects. Anyone who can write to her account
could add a key, but such a person can also replace the program that checks it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from app.core.atomic import private_dir, write_atomic
from app.core.crypto import fingerprint
from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.paths import APP_NAME

FORMAT, VERSION = "sijil-trusted-senders", 1


@dataclass(frozen=True)
class Sender:
    name: str
    public_key: str  # hex
    added: str  # UTC, ISO 8601

    @property
    def fingerprint(self) -> str:
        return fingerprint(bytes.fromhex(self.public_key))


def store_path() -> Path:
    override = os.environ.get("SIJIL_TRUST_FILE")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "trusted-senders.json"


def load(path: Path | None = None) -> list[Sender]:
    path = path or store_path()
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        raise InvalidInput(_("The list of trusted senders ({path}) could not be read. Move it away and add the "
                             "senders again.").format(path=path)) from None
    try:
        if raw["format"] != FORMAT or raw["version"] != VERSION:
            raise ValueError
        return [Sender(str(s["name"]), bytes.fromhex(s["public_key"]).hex(), str(s["added"])) for s in raw["senders"]]
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(_("The list of trusted senders ({path}) is damaged. Move it away and add the senders "
                             "again.").format(path=path)) from None


def find(public_key: bytes, path: Path | None = None) -> Sender | None:
    return next((s for s in load(path) if s.public_key == public_key.hex()), None)


def add(name: str, public_key: bytes, path: Path | None = None) -> tuple[Sender, list[Sender]]:
    """Remember `public_key` as `name`'s; returns the new entry and the keys `name` already had."""
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise InvalidInput(_("Give the sender a name of 1 to 100 characters."))
    path = path or store_path()
    senders = load(path)
    known = next((s for s in senders if s.public_key == public_key.hex()), None)
    if known is not None and known.name != name:
        raise InvalidInput(_("This key is already trusted as {name}. Nothing was changed.").format(name=known.name))
    if known is not None:
        return known, []
    earlier = [s for s in senders if s.name == name]
    sender = Sender(name, public_key.hex(), datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    body = {"format": FORMAT, "version": VERSION,
            "senders": [s.__dict__ for s in senders] + [sender.__dict__]}
    if not path.parent.exists():
        private_dir(path.parent)
    write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    return sender, earlier
