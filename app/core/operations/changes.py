"""What an operation changed, by kind of record, so screens reload from that (as Anki's
OpChanges) instead of from topic names typed as strings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    incidents: bool = False    # incidents, their steps, links and export records
    evidence: bool = False
    persons: bool = False
    actors: bool = False
    reports: bool = False      # platform reports and their items
    assessments: bool = False
    settings: bool = False     # journal settings, keys and passphrase

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in dataclasses.fields(self)})

    def __and__(self, other: Changes) -> bool:
        """Whether the two share a kind: `if changes & view.watches: reload`."""
        return any(getattr(self, f.name) and getattr(other, f.name) for f in dataclasses.fields(self))

    def __bool__(self) -> bool:
        return self & ALL


ALL = Changes(**{f.name: True for f in dataclasses.fields(Changes)})
NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result: what it returns to the caller, and what it changed."""

    changes: Changes
    value: T = None  # type: ignore[assignment]
