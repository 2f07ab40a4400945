"""The vault header (sijil-vault.json): KDF parameters, salt and the key slots.

Version 2 (written since duress passphrases exist) holds exactly `keyslots.SLOTS` slots and
the unlock guard, all of fixed size, whatever is configured (see keyslots.py). Version 1 (one
wrapped master key, one store) is still read; the next unlock by passphrase rewrites it as
version 2, because only then is the key-encryption key at hand to seal a slot.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from app.core import crypto, keyslots
from app.core.errors import IntegrityError, VaultNotFound, WrongPassphrase
from app.core.i18n import _

HEADER_NAME = "sijil-vault.json"
FORMAT = "sijil-vault"
FORMAT_VERSION = 2
MAX_HEADER_BYTES = 1 << 16
_VAULT_ID = re.compile(r"\A[0-9a-f]{32}\Z")
_WRAPPED_BYTES = 24 + crypto.KEY_BYTES + 16  # version 1: nonce, master key, Poly1305 tag


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text, validate=True)


def _checksum(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def damaged_header() -> IntegrityError:
    return IntegrityError(
        _("The journal's header file is damaged, so the journal cannot be opened. Restore it from a backup."))


def _edited_header() -> IntegrityError:
    return IntegrityError(_("The journal's header file was changed (its identity or settings), so the "
                            "journal cannot be opened. Restore the header from a backup."))


@dataclass(frozen=True)
class Header:
    vault_id: str
    kdf: crypto.KdfParams
    wrapped_key: bytes = b""  # version 1 only
    kek_check: bytes = b""  # version 1 only; absent in headers written before it existed
    slots: tuple[bytes, ...] = ()  # version 2: always keyslots.SLOTS of them
    guard: bytes = b""  # version 2: the sealed failed-unlock counter

    @property
    def version(self) -> int:
        return 2 if self.slots else 1

    def associated_data(self) -> bytes:
        base = self.kdf.associated_data() + b"|" + self.vault_id.encode("ascii")
        return base + b"|v2" if self.slots else base

    def _body(self) -> dict:
        body = {
            "format": FORMAT,
            "version": self.version,
            "vault_id": self.vault_id,
            "kdf": {"algorithm": "argon2id13", "opslimit": self.kdf.opslimit,
                    "memlimit": self.kdf.memlimit, "salt": _b64(self.kdf.salt)},
        }
        if self.slots:
            return body | {"slots": [_b64(s) for s in self.slots], "guard": _b64(self.guard)}
        return body | {"wrapped_key": _b64(self.wrapped_key)} | (
            {"kek_check": _b64(self.kek_check)} if self.kek_check else {})

    def to_bytes(self) -> bytes:
        body = self._body()
        body["checksum"] = _checksum(body)
        return json.dumps(body, indent=2).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes) -> Header:
        broken = damaged_header()
        try:
            body = json.loads(raw)
            checksum = body.pop("checksum")
            if body.get("format") != FORMAT or checksum != _checksum(body):
                raise broken
            if body["version"] not in (1, FORMAT_VERSION):
                raise IntegrityError(_("This journal was made by a newer version of Sijil. Update Sijil to open it."))
            kdf = body["kdf"]
            params = crypto.KdfParams(kdf["opslimit"], kdf["memlimit"], _unb64(kdf["salt"]))
            if body["version"] == 1:
                header = cls(body["vault_id"], params, wrapped_key=_unb64(body["wrapped_key"]),
                             kek_check=_unb64(body.get("kek_check", "")))
                sound = len(header.wrapped_key) == _WRAPPED_BYTES and len(header.kek_check) in (0, 16)
            else:
                header = cls(body["vault_id"], params, slots=tuple(_unb64(s) for s in body["slots"]),
                             guard=_unb64(body["guard"]))
                sound = (len(header.slots) == keyslots.SLOTS and len(header.guard) == keyslots.GUARD_BYTES
                         and all(len(s) == keyslots.SLOT_BYTES for s in header.slots))
            # Only a header this program could have written: anything else is damage (or a
            # forged cost meant to hang unlock), never a reason to run the KDF.
            if (kdf["algorithm"] != "argon2id13" or not isinstance(header.vault_id, str)
                    or not _VAULT_ID.match(header.vault_id)
                    or type(header.kdf.opslimit) is not int or type(header.kdf.memlimit) is not int
                    or not header.kdf.is_known() or not sound):
                raise broken
            return header
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise broken from None

    # Opening --------------------------------------------------------------------------------

    def open_with_kek(self, kek: bytes) -> keyslots.Opened:
        """What this KEK opens; WrongPassphrase if nothing, IntegrityError if the KEK is right
        but the header around it was edited."""
        if not self.slots:
            master = crypto.unwrap_key(kek, self.wrapped_key, self.associated_data())
            if master is not None:
                return keyslots.Opened(master, 0, 0, keyslots.MAIN)
            if self.kek_check and hmac.compare_digest(crypto.kek_check(kek), self.kek_check):
                raise _edited_header()
            raise WrongPassphrase()
        opened, checked = keyslots.open_slots(kek, self.associated_data(), self.slots)
        if opened is None:
            raise _edited_header() if checked else WrongPassphrase()
        return opened

    def open(self, passphrase: str) -> tuple[keyslots.Opened, bytes]:
        """(what the passphrase opens, its KEK). Slow: one Argon2id run."""
        kek = crypto.derive_kek(passphrase, self.kdf)
        return self.open_with_kek(kek), kek

    def unwrap(self, passphrase: str) -> bytes:
        """The master key the passphrase opens (of whichever store): to confirm a passphrase."""
        return self.open(passphrase)[0].master

    # Version 2 edits ------------------------------------------------------------------------

    def guard_state(self) -> tuple[int, int]:
        """(wipe-after-failed threshold, failed unlocks in a row); (0, 0) for a version-1 header."""
        return keyslots.open_guard(self.vault_id, self.guard) if self.guard else (0, 0)

    def with_guard(self, threshold: int, failures: int) -> Header:
        return replace(self, guard=keyslots.seal_guard(self.vault_id, threshold, failures))

    def with_slot(self, index: int, slot: bytes) -> Header:
        slots = list(self.slots)
        slots[index] = slot
        return replace(self, slots=tuple(slots))

    def sealed_slot(self, kek: bytes, master: bytes, store: int, role: int, destroy_others: bool = False) -> bytes:
        return keyslots.seal_slot(kek, self.associated_data(), master, store, role, destroy_others)


def new_header(vault_id: str, kdf: crypto.KdfParams, kek: bytes, master: bytes, store: int = 0,
               threshold: int = 0) -> tuple[Header, int]:
    """A version-2 header with one main slot (at a random position) and random bytes in the
    others; returns it with the main slot's index."""
    slot = secrets.randbelow(keyslots.SLOTS)
    empty = Header(vault_id, kdf, slots=tuple(keyslots.random_slot() for _ in range(keyslots.SLOTS)))
    header = empty.with_slot(slot, empty.sealed_slot(kek, master, store, keyslots.MAIN)).with_guard(threshold, 0)
    return header, slot


def exists(path: Path) -> bool:
    return (path / HEADER_NAME).is_file()


def read_header(path: Path) -> Header:
    try:
        with open(path / HEADER_NAME, "rb") as fh:
            raw = fh.read(MAX_HEADER_BYTES + 1)
    except FileNotFoundError:
        raise VaultNotFound() from None
    if len(raw) > MAX_HEADER_BYTES:
        raise damaged_header()
    return Header.from_bytes(raw)
