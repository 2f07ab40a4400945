"""SQLCipher connection: raw key, hardened PRAGMAs checked after setting, schema migrations."""

from __future__ import annotations

import importlib.resources
import json
import logging
import os
from pathlib import Path

import sqlcipher3

from app.core.atomic import FILE_MODE
from app.core.errors import IntegrityError, SijilError
from app.core.i18n import _
from app.core.journal.search import SearchIndex
from app.core.redaction.images import upright_box

log = logging.getLogger(__name__)

# Set on every open, then read back: a silently ignored PRAGMA would weaken the vault.
_REQUIRED = (
    ("temp_store", "MEMORY", 2),
    ("secure_delete", "ON", 1),
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("foreign_keys", "ON", 1),
)


def damaged() -> IntegrityError:
    return IntegrityError(
        _("The journal database is damaged or was changed outside Sijil, so it was not opened. "
          "Restore it from a backup.")
    )


def open_database(path: Path, key: bytes, create: bool = False, migrate_schema: bool = True,
                  check: bool = True) -> sqlcipher3.Connection:
    """Open (or, with create, make) the encrypted database with a raw 256-bit key and migrate it
    (or leave that to the caller, who checks the state first: see vault.py). Without `check`
    only the key is proven here; the caller runs `check_pages` (perhaps on another connection)."""
    if not create and not path.is_file():
        raise IntegrityError(_("The journal database is missing from the journal folder. Restore it from a backup."))
    # SQLite creates files with the umask (often 0644) and gives -wal/-shm the database's mode.
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE))
    os.chmod(path, FILE_MODE)
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # PRAGMA key always succeeds; a wrong key or damaged file shows on the first read.
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise damaged() from None
        if check:
            check_pages(conn)
        for name, value, expected in _REQUIRED:
            conn.execute(f"PRAGMA {name} = {value}")
            actual = conn.execute(f"PRAGMA {name}").fetchone()[0]
            if actual != expected:
                raise SijilError(_("The database refused a required safety setting ({name}).").format(name=name))
        if migrate_schema:
            migrate(conn)
        return conn
    except BaseException:
        conn.close()
        raise


def check_pages(conn: sqlcipher3.Connection) -> None:
    """Raise `damaged()` unless every page is authentic and they fit together.

    Every page carries an HMAC; checking them all turns a tampered page into a clear error
    rather than a failure in the middle of work. Then SQLite's structural check: pages that are
    each authentic but do not fit together (one page put back from an older copy) show up as a
    broken b-tree or index here. An interrupted check (conn.interrupt()) raises as it is."""
    try:
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise damaged()
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise damaged()
    except sqlcipher3.DatabaseError as exc:
        if interrupted(exc):
            raise
        raise damaged() from None


def interrupted(exc: BaseException) -> bool:
    return isinstance(exc, sqlcipher3.OperationalError) and str(exc) == "interrupted"


def open_read_only(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A second connection that cannot write, for checks beside the open journal."""
    conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
        return conn
    except BaseException:
        conn.close()
        raise


def _raw_key(key: bytes) -> str:
    return f"x'{key.hex()}'"


def opens_with(path: Path, key: bytes) -> bool:
    """Whether `key` opens a journal database at path (a wrong key fails on the first read;
    an empty file would open with any key, so a journal's tables must be there)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"{_raw_key(key)}\"")
        if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'vault_state'").fetchone()[0]:
            return False
        return not conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def export_rekeyed(conn: sqlcipher3.Connection, target: Path, key: bytes) -> None:
    """Write a complete copy of the database, encrypted under `key`, durably to `target`.

    A copy (sqlcipher_export) rather than PRAGMA rekey in place: the live file stays intact
    under its old key until the caller switches over, so a crash at any moment leaves one
    complete database that the header's key opens."""
    os.close(os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, FILE_MODE))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(target), _raw_key(key)))
    try:
        conn.execute("PRAGMA rekeyed.synchronous = FULL")
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE rekeyed")
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _migrations() -> list[tuple[int, str]]:
    files = importlib.resources.files("app.core.migrations")
    found = []
    for entry in files.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


LATEST_VERSION = max(v for v, _sql in _migrations())


def _boxes_upright(conn: sqlcipher3.Connection) -> None:
    """Boxes drawn on a rotated photo by earlier versions sat over the raw pixels: move them to
    the same pixels of the upright picture, so what the defender covered stays covered."""
    rows = conn.execute("SELECT id, metadata, redactions FROM evidence WHERE kind = 'image' AND redactions != '[]'")
    for ident, meta, boxes in rows.fetchall():
        orientation = (json.loads(meta).get("exif") or {}).get("Orientation", 1)
        if orientation in (2, 3, 4, 5, 6, 7, 8):
            moved = [upright_box(box, orientation) for box in json.loads(boxes)]
            conn.execute("UPDATE evidence SET redactions = ? WHERE id = ?", (json.dumps(moved), ident))


# Work a migration needs beyond SQL, run in the same transaction.
_AFTER = {4: _boxes_upright}
# Versions that change what the search index reads. It is rebuilt once, with the latest version,
# because it reads tables that later versions add.
_REINDEX = {2, 4, 7}


def migrate(conn: sqlcipher3.Connection, target: int = LATEST_VERSION) -> None:
    """Apply each missing migration in its own transaction, oldest first."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > LATEST_VERSION:
        raise SijilError(_("This journal was made by a newer version of Sijil. Update Sijil to open it."))
    pending = [(v, sql) for v, sql in _migrations() if current < v <= target]
    reindex = bool(_REINDEX & {v for v, _sql in pending})
    for n, (version, sql) in enumerate(pending):
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};")
            if version in _AFTER:
                _AFTER[version](conn)
            if reindex and n == len(pending) - 1 and version == LATEST_VERSION:
                SearchIndex(conn).reindex_all()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        log.info("database migrated to schema version %d", version)
