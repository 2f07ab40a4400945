"""File times that say nothing about when she used the journal.

A copied, locked vault folder would otherwise date every import (blob mtimes) and the last
edit (database, folder mtimes). Blobs, written once, carry a fixed time. The database,
header and folders carry that fixed time plus the number of sessions that changed anything:
still different after each change, so sync and backup tools that compare times (rsync,
Syncthing) do not skip a changed journal, but no clock time.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

EPOCH = 946_684_800  # 2000-01-01 00:00 UTC
_HIDDEN_SPAN = 10**8  # counters stay far below; real times since 2004 are far above


def _mtime(path: Path) -> int | None:
    try:
        return int(os.stat(path).st_mtime)
    except OSError:
        return None


def hidden(path: Path) -> bool:
    t = _mtime(path)
    return t is None or EPOCH <= t < EPOCH + _HIDDEN_SPAN


def hide_time(path: Path, when: int = EPOCH) -> None:
    with contextlib.suppress(OSError):  # best effort: never fail a save over a time stamp
        os.utime(path, (when, when))


def hide_vault_times(header: Path, files: Iterable[Path], blobs: Path) -> None:
    """After locking: set header, database files, the blob folder and the vault folder to one
    session counter, and any blob with a real time (a restore, an older version) to EPOCH."""
    files = [header, *files, blobs]
    previous = _mtime(header)
    counter = previous if previous is not None and hidden(header) else EPOCH
    if not all(hidden(p) for p in files):  # not the vault folder: every unlock makes its -wal file
        counter += 1
    for blob in os.scandir(blobs) if blobs.is_dir() else ():
        if not hidden(Path(blob.path)):
            hide_time(Path(blob.path))
    for path in (*files, header.parent):
        if path.exists():
            hide_time(path, counter)
