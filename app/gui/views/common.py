"""Pieces every view and editor shares: loading through the session, empty states,
inline error text, confirmations that do not block the event loop, and labelled form rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import SijilError
from app.core.i18n import _
from app.core.vault import Vault
from app.gui.calls import call
from app.gui.dialogs import confirm
from app.gui.session import Session
from app.gui.tasks import TaskContext
from app.gui.widgets.common import EmptyState as EmptyNotice

SPACING = 8


def plain(text: str) -> str:
    """A label without its mnemonic ampersand, for accessible names."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ErrorLabel(QLabel):
    """Inline message in plain words; hidden while empty. Not colour alone: it starts with a sign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: #a4000f;")
        self.setAccessibleName(_("Message"))
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText("⚠ " + message if message else "")
        self.setVisible(bool(message))


class EmptyState(QStackedWidget):
    """Shows `content`, or the app's empty state saying what to do next when there is nothing."""

    def __init__(self, content: QWidget, icon_name: str, title: str, text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = EmptyNotice(icon_name, title, text)
        self.message = self.notice.text
        self.addWidget(content)
        self.addWidget(self.notice)

    def set_empty(self, empty: bool) -> None:
        self.setCurrentIndex(1 if empty else 0)

    @property
    def is_empty(self) -> bool:
        return self.currentIndex() == 1


class JournalView(QWidget):
    """Base of the views: fetch on the worker, apply on the UI thread, reload on change.

    Subclasses set `topics` and implement `fetch(vault, ctx)` (worker thread: no widgets)
    and `apply(data)` (UI thread). A change arriving during a load triggers one more load.
    """

    topics: tuple[str, ...] = ()
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

    def _on_changed(self, topic: str) -> None:
        if topic in self.topics:
            self.reload()

    def reload(self) -> None:
        if self._loading:
            self._stale = True
            return
        self._loading = True
        params = self.fetch_params()
        task = call(self, self.session, lambda vault, ctx: self.fetch(vault, ctx, params),
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

    def call(self, fn: Callable[[Vault, TaskContext], Any], label: str, **kwargs: Any) -> None:
        """session.call on behalf of this view: dropped if the view is gone, errors shown inline."""
        kwargs.setdefault("on_failure", self.show_error)
        call(self, self.session, fn, label=label, **kwargs)

    def delete_after_asking(self, text: str, fn: Callable[[Vault], Any], topic: str) -> None:
        """Ask before deleting (the safe answer is the default), then delete on the worker."""
        if confirm(self, _("Delete?"), text, _("Delete")):
            self.call(lambda vault, ctx: fn(vault), label="delete", changes=topic)



class RecordEditing:
    """Add, edit and delete for a JournalView listing one kind of record in `self.table`.

    Subclasses set `dialog_class` (built as dialog_class(session, record_or_None, parent)) and
    `topic`, and provide `record(ident)`, `delete_question(record)` and `delete_record(vault, ident)`.
    """

    dialog_class: type
    topic = ""
    dialog = None

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
            self.delete_after_asking(self.delete_question(record),
                                     lambda vault: self.delete_record(vault, ident), self.topic)

def make_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setResizeContentsPrecision(100)   # size columns from 100 rows, not all
    table.setAccessibleName(name)
    return table


def cell(text: str, ident: int | None = None, sort: Any = None) -> QTableWidgetItem:
    """A read-only cell; `ident` rides in UserRole on the first column, `sort` orders numbers."""
    item = QTableWidgetItem(text)
    if ident is not None:
        item.setData(Qt.ItemDataRole.UserRole, ident)
    if sort is not None:
        item.setData(Qt.ItemDataRole.DisplayRole, sort)
    return item


def isolate(texts: list[str]) -> str:
    """Join names that may mix scripts, each isolated so bidi cannot reorder the list."""
    return ", ".join(f"\u2068{t}\u2069" for t in texts)


def fit_columns(table: QTableWidget, widest: int = 260) -> None:
    """Size columns to their contents, but no column so wide that the others scroll away."""
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):
        table.setColumnWidth(column, min(table.columnWidth(column), widest))


def row_id(table: QTableWidget, row: int) -> int | None:
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def selected_id(table: QTableWidget) -> int | None:
    return row_id(table, table.currentRow())


def bind_table_keys(table: QTableWidget, on_open: Callable[[], None],
                    on_delete: Callable[[], None] | None = None) -> None:
    """Double-click or Enter opens the row; Delete asks to delete it."""
    table.doubleClicked.connect(lambda _index: on_open())
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QShortcut(QKeySequence(key), table, on_open, context=Qt.ShortcutContext.WidgetShortcut)
    if on_delete is not None:
        QShortcut(QKeySequence.StandardKey.Delete, table, on_delete,
                  context=Qt.ShortcutContext.WidgetShortcut)


def button_row(*buttons: tuple[str, Callable[[], None]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """Buttons with mnemonics ("&Add…"), left-aligned (mirrored in right-to-left layouts)."""
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    made = []
    for text, slot in buttons:
        button = QPushButton(text)
        button.setAccessibleName(plain(text).rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made


def fill_combo(combo: QComboBox, labels: dict, current: Any = None) -> None:
    combo.clear()
    for code, text in labels.items():
        combo.addItem(text, code)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))


def date_field(value: str) -> QLineEdit:
    """A date typed as YYYY-MM-DD; the journal checks it and says what is wrong."""
    field = QLineEdit(value)
    field.setPlaceholderText("YYYY-MM-DD")
    field.setMaxLength(10)
    return field


def date_hint(optional: bool = True) -> str:
    if optional:
        return _("YYYY-MM-DD, for example 2026-03-14; leave empty if unknown")
    return _("YYYY-MM-DD, for example 2026-03-14")


def add_row(form: QFormLayout, text: str, widget: QWidget, hint: str = "") -> QLabel:
    """A form row whose label carries a mnemonic and names the field for screen readers."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(plain(text))
    if hint:
        widget.setToolTip(hint)
        widget.setAccessibleDescription(hint)
    form.addRow(label, widget)
    return label


class EditorDialog(QDialog):
    """An editor that saves through the session and stays open, input intact, on error."""

    saved = Signal(int)
    topic = ""

    def __init__(self, session: Session, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setSpacing(SPACING)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(SPACING)
        self.body.addLayout(self.form)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def collect(self) -> Any:
        """The edited record from the fields (UI thread); may raise SijilError."""

    def write(self, vault: Vault, record: Any) -> int:
        """Store the record (worker thread); returns its id."""

    def save(self) -> None:
        try:
            record = self.collect()
        except SijilError as exc:
            self.error.show_message(exc.message)
            return
        self.save_button.setEnabled(False)
        call(self, self.session, lambda vault, ctx: self.write(vault, record), on_success=self._saved,
             on_failure=self._failed, label="save", changes=self.topic)

    def _saved(self, ident: int) -> None:
        self.saved.emit(ident)
        self.accept()

    def _failed(self, error: SijilError) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(error.message)
