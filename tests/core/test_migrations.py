import importlib.resources
import os

import pytest
import sqlcipher3

from app.core import db
from app.core.errors import SijilError


def fresh(path, key, target):
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    db.migrate(conn, target=target)
    return conn


def test_every_version_upgrades_to_the_latest_keeping_data(tmp_path):
    """Start at schema 1 with data in it, open with the current code, find it all (and searchable)."""
    key = os.urandom(32)
    path = tmp_path / "old.db"
    conn = fresh(path, key, target=1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.execute("INSERT INTO incidents (title, occurred_on, description, created_at, updated_at) "
                 "VALUES ('Threat', '2026-01-01', 'تهديد عبر تيليغرام', 'now', 'now')")
    conn.close()
    upgraded = db.open_database(path, key)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == db.LATEST_VERSION
    assert upgraded.execute("SELECT title FROM incidents").fetchall() == [("Threat",)]
    from app.core.journal import Journal
    assert Journal(upgraded).search("تيليغرام") == [1]


def test_migrations_are_numbered_without_gaps():
    """The files a contributor adds to app/core/migrations/: NNN_what.sql, one per version."""
    files = importlib.resources.files("app.core.migrations")
    versions = sorted(int(f.name.split("_", 1)[0]) for f in files.iterdir() if f.name.endswith(".sql"))
    assert versions == list(range(1, db.LATEST_VERSION + 1))


def test_a_newer_schema_is_refused_plainly(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "new.db"
    conn = db.open_database(path, key, create=True)
    conn.execute(f"PRAGMA user_version = {db.LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(SijilError, match="newer version"):
        db.open_database(path, key)


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    key = os.urandom(32)
    path = tmp_path / "half.db"
    fresh(path, key, target=1).close()
    broken = [(1, ""), (2, "CREATE TABLE ok_table (x); THIS IS NOT SQL;")]
    monkeypatch.setattr(db, "_migrations", lambda: broken)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    with pytest.raises(sqlcipher3.OperationalError):
        db.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ok_table'").fetchone()[0] == 0
