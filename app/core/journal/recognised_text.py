"""Words recognised in pictures (app/core/ocr.py), one row per image in `evidence_text`.
Kept in the encrypted journal beside the evidence row; deleted with it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.journal import Journal

DONE, FAILED = "done", "failed"


@dataclass(frozen=True)
class Word:
    """One recognised word; the box is in fractions of the upright picture."""

    text: str
    x: float
    y: float
    w: float
    h: float
    line: int  # words with the same number were read as one line


@dataclass
class RecognisedText:
    evidence_id: int
    status: str
    engine: str = ""
    words: list[Word] = field(default_factory=list)
    width: int = 0   # of the upright picture read, for padding boxes evenly
    height: int = 0

    @property
    def body(self) -> str:
        return " ".join(w.text for w in self.words)


class RecognisedTexts:
    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def get(self, evidence_id: int) -> RecognisedText | None:
        row = self._j.conn.execute(
            "SELECT status, engine, words, width, height FROM evidence_text WHERE evidence_id = ?",
            (evidence_id,)).fetchone()
        if row is None:
            return None
        return RecognisedText(evidence_id, row[0], row[1], [Word(*w) for w in json.loads(row[2])], row[3], row[4])

    def save(self, found: RecognisedText) -> None:
        """Store (or replace) what was recognised, and make it searchable."""
        incident = self._j.conn.execute("SELECT incident_id FROM evidence WHERE id = ?",
                                        (found.evidence_id,)).fetchone()
        if incident is None:
            return  # deleted while it was being read
        words = json.dumps([[w.text, w.x, w.y, w.w, w.h, w.line] for w in found.words], ensure_ascii=False)
        with self._j.write("evidence.recognise", f"evidence:{found.evidence_id}") as now:
            self._j.conn.execute(
                "INSERT OR REPLACE INTO evidence_text (evidence_id, status, engine, words, body, width, height, "
                "recognised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (found.evidence_id, found.status, found.engine, words, found.body, found.width, found.height, now))
            self._j.index.reindex(incident[0])

    def pending(self, incident_id: int | None = None) -> list[int]:
        """Pictures not read yet (imported before OCR ran, or while it was unavailable)."""
        sql = ("SELECT e.id FROM evidence e LEFT JOIN evidence_text t ON t.evidence_id = e.id "
               "WHERE e.kind = 'image' AND t.evidence_id IS NULL")
        args: tuple = ()
        if incident_id is not None:
            sql, args = sql + " AND e.incident_id = ?", (incident_id,)
        return [r[0] for r in self._j.conn.execute(sql + " ORDER BY e.id", args)]
