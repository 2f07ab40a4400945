"""Quick wipe: make the journal unreadable at once, then remove every file of it.

Order matters, because the wipe may be cut short at any moment (kill -9, power, a seizure):
1. the header is overwritten in place with random bytes and fsynced: every key slot is gone,
   so the journal (and its decoy) can no longer be opened, even from a copy of the folder
   taken after this point; the keyring entry ("remember on this device") goes next;
2. every other file (databases, their -wal/-shm, state files, blobs, left-over temp files)
   is overwritten with random bytes, fsynced and removed; then the app's preferences file;
3. the lock file, last, and the folder if it is empty.

On SSDs and flash the overwrite does not reach every physical copy (the drive writes new
data elsewhere and keeps old blocks until it reuses them). What makes the data unreadable
there is step 1: without the key slots, the master keys that every database and blob key
hangs from are gone, and what remains is ciphertext.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from app.core import paths, stores
from app.core.atomic import fsync_dir, write_atomic
from app.core.errors import IntegrityError, JournalInUse, VaultNotFound, WipeUnfinished
from app.core.folder_lock import LOCK_NAME, FolderLock
from app.core.header import HEADER_NAME, Header, read_header

log = logging.getLogger(__name__)

BLOBS_NAME = "blobs"
_CHUNK = 1 << 20
Step = Callable[[str], None]


def _overwrite(path: Path) -> None:
    """Random bytes over the whole file, in place, fsynced (then the caller unlinks it)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, IsADirectoryError):
        return
    try:
        left = os.fstat(fd).st_size
        while left > 0:
            left -= os.write(fd, os.urandom(min(left, _CHUNK)))
        os.fsync(fd)
    finally:
        os.close(fd)


def _destroy(path: Path) -> None:
    _overwrite(path)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def overwrite_header(folder: Path, header: Header) -> None:
    """Write `header` over the old one in place when the size matches (it does for the same
    version), so the old slots' bytes are overwritten where they were, not left in a freed
    block; otherwise atomically."""
    data = header.to_bytes()
    path = folder / HEADER_NAME
    if path.is_file() and path.stat().st_size == len(data):
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    else:
        write_atomic(path, data)


def forget_keyring(vault_id: str) -> None:
    """Remove "remember on this device" for this journal; keyring is imported only here, so
    a wipe never waits on (or fails for) a keyring that is not there."""
    try:
        from app.core import keyring_store

        keyring_store.forget_id(vault_id)
    except Exception:  # no keyring, no entry: nothing to remove
        log.info("no keyring entry removed")


def destroy_keys(folder: Path) -> str | None:
    """Step 1; returns the journal's id (for the keyring), if the header was readable."""
    try:
        vault_id: str | None = read_header(folder).vault_id
    except (IntegrityError, VaultNotFound):
        vault_id = None
    for path in [folder / HEADER_NAME, *folder.glob(f".{HEADER_NAME}.*.tmp")]:
        _overwrite(path)
    return vault_id


def wipe_locked(folder: Path, step: Step | None = None, prefs: Path | None = None,
                vault_id: str | None = None) -> None:
    """The whole wipe, for a caller that holds the folder lock. `vault_id` names the keyring
    entry when the header was destroyed before (Vault.wipe)."""
    say = step or (lambda name: None)
    folder = Path(folder)
    vault_id = destroy_keys(folder) or vault_id
    say("keys")
    if vault_id:
        forget_keyring(vault_id)
    say("keyring")
    for name in stores.file_names():
        _destroy(folder / name)
    for leftover in folder.glob(".*.tmp"):
        _destroy(leftover)
    say("databases")
    blobs = folder / BLOBS_NAME
    if blobs.is_dir():
        for entry in os.scandir(blobs):
            _destroy(Path(entry.path))
        with contextlib.suppress(OSError):
            blobs.rmdir()
    say("evidence")
    _destroy(prefs or paths.prefs_file())
    say("settings")
    with contextlib.suppress(FileNotFoundError):
        (folder / HEADER_NAME).unlink()
    with contextlib.suppress(FileNotFoundError):
        (folder / LOCK_NAME).unlink()
    with contextlib.suppress(OSError):
        fsync_dir(folder)
        folder.rmdir()  # only if nothing else is in it
    log.info("journal wiped")


def wipe(folder: Path, step: Step | None = None, prefs: Path | None = None) -> None:
    """Wipe the journal in `folder` (no passphrase needed). `step(name)` is called after each
    stage: "keys" (unreadable from here on), "keyring", "databases", "evidence", "settings".

    If another Sijil has the journal open, its keys are destroyed all the same (so it opens
    nowhere again), and JournalInUse says to close it and wipe again to remove the files."""
    folder = Path(folder)
    # A folder holding anything of a journal, even only what a wipe cut short left (the lock
    # file, an empty folder): finish it. A folder holding only other files is not a journal.
    ours = {HEADER_NAME, LOCK_NAME, BLOBS_NAME, *stores.file_names()}
    entries = os.listdir(folder) if folder.is_dir() else None
    if entries is None or (entries and not any(e in ours or (e.startswith(".") and e.endswith(".tmp"))
                                               for e in entries)):
        raise VaultNotFound()
    try:
        lock = FolderLock.acquire(folder)
    except JournalInUse:
        vault_id = destroy_keys(folder)
        if vault_id:
            forget_keyring(vault_id)
        raise WipeUnfinished() from None
    try:
        wipe_locked(folder, step, prefs)
    finally:
        lock.release()
