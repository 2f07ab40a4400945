"""The stores of a vault folder: always STORES journal databases, each with its sealed state.

Store 0 holds her journal. Store 1 holds the decoy journal when a duress passphrase is set,
and otherwise a spare: an empty journal made by the same code, under a key nobody keeps. So
every folder has the same files, and the spare and a decoy are alike: same schema, same
state file, and the same size, because every store is padded when it is made (or re-keyed)
to PAD_PAGES pages, the padding then freed inside the file, where new records go first. A
decoy keeps exactly the size of a spare until it holds more than about 1.8 MiB of records.

The blob store (evidence files) is shared by all stores: random names, padded sizes, one
fixed time; nothing on a blob says which store's key opens it.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

STORES = 2
_DB_NAMES = ("journal.db", "journal-b.db")
_STATE_NAMES = ("journal.state", "journal-b.state")
PAD_PAGES = 512  # 2 MiB in 4 KiB pages
_SQLCIPHER_RESERVE = 80  # bytes kept per page by SQLCipher 4: IV (16) and HMAC-SHA512 (64)


def db_name(store: int) -> str:
    return _DB_NAMES[store]


def state_name(store: int) -> str:
    return _STATE_NAMES[store]


def rekey_name(store: int) -> str:
    """The complete database under a new key, until a passphrase change completes."""
    return db_name(store) + ".rekey"


def part_name(store: int) -> str:
    """The same while it is being written: never used, only removed."""
    return rekey_name(store) + ".part"


def file_names() -> list[str]:
    """Every top-level file any store may have, including those that exist only while open
    or during a passphrase change."""
    names = []
    for store in range(STORES):
        for base in (db_name(store), rekey_name(store), part_name(store)):
            names += [base + suffix for suffix in ("", "-journal", "-wal", "-shm")]
        names.append(state_name(store))
    return names


def _pages_added(conn: sqlcipher3.Connection, payload: int) -> None:
    conn.execute("INSERT INTO vault_digest (tbl, acc) VALUES ('~padding', zeroblob(?))", (payload,))
    conn.execute("DELETE FROM vault_digest WHERE tbl = '~padding'")


def pad(conn: sqlcipher3.Connection) -> None:
    """Grow the database file to exactly PAD_PAGES pages (if smaller), as free pages.

    One row whose overflow chain is exactly the pages missing, then deleted: secure_delete
    zeroes them (random bytes on disk once encrypted) and they stay in the file as free pages.
    The row lives in vault_digest, which no trigger and no state sum covers, and never
    outlives the transaction, so the journal's sealed state is not touched."""
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    usable = page_size - _SQLCIPHER_RESERVE
    min_local = (usable - 12) * 32 // 255 - 23  # SQLite's smallest in-page part of a long row
    conn.execute("BEGIN IMMEDIATE")
    try:
        for _attempt in range(3):  # one pass lands exactly; more only if the layout differs
            missing = PAD_PAGES - int(conn.execute("PRAGMA page_count").fetchone()[0])
            if missing <= 0:
                break
            _pages_added(conn, min_local + missing * (usable - 4))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def key_opens(path: Path, key: bytes) -> bool:
    """Whether `key` reads the database's first page: a cheap test of which store a master
    key belongs to (the full checks run when it is opened)."""
    if not path.is_file():
        return False
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()
