"""Rollback detection: the database's state, sealed outside it by a key only it holds.

Every commit raises a counter and stores it, with a digest of every record, in the
database (table vault_state, inside the same transaction). After the commit the same pair
is written, encrypted and authenticated with the 'state' key (kept in the database, so it
survives passphrase changes), to <vault>/journal.state. At open:

- digest of the records != the digest stored beside them: some pages are older than
  others (one rolled-back page, e.g. a deleted person), although each page's HMAC is valid;
- database counter < the file's: the whole database is an older copy;
- database counter == the file's + 1: a crash between the commit and the file write: fine;
- anything else: they do not belong together.

The file is written after the commit, so it is never ahead of a database that was not
rolled back. What it cannot see: the whole folder (database and journal.state together)
replaced by an older copy of itself. Only something kept outside the folder could.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from pathlib import Path

import sqlcipher3

from app.core import crypto
from app.core.atomic import write_atomic
from app.core.errors import IntegrityError
from app.core.i18n import _

log = logging.getLogger(__name__)

STATE_NAME = "journal.state"
_OPEN_READ_ONLY = _("Nothing was deleted. You can open the journal read-only to read and export what is there.")


def _older() -> str:
    return _("The journal database is older than the journal's last saved state: it was replaced by an "
             "earlier copy (a synced folder's previous version, an old disk image, or someone else), so "
             "changes made since then are not in it. ") + _OPEN_READ_ONLY


def _inconsistent() -> str:
    return _("Part of the journal database is older than the rest: some records were put back to an "
             "earlier version outside Sijil. ") + _OPEN_READ_ONLY


def _mismatch() -> str:
    return _("The journal database does not match the journal's last saved state (journal.state): one of "
             "them was replaced or changed outside Sijil. ") + _OPEN_READ_ONLY


def _missing() -> str:
    return _("The file that records the journal's last saved state (journal.state) is missing, so Sijil "
             "cannot tell whether the database is older than it should be. ") + _OPEN_READ_ONLY


def _derived_tables(conn: sqlcipher3.Connection) -> set[str]:
    """Full-text indexes and their shadow tables: rebuilt from the records, not records."""
    virtual = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t for t in tables for v in virtual if t == v or t.startswith(v + "_")}


def content_digest(conn: sqlcipher3.Connection) -> bytes:
    """Order-free digest of every row of every record table (sum of row hashes mod 2^256).

    Row order and rowids are left out, so a re-keyed copy of the database has the same digest."""
    skip = _derived_tables(conn) | {"vault_state"}
    total = 0
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        if table in skip or table.startswith("sqlite_"):
            continue
        prefix = table.encode("utf-8") + b"\0"
        quoted = table.replace('"', '""')
        for row in conn.execute(f'SELECT * FROM "{quoted}"'):
            total += int.from_bytes(hashlib.blake2b(prefix + repr(row).encode("utf-8", "surrogatepass"),
                                                    digest_size=32).digest(), "big")
    return (total % (1 << 256)).to_bytes(32, "big")


class StateSeal:
    """Keeps vault_state and journal.state in step with every commit."""

    def __init__(self, folder: Path, conn: sqlcipher3.Connection, key: bytes, vault_id: str) -> None:
        self._file = Path(folder) / STATE_NAME
        self._conn = conn
        self._key = key
        self._ad = b"sijil-state|" + vault_id.encode("ascii")
        self._pending: tuple[int, bytes] | None = None
        self._stale = False  # the last file write failed; write it before the next change

    def in_database(self) -> tuple[int, bytes]:
        seq, digest = self._conn.execute("SELECT seq, digest FROM vault_state WHERE id = 1").fetchone()
        return int(seq), bytes(digest)

    def _read_file(self) -> tuple[int, bytes] | None:
        try:
            sealed = self._file.read_bytes()
        except FileNotFoundError:
            return None
        plain = crypto.unwrap_key(self._key, sealed, self._ad)
        if plain is None or len(plain) != 40:
            raise IntegrityError(_mismatch())
        seq, digest = struct.unpack(">Q32s", plain)
        return seq, digest

    def _write_file(self, seq: int, digest: bytes) -> None:
        write_atomic(self._file, crypto.wrap_key(self._key, struct.pack(">Q32s", seq, digest), self._ad))

    def problem(self, key_was_stored: bool = True) -> str | None:
        """What is wrong with the database's state at open, in plain words, or None."""
        seq, digest = self.in_database()
        if seq > 0 and content_digest(self._conn) != digest:
            return _inconsistent()
        if not key_was_stored:  # a database from before rollback detection: nothing sealed yet
            return _mismatch() if self._file.exists() else None
        try:
            sealed = self._read_file()
        except IntegrityError as exc:
            return exc.message
        if sealed is None:
            self._stale = seq > 0
            return _missing() if seq > 1 else None  # seq 1: a crash right after the first seal
        if (seq, digest) == sealed:
            return None
        if seq == sealed[0] + 1:
            self._stale = True
            return None
        return _older() if seq < sealed[0] else _mismatch()

    def adopt(self) -> None:
        """Seal the database as it is (after a check, or for a folder restore just wrote)."""
        self._write_file(*self.in_database())
        self._stale = False

    # Called by Journal.write -------------------------------------------------------------------

    def before_commit(self) -> None:
        if self._stale:  # keep the file at most one commit behind: refuse the change instead
            self.adopt()
        seq, _digest = self.in_database()
        digest = content_digest(self._conn)
        self._conn.execute("UPDATE vault_state SET seq = ?, digest = ? WHERE id = 1", (seq + 1, digest))
        self._pending = (seq + 1, digest)

    def after_commit(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            self._write_file(*pending)
        except Exception:  # the change is committed; the next change (or lock) writes the file
            log.warning("journal state file not written; will retry")
            self._stale = True

    def abandon(self) -> None:
        self._pending = None

    def flush(self) -> None:
        """At lock: make sure the file matches the database, whatever happened before."""
        if self._stale:
            self.adopt()
