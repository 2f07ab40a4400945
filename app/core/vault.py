"""The vault: one folder holding a small header, the journal's stores and the blob store.

    <vault>/sijil-vault.json   KDF parameters, salt, key slots, unlock guard, checksum (header.py)
    <vault>/journal.db         store 0, the journal: SQLCipher database (+ -wal / -shm while open)
    <vault>/journal.state      its last committed state, sealed (see db_state.py)
    <vault>/journal-b.db       store 1: a decoy journal, or a spare nobody can open (stores.py)
    <vault>/journal-b.state    its state, alike
    <vault>/blobs/<random>     secretstream-encrypted evidence and thumbnails, of every store
    <vault>/.sijil.lock        held by the one process that has the journal open

A passphrase never touches a database or blob directly: it opens one key slot, which holds
the master key of one store. The database key and the signing keys derive from the master
key; the blob-store keys (one generation per passphrase) and the state key are random and
kept inside the database, so a passphrase change (a new master key) re-encrypts the database
only, not gigabytes of evidence. A wrong passphrase is detected by the AEAD of every slot,
before any database is read.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import nacl.signing
import sqlcipher3

from app.core import crypto, db, keyslots, rekey, stores, unlock_header, wipe
from app.core.atomic import private_dir, write_atomic
from app.core.blobstore import BlobStore
from app.core.db_state import StateSeal, install_triggers, sums_problem
from app.core.errors import (
    Cancelled,
    InvalidInput,
    ReadOnlyJournal,
    RollbackDetected,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)
from app.core.folder_lock import LOCK_NAME, FolderLock
from app.core.header import HEADER_NAME, Header, exists, new_header, read_header
from app.core.i18n import _
from app.core.journal import Journal
from app.core.open_check import DeferredCheck, OpenCheck
from app.core.timestamps import hide_vault_times

__all__ = ["BLOBS_NAME", "DB_NAME", "HEADER_NAME", "Header", "Vault", "exists", "read_header"]

log = logging.getLogger(__name__)

DB_NAME = stores.db_name(0)
BLOBS_NAME = "blobs"


def _db_key(master: bytes) -> bytes:
    return crypto.subkey(master, b"sijil-db")


def _blob_keys(keys: dict[str, bytes]) -> dict[int, bytes]:
    """vault_keys rows 'blobs' (generation 0) and 'blobs:N' -> {generation: key}."""
    return {int(purpose.partition(":")[2] or 0): bytes(key)
            for purpose, key in keys.items() if purpose.partition(":")[0] == "blobs"}


class Vault(DeferredCheck):
    """An unlocked vault. `lock()` drops every key; a locked vault refuses all access.

    Holds the journal folder's lock from open to lock, so no other process reads, writes or
    sweeps it meanwhile. `read_only` opens a journal that failed its state check, so what is
    there can be read and exported; `integrity_warning` then says what was wrong.

    Opened with `background`, the slow half of the open check (open_check.py) runs beside the
    open journal: every write waits for it (`before_write`), and if it finds damage the vault
    turns read-only and the write is refused in the words the synchronous open uses.

    `store` is the database this master key opens (0: the journal, 1: a decoy or spare) and
    `slot` the header slot it came through (None when opened from the keyring without it)."""

    def __init__(self, path: Path, header: Header, master: bytes, new: bool = False, *,
                 lock: FolderLock | None = None, read_only: bool = False, adopt_state: bool = False,
                 store: int = 0, slot: int | None = 0, role: int = keyslots.MAIN,
                 destroy_others: bool = False, background: bool = False) -> None:
        self.path = path
        self.header = header
        self.store = store
        self.slot = slot
        self.role = role
        self.destroy_others = destroy_others
        self.read_only = read_only
        self.integrity_warning: str | None = None
        self._check: OpenCheck | None = None
        self._guard = threading.RLock()
        self._folder_lock = lock or FolderLock.acquire(path)
        try:
            if not new:
                rekey.finish(path, store, _db_key(master))
                for name in (HEADER_NAME, stores.state_name(store)):  # a header or state write cut short
                    for leftover in path.glob(f".{name}.*.tmp"):
                        leftover.unlink(missing_ok=True)
            self._attach(master, new, adopt_state, background)
        except BaseException:
            self._folder_lock.release()
            raise

    def _attach(self, master: bytes, new: bool = False, adopt_state: bool = False,
                background: bool = False) -> None:
        """Open the database under `master`, check its state, then migrate it, set up the blobs.
        With `background`, the page, structure and sums checks run beside it (OpenCheck) when
        nothing needs them first: a sealed journal of the latest schema, opened to write."""
        file = self.path / stores.db_name(self.store)
        conn = db.open_database(file, _db_key(master), create=new, migrate_schema=False, check=False)
        try:
            journal = Journal(conn, read_only=self.read_only)
            sealed = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'vault_state'").fetchone())
            keys = dict(conn.execute("SELECT purpose, key FROM vault_keys")) if sealed else {}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            deferred = (background and sealed and "state" in keys and not self.read_only
                        and version == db.LATEST_VERSION)
            if not deferred:
                db.check_pages(conn)
            state_key = keys.get("state") or crypto.new_master_key()
            seal = StateSeal(self.path, conn, state_key, self.header.vault_id, stores.state_name(self.store))
            if adopt_state and sealed:
                seal.adopt()
            # Checked before any migration changes the tables the sums describe.
            if new:
                problem = None
            elif sealed:
                problem = seal.problem(key_was_stored="state" in keys, sums=not deferred)
            else:
                problem = seal.problem_without_state()
            if problem and not self.read_only:
                raise RollbackDetected(problem)
            self.integrity_warning = problem
            db.migrate(conn)
            migrated = conn.execute("PRAGMA user_version").fetchone()[0] != version
            install_triggers(conn)
            seal.watch()
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
                    # One commit ahead after a crash: catch the file up. Safe before the deferred
                    # check: the file's state was found in the database's own history above.
                    seal.flush()
            blobs = BlobStore(self.path / BLOBS_NAME, _blob_keys({**keys, **missing}), journal.evidence.uses_pack)
            if not self.read_only:
                # Safe under the folder lock: a temp file here belongs to a process that died.
                blobs.sweep_temp()
        except BaseException as exc:
            conn.close()
            # A damaged page met before the deferred check saw it (SQLITE_CORRUPT, NOTADB: the
            # base class; a full disk or a busy file are subclasses and keep their own words).
            if type(exc) is sqlcipher3.DatabaseError:
                raise db.damaged() from None
            raise
        self._master: bytes | None = master
        self._conn = conn
        self._journal: Journal | None = journal
        self._blobs: BlobStore | None = blobs
        self._seal = seal
        journal.before_write = self.before_write
        if deferred:  # last: nothing above wrote to the database it checks
            self._check = OpenCheck(file, _db_key(master))
            self._check.when_done(self._checked)

    # Opening --------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, strength: str = "normal") -> Vault:
        """Create a new, empty vault (with its spare store). Refuses a folder that holds one."""
        path = Path(path)
        if exists(path) or any((path / stores.db_name(n)).exists() for n in range(stores.STORES)):
            raise VaultExists()
        if not passphrase:
            raise InvalidInput(_("Choose a passphrase: the journal cannot be created without one."))
        private_dir(path)
        lock = FolderLock.acquire(path)
        master = crypto.new_master_key()
        kdf = crypto.KdfParams.new(strength)
        try:
            header, slot = new_header(crypto.random_name(), kdf, crypto.derive_kek(passphrase, kdf), master)
        except BaseException:
            lock.release()
            raise
        vault = cls.new_store(path, header, master, 0, lock, slot=slot)  # database first: no header without it
        try:
            vault.make_spares()
            write_atomic(path / HEADER_NAME, header.to_bytes())
        except BaseException:
            vault.lock()
            raise
        return vault

    @classmethod
    def new_store(cls, path: Path, header: Header, master: bytes, store: int, lock: FolderLock,
                  **kw: object) -> Vault:
        """An empty journal in `store` under `master`, padded like every store (stores.py)."""
        vault = cls(path, header, master, new=True, lock=lock, store=store, **kw)
        try:
            stores.pad(vault._conn)
        except BaseException:
            vault.lock()
            raise
        return vault

    def make_spares(self) -> None:
        """Give every store that has no database a spare: an empty journal under a key that is
        thrown away, so the folder looks the same whether a duress passphrase exists or not."""
        for store in range(stores.STORES):
            if store != self.store and not (self.path / stores.db_name(store)).exists():
                self.replace_store(store, crypto.new_master_key())._close_database()

    def with_spares(self) -> Vault:
        """This vault once its spares exist (make_spares); locked again if they cannot be made."""
        try:
            self.make_spares()
        except BaseException:
            self.lock()
            raise
        return self

    def replace_store(self, store: int, master: bytes) -> Vault:
        """Put a new, empty journal under `master` into another store (what was there is
        dropped) and return it open; close it with `_close_database` (the folder lock stays
        with this vault)."""
        if store == self.store or self.read_only:
            raise InvalidInput(_("That store is the one open."))
        for name in (stores.db_name(store), stores.state_name(store)):
            for suffix in ("", "-wal", "-shm") if name.endswith(".db") else ("",):
                (self.path / (name + suffix)).unlink(missing_ok=True)
        rekey.discard(self.path, store)
        return type(self).new_store(self.path, self.header, master, store, FolderLock.held_by_owner(), slot=None)

    @classmethod
    def unlock(cls, path: Path, passphrase: str, read_only: bool = False, background: bool = False) -> Vault:
        """Open the journal (or the decoy) that `passphrase` opens; the one unlock function the
        CLI and the GUI use. A wrong passphrase is counted; the wipe-after-failed setting may
        wipe the journal then (WrongPassphrase is raised either way). `background`: see Vault."""
        path = Path(path)
        header = read_header(path)
        lock = FolderLock.acquire(path)  # before the slow KDF: "open elsewhere" comes at once
        try:
            unlock_header.count_failure(path)
            try:
                opened, kek = header.open(passphrase)
            except WrongPassphrase:
                unlock_header.wipe_if_due(path)
                raise
            header, opened = unlock_header.after_open(path, read_header(path), opened, kek, read_only)
        except BaseException:
            lock.release()
            raise
        vault = cls(path, header, opened.master, lock=lock, read_only=read_only, store=opened.store,
                    slot=opened.slot, role=opened.role, destroy_others=opened.destroy_others,
                    background=background)
        return vault.with_spares() if not read_only and header.version == 2 else vault

    @classmethod
    def unlock_with_master(cls, path: Path, master: bytes, read_only: bool = False,
                           slot: int | None = None, background: bool = False) -> Vault:
        """Open with a master key kept by the OS keyring ("remember on this device"): the
        store is the one whose database it opens."""
        path = Path(path)
        header = read_header(path)
        if len(master) != crypto.KEY_BYTES:
            raise WrongPassphrase()
        found = [n for n in range(stores.STORES) if stores.key_opens(path / stores.db_name(n), _db_key(master))]
        # None opens: store 0's full open check then says plainly what is wrong.
        return cls(path, header, master, read_only=read_only, store=found[0] if found else 0, slot=slot,
                   background=background)

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

        The database is copied under the new key, then the header is replaced: that rename is
        the switch (rekey.py). Signing and backup keys derive from the master key and so change
        too. Evidence is not rewritten: its keys live in the database, and a new blob-key
        generation (for evidence added from now on) is added after the switch.
        `progress(done, total)` may raise Cancelled until the switch; nothing changes then."""
        self.before_write()
        with self._guard:
            if self.read_only:
                raise ReadOnlyJournal()
            if not new_passphrase:
                raise InvalidInput(_("The new passphrase cannot be empty."))
            step = progress or (lambda done, total: None)
            step(0, 4)
            master = crypto.new_master_key()
            header, slot = rekey.header_for(self, new_passphrase, master, strength or self.header.kdf.strength)
            step(1, 4)
            key = _db_key(master)
            rekey.write_copy(self.journal.conn, self.path, self.store, key, step)
            old_master = self.master_key()
            self._close_database()
            try:
                write_atomic(self.path / HEADER_NAME, header.to_bytes())
            except BaseException:
                rekey.discard(self.path, self.store)
                self._attach(old_master)
                raise
            rekey.finish(self.path, self.store, key)
            self.header, self.slot = header, slot
            self._attach(master)
            # New evidence gets a new blob key, stored only under the new master key.
            generation = max(_blob_keys(dict(self._conn.execute("SELECT purpose, key FROM vault_keys")))) + 1
            with self.journal.write("vault.passphrase_change"):
                self._conn.execute("INSERT INTO vault_keys (purpose, key) VALUES (?, ?)",
                                   (f"blobs:{generation}", crypto.new_master_key()))
            self._blobs = BlobStore(self.path / BLOBS_NAME, _blob_keys(
                dict(self._conn.execute("SELECT purpose, key FROM vault_keys"))), self.journal.evidence.uses_pack)
            with contextlib.suppress(Cancelled):  # too late to cancel: the new passphrase is in force
                step(4, 4)

    def _close_database(self) -> None:
        try:
            if not self.read_only and self._seal.bypassed() and sums_problem(self._conn):
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
        """Checkpoint and close the database, forget every key, release the folder. Safe twice.
        A deferred open check still running is stopped first (it takes no lock: never waits)."""
        self._stop_check()
        with self._guard:
            if self._master is None:
                return
            try:
                self._close_database()
            finally:
                try:  # still under the folder lock, so no other process is writing what we re-date
                    store_files = [n for s in range(stores.STORES) for n in (stores.db_name(s), stores.state_name(s))]
                    hide_vault_times(self.path / HEADER_NAME, [self.path / n for n in (*store_files, LOCK_NAME)],
                                     self.path / BLOBS_NAME)
                finally:
                    self._folder_lock.release()
                log.info("vault locked")

    def backup_header(self) -> Header:
        """The header a backup carries: only this vault's own slot (a backup holds one store,
        so a duress passphrase is not carried into it), the other slots random."""
        if self.header.version == 1 or self.slot is None:
            return self.header
        header = self.header
        for index in range(keyslots.SLOTS):
            if index != self.slot:
                header = header.with_slot(index, keyslots.random_slot())
        return header.with_guard(self.header.guard_state()[0], 0)

    def wipe(self, step: Callable[[str], None] | None = None, prefs: Path | None = None) -> None:
        """Quick wipe of the open journal (see wipe.py): keys first, then every file; the vault
        is locked afterwards. For the GUI's wipe from the main window."""
        with self._guard:
            wipe.destroy_keys(self.path)  # first: unreadable whatever happens next
            self._stop_check()  # it would report the wiped file as damage
            with contextlib.suppress(Exception):
                self._conn.close()
            self._journal = self._blobs = self._master = None
            try:
                wipe.wipe_locked(self.path, step, prefs, vault_id=self.header.vault_id)
            finally:
                self._folder_lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()
