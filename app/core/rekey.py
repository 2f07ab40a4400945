"""The files of a passphrase change, and the header it switches to.

A passphrase change puts a new master key in force. The store's database is copied under the
new database key beside the live one (`<db>.rekey.part`, renamed `<db>.rekey` once complete
and read back), then the header is replaced atomically: that rename is the switch. Before it
the old passphrase opens the old, complete database; after it the new passphrase opens the
copy, which `finish` moves into place (at once, or at the next open if a crash came first).
Vault.change_passphrase runs the steps; this module knows the files and the new header.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from app.core import crypto, db, stores
from app.core.atomic import fsync_dir
from app.core.errors import IntegrityError, InvalidInput
from app.core.header import Header, new_header
from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.vault import Vault

log = logging.getLogger(__name__)


def discard(path: Path, store: int) -> None:
    """Remove a re-keyed copy of `store`, complete or not."""
    for base in (stores.rekey_name(store), stores.part_name(store)):
        for suffix in ("", "-journal", "-wal", "-shm"):
            (path / (base + suffix)).unlink(missing_ok=True)


def finish(path: Path, store: int, db_key: bytes) -> None:
    """Complete or undo a passphrase change cut short. The header decides: if its key opens
    the re-keyed copy, the header was switched and the copy becomes the database; if not, the
    switch never happened and the copy is dropped."""
    pending = path / stores.rekey_name(store)
    if not pending.exists():
        discard(path, store)  # at most a copy cut short while being written
        return
    if db.opens_with(pending, db_key):
        # The old file's WAL was checkpointed empty before the copy; it must not meet the new file.
        for suffix in ("-wal", "-shm"):
            (path / (stores.db_name(store) + suffix)).unlink(missing_ok=True)
        os.replace(pending, path / stores.db_name(store))
        fsync_dir(path)
        log.info("passphrase change completed at open")
    else:
        discard(path, store)


def write_copy(conn: sqlcipher3.Connection, path: Path, store: int, db_key: bytes,
               step: Callable[[int, int], None]) -> None:
    """Write the re-keyed copy of the database `conn` has open, padded like every store and
    read back, and make it complete (`<db>.rekey`). Reports steps 2 and 3 of 4; whatever
    stops it (Cancelled from `step` included) leaves no copy behind."""
    part, rekeyed = path / stores.part_name(store), path / stores.rekey_name(store)
    try:
        db.export_rekeyed(conn, part, db_key)
        repad = db.open_database(part, db_key, migrate_schema=False)
        try:  # the copy is compact: give it the size every store has
            stores.pad(repad)
        finally:
            repad.close()
        step(2, 4)
        if not db.opens_with(part, db_key):
            raise IntegrityError(_("The re-encrypted copy of the journal could not be read back, so "
                                   "the passphrase was not changed."))
        os.replace(part, rekeyed)  # complete: only now usable
        fsync_dir(path)
        step(3, 4)  # the last moment to cancel
    except BaseException:
        discard(path, store)
        raise


def header_for(vault: Vault, passphrase: str, master: bytes, strength: str) -> tuple[Header, int]:
    """The header after a passphrase change: the vault's slot re-sealed, the others kept.
    The others (a duress passphrase, or the journal's own when this is the decoy) stay valid
    only under the same KDF salt and cost, so the salt is kept; a change of strength makes
    a new header and every other passphrase stops working (said in the README)."""
    header = vault.header
    threshold, _failures = header.guard_state()
    if header.version == 1 or strength != header.kdf.strength:
        kdf = crypto.KdfParams.new(strength)
        return new_header(header.vault_id, kdf, crypto.derive_kek(passphrase, kdf), master,
                          vault.store, threshold)
    if vault.slot is None:
        raise InvalidInput(_("Sijil was opened with the key remembered on this device. Lock it and open "
                             "it with your passphrase, then change the passphrase."))
    kek = crypto.derive_kek(passphrase, header.kdf)
    sealed = header.sealed_slot(kek, master, vault.store, vault.role, vault.destroy_others)
    return header.with_slot(vault.slot, sealed).with_guard(threshold, 0), vault.slot
