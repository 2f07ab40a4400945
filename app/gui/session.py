"""An unlocked journal as the widgets see it: the vault stays on the worker thread.

Widgets call `session.call(fn, ...)` with `fn(vault, ctx)`; it runs on the TaskRunner's
single worker, and its result comes back on the UI thread. After a successful write the
session emits `changed(topic)` so every view showing that topic reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.errors import SijilError
from app.core.vault import Vault
from app.gui.tasks import Task, TaskContext, TaskRunner
from app.gui.unsaved import UnsavedWork


class Session(QObject):
    changed = Signal(str)   # what changed: "incidents", "persons", "evidence", "settings"...
    locked = Signal()

    def __init__(self, runner: TaskRunner, vault: Vault, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._vault: Vault | None = vault
        self.unsaved = UnsavedWork()  # windows holding typing not yet saved, asked at lock

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def call(self, fn: Callable[[Vault, TaskContext], Any], *, on_success: Callable[[Any], None] | None = None,
             on_failure: Callable[[SijilError], None] | None = None, label: str = "",
             cancellable: bool = False, changes: str | tuple[str, ...] = ()) -> Task | None:
        """Run fn(vault, ctx) on the worker. `changes` names the topics a success modified."""
        vault = self._vault
        if vault is None:
            return None
        topics = (changes,) if isinstance(changes, str) else changes

        def done(result: Any) -> None:
            if on_success:
                on_success(result)
            for topic in topics:
                self.changed.emit(topic)

        return self.runner.run(lambda ctx: fn(vault, ctx), on_success=done, on_failure=on_failure,
                               label=label, cancellable=cancellable)

    def lock(self) -> None:
        """Stop running work, then drop the keys on the worker (in order after it)."""
        vault, self._vault = self._vault, None
        if vault is None:
            return
        self.runner.cancel_all()
        self.runner.run(lambda ctx: vault.lock(), label="lock")
        self.locked.emit()
