"""Maps dataclasses to rows: list/dict fields as JSON, bools as integers.

One generic mapper instead of a hand-written INSERT/UPDATE/SELECT per model keeps the
journal modules about behaviour rather than column lists.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Generic, TypeVar

import sqlcipher3

from app.core.errors import NotFound

T = TypeVar("T")


class Rows(Generic[T]):
    """Insert, update, fetch and delete one model type in one table."""

    def __init__(self, conn: sqlcipher3.Connection, table: str, model: type[T], label: str,
                 skip: tuple[str, ...] = (), timestamps: bool = True) -> None:
        self._conn = conn
        self.table = table
        self.model = model
        self.label = label
        names = [f.name for f in dataclasses.fields(model) if f.name != "id" and f.name not in skip]
        self.columns = names
        self._json = {f.name for f in dataclasses.fields(model) if _is_json(f.type)}
        self._bool = {f.name for f in dataclasses.fields(model) if f.type in ("bool", bool)}
        self._timestamps = timestamps

    def encode(self, obj: T) -> list[Any]:
        out = []
        for name in self.columns:
            value = getattr(obj, name)
            if name in self._json:  # most are empty: an import's 10,000 rows skip 10,000 dumps
                value = "[]" if value == [] else "{}" if value == {} else json.dumps(value, ensure_ascii=False)
            elif name in self._bool:
                value = int(bool(value))
            out.append(value)
        return out

    def decode(self, row: sqlcipher3.Row | tuple, names: list[str]) -> T:
        values = {}
        for name, value in zip(names, row, strict=True):
            if name in self._json:
                value = json.loads(value)
            elif name in self._bool:
                value = bool(value)
            values[name] = value
        return self.model(**values)

    def insert(self, obj: T, now: str) -> int:
        cols = list(self.columns)
        vals = self.encode(obj)
        if self._timestamps:
            cols += ["created_at", "updated_at"]
            vals += [now, now]
        sql = f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        return self._conn.execute(sql, vals).lastrowid

    def insert_many(self, objs: list[T], now: str) -> list[int]:
        """Insert many rows with one executemany (an import's thousands of evidence items) and
        return their ids. Call inside a write transaction: the ids are given here, after the
        largest one, which no other writer can take meanwhile."""
        if not objs:
            return []
        first = self._conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {self.table}").fetchone()[0]
        ids = list(range(first, first + len(objs)))
        cols = ["id", *self.columns] + (["created_at", "updated_at"] if self._timestamps else [])
        stamps = [now, now] if self._timestamps else []
        sql = f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        self._conn.executemany(sql, ([ident, *self.encode(obj), *stamps] for ident, obj in zip(ids, objs, strict=True)))
        return ids

    def update(self, obj: T, now: str) -> None:
        sets = [f"{c} = ?" for c in self.columns]
        vals = self.encode(obj)
        if self._timestamps:
            sets.append("updated_at = ?")
            vals.append(now)
        cur = self._conn.execute(f"UPDATE {self.table} SET {', '.join(sets)} WHERE id = ?", [*vals, obj.id])
        if cur.rowcount != 1:
            raise NotFound(self.label, obj.id)

    def get(self, ident: int) -> T:
        found = self.where("id = ?", (ident,))
        if not found:
            raise NotFound(self.label, ident)
        return found[0]

    def where(self, clause: str = "1", params: tuple | list = (), order: str = "id",
              limit: int | None = None, offset: int = 0) -> list[T]:
        names = ["id", *self.columns]
        sql = f"SELECT {', '.join(names)} FROM {self.table} WHERE {clause} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [self.decode(row, names) for row in self._conn.execute(sql, params)]

    def delete(self, ident: int) -> None:
        if self._conn.execute(f"DELETE FROM {self.table} WHERE id = ?", (ident,)).rowcount != 1:
            raise NotFound(self.label, ident)


def _is_json(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return text.startswith(("list", "dict"))
