"""The vault: one folder holding a small header, the SQLCipher database and the blob store.

    <vault>/sijil-vault.json   KDF parameters, salt, wrapped master key, checksum (0600)
    <vault>/journal.db         SQLCipher database (+ -wal / -shm while open)
    <vault>/blobs/<random>     secretstream-encrypted evidence and thumbnails

The passphrase never touches the database or blobs directly: it unwraps the master key,
from which every other key is derived (see crypto.py). A wrong passphrase is detected by
the AEAD unwrap, before the database is read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import nacl.signing

from app.core import crypto, db
from app.core.atomic import private_dir, write_atomic
from app.core.blobstore import BlobStore
from app.core.errors import (
    IntegrityError,
    InvalidInput,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
)
from app.core.i18n import _
from app.core.journal import Journal
from app.core.timestamps import hide_vault_times

log = logging.getLogger(__name__)

HEADER_NAME = "sijil-vault.json"
DB_NAME = "journal.db"
BLOBS_NAME = "blobs"
FORMAT = "sijil-vault"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 1 << 16
_VAULT_ID = re.compile(r"\A[0-9a-f]{32}\Z")
_WRAPPED_BYTES = 24 + crypto.KEY_BYTES + 16  # nonce, master key, Poly1305 tag


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class Header:
    vault_id: str
    kdf: crypto.KdfParams
    wrapped_key: bytes
    kek_check: bytes = b""  # absent in headers written before it existed

    def associated_data(self) -> bytes:
        return self.kdf.associated_data() + b"|" + self.vault_id.encode("ascii")

    def _body(self) -> dict:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "kdf": {"algorithm": "argon2id13", "opslimit": self.kdf.opslimit,
                    "memlimit": self.kdf.memlimit, "salt": _b64(self.kdf.salt)},
            "wrapped_key": _b64(self.wrapped_key),
        } | ({"kek_check": _b64(self.kek_check)} if self.kek_check else {})

    def to_bytes(self) -> bytes:
        body = self._body()
        body["checksum"] = _checksum(body)
        return json.dumps(body, indent=2).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes) -> Header:
        broken = _damaged_header()
        try:
            body = json.loads(raw)
            checksum = body.pop("checksum")
            if body.get("format") != FORMAT or checksum != _checksum(body):
                raise broken
            if body["version"] != FORMAT_VERSION:
                raise IntegrityError(_("This journal was made by a newer version of Sijil. Update Sijil to open it."))
            kdf = body["kdf"]
            header = cls(
                vault_id=body["vault_id"],
                kdf=crypto.KdfParams(kdf["opslimit"], kdf["memlimit"], _unb64(kdf["salt"])),
                wrapped_key=_unb64(body["wrapped_key"]),
                kek_check=_unb64(body.get("kek_check", "")),
            )
            # Only a header this program could have written: anything else is damage (or a
            # forged cost meant to hang unlock), never a reason to run the KDF.
            if (kdf["algorithm"] != "argon2id13" or not isinstance(header.vault_id, str)
                    or not _VAULT_ID.match(header.vault_id)
                    or type(header.kdf.opslimit) is not int or type(header.kdf.memlimit) is not int
                    or not header.kdf.is_known() or len(header.wrapped_key) != _WRAPPED_BYTES
                    or len(header.kek_check) not in (0, 16)):
                raise broken
            return header
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise broken from None

    def unwrap(self, passphrase: str) -> bytes:
        kek = crypto.derive_kek(passphrase, self.kdf)
        master = crypto.unwrap_key(kek, self.wrapped_key, self.associated_data())
        if master is None:
            if self.kek_check and hmac.compare_digest(crypto.kek_check(kek), self.kek_check):
                raise IntegrityError(_("The journal's header file was changed (its identity or settings), so the "
                                       "journal cannot be opened. Restore the header from a backup."))
            raise WrongPassphrase()
        return master


def _damaged_header() -> IntegrityError:
    return IntegrityError(
        _("The journal's header file is damaged, so the journal cannot be opened. Restore it from a backup."))


def _checksum(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def _unb64(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text, validate=True)


def _wrap(master: bytes, passphrase: str, strength: str, vault_id: str) -> Header:
    kdf = crypto.KdfParams.new(strength)
    kek = crypto.derive_kek(passphrase, kdf)
    probe = Header(vault_id, kdf, b"")
    return Header(vault_id, kdf, crypto.wrap_key(kek, master, probe.associated_data()), crypto.kek_check(kek))


def exists(path: Path) -> bool:
    return (path / HEADER_NAME).is_file()


def read_header(path: Path) -> Header:
    try:
        with open(path / HEADER_NAME, "rb") as fh:
            raw = fh.read(MAX_HEADER_BYTES + 1)
    except FileNotFoundError:
        raise VaultNotFound() from None
    if len(raw) > MAX_HEADER_BYTES:
        raise _damaged_header()
    return Header.from_bytes(raw)


class Vault:
    """An unlocked vault. `lock()` drops every key; a locked vault refuses all access."""

    def __init__(self, path: Path, header: Header, master: bytes, new: bool = False) -> None:
        self.path = path
        self.header = header
        self._guard = threading.RLock()
        self._master: bytes | None = master
        self._conn = db.open_database(path / DB_NAME, crypto.subkey(master, b"sijil-db"), create=new)
        self._journal: Journal | None = Journal(self._conn)
        self._blobs: BlobStore | None = BlobStore(path / BLOBS_NAME, crypto.subkey(master, b"sijil-blobs"))
        self._blobs.sweep_temp()
        if not new:
            for leftover in path.glob(f".{HEADER_NAME}.*.tmp"):  # a passphrase change cut short
                leftover.unlink(missing_ok=True)
            # Blobs no row refers to come from an import interrupted before its commit.
            self._blobs.delete(self._blobs.names() - self._journal.evidence.all_blob_names())

    # Opening --------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, strength: str = "normal") -> Vault:
        """Create a new, empty vault. Refuses to touch a folder that already holds one."""
        path = Path(path)
        if exists(path) or (path / DB_NAME).exists():
            raise VaultExists()
        if not passphrase:
            raise InvalidInput(_("Choose a passphrase: the journal cannot be created without one."))
        private_dir(path)
        master = crypto.new_master_key()
        header = _wrap(master, passphrase, strength, crypto.random_name())
        vault = cls(path, header, master, new=True)  # database first: a crash leaves no header without it
        write_atomic(path / HEADER_NAME, header.to_bytes())
        with vault.journal.write("vault.create"):
            pass
        return vault

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        path = Path(path)
        header = read_header(path)
        return cls(path, header, header.unwrap(passphrase))

    @classmethod
    def unlock_with_master(cls, path: Path, master: bytes) -> Vault:
        """Open with a master key kept by the OS keyring ("remember on this device")."""
        path = Path(path)
        header = read_header(path)
        if len(master) != crypto.KEY_BYTES:
            raise WrongPassphrase()
        return cls(path, header, master)

    # Access ---------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._master is None

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            raise VaultLocked()
        return self._journal

    @property
    def blobs(self) -> BlobStore:
        if self._blobs is None:
            raise VaultLocked()
        return self._blobs

    def master_key(self) -> bytes:
        if self._master is None:
            raise VaultLocked()
        return self._master

    def derived_key(self, purpose: bytes) -> bytes:
        return crypto.subkey(self.master_key(), purpose)

    def signing_key(self) -> nacl.signing.SigningKey:
        return crypto.signing_key(self.master_key())

    # Changing and closing -------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, strength: str | None = None) -> None:
        """Re-wrap the master key under a new passphrase. One atomic header replace: a crash
        leaves the old header (old passphrase works) or the new one (new passphrase works)."""
        with self._guard:
            if not new_passphrase:
                raise InvalidInput(_("The new passphrase cannot be empty."))
            header = _wrap(self.master_key(), new_passphrase, strength or self.header.kdf.strength,
                           self.header.vault_id)
            write_atomic(self.path / HEADER_NAME, header.to_bytes())
            self.header = header
            with self.journal.write("vault.passphrase_change"):
                pass

    def lock(self) -> None:
        """Checkpoint and close the database and forget every key. Safe to call twice."""
        with self._guard:
            if self._master is None:
                return
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self._conn.close()
                self._journal = None
                self._blobs = None
                self._master = None
                hide_vault_times(self.path / HEADER_NAME, [self.path / DB_NAME], self.path / BLOBS_NAME)
                log.info("vault locked")

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()
