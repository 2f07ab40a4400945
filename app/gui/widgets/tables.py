"""Record tables: building them, their cells, the id behind a row, their keys, and a column
of coded choices edited in place. Fitting their columns to the view: widgets/columns.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.gui.widgets.bidi import align_cells_by_their_direction
from app.gui.widgets.columns import install_header
from app.gui.widgets.date_field import format_date

SORT_KEY = Qt.ItemDataRole.UserRole + 1


def make_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    install_header(table)  # headings may take two lines (widgets/columns.py)
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
    align_cells_by_their_direction(table)
    return table



def cell(text: str, ident: int | None = None, sort: Any = None) -> QTableWidgetItem:
    """A read-only cell; `ident` rides in UserRole on the first column, `sort` orders numbers."""
    item = QTableWidgetItem(text)
    if ident is not None:
        item.setData(Qt.ItemDataRole.UserRole, ident)
    if sort is not None:
        item.setData(Qt.ItemDataRole.DisplayRole, sort)
    return item



class _SortedBy(QTableWidgetItem):
    """A cell shown one way and sorted by a key of its own (a date in her digits, sorted as ISO)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_KEY), other.data(SORT_KEY)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return mine < theirs


def date_cell(iso: str, ident: int | None = None) -> QTableWidgetItem:
    """A stored ISO date shown the way her language writes it, still sorted by the day."""
    item = _SortedBy(format_date(iso))
    item.setData(SORT_KEY, iso)
    if ident is not None:
        item.setData(Qt.ItemDataRole.UserRole, ident)
    return item


def isolate(texts: list[str]) -> str:
    """Join names that may mix scripts, each isolated so bidi cannot reorder the list."""
    return ", ".join(f"\u2068{t}\u2069" for t in texts)



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



class ChoiceDelegate(QStyledItemDelegate):
    """A column whose cells are one of a few coded choices, chosen from a list in place.
    The code rides in UserRole, the words are shown."""

    def __init__(self, choices: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option, index) -> QComboBox:
        editor = QComboBox(parent)
        for code, text in self._choices.items():
            editor.addItem(text, code)
        return editor

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def eventFilter(self, editor, event) -> bool:
        # Enter chooses at once and stops here: passed on, it would press the dialog's default
        # button (Save) before the choice was committed.
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and isinstance(editor, QComboBox)):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
