"""The vault: one folder holding a small header, the SQLCipher database and the blob store.

    <vault>/sijil-vault.json   KDF parameters, salt, wrapped master key, checksum (0600)
    <vault>/journal.db         SQLCipher database (+ -wal / -shm while open)
    <vault>/journal.state      the database's last committed state, sealed (see db_state.py)
    <vault>/blobs/<random>     secretstream-encrypted evidence and thumbnails
    <vault>/.sijil.lock        held by the one process that has the journal open

The passphrase never touches the database or blobs directly: it unwraps the master key.
The database key and the signing keys derive from the master key; the blob-store keys (one
generation per passphrase) and the state key are random and kept inside the database, so a
passphrase change (a new master key) re-encrypts the database only, not gigabytes of evidence. A wrong passphrase
is detected by the AEAD unwrap, before the database is read.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nacl.signing

from app.core import crypto, db
from app.core.atomic import fsync_dir, private_dir, write_atomic
from app.core.blobstore import BlobStore
from app.core.db_state import STATE_NAME, StateSeal, install_triggers
from app.core.errors import (
    Cancelled,
    IntegrityError,
    InvalidInput,
    ReadOnlyJournal,
    RollbackDetected,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
)
from app.core.folder_lock import LOCK_NAME, FolderLock
from app.core.i18n import _
from app.core.journal import Journal
from app.core.timestamps import hide_vault_times

log = logging.getLogger(__name__)

HEADER_NAME = "sijil-vault.json"
DB_NAME = "journal.db"
BLOBS_NAME = "blobs"
REKEY_NAME = DB_NAME + ".rekey"  # the complete database under the new key, until the switch completes
PART_NAME = REKEY_NAME + ".part"  # the same while it is being written: never used, only removed
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


def _db_key(master: bytes) -> bytes:
    return crypto.subkey(master, b"sijil-db")


def _discard_rekey(path: Path) -> None:
    for base in (REKEY_NAME, PART_NAME):
        for suffix in ("", "-journal", "-wal", "-shm"):
            (path / (base + suffix)).unlink(missing_ok=True)


def _finish_rekey(path: Path, db_key: bytes) -> None:
    """Complete or undo a passphrase change cut short. The header decides: if its key opens
    the re-keyed copy, the header was switched and the copy becomes the database; if not, the
    switch never happened and the copy is dropped."""
    pending = path / REKEY_NAME
    if not pending.exists():
        _discard_rekey(path)  # at most a copy cut short while being written
        return
    if db.opens_with(pending, db_key):
        # The old file's WAL was checkpointed empty before the copy; it must not meet the new file.
        for suffix in ("-wal", "-shm"):
            (path / (DB_NAME + suffix)).unlink(missing_ok=True)
        os.replace(pending, path / DB_NAME)
        fsync_dir(path)
        log.info("passphrase change completed at open")
    else:
        _discard_rekey(path)


def _blob_keys(keys: dict[str, bytes]) -> dict[int, bytes]:
    """vault_keys rows 'blobs' (generation 0) and 'blobs:N' -> {generation: key}."""
    return {int(purpose.partition(":")[2] or 0): bytes(key)
            for purpose, key in keys.items() if purpose.partition(":")[0] == "blobs"}


class Vault:
    """An unlocked vault. `lock()` drops every key; a locked vault refuses all access.

    Holds the journal folder's lock from open to lock, so no other process reads, writes or
    sweeps it meanwhile. `read_only` opens a journal that failed its state check, so what is
    there can be read and exported; `integrity_warning` then says what was wrong."""

    def __init__(self, path: Path, header: Header, master: bytes, new: bool = False, *,
                 lock: FolderLock | None = None, read_only: bool = False, adopt_state: bool = False) -> None:
        self.path = path
        self.header = header
        self.read_only = read_only
        self.integrity_warning: str | None = None
        self._guard = threading.RLock()
        self._folder_lock = lock or FolderLock.acquire(path)
        try:
            if not new:
                _finish_rekey(path, _db_key(master))
                for name in (HEADER_NAME, STATE_NAME):  # a header or state write cut short
                    for leftover in path.glob(f".{name}.*.tmp"):
                        leftover.unlink(missing_ok=True)
            self._attach(master, new, adopt_state)
        except BaseException:
            self._folder_lock.release()
            raise

    def _attach(self, master: bytes, new: bool = False, adopt_state: bool = False) -> None:
        """Open the database under `master`, check its state, then migrate it, set up the blobs."""
        conn = db.open_database(self.path / DB_NAME, _db_key(master), create=new, migrate_schema=False)
        try:
            journal = Journal(conn, read_only=self.read_only)
            sealed = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'vault_state'").fetchone())
            keys = dict(conn.execute("SELECT purpose, key FROM vault_keys")) if sealed else {}
            state_key = keys.get("state") or crypto.new_master_key()
            seal = StateSeal(self.path, conn, state_key, self.header.vault_id)
            if adopt_state and sealed:
                seal.adopt()
            # Checked before any migration changes the tables the sums describe.
            if new:
                problem = None
            elif sealed:
                problem = seal.problem(key_was_stored="state" in keys)
            else:
                problem = seal.problem_without_state()
            if problem and not self.read_only:
                raise RollbackDetected(problem)
            self.integrity_warning = problem
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            db.migrate(conn)
            migrated = conn.execute("PRAGMA user_version").fetchone()[0] != version
            install_triggers(conn)
            missing = {}
            if "blobs" not in keys:  # blobs written before the key moved here used the derived key
                missing["blobs"] = crypto.new_master_key() if new else crypto.subkey(master, b"sijil-blobs")
            if "state" not in keys:
                missing["state"] = state_key
            if not self.read_only:
                journal.seal = seal
                if missing or migrated:
                    with journal.write("vault.create" if new else "vault.upgrade"):
                        conn.executemany("INSERT OR REPLACE INTO vault_keys (purpose, key) VALUES (?, ?)",
                                         missing.items())
                        seal.rebuild()
                else:
                    seal.flush()  # one commit ahead after a crash: catch the file up
            blobs = BlobStore(self.path / BLOBS_NAME, _blob_keys({**keys, **missing}))
            if not self.read_only:
                # Safe under the folder lock: a temp file here belongs to a process that died.
                blobs.sweep_temp()
        except BaseException:
            conn.close()
            raise
        self._master: bytes | None = master
        self._conn = conn
        self._journal: Journal | None = journal
        self._blobs: BlobStore | None = blobs
        self._seal = seal

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
        lock = FolderLock.acquire(path)
        master = crypto.new_master_key()
        header = _wrap(master, passphrase, strength, crypto.random_name())
        vault = cls(path, header, master, new=True, lock=lock)  # database first: no header without it
        write_atomic(path / HEADER_NAME, header.to_bytes())
        return vault

    @classmethod
    def unlock(cls, path: Path, passphrase: str, read_only: bool = False) -> Vault:
        path = Path(path)
        header = read_header(path)
        lock = FolderLock.acquire(path)  # before the slow KDF: "open elsewhere" comes at once
        try:
            master = header.unwrap(passphrase)
        except BaseException:
            lock.release()
            raise
        return cls(path, header, master, lock=lock, read_only=read_only)

    @classmethod
    def unlock_with_master(cls, path: Path, master: bytes, read_only: bool = False) -> Vault:
        """Open with a master key kept by the OS keyring ("remember on this device")."""
        path = Path(path)
        header = read_header(path)
        if len(master) != crypto.KEY_BYTES:
            raise WrongPassphrase()
        return cls(path, header, master, read_only=read_only)

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

    def change_passphrase(self, new_passphrase: str, strength: str | None = None,
                          progress: Callable[[int, int], None] | None = None) -> None:
        """Put a new master key in force under a new passphrase.

        The database is copied under the new key (journal.db.rekey, fsynced), then the header
        is replaced atomically: that rename is the switch. Before it the old passphrase opens
        the old, complete database; after it the new passphrase opens the copy, which the next
        open moves into place if a crash came first. Signing and backup keys derive from the
        master key and so change too. Evidence is not rewritten: its keys live in the database,
        and a new blob-key generation (for evidence added from now on) is added after the switch.
        `progress(done, total)` may raise Cancelled until the switch; nothing changes then."""
        with self._guard:
            if self.read_only:
                raise ReadOnlyJournal()
            if not new_passphrase:
                raise InvalidInput(_("The new passphrase cannot be empty."))
            step = progress or (lambda done, total: None)
            step(0, 4)
            master = crypto.new_master_key()
            header = _wrap(master, new_passphrase, strength or self.header.kdf.strength, self.header.vault_id)
            step(1, 4)
            key = _db_key(master)
            try:
                db.export_rekeyed(self.journal.conn, self.path / PART_NAME, key)
                step(2, 4)
                if not db.opens_with(self.path / PART_NAME, key):
                    raise IntegrityError(_("The re-encrypted copy of the journal could not be read back, so "
                                           "the passphrase was not changed."))
                os.replace(self.path / PART_NAME, self.path / REKEY_NAME)  # complete: only now usable
                fsync_dir(self.path)
                step(3, 4)  # the last moment to cancel
            except BaseException:
                _discard_rekey(self.path)
                raise
            old_master = self.master_key()
            self._close_database()
            try:
                write_atomic(self.path / HEADER_NAME, header.to_bytes())
            except BaseException:
                _discard_rekey(self.path)
                self._attach(old_master)
                raise
            _finish_rekey(self.path, key)
            self.header = header
            self._attach(master)
            # New evidence gets a new blob key, stored only under the new master key.
            generation = max(_blob_keys(dict(self._conn.execute("SELECT purpose, key FROM vault_keys")))) + 1
            with self.journal.write("vault.passphrase_change"):
                self._conn.execute("INSERT INTO vault_keys (purpose, key) VALUES (?, ?)",
                                   (f"blobs:{generation}", crypto.new_master_key()))
            self._blobs = BlobStore(self.path / BLOBS_NAME, _blob_keys(
                dict(self._conn.execute("SELECT purpose, key FROM vault_keys"))))
            with contextlib.suppress(Cancelled):  # too late to cancel: the new passphrase is in force
                step(4, 4)

    def _close_database(self) -> None:
        try:
            if not self.read_only and not self._seal.consistent():
                # Some write bypassed the triggers (a bug, not an attack: nobody else has the file
                # open). Seal what is there now rather than raise a false alarm at the next open.
                log.warning("journal state resealed at lock")
                with self.journal.write("vault.reseal"):
                    self._seal.rebuild()
            self._seal.flush()
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._conn.close()
            self._journal = None
            self._blobs = None
            self._master = None

    def lock(self) -> None:
        """Checkpoint and close the database, forget every key, release the folder. Safe twice."""
        with self._guard:
            if self._master is None:
                return
            try:
                self._close_database()
            finally:
                try:  # still under the folder lock, so no other process is writing what we re-date
                    hide_vault_times(self.path / HEADER_NAME,
                                     [self.path / n for n in (DB_NAME, STATE_NAME, LOCK_NAME)], self.path / BLOBS_NAME)
                finally:
                    self._folder_lock.release()
                log.info("vault locked")

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()
