"""Checkable choices (platforms, kinds, people...) laid out as a wrapping flow that shows every
choice at once: nothing ticked scrolls out of sight, and nothing jumps back to the top."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QSizePolicy, QWidget


class CheckList(QListWidget):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_choices(self, choices: Iterable[tuple[str, object]]) -> None:
        checked = set(self.checked())
        self.clear()
        for text, value in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self._fit()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._fit()

    def _fit(self) -> None:
        """As tall as the wrapped choices need at the width it has (one row at least)."""
        rows = self.contentsSize().height() if self.count() else 0
        height = max(rows, self.fontMetrics().height() + 8) + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(height)

    def set_checked(self, values: Iterable[object]) -> None:
        wanted = set(values)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self) -> list:
        return [self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]
