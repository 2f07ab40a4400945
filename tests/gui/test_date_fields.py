"""Dates are typed, not spun: click into any date field, type the date the way the language
writes it (its own digits too: ١٤/٣/٢٠٢٦, ۲۰۲۶/۳/۱۴), or YYYY-MM-DD, and anything that is not a
date is refused in words where she typed it, never stored or filtered by."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.core.errors import InvalidInput
from app.core.models import ExportRecord, ReportItem, Step
from app.gui.incidents.steps_tab import StepDialog
from app.gui.language import apply_language
from app.gui.overviews.mark_sent_dialog import MarkSentDialog
from app.gui.overviews.report_dialog import ReportDialog
from app.gui.overviews.report_item_dialog import ReportItemDialog
from app.gui.widgets.date_field import DateField, format_date, parse_date
from tests.gui.conftest import idle, run
from tests.gui.keyboard import typed
from tests.gui.test_incidents import add

# What she types in each language for 14 March 2026 (and 21:40), in the digits she writes.
TYPED = {"en": ("14/03/2026", "21:40"), "ar": ("١٤/٣/٢٠٢٦", "٢١:٤٠"), "fa": ("۲۰۲۶/۳/۱۴", "۲۱:۴۰"),
         "tr": ("14.03.2026", "21:40"), "fr": ("14/03/2026", "21:40"), "es": ("14/3/2026", "21:40")}
NONSENSE = ["late July 2023", "31/02/2026", "2023-13-45", "14/03", "14/03/2026 or 15", "yesterday"]


@pytest.fixture(params=["en", "ar"])
def language(request, qapp):
    """The app in English or Arabic; requested after `main`, which applies the saved language."""
    apply_language(request.param)
    return request.param


def shown(text: str) -> str:
    """Without the direction marks Arabic dates carry between their parts."""
    return text.replace("\u200f", "").replace("\u200e", "")


@pytest.mark.parametrize("lang", sorted(TYPED))
def test_a_date_typed_the_language_way_is_read_and_shown_back(qapp, qtbot, lang):
    apply_language(lang)
    field = DateField()
    qtbot.addWidget(field)
    typed(qtbot, field, TYPED[lang][0], leave=False)
    assert field.iso() == "2026-03-14"
    for day in ("2026-03-14", "2023-07-01", "1999-12-31"):
        field.set_iso(day)
        assert field.iso() == day
    assert parse_date(field.placeholderText()) == "2026-03-14"  # the example it shows reads back


@pytest.mark.parametrize("nonsense", NONSENSE)
def test_nonsense_is_refused_with_her_words_in_the_message(qapp, nonsense):
    with pytest.raises(InvalidInput) as caught:
        parse_date(nonsense, "en")
    assert nonsense in caught.value.message


def test_the_calendar_button_fills_the_field(qtbot):
    field = DateField("2026-03-01")
    qtbot.addWidget(field)
    menu = field.show_calendar()
    calendar = menu.actions()[0].defaultWidget()
    calendar.clicked.emit(calendar.selectedDate().addDays(4))
    assert field.iso() == "2026-03-05"


def test_step_dates_are_typed_in_the_language_and_nonsense_keeps_the_dialog_open(qtbot, language):
    dialog = StepDialog(Step(1, "2026-01-01"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.taken_on.text() == format_date("2026-01-01")
    assert shown(format_date("2026-03-14")) == TYPED[language][0]  # in her digits
    typed(qtbot, dialog.taken_on, TYPED[language][0])
    typed(qtbot, dialog.response_on, "31/02/2026")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == 0 and dialog.error.isVisible() and "31/02/2026" in dialog.error.text()
    assert dialog.response_on.text() == "31/02/2026"  # her words stay to be corrected
    typed(qtbot, dialog.response_on, TYPED[language][0].replace("١٤", "١٥").replace("14", "15"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == 1
    assert (dialog.step().taken_on, dialog.step().response_on) == ("2026-03-14", "2026-03-15")


def test_the_incidents_list_filters_by_typed_dates_and_not_by_nonsense(qtbot, main, language):
    for title, day in (("Before", "2026-03-01"), ("After", "2026-03-20")):
        add(qtbot, main, title=title, occurred_on=day)
    page = main.incidents
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    typed(qtbot, page.date_from, TYPED[language][0])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.current_filter().date_from == "2026-03-14" and not page.dates.error.isVisibleTo(page)
    typed(qtbot, page.date_from, "31/02/2026")
    assert page.dates.error.isVisibleTo(page) and "31/02/2026" in page.dates.error.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # a date that is not one filters nothing
    assert page.current_filter().date_from == ""
    typed(qtbot, page.date_to, "late July 2023")
    assert "late July 2023" in page.dates.error.text() and page.current_filter().date_to == ""
    page.clear_filters()
    assert not page.dates.error.isVisibleTo(page) and page.date_from.text() == ""


def test_a_half_typed_filter_date_neither_filters_nor_complains(qtbot, qapp):
    from app.gui.widgets.date_range import DateRange

    dates = DateRange()
    qtbot.addWidget(dates)
    with qtbot.assertNotEmitted(dates.changed):
        typed(qtbot, dates.since, "14/0", leave=False)
    assert dates.days() == ("", "") and not dates.error.isVisibleTo(dates)
    with qtbot.waitSignal(dates.changed):
        typed(qtbot, dates.since, "14/03/2026", leave=False)
    assert dates.days() == ("2026-03-14", "")


def test_incident_date_and_time_take_the_language_digits(qtbot, main, language):
    ed = main.open_incident(None)
    ed.show()
    qtbot.waitExposed(ed)
    qtbot.keyClicks(ed.form.title, "Dated")
    typed(qtbot, ed.form.occurred_on, TYPED[language][0])
    typed(qtbot, ed.form.occurred_time, TYPED[language][1])
    ed.save(close=False)
    idle(qtbot, main.session)
    stored = run(qtbot, main.session, lambda v: v.journal.incidents.get(ed.incident_id))
    assert (stored.occurred_on, stored.occurred_time) == ("2026-03-14", "21:40")
    ed.form.load(stored)  # shown again in her digits, and read back unchanged
    assert (shown(ed.form.occurred_on.text()), ed.form.occurred_time.text()) == TYPED[language]
    assert ed.form.incident() == stored


def test_a_time_that_is_not_one_is_refused_inline_and_nothing_is_saved(qtbot, main, messages):
    ed = main.open_incident(None)
    ed.show()
    qtbot.waitExposed(ed)
    qtbot.keyClicks(ed.form.title, "Bad time")
    typed(qtbot, ed.form.occurred_time, "25:99")
    assert ed.form.date_error.isVisibleTo(ed) and "25:99" in ed.form.date_error.text()
    ed.save(close=False)
    idle(qtbot, main.session)
    assert ed.incident_id is None and not messages and ed.form.occurred_time.text() == "25:99"


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


def test_report_item_times_are_typed_in_the_language(qtbot, language):
    dialog = ReportItemDialog(ReportItem(url="https://t.me/x/1", captured_at="2026-03-14T21:40:05+03:00"), {})
    qtbot.addWidget(dialog)
    assert dialog.captured_at.text() == "2026-03-14T21:40:05+03:00"  # seconds and zone kept as they are
    typed(qtbot, dialog.posted_at, f"{TYPED[language][0]} {TYPED[language][1]}")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1
    item = dialog.result_item()
    assert (item.posted_at, item.captured_at) == ("2026-03-14 21:40", "2026-03-14T21:40:05+03:00")
    again = ReportItemDialog(item, {})
    qtbot.addWidget(again)
    assert again.result_item().posted_at == "2026-03-14 21:40"  # what it shows reads back the same


@pytest.mark.parametrize("nonsense", ["late July 2023", "31/02/2026 10:00", "14/03/2026 25:00"])
def test_report_item_nonsense_times_are_refused_in_the_dialog(qtbot, qapp, nonsense):
    dialog = ReportItemDialog(None, {})
    qtbot.addWidget(dialog)
    dialog.url.setText("https://t.me/x/1")
    typed(qtbot, dialog.posted_at, nonsense)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 0 and dialog.error.isVisibleTo(dialog)
    assert dialog.posted_at.text() == nonsense


def test_mark_sent_takes_a_typed_date_and_refuses_nonsense(qtbot, main, language):
    record = ExportRecord(prepared_at="2026-03-10T10:00:00Z", template="platform", destination="telegram",
                          incident_ids=[1], id=1)
    dialog = MarkSentDialog(main.session, [record], main)
    qtbot.addWidget(dialog)
    dialog.show()
    typed(qtbot, dialog.sent_on, TYPED[language][0])
    assert dialog.collect() == (1, "2026-03-14", "")
    typed(qtbot, dialog.sent_on, "late July 2023")
    dialog.save_button.click()
    assert dialog.isVisible() and "late July 2023" in dialog.error.text()


def test_free_text_in_a_report_date_is_refused_inline(qtbot, main):
    dialog = ReportDialog(main.session, None, main)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    dialog.filed_on.clear()
    qtbot.keyClicks(dialog.filed_on, "late July 2023")
    dialog.save_button.click()
    assert dialog.isVisible() and "late July 2023" in dialog.error.text()
    assert run(qtbot, main.session, lambda v: v.journal.reports.list()) == []


def test_no_date_or_time_spin_box_is_left_in_the_gui():
    """A spin box takes a typed date only section by section; every date is a typed field."""
    from pathlib import Path

    import app.gui
    spinners = ("QDateEdit", "QDateTimeEdit", "QTimeEdit")
    found = [str(p) for p in Path(app.gui.__file__).parent.rglob("*.py")
             if any(name in p.read_text(encoding="utf-8") for name in spinners)]
    assert found == []
