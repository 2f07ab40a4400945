"""The base of the overview pages: load on the worker, show on the UI thread, reload on
change; and add/edit/delete for a page listing one kind of record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.core.errors import SijilError
from app.core.i18n import _
from app.core.operations import NOTHING, Changes, Done
from app.core.vault import Vault
from app.gui.session import Session
from app.gui.tasks import TaskContext
from app.gui.widgets.common import ErrorLabel
from app.gui.widgets.dialogs import confirm
from app.gui.widgets.tables import selected_id


class JournalView(QWidget):
    """Base of the views: fetch on the worker, apply on the UI thread, reload on change.

    Subclasses set `watches` (the kinds of record they show) and implement `fetch(vault, ctx)` (worker thread: no widgets)
    and `apply(data)` (UI thread). A change arriving during a load triggers one more load.
    """

    watches: Changes = NOTHING
    loaded = Signal()
    open_incident = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.error = ErrorLabel()
        self._loading = False
        self._stale = False
        session.changed.connect(self._on_changed)
        session.locked.connect(self.clear)

    def _on_changed(self, changes: Changes) -> None:
        if changes & self.watches:
            self.reload()

    def reload(self) -> None:
        if self._loading:
            self._stale = True
            return
        self._loading = True
        params = self.fetch_params()
        task = self.session.call(self, lambda vault, ctx: self.fetch(vault, ctx, params),
                    on_success=self._loaded, on_failure=self._failed, label="load view")
        if task is None:
            self._loading = False

    def fetch_params(self) -> Any:
        """UI state the fetch needs, read here on the UI thread."""
        return None

    def fetch(self, vault: Vault, ctx: TaskContext, params: Any) -> Any:
        """Read what the view shows (worker thread: never touch widgets here)."""

    def apply(self, data: Any) -> None:
        """Show what `fetch` returned (UI thread)."""

    def clear(self) -> None:
        """Drop what is shown (the journal was locked)."""

    def _loaded(self, data: Any) -> None:
        self._loading = False
        if self._stale:
            self._stale = False
            self.reload()
            return
        self.error.show_message("")
        self.apply(data)
        self.loaded.emit()

    def _failed(self, error: SijilError) -> None:
        self._loading = False
        self.show_error(error)
        self.loaded.emit()

    def show_error(self, error: SijilError) -> None:
        self.error.show_message(error.message)

    def delete_after_asking(self, text: str, operation: Callable[[Vault], Done]) -> None:
        """Ask before deleting (the safe answer is the default), then delete on the worker."""
        if confirm(self, _("Delete?"), text, _("Delete")):
            self.session.call(self, lambda vault, ctx: operation(vault), label="delete", on_failure=self.show_error)



class RecordEditing:
    """Add, edit and delete for a JournalView listing one kind of record in `self.table`.

    Subclasses set `dialog_class` (built as dialog_class(session, record_or_None, parent)) and
    `delete_op` (the core operation, as staticmethod), and provide `record(ident)` and
    `delete_question(record)`.
    """

    dialog_class: type
    delete_op: Callable[[Vault, int], Done]
    dialog = None

    def finish_list(self, layout, body, on_selection: Callable[[], None]) -> None:
        """Under the page's controls: the error line and the list (or its empty state); the
        buttons follow the selection; then the first load."""
        layout.addWidget(self.error)
        layout.addWidget(body, 1)
        self.table.itemSelectionChanged.connect(on_selection)
        on_selection()
        self.reload()

    def add_record(self):
        return self._open(None)

    def edit_selected(self):
        record = self.record(selected_id(self.table))
        return self._open(record) if record is not None else None

    def _open(self, record):
        self.dialog = self.dialog_class(self.session, record, self)
        self.dialog.open()
        return self.dialog

    def delete_selected(self) -> None:
        record = self.record(selected_id(self.table))
        if record is not None:
            ident = record.id
            self.delete_after_asking(self.delete_question(record), lambda vault: self.delete_op(vault, ident))
