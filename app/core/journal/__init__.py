"""Queries and writes over the journal models. Every write is one transaction that also
appends to the audit trail and refreshes the search index."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import sqlcipher3

from app.core.atomic import disk_errors
from app.core.errors import ReadOnlyJournal
from app.core.journal.assessments import Assessments
from app.core.journal.audit import AuditTrail
from app.core.journal.evidence_records import EvidenceRecords
from app.core.journal.exports import ExportRecords
from app.core.journal.incidents import Incidents
from app.core.journal.people import Actors, Persons
from app.core.journal.recognised_text import RecognisedTexts
from app.core.journal.reports import Reports
from app.core.journal.search import SearchIndex

# Writes that only keep records of reading (an extract, an export, a backup): a journal
# opened read-only runs them and throws the record away instead of refusing the reading.
RECORD_KEEPING = ("evidence.extract", "export.", "vault.backup")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Journal:
    """The journal inside an unlocked vault. Not thread-safe: use from one thread."""

    def __init__(self, conn: sqlcipher3.Connection, read_only: bool = False) -> None:
        self.conn = conn
        self.read_only = read_only
        self.seal = None  # db_state.StateSeal once the vault has checked the database
        self.before_write: Callable[[str], None] | None = None  # the vault's: waits for its open check
        self.audit = AuditTrail(conn)
        self.index = SearchIndex(conn)
        self.incidents = Incidents(self)
        self.persons = Persons(self)
        self.actors = Actors(self)
        self.reports = Reports(self)
        self.assessments = Assessments(self)
        self.evidence = EvidenceRecords(self)
        self.exports = ExportRecords(self)
        self.recognised = RecognisedTexts(self)

    @contextlib.contextmanager
    def write(self, action: str, target: str = "") -> Iterator[str]:
        """One atomic change: yields the timestamp, audits `action`, commits or rolls back."""
        now = utc_now()
        if self.before_write is not None:
            self.before_write(action)
        if self.read_only and not action.startswith(RECORD_KEEPING):
            raise ReadOnlyJournal()
        with disk_errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield now
                if self.read_only:
                    self.conn.execute("ROLLBACK")
                    return
                self.audit.append(now, action, target)
                if self.seal is not None:
                    self.seal.before_commit()
                self.conn.execute("COMMIT")
            except BaseException:
                if self.seal is not None:
                    self.seal.abandon()
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        if self.seal is not None:
            self.seal.after_commit()

    def search(self, query: str, limit: int = 500, ranked: bool = True) -> list[int]:
        return self.index.match(query, limit, ranked)

    def get_setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write("setting.change", key):
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
