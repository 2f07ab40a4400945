"""Dates are typed, not spun: click into the field, type the date the way the language writes
it (or YYYY-MM-DD), and anything that is not a date is refused in words, never stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from app.core.errors import InvalidInput
from app.gui.overviews.report_dialog import ReportDialog
from app.gui.widgets.date_field import DateField, format_date, parse_date
from tests.gui.conftest import idle, run


@pytest.mark.parametrize(("locale", "typed"), [
    ("en_GB", "14/03/2026"), ("en_US", "3/14/2026"), ("fr_FR", "14/03/2026"), ("tr_TR", "14.03.2026"),
    ("es_ES", "14/3/26"), ("ar_EG", "١٤/٣/٢٠٢٦"), ("ar_EG", "14/3/2026"), ("fa_IR", "۲۰۲۶/۳/۱۴"),
    ("de_DE", "2026-03-14"),
])
def test_a_date_typed_the_locale_way_is_read(locale, typed):
    assert parse_date(typed, QLocale(locale)) == "2026-03-14"


@pytest.mark.parametrize("locale", ["C", "en_US", "fr_FR", "ar_EG", "fa_IR", "tr_TR"])
def test_what_a_field_shows_reads_back_as_the_same_day(locale):
    loc = QLocale(locale)
    for day in ("2026-03-14", "2023-07-01", "1999-12-31"):
        assert parse_date(format_date(day, loc), loc) == day


@pytest.mark.parametrize("nonsense", ["late July 2023", "summer", "31/02/2023", "2023-13-45", "14/03",
                                      "14/03/2026 or 15", "yesterday"])
def test_nonsense_is_refused_with_an_example(nonsense):
    with pytest.raises(InvalidInput) as caught:
        parse_date(nonsense, QLocale("en_GB"))
    assert "14/03/2026" in caught.value.message


def test_the_calendar_button_fills_the_field(qtbot):
    field = DateField("2026-03-01")
    qtbot.addWidget(field)
    menu = field.show_calendar()
    calendar = menu.actions()[0].defaultWidget()
    calendar.clicked.emit(calendar.selectedDate().addDays(4))
    assert field.iso() == "2026-03-05"


def test_clicking_the_incident_date_and_typing_replaces_it(qtbot, main):
    ed = main.open_incident(None)
    ed.show()
    qtbot.waitExposed(ed)
    qtbot.keyClicks(ed.form.title, "Dated")
    field = ed.form.occurred_on
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    field.selectAll()  # a triple click, as she would to replace what is there
    qtbot.keyClicks(field, "2023-07-14")
    ed.save(close=False)
    idle(qtbot, main.session)
    stored = run(qtbot, main.session, lambda v: v.journal.incidents.get(ed.incident_id))
    assert stored.occurred_on == "2023-07-14"


def test_free_text_in_the_incident_date_is_refused_inline_and_nothing_is_saved(qtbot, main, messages):
    ed = main.open_incident(None)
    ed.activateWindow()
    qtbot.waitExposed(ed)
    qtbot.keyClicks(ed.form.title, "Vague date")
    field = ed.form.occurred_on
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.clear()
    qtbot.keyClicks(field, "late July 2023")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert ed.form.date_error.isVisibleTo(ed) and "late July 2023" in ed.form.date_error.text()
    qtbot.keyClick(ed, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, main.session)
    assert ed.incident_id is None and not messages
    assert field.hasFocus() and field.text() == "late July 2023"  # her words stay to be corrected
    field.clear()
    qtbot.keyClicks(field, "2023-07-20")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not ed.form.date_error.isVisibleTo(ed)


def test_free_text_in_a_report_date_is_refused_inline(qtbot, main):
    dialog = ReportDialog(main.session, None, main)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    dialog.filed_on.clear()
    qtbot.keyClicks(dialog.filed_on, "late July 2023")
    dialog.save_button.click()
    assert dialog.isVisible() and "late July 2023" in dialog.error.text()
    assert run(qtbot, main.session, lambda v: v.journal.reports.list()) == []
