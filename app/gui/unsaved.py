"""Typing not yet saved, for locking: windows that hold some register here, and the lock asks
each for a save of it (run on the worker before the keys are dropped), so a panic lock loses
nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtWidgets import QWidget

from app.core.vault import Vault

PendingSave = Callable[[Vault], Any]


class HoldsUnsavedWork(Protocol):
    def pending_save(self) -> PendingSave | None:
        """A save of what was typed and not saved yet, or None; called once, at lock."""


class UnsavedWork:
    def __init__(self) -> None:
        self._holders: list[QWidget] = []

    def register(self, holder: QWidget) -> None:
        """`holder` is a window implementing HoldsUnsavedWork."""
        self._holders.append(holder)

    def pending_saves(self) -> list[PendingSave]:
        """The saves of the windows still open, in the order they were opened."""
        self._holders = [h for h in self._holders if shiboken6.isValid(h)]
        return [save for h in self._holders if h.isVisible() for save in [h.pending_save()] if save is not None]
