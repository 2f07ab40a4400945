"""Evidence rows in the database. The encrypted bytes live in the blob store
(app/core/blobstore.py); app/core/evidence.py ties the two together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import blobpack
from app.core.i18n import _
from app.core.journal.rows import Rows
from app.core.models import Evidence
from app.core.validate import check_when

if TYPE_CHECKING:
    from app.core.journal import Journal

# One indexed range per column (EXPLAIN QUERY PLAN: SEARCH ... USING COVERING INDEX).
USES_PACK = ("SELECT EXISTS (SELECT 1 FROM evidence WHERE blob >= ? AND blob < ?)"
             " OR EXISTS (SELECT 1 FROM evidence WHERE thumbnail_blob >= ? AND thumbnail_blob < ?)")


class EvidenceRecords:
    def __init__(self, journal: Journal) -> None:
        self._j = journal
        self._rows = Rows(journal.conn, "evidence", Evidence, _("Evidence"), timestamps=False)

    def add(self, ev: Evidence) -> int:
        self._j.incidents.get(ev.incident_id)
        check_when(ev.captured_at, _("time the evidence was captured"))
        with self._j.write("evidence.import", f"incident:{ev.incident_id}") as now:
            ev.id = self._rows.insert(ev, now)
            self._j.index.reindex(ev.incident_id)
        return ev.id

    def update(self, ev: Evidence) -> None:
        """Save caption, source link, redaction regions and confidentiality."""
        check_when(ev.captured_at, _("time the evidence was captured"))
        with self._j.write("evidence.edit", f"evidence:{ev.id}") as now:
            self._rows.update(ev, now)
            self._j.index.reindex(ev.incident_id)

    def set_thumbnails(self, names: dict[int, str]) -> None:
        """Record thumbnails made after import (app/core/thumbnails.py), in one transaction.
        Nothing searchable changes, so the index is left alone."""
        with self._j.write("evidence.thumbnails", f"evidence:{len(names)}"):
            self._j.conn.executemany("UPDATE evidence SET thumbnail_blob = ? WHERE id = ?",
                                     [(name, ident) for ident, name in names.items()])

    def delete(self, ident: int) -> Evidence:
        ev = self._rows.get(ident)
        with self._j.write("evidence.delete", f"evidence:{ident}"):
            self._rows.delete(ident)
            self._j.index.reindex(ev.incident_id)
        return ev

    def get(self, ident: int) -> Evidence:
        return self._rows.get(ident)

    def of_incident(self, incident_id: int) -> list[Evidence]:
        return self._rows.where("incident_id = ?", (incident_id,), order="imported_at, id")

    def blob_names(self, incident_id: int) -> list[str]:
        rows = self._j.conn.execute(
            "SELECT blob, thumbnail_blob FROM evidence WHERE incident_id = ?", (incident_id,))
        return [name for row in rows for name in row if name]

    def uses_pack(self, pack: str) -> bool:
        """Whether any row names an item of the pack file `pack` (app/core/blobpack.py)."""
        # Items are named "<pack>-<offset>-<length>": every one sorts from "<pack>-" to before
        # "<pack>." ('.' follows '-'), a range over the blob column's unique index and
        # thumbnail_blob's (migration 0008).
        low, high = f"{pack}-", f"{pack}."
        return self._j.conn.execute(USES_PACK, (low, high, low, high)).fetchone()[0] == 1

    def all_blob_names(self) -> set[str]:
        """The files in the blob folder that rows name (for a packed item, its pack)."""
        rows = self._j.conn.execute("SELECT blob, thumbnail_blob FROM evidence")
        return {blobpack.file_of(name) for row in rows for name in row if name}

    def audit_extract(self, ident: int) -> None:
        with self._j.write("evidence.extract", f"evidence:{ident}"):
            pass
