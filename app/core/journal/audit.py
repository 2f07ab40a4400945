"""Append-only, hash-chained audit trail: what happened and when, never the content.

Each entry's hash covers the previous hash, so removing, reordering or editing any entry
breaks every hash after it. Triggers in the schema refuse UPDATE and DELETE.
"""

from __future__ import annotations

import hashlib

import sqlcipher3

from app.core.models import AuditEntry

GENESIS = "0" * 64


def _digest(prev_hash: str, seq: int, at: str, action: str, target: str) -> str:
    material = "\x1f".join((prev_hash, str(seq), at, action, target)).encode("utf-8")
    return hashlib.sha256(material).hexdigest()


class AuditTrail:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn = conn

    def append(self, at: str, action: str, target: str = "") -> None:
        """Record one event. Call inside the transaction that makes the change."""
        last = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        self._conn.execute(
            "INSERT INTO audit (seq, at, action, target, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
            (seq, at, action, target, prev, _digest(prev, seq, at, action, target)),
        )

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT seq, at, action, target, prev_hash, hash FROM audit ORDER BY seq"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) ORDER BY seq"
        return [AuditEntry(*row) for row in self._conn.execute(sql)]

    def verify(self) -> tuple[int, int | None]:
        """Return (entries checked, first broken seq or None)."""
        prev, expected_seq, count = GENESIS, 1, 0
        for seq, at, action, target, prev_hash, digest in self._conn.execute(
            "SELECT seq, at, action, target, prev_hash, hash FROM audit ORDER BY seq"
        ):
            count += 1
            if seq != expected_seq or prev_hash != prev or digest != _digest(prev, seq, at, action, target):
                return count, seq
            prev, expected_seq = digest, seq + 1
        return count, None
