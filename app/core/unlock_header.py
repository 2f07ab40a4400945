"""What an unlock attempt does to the vault header: count a failure before the key derivation,
wipe once the failed-unlock threshold is reached, and after a right passphrase reset the count,
upgrade a version-1 header, or carry out a duress slot's "destroy the others"."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from app.core import keyslots, wipe
from app.core.atomic import write_atomic
from app.core.header import HEADER_NAME, Header, new_header, read_header
from app.core.timestamps import hide_time

log = logging.getLogger(__name__)


def write_header_quietly(path: Path, header: Header) -> None:
    """Replace the header without dating it or its folder: a failed unlock must not leave its
    time on disk."""
    times = {}
    for item in (path / HEADER_NAME, path):
        with contextlib.suppress(FileNotFoundError):
            times[item] = int(os.stat(item).st_mtime)
    write_atomic(path / HEADER_NAME, header.to_bytes())
    for item, when in times.items():
        hide_time(item, when)


def count_failure(path: Path) -> None:
    """Count one more failed unlock in a row, before the key derivation (so killing the
    program while it runs does not skip the count); a right passphrase resets it. Every
    version-2 header counts, whether the threshold is set or not, so the header changes
    alike in both cases."""
    header = read_header(path)
    if header.version == 1:
        return
    threshold, failures = header.guard_state()
    write_header_quietly(path, header.with_guard(threshold, failures + 1))


def wipe_if_due(path: Path) -> None:
    """After a wrong passphrase, holding the folder lock: wipe once the threshold is reached."""
    threshold, failures = read_header(path).guard_state()
    if threshold and failures >= threshold:
        wipe.wipe_locked(path)


def after_open(path: Path, header: Header, opened: keyslots.Opened, kek: bytes,
                read_only: bool) -> tuple[Header, keyslots.Opened]:
    """What a successful passphrase does to the header: a duress slot chosen with "destroy"
    destroys every other slot first; a version-1 header becomes version 2 (its one store
    store 0); the failed-unlock count goes back to zero."""
    threshold, _failures = header.guard_state()
    if header.version == 1:
        if read_only:
            return header, opened
        header, slot = new_header(header.vault_id, header.kdf, kek, opened.master)
        write_atomic(path / HEADER_NAME, header.to_bytes())
        log.info("vault header upgraded to version 2")
        return header, keyslots.Opened(opened.master, 0, slot, keyslots.MAIN)
    if opened.destroy_others:
        for index in range(keyslots.SLOTS):
            if index != opened.slot:
                header = header.with_slot(index, keyslots.random_slot())
        wipe.overwrite_header(path, header.with_guard(threshold, 0))
        wipe.forget_keyring(header.vault_id)
        return read_header(path), opened
    header = header.with_guard(threshold, 0)
    write_header_quietly(path, header)
    return header, opened
