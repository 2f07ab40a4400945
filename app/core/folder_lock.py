"""One process at a time per journal: an exclusive OS lock on <vault>/.sijil.lock.

The lock is held from unlock to lock. The operating system releases it when the process
ends, however it ends (kill -9, power cut of the process), so a stale lock never shuts the
owner out. Because only the holder may touch files beside the database, a temp file found
while holding the lock can only come from a process that died: that is what makes sweeping
safe. The lock file itself is empty and never deleted (deleting lock files races).
"""

from __future__ import annotations

import os
from pathlib import Path

from app.core.atomic import FILE_MODE
from app.core.errors import JournalInUse

LOCK_NAME = ".sijil.lock"

if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # BlockingIOError: someone else holds it
            return False
        return True


class FolderLock:
    """An acquired lock; `release()` (or process exit) frees it."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    @classmethod
    def acquire(cls, folder: Path) -> FolderLock:
        """Take the lock or raise JournalInUse at once (never waits)."""
        fd = os.open(Path(folder) / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
        if not _try_lock(fd):
            os.close(fd)
            raise JournalInUse()
        return cls(fd)

    @classmethod
    def held_by_owner(cls) -> FolderLock:
        """The lock as a second store opened beside an open vault sees it: held, and released,
        by that vault, never by the store (whose failure must not free the folder)."""
        return cls(None)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops a flock / msvcrt lock
            self._fd = None
