"""A date she types the way her language writes it ("14/03/2026", or 2026-03-14), with a
calendar button for the mouse. Nonsense ("late July 2023") is refused in words, never
stored silently.

Parsing is local and small on purpose: `parse_date` is the one place to switch to the
CLDR-aware parser (core.locale_format) once that is merged."""

from __future__ import annotations

import contextlib
import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.gui.icons import icon

EXAMPLE = date(2026, 3, 14)


def _typed_format(locale: QLocale) -> str:
    """The locale's short date with a four-digit year (the short form often has two); the
    journal's own YYYY-MM-DD where no locale is set."""
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def format_date(value: str, locale: QLocale | None = None) -> str:
    """YYYY-MM-DD (as the journal stores it) written the locale's way; "" stays ""."""
    day = QDate.fromString(value, "yyyy-MM-dd")
    loc = locale or QLocale()
    return loc.toString(day, _typed_format(loc)) if day.isValid() else value


# Arabic-Indic and Persian digits read as Latin ones; bidi marks (which Arabic short dates
# carry around their separators) are dropped.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2, "\u200e\u200f\u061c")


def _order(locale: QLocale) -> str:
    """"dmy", "mdy" or "ymd": the order of the locale's short dates."""
    order = ""
    for c in locale.dateFormat(QLocale.FormatType.ShortFormat).lower():
        if c in "dmy" and c not in order:
            order += c
    return order if len(order) == 3 and locale.language() != QLocale.Language.C else "ymd"


def parse_date(text: str, locale: QLocale | None = None) -> str:
    """What she typed (the locale's order, any digits and separators, or YYYY-MM-DD) as
    YYYY-MM-DD; InvalidInput with an example if it is not a date."""
    loc = locale or QLocale()
    clean = text.translate(_DIGITS).strip()
    numbers = [int(n) for n in re.findall(r"\d+", clean)]
    example = format_date(EXAMPLE.isoformat(), loc)
    if len(numbers) == 3 and re.fullmatch(r"[\d\s/.,،\-]+", clean):
        order = "ymd" if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", clean) else _order(loc)
        parts = dict(zip(order, numbers, strict=True))
        try:
            return date(parts["y"] + 2000 if parts["y"] < 100 else parts["y"], parts["m"], parts["d"]).isoformat()
        except ValueError:
            raise InvalidInput(_("“{text}” is not a day of the calendar. Check the day and the month, "
                                 "like this: {example}.").format(text=text.strip(), example=example)) from None
    raise InvalidInput(_("“{text}” is not a date Sijil can read. Type it like this: {example}.")
                       .format(text=text.strip(), example=example))


class DateField(QLineEdit):
    """Shows and takes dates the locale's way; `iso()` gives YYYY-MM-DD or raises InvalidInput."""

    def __init__(self, value: str = "", optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setPlaceholderText(format_date(EXAMPLE.isoformat()))
        self.set_iso(value)
        pick = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        pick.setToolTip(_("Choose on a calendar"))
        pick.triggered.connect(self.show_calendar)

    def set_iso(self, value: str) -> None:
        self.setText(format_date(value))

    def iso(self) -> str:
        text = self.text().strip()
        if not text:
            if self.optional:
                return ""
            raise InvalidInput(_("Type a date, for example {example}.").format(
                example=format_date(EXAMPLE.isoformat())))
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
