"""An unlocked journal as the widgets see it, and their one route to the core.

A widget calls `session.call(owner, fn, ...)` with `fn(vault, ctx)`: a read, or a core
operation (app.core.operations) returning `Done(changes, value)`. It runs on the TaskRunner's
single worker (gui/tasks.py); the value comes back on the UI thread, to `on_success`, only if
`owner` still exists (a closed editor must not be touched), and errors are shown in plain
words on the owner unless `on_failure` handles them. After an operation the session emits
`changed(Changes)`, and every view watching one of those kinds of record reloads.

The vault's open check may still be running when the window opens (Vault.unlock with
`background`); if it finds damage, `damaged(error)` comes on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.core.errors import SijilError
from app.core.operations import Done
from app.core.vault import Vault
from app.gui.tasks import Task, TaskContext, TaskRunner
from app.gui.unsaved import UnsavedWork
from app.gui.widgets.dialogs import show_error


class Session(QObject):
    changed = Signal(object)   # Changes: the kinds of record an operation changed
    locked = Signal()
    damaged = Signal(object)   # SijilError: the open check found the journal damaged or partly older
    _verdict = Signal(object)

    def __init__(self, runner: TaskRunner, vault: Vault, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._vault: Vault | None = vault
        self.unsaved = UnsavedWork()  # windows holding typing not yet saved, asked at lock
        # Always queued: from the checking thread, or from here when the verdict came before
        # this session did (delivered once whoever made it has connected `damaged`).
        self._verdict.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        vault.when_checked(self._checked)

    def _checked(self, verdict: SijilError | None) -> None:
        if verdict is not None and shiboken6.isValid(self):
            self._verdict.emit(verdict)

    def _deliver(self, verdict: SijilError) -> None:
        if self._vault is not None:  # not after a lock
            self.damaged.emit(verdict)

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def call(self, owner: QObject | None, fn: Callable[[Vault, TaskContext], Any], *,
             on_success: Callable[[Any], Any] | None = None,
             on_failure: Callable[[SijilError], Any] | None = None, label: str = "",
             cancellable: bool = False) -> Task | None:
        """Run fn(vault, ctx) on the worker for `owner`; None if the journal is locked."""
        vault = self._vault
        if vault is None:
            return None

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        def success(result: Any) -> None:
            done = result if isinstance(result, Done) else None
            if on_success is not None and alive():
                on_success(done.value if done else result)
            if done is not None and done.changes:
                self.changed.emit(done.changes)

        def failure(error: SijilError) -> None:
            if not alive():
                return
            if on_failure is not None:
                on_failure(error)
            else:
                show_error(owner if isinstance(owner, QWidget) else None, error)

        return self.runner.run(lambda ctx: fn(vault, ctx), on_success=success, on_failure=failure,
                               label=label, cancellable=cancellable)

    def lock(self) -> None:
        """Stop running work, then drop the keys on the worker (in order after it)."""
        vault, self._vault = self._vault, None
        if vault is None:
            return
        self.runner.cancel_all()
        self.runner.run(lambda ctx: vault.lock(), label="lock")
        self.locked.emit()
