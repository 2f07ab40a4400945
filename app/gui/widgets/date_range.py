"""A from/to pair of typed dates for filter bars, with one error line under them. A date that
is not one is said in words when she leaves the field and filters nothing; `changed` fires only
when the days it filters by change, so half-typed dates ("14/0") neither filter nor complain."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.gui.widgets.common import ErrorLabel
from app.gui.widgets.date_field import DateField


class DateRange(QWidget):
    changed = Signal()

    def __init__(self, from_text: str = "", to_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.since = DateField()
        self.since.setAccessibleName(_("From date"))
        self.until = DateField()
        self.until.setAccessibleName(_("To date"))
        self.until.setToolTip(_("This day is included"))
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for text, field in ((from_text, self.since), (to_text, self.until)):
            if text:
                label = QLabel(text)
                label.setBuddy(field)
                row.addWidget(label)
            row.addWidget(field)
            field.textChanged.connect(self._typed)
            field.editingFinished.connect(self._left)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.error)
        self._days = ("", "")

    def days(self) -> tuple[str, str]:
        """From and to as YYYY-MM-DD; "" for an empty field or one that does not hold a date."""
        return self._days

    def clear(self) -> None:
        for field in (self.since, self.until):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self.error.show_message("")
        self._days = ("", "")

    def _read(self) -> tuple[tuple[str, str], str]:
        days, problems = [], []
        for field in (self.since, self.until):
            try:
                days.append(field.iso())
            except InvalidInput as exc:
                days.append("")
                problems.append(exc.message)
        return (days[0], days[1]), " ".join(problems)

    def _typed(self) -> None:
        days, problem = self._read()
        if not problem:  # while a date is half typed, the last filter stays
            self.error.show_message("")
            self._set(days)

    def _left(self) -> None:
        days, problem = self._read()
        self.error.show_message(problem and _("{problem} Nothing is filtered by a date that is not one.").format(problem=problem))
        self._set(days)

    def _set(self, days: tuple[str, str]) -> None:
        if days != self._days:
            self._days = days
            self.changed.emit()
