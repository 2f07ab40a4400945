"""Full-text search over everything an incident shows, in any script.

One FTS5 row per incident (rowid = incident id) holds folded text of the incident, its
linked actors, people (names, aliases, pseudonyms), steps, evidence captions, source links and the words
recognised in its pictures, and reported
item links. Queries are folded the same way and every word matches as a prefix, so the
search box can filter as the user types.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import sqlcipher3

from app.core.textnorm import fold

_SOURCES = (
    ("SELECT title, location, description, translation, current_situation, tags, platforms, kinds "
     "FROM incidents WHERE id = ?"),
    ("SELECT a.handle, a.display_name, a.profile_url, a.numeric_id, a.notes, a.motive FROM actors a "
     "JOIN incident_actors l ON l.actor_id = a.id WHERE l.incident_id = ?"),
    ("SELECT p.name, p.aliases, p.pseudonym FROM persons p "
     "JOIN incident_persons l ON l.person_id = p.id WHERE l.incident_id = ?"),
    "SELECT caption, source_url FROM evidence WHERE incident_id = ?",
    "SELECT t.body FROM evidence_text t JOIN evidence e ON e.id = t.evidence_id WHERE e.incident_id = ?",
    "SELECT body, description, response FROM steps WHERE incident_id = ?",
    ("SELECT i.url, i.content_translation, r.reference FROM report_items i "
     "JOIN platform_reports r ON r.id = i.report_id "
     "JOIN report_incidents l ON l.report_id = r.id WHERE l.incident_id = ?"),
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Arabic writes "and", "so", "with", "like", "for" and "the" as part of the next word: "وتلغرام"
# is "and Telegram", "بالقتل" "with the killing", "للمدرسة" "for the school". FTS5 matches
# prefixes only, so each Arabic word is indexed bare too (every form left after taking off, in
# order, و/ف, then ب/ك/ل, then ال; "لل" is ل + ال), and "تلغرام", "قتل", "مدرسة" find them. The
# query is not stripped: "بالقتل" still means that word.
_ARABIC_WORD = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]{3,}")
_MIN_BARE = 2  # letters left of a word once its proclitics are off


@lru_cache(maxsize=1 << 16)  # a campaign's messages repeat the same words thousands of times
def _bare_forms(word: str) -> tuple[str, ...]:
    forms, rest = [], word
    for proclitics in (("و", "ف"), ("لل", "ب", "ك", "ل"), ("ال",)):
        for p in proclitics:
            if rest.startswith(p) and len(rest) - len(p) >= _MIN_BARE:
                if p == "لل":  # ل + ال with the alef dropped, or ل + a word in ل ("للون")
                    forms += ["ال" + rest[2:], rest[1:]]
                rest = rest[len(p):]
                forms.append(rest)
                break
    return tuple(forms)


def _with_bare_words(folded: str) -> str:
    bare = dict.fromkeys(f for w in _ARABIC_WORD.findall(folded) for f in _bare_forms(w))
    return folded + (" " + " ".join(bare) if bare else "")


def _flatten(value: object) -> str:
    if isinstance(value, str) and value.startswith("["):
        try:
            return " ".join(map(str, json.loads(value)))
        except ValueError:
            return value
    return "" if value is None else str(value)


class SearchIndex:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn = conn

    def reindex(self, incident_id: int) -> None:
        """Rebuild the row for one incident (or drop it if the incident is gone)."""
        self.reindex_many([incident_id])

    def reindex_many(self, incident_ids: list[int]) -> None:
        """Rebuild the rows of many incidents (an import's hundreds). Every old row goes first,
        then the new ones in rowid order: FTS5 writes its pending terms out as a new segment
        whenever a rowid comes that is not above the last one, so deleting and inserting one
        incident after another wrote a segment each and doubled an import's indexing time."""
        ids = sorted(set(incident_ids))
        self._conn.executemany("DELETE FROM search_index WHERE rowid = ?", ((i,) for i in ids))
        self._conn.executemany("INSERT INTO search_index (rowid, body) VALUES (?, ?)",
                               ((i, body) for i in ids if (body := self._body(i)) is not None))

    def _body(self, incident_id: int) -> str | None:
        """The folded text of everything the incident shows; None if it is gone."""
        if self._conn.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is None:
            return None
        parts = []
        for sql in _SOURCES:
            for row in self._conn.execute(sql, (incident_id,)):
                parts.extend(_flatten(v) for v in row)
        return _with_bare_words(fold(" ".join(p for p in parts if p)))

    def reindex_all(self) -> None:
        self.reindex_many([r[0] for r in self._conn.execute("SELECT id FROM incidents")])

    def match(self, query: str, limit: int = 500, ranked: bool = True) -> list[int]:
        """Incident ids matching every word of `query` (as prefixes): best first, or with
        `ranked` False in id order, for a caller that sorts them itself. Ranking scores every
        match (bm25) before the limit applies: at 10,000 incidents a common word matches most
        of them, and the scoring is three quarters of the query's time."""
        words = _WORD.findall(fold(query))
        if not words:
            return []
        expr = " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)
        order = "ORDER BY rank " if ranked else ""
        rows = self._conn.execute(f"SELECT rowid FROM search_index WHERE search_index MATCH ? {order}LIMIT ?",
                                  (expr, limit))
        return [r[0] for r in rows]
