"""Rollback detection: the database's state, sealed outside it by a key only it holds.

For every record table, vault_digest keeps the sum (mod 2^256) of its rows' hashes. Temp
triggers installed at open update that sum in the same statement as the change, so SQLite's
own rollback keeps it right, and a commit costs a few row hashes, not a pass over the journal.
Every commit also raises a counter and stores it with a digest of vault_digest in vault_state,
which keeps the last HISTORY such pairs. After the commit the newest pair is written, encrypted
and authenticated with the 'state' key (kept in the database, so it survives passphrase
changes), to <vault>/journal.state: at once when the last write is a second old, else with a
later commit or at lock, so a burst of commits costs one fsync, not one each. At open, before
any migration:

- a table's rows no longer sum to its recorded value, or vault_digest no longer matches the
  newest vault_state row: some pages are older than others (one rolled-back page, e.g. a
  deleted person), although each page's HMAC is valid;
- the file's pair is in the database's history: the database is that state or a descendant of
  it (a crash before a deferred write): fine;
- the file's counter is higher: the whole database is an older copy;
- anything else: they do not belong together.

The file is written after the commit, so it is never ahead of a database that was not
rolled back. A rollback within a burst not yet sealed (at most a second, or FLUSH_EVERY
commits) is not seen. What it cannot see: the whole folder (database and journal.state together)
replaced by an older copy of itself. Only something kept outside the folder could.

The first check (the sums over every row) takes seconds at campaign scale: an unlock with
`background` runs it after the window opens, every write waiting for its verdict
(open_check.py). Lock does not repeat it unless a commit could have missed the triggers
(StateSeal.bypassed).
"""

from __future__ import annotations

import hashlib
import logging
import struct
import time
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


_OWN = ("vault_digest", "vault_state")  # the bookkeeping itself
_MOD = 1 << 256


def _row_hash(table: str, row: tuple) -> int:
    material = table.encode("utf-8") + b"\0" + repr(tuple(row)).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(material, digest_size=32).digest(), "big")


def _mix(acc: bytes, sign: int, table: str, *row: object) -> bytes:
    """SQL function for the triggers: acc + sign * hash(row), mod 2^256."""
    return ((int.from_bytes(acc, "big") + sign * _row_hash(table, row)) % _MOD).to_bytes(32, "big")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def record_tables(conn: sqlcipher3.Connection) -> dict[str, list[str]]:
    """Tables holding records, with their columns. Full-text indexes and their shadow tables
    are left out: they are rebuilt from the records, and written by SQLite's own code."""
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    virtual = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    found = {}
    for table in tables:
        if table.startswith("sqlite_") or table in _OWN or any(table == v or table.startswith(v + "_")
                                                              for v in virtual):
            continue
        found[table] = [row[1] for row in conn.execute(f"PRAGMA table_info({_quote(table)})")]
    return found


def table_sum(conn: sqlcipher3.Connection, table: str) -> bytes:
    total = sum(_row_hash(table, row) for row in conn.execute(f"SELECT * FROM {_quote(table)}"))
    return (total % _MOD).to_bytes(32, "big")


def _digest_of_sums(conn: sqlcipher3.Connection) -> bytes:
    rows = conn.execute("SELECT tbl, acc FROM vault_digest ORDER BY tbl").fetchall()
    return hashlib.blake2b(repr([(t, bytes(a)) for t, a in rows]).encode("utf-8"), digest_size=32).digest()


def newest_state(conn: sqlcipher3.Connection) -> tuple[int, bytes]:
    seq, digest = conn.execute("SELECT seq, digest FROM vault_state ORDER BY seq DESC LIMIT 1").fetchone()
    return int(seq), bytes(digest)


def sums_problem(conn: sqlcipher3.Connection) -> str | None:
    """The pass over every record (the slow part of the open check): do the rows still add up
    to what the triggers recorded, and that to the newest vault_state row? Plain words if not."""
    seq, digest = newest_state(conn)
    if seq == 0:
        return None
    recorded = {t: bytes(a) for t, a in conn.execute("SELECT tbl, acc FROM vault_digest")}
    actual = {t: table_sum(conn, t) for t in record_tables(conn)}
    return None if recorded == actual and _digest_of_sums(conn) == digest else _inconsistent()


def install_triggers(conn: sqlcipher3.Connection) -> None:
    """Keep vault_digest up to date on this connection (temp triggers: not in the file)."""
    conn.create_function("sijil_mix", -1, _mix, deterministic=True)
    conn.execute("PRAGMA recursive_triggers = ON")  # so REPLACE's deletions fire DELETE triggers too
    for table, columns in record_tables(conn).items():
        q, lit = _quote(table), "'" + table.replace("'", "''") + "'"

        def args(prefix: str, columns=columns) -> str:
            return ", ".join(f"{prefix}.{_quote(c)}" for c in columns)

        mix_new = f"sijil_mix(acc, 1, {lit}, {args('NEW')})"
        mix_old = f"sijil_mix(acc, -1, {lit}, {args('OLD')})"
        both = f"sijil_mix(sijil_mix(acc, -1, {lit}, {args('OLD')}), 1, {lit}, {args('NEW')})"
        for event, expr in (("INSERT", mix_new), ("DELETE", mix_old), ("UPDATE", both)):
            name = _quote(f"sijil_digest_{event.lower()}_{table}")
            conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {name} AFTER {event} ON main.{q} BEGIN "
                         f"UPDATE vault_digest SET acc = {expr} WHERE tbl = {lit}; END")


class StateSeal:
    """Keeps vault_state and journal.state in step with every commit."""

    HISTORY = 1000     # commits kept in vault_state
    FLUSH_EVERY = 100  # the file is never more commits behind than this (well inside HISTORY)
    FLUSH_AFTER = 1.0  # seconds: a commit after a quiet second is sealed at once

    def __init__(self, folder: Path, conn: sqlcipher3.Connection, key: bytes, vault_id: str,
                 name: str = STATE_NAME) -> None:
        self._file = Path(folder) / name
        self._conn = conn
        self._key = key
        self._ad = b"sijil-state|" + vault_id.encode("ascii")
        self._pending: tuple[int, bytes] | None = None
        self._written = (-1, 0.0)  # (counter, monotonic time) of the last file write
        self._stale = False  # the file is behind the database (a deferred or failed write)
        self._covered: tuple | None = None  # see watch()

    def in_database(self) -> tuple[int, bytes]:
        return newest_state(self._conn)

    def _in_history(self, seq: int, digest: bytes) -> bool:
        row = self._conn.execute("SELECT digest FROM vault_state WHERE seq = ?", (seq,)).fetchone()
        return row is not None and bytes(row[0]) == digest

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
        self._written = (seq, time.monotonic())
        self._stale = False

    def _sums(self) -> bytes:
        return _digest_of_sums(self._conn)

    def rebuild(self) -> None:
        """Recompute every table's sum from its rows (inside the caller's transaction): for a
        new journal, and after a migration changed the tables."""
        self._conn.execute("DELETE FROM vault_digest")
        self._conn.executemany("INSERT INTO vault_digest (tbl, acc) VALUES (?, ?)",
                               [(t, table_sum(self._conn, t)) for t in record_tables(self._conn)])

    def problem(self, key_was_stored: bool = True, sums: bool = True) -> str | None:
        """What is wrong with the database's state at open, in plain words, or None. Without
        `sums`, only the state file against the history (cheap); the caller runs sums_problem."""
        seq, _digest = self.in_database()
        if sums and (found := sums_problem(self._conn)):
            return found
        if not key_was_stored:  # a database from before rollback detection: nothing sealed yet
            return _mismatch() if self._file.exists() else None
        try:
            sealed = self._read_file()
        except IntegrityError as exc:
            return exc.message
        if sealed is None:
            self._stale = seq > 0
            return _missing() if seq > 1 else None  # seq 1: a crash right after the first seal
        if self._in_history(*sealed):
            self._stale = sealed[0] != seq
            self._written = (sealed[0], 0.0)
            return None
        return _older() if seq < sealed[0] else _mismatch()

    def problem_without_state(self) -> str | None:
        """For a database from before rollback detection: only a state file beside it is wrong."""
        return _mismatch() if self._file.exists() else None

    def _coverage(self) -> tuple:
        triggers = self._conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' "
                                      "AND name LIKE 'sijil_digest_%'").fetchone()[0]
        return self._conn.execute("PRAGMA data_version").fetchone()[0], triggers, sorted(record_tables(self._conn))

    def watch(self) -> None:
        """Once the triggers are installed: remember what could let a write slip past them."""
        self._covered = self._coverage()

    def bypassed(self) -> bool:
        """Could a commit have missed the triggers since `watch`? Only one by another connection
        (data_version moves), into a table added since, or with triggers dropped: checked in
        microseconds, so lock runs the pass over every row only then."""
        return self._covered != self._coverage()

    def adopt(self) -> None:
        """Seal the database as it is (after a check, or for a folder restore just wrote)."""
        self._write_file(*self.in_database())

    # Called by Journal.write -------------------------------------------------------------------

    def before_commit(self) -> None:
        seq, _digest = self.in_database()
        if self._stale and seq - self._written[0] >= self.FLUSH_EVERY:
            self.adopt()  # never let the file fall out of the history: refuse the change instead
        digest = self._sums()
        self._conn.execute("INSERT INTO vault_state (seq, digest) VALUES (?, ?)", (seq + 1, digest))
        self._conn.execute("DELETE FROM vault_state WHERE seq <= ?", (seq + 1 - self.HISTORY,))
        self._pending = (seq + 1, digest)

    def after_commit(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        self._stale = True
        seq, at = self._written
        if pending[0] - seq < self.FLUSH_EVERY and time.monotonic() - at < self.FLUSH_AFTER:
            return  # part of a burst: sealed by a later commit or at lock
        try:
            self._write_file(*pending)
        except Exception:  # the change is committed; the next change (or lock) writes the file
            log.warning("journal state file not written; will retry")

    def abandon(self) -> None:
        self._pending = None

    def flush(self) -> None:
        """At lock: make sure the file matches the database, whatever happened before."""
        if self._stale:
            self.adopt()
