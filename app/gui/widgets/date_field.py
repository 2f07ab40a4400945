"""A date she types the way her language writes it ("14/03/2026", "١٤/٣/٢٠٢٦", or 2026-03-14),
with a calendar button for the mouse. Nonsense ("late July 2023", "31/02/2026") is refused in
words, never stored silently. Reading and writing dates lives in core.locale_format (CLDR), in
the app's language; this module only shows it."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from app.core import locale_format
from app.core.errors import InvalidInput
from app.core.i18n import _, current_language
from app.gui.icons import icon


def format_date(value: str, language: str | None = None) -> str:
    """YYYY-MM-DD (as the journal stores it) written the way she types it; anything else as it is."""
    try:
        return locale_format.format_typed_date(date.fromisoformat(value), language or current_language())
    except ValueError:
        return value


def parse_date(text: str, language: str | None = None) -> str:
    """What she typed (the locale's short form, any digits, or YYYY-MM-DD) as YYYY-MM-DD;
    InvalidInput in plain words if it is not a day of the calendar."""
    return locale_format.parse_date(text.strip(), language or current_language()).isoformat()


def date_example(language: str | None = None) -> str:
    return locale_format.date_example(language or current_language())


class DateField(QLineEdit):
    """Shows and takes dates the locale's way; `iso()` gives YYYY-MM-DD or raises InvalidInput."""

    def __init__(self, value: str = "", optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setPlaceholderText(date_example())
        self.set_iso(value)
        pick = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        pick.setToolTip(_("Choose on a calendar"))
        pick.triggered.connect(self.show_calendar)
        # Room for the widest day her language writes, beside the calendar button: a day cut at
        # its first digit reads as another day.
        widest = max((date_example(), format_date("2026-12-28")), key=self.fontMetrics().horizontalAdvance)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest) + 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 16)

    def set_iso(self, value: str) -> None:
        self.setText(format_date(value))

    def iso(self) -> str:
        text = self.text().strip()
        if not text:
            if self.optional:
                return ""
            raise InvalidInput(_("Type a date, for example {example}.").format(example=date_example()))
        return parse_date(text)

    def show_calendar(self) -> QMenu:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        with contextlib.suppress(InvalidInput):  # what she typed stays until she picks a day
            calendar.setSelectedDate(QDate.fromString(self.iso(), "yyyy-MM-dd"))
        calendar.clicked.connect(lambda day: (self.set_iso(day.toString("yyyy-MM-dd")), menu.close(),
                                              self.editingFinished.emit()))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        self.calendar_menu = menu
        return menu


class WhenField(QLineEdit):
    """A date, or a date and a time ("14/03/2026 21:40"), typed the locale's way or in ISO 8601;
    `iso()` gives "YYYY-MM-DD[ HH:MM]" ("" when empty) or raises InvalidInput."""

    def __init__(self, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(locale_format.format_when("2026-03-14 21:40", current_language()))
        self.set_iso(value)

    def set_iso(self, value: str) -> None:
        self.setText(locale_format.format_when(value, current_language()))

    def iso(self) -> str:
        return locale_format.parse_when(self.text(), current_language())
