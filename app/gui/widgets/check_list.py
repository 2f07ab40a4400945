"""A compact list of checkable choices (platforms, kinds, people...)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class CheckList(QListWidget):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setUniformItemSizes(True)

    def set_choices(self, choices: Iterable[tuple[str, object]]) -> None:
        self.clear()
        for text, value in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        rows = min(max(self.count(), 3), 6)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)

    def set_checked(self, values: Iterable[object]) -> None:
        wanted = set(values)
        first = None
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if checked and first is None:
                first = item
        if self.count():
            self.scrollToItem(first or self.item(0), QListWidget.ScrollHint.PositionAtTop)

    def checked(self) -> list:
        return [self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]
