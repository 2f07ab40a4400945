"""Private, atomic file writes: temp file in the same folder, fsync, rename, fsync folder.

A crash at any moment leaves either the old file or the new one, never a mix. Files are
created 0600 and folders 0700; a full disk becomes DiskFull and leaves no temp file behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import sqlcipher3

from app.core.errors import DiskFull, from_os_error

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def disk_errors() -> Iterator[None]:
    """Turn 'no space left' (or a file too large for the disk, as on FAT32 sticks, and
    SQLite's 'database or disk is full') into the plain-words DiskFull error."""
    try:
        yield
    except OSError as exc:
        if isinstance(from_os_error(exc), DiskFull):
            raise DiskFull() from None
        raise
    except sqlcipher3.OperationalError as exc:
        if "full" in str(exc):
            raise DiskFull() from None
        raise


def temp_beside(path: Path) -> Path:
    """A hidden, unguessable name in the same folder, so that os.replace is atomic."""
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")


def create_private(tmp: Path, access: int = os.O_WRONLY) -> int:
    """Create `tmp` (never an existing file, never a link followed) readable by her alone."""
    return os.open(tmp, access | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)


@contextlib.contextmanager
def _removed_on_failure(tmp: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_file(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a private temp file; on clean exit it replaces `path` durably. With durable=False
    the fsyncs are left to the caller (`fsync_files`), who must make the file durable before
    anything refers to it."""
    tmp = temp_beside(path)
    fd = create_private(tmp)
    with _removed_on_failure(tmp):
        with disk_errors(), os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
        if durable:
            fsync_dir(path.parent)


def write_new(path: Path, data: bytes, durable: bool = True) -> None:
    """`atomic_file` for bytes already in memory, in plain system calls: for the thousands of
    small blobs of an import, where the file object and context manager cost more than the write."""
    tmp = temp_beside(path)
    with _removed_on_failure(tmp):
        with disk_errors():
            fd = create_private(tmp)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        if durable:
            fsync_dir(path.parent)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_files(paths: list[Path], workers: int = 16) -> None:
    """fsync many files, several at a time: the file system commits its journal once for all
    the fsyncs waiting together, so 10,000 small files cost seconds instead of a minute."""
    with disk_errors(), ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sijil-fsync") as pool:
        list(pool.map(_fsync_path, paths))


class EarlySync:
    """fsyncs, on one background thread, the files a batch has finished (a full pack, a large
    blob) while the batch goes on writing. It only starts the disk early: the batch still makes
    everything durable at its end (`make_durable`). Left to that end, an import of 2 GiB of
    photos waited 6 s after all its CPU work for a disk slower than its crypto (320 MB/s here)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sijil-early-sync")
        self._started: list[Future] = []

    def start(self, path: Path) -> None:
        self._started.append(self._pool.submit(self._sync, path))

    @staticmethod
    def _sync(path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):  # removed since: nothing names it
            _fsync_path(path)

    def finish(self) -> None:
        """Wait for every sync started; a failure (a full disk, an I/O error) is raised."""
        try:
            with disk_errors():
                for sync in self._started:
                    sync.result()
        finally:
            self._pool.shutdown(wait=True)

    def abandon(self) -> None:
        """The batch failed: what was not synced yet never will be (its files are dropped)."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _syncfs_reports_errors() -> bool:
    """Linux 5.8 and later return writeback errors from syncfs(2); before, it always said 0."""
    if sys.platform != "linux":
        return False
    try:
        major, minor = (int(x) for x in os.uname().release.split(".")[:2])
    except ValueError:
        return False
    return (major, minor) >= (5, 8)


_SYNCFS = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None) if _syncfs_reports_errors() else None


def make_durable(paths: list[Path], folder: Path) -> None:
    """Make files written without their own fsync (`atomic_file(durable=False)`) and their names
    in `folder` durable. On Linux one syncfs(2) of folder's file system: measured 2-3x faster than
    fsyncing 5,000 small files 16 at a time (0.2-0.3 s against 0.45-0.84 s), and it covers the
    renames too. Elsewhere, or on kernels whose syncfs hides errors, each file, then the folder."""
    if not paths:
        return
    with disk_errors():
        if _SYNCFS is not None:
            fd = os.open(folder, os.O_RDONLY)
            try:
                if _SYNCFS(fd) != 0:
                    err = ctypes.get_errno()
                    raise OSError(err, os.strerror(err))
            finally:
                os.close(fd)
            return
        fsync_files(paths)
        fsync_dir(folder)


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_file(path) as fh:
        fh.write(data)


