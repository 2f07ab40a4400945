"""Backup and restore: the whole vault as one encrypted file, opened only by the passphrase.

    "SIJIL-BACKUP\\n" | u32 length | vault header (JSON) | secretstream(tar of journal.db, blobs/*)

The header carries the KDF parameters and the wrapped master key, so the passphrase (as it
was at backup time) opens the backup. The tar is encrypted again under a key derived from
the master key, so the backup reveals neither file names nor the number or size of items.
Restore writes into a new (or empty of any journal) folder and, if anything fails, removes
exactly the files it wrote, and the folders it created: nothing that was there before.
"""

from __future__ import annotations

import io
import shutil
import struct
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path

from app.core import crypto, stores
from app.core.atomic import DIR_MODE, atomic_file, disk_errors, fsync_dir, write_atomic
from app.core.errors import IntegrityError, InvalidInput, VaultExists
from app.core.folder_lock import LOCK_NAME, FolderLock
from app.core.i18n import _
from app.core.vault import BLOBS_NAME, DB_NAME, HEADER_NAME, Header, Vault, exists

# Files a restore (and the first open of what it restored) may create at the top of target.
_TOP_LEVEL = (HEADER_NAME, *stores.file_names(), LOCK_NAME)

MAGIC = b"SIJIL-BACKUP\n"
PURPOSE = b"sijil-backup"
Progress = Callable[[int, int], None]


def _not_a_backup() -> IntegrityError:
    return IntegrityError(_("This file is not a Sijil backup, or it was damaged. Nothing was restored."))


def create_backup(vault: Vault, out_path: Path, progress: Progress | None = None) -> int:
    """Write an encrypted backup of the whole vault to out_path (atomically). Returns its size."""
    vault.before_write("vault.backup")  # after the open check's verdict, like every write
    journal = vault.journal
    blob_names = sorted(vault.blobs.names())
    total = len(blob_names) + 1
    with disk_errors():
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        journal.conn.execute("BEGIN IMMEDIATE")  # no writer may change the database while we copy it
        try:
            with atomic_file(Path(out_path)) as out:
                header = vault.backup_header().to_bytes()
                out.write(MAGIC + struct.pack(">I", len(header)) + header)
                enc = crypto.StreamEncryptor(vault.derived_key(PURPOSE), out)
                with tarfile.open(fileobj=enc, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[arg-type]
                    _add(tar, vault.path / stores.db_name(vault.store), DB_NAME)
                    for n, name in enumerate(blob_names, start=1):
                        if progress:
                            progress(n, total)
                        _add(tar, vault.blobs.path(name), f"{BLOBS_NAME}/{name}")
                enc.finish()
        finally:
            journal.conn.execute("COMMIT")
    with journal.write("vault.backup"):
        pass
    return Path(out_path).stat().st_size


def _add(tar: tarfile.TarFile, path: Path, arcname: str) -> None:
    info = tarfile.TarInfo(arcname)
    info.size = path.stat().st_size
    info.mode = 0o600
    with open(path, "rb") as fh:
        tar.addfile(info, fh)


class _ChunkReader(io.RawIOBase):
    """A readable file over an iterator of byte chunks (the decrypted stream)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray) -> int:  # type: ignore[override]
        while not self._buf:
            self._buf = next(self._chunks, b"")
            if not self._buf:
                return 0
        n = min(len(target), len(self._buf))
        target[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def drain(self) -> None:
        """Consume the rest, so the final tag (and nothing after it) is checked."""
        for _chunk in self._chunks:
            pass


def _read_prefix(fh: io.BufferedReader) -> Header:
    if fh.read(len(MAGIC)) != MAGIC:
        raise _not_a_backup()
    raw_len = fh.read(4)
    if len(raw_len) != 4 or not 0 < (size := struct.unpack(">I", raw_len)[0]) < 1 << 16:
        raise _not_a_backup()
    return Header.from_bytes(fh.read(size))


def restore_backup(backup_path: Path, target: Path, passphrase: str,
                   progress: Progress | None = None) -> Vault:
    """Restore into `target` (which must not hold a vault) and return the vault unlocked."""
    target = Path(target)
    if exists(target) or any((target / stores.db_name(n)).exists() for n in range(stores.STORES)):
        raise VaultExists()
    try:
        fh = open(backup_path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InvalidInput(_("That backup file does not exist.")) from None
    with fh:
        header = _read_prefix(fh)
        opened, _kek = header.open(passphrase)  # before anything is written
        made = _Made(target)
        try:
            made.folder(target)
            lock = FolderLock.acquire(target)
        except BaseException:
            made.undo()
            raise
        try:
            made.folder(target / BLOBS_NAME)
            reader = _ChunkReader(crypto.decrypt_stream(crypto.subkey(opened.master, PURPOSE), fh,
                                                        _("The backup")))
            with disk_errors(), tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[arg-type]
                for n, member in enumerate(tar, start=1):
                    _restore_member(tar, member, target, made, opened.store)
                    if progress:
                        progress(n, 0)
            reader.drain()
            # What the backup holds is the state she chose to go back to: seal it as current.
            vault = Vault(target, header, opened.master, lock=lock, adopt_state=True, store=opened.store,
                          slot=opened.slot, role=opened.role, destroy_others=opened.destroy_others)
        except BaseException:
            lock.release()
            made.undo()
            raise
        try:
            # The header last: it is what makes the folder a journal, so a restore cut short before
            # it leaves none (with it first, a kill before the state file left one that opened
            # only read-only, its state "missing").
            write_atomic(target / HEADER_NAME, header.to_bytes())
            fsync_dir(target)
        except BaseException:
            vault.lock()
            made.undo()
            raise
        return vault.with_spares() if header.version == 2 else vault


class _Made:
    """What a restore created, so a failed restore removes that and nothing else."""

    def __init__(self, target: Path) -> None:
        self._target = target
        self._existing = {name for name in _TOP_LEVEL if (target / name).exists()}
        self._files: list[Path] = []
        self._folders: list[Path] = []

    def folder(self, path: Path) -> None:
        if not path.exists():
            path.mkdir(mode=DIR_MODE, parents=True)
            path.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask
            self._folders.append(path)

    def file(self, path: Path) -> Path:
        if path.exists():
            raise _not_a_backup()  # a backup names each file once; never overwrite what is there
        self._files.append(path)
        return path

    def undo(self) -> None:
        for name in _TOP_LEVEL:
            if name not in self._existing:
                (self._target / name).unlink(missing_ok=True)
        for path in self._files:
            path.unlink(missing_ok=True)
        for path in reversed(self._folders):
            shutil.rmtree(path, ignore_errors=True)  # created by this restore: only its files inside


def _restore_member(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, made: _Made, store: int) -> None:
    name = member.name
    blob = name.startswith(f"{BLOBS_NAME}/") and name[len(BLOBS_NAME) + 1:].isalnum()
    if not member.isfile() or not (name == DB_NAME or blob):
        raise _not_a_backup()  # only the files a backup holds; nothing that could escape target
    src = tar.extractfile(member)
    if src is None:
        raise _not_a_backup()
    dest = target / (stores.db_name(store) if name == DB_NAME else name)
    with atomic_file(made.file(dest)) as out:
        shutil.copyfileobj(src, out, crypto.CHUNK)
