"""The import window on exports written as Telegram and WhatsApp write them: read in the
background, browse and filter (Arabic too), pick, import, cancel."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.core.models import Incident
from app.gui.imports.dialog import ImportDialog
from app.gui.language import apply_language
from tests.core.importers import exports as ex
from tests.core.importers.test_import import state
from tests.gui.conftest import INCIDENTS, idle, run
from tests.gui.keyboard import typed
from tests.gui.pointer import IGNORE_DRAG_DEPRECATION

pytestmark = IGNORE_DRAG_DEPRECATION


def opened(qtbot, main, path, incident_id=None) -> ImportDialog:
    dialog = ImportDialog(main.session, incident_id, main)
    dialog.show()
    dialog.open_path(path)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.model.rowCount() > 0, timeout=20_000)
    return dialog


def filtered(qtbot, dialog, **fields) -> list:
    """Type into the filters and wait for the shown rows to follow."""
    before = dialog.model.shown
    for name, value in fields.items():
        widget = getattr(dialog.filters, name)
        if hasattr(widget, "setText"):
            widget.setText(value)
        else:
            widget.setCurrentIndex(widget.findData(value))
    qtbot.waitUntil(lambda: dialog.model.shown is not before and not dialog.filter_timer.isActive(), timeout=5000)
    idle(qtbot, dialog.worker)
    return [dialog.model.message(r) for r in range(dialog.model.rowCount())]


def imported(qtbot, dialog):
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog._importing is None, timeout=30_000)
    return dialog.last_result


def test_telegram_preview_filters_picks_and_imports_per_day(qtbot, main, tmp_path):
    dialog = opened(qtbot, main, ex.telegram_sample(tmp_path / "tg"))
    assert dialog.format_code == "telegram"
    assert dialog.model.rowCount() == 6   # the service message is left out
    assert [m.author.label for m in filtered(qtbot, dialog, search="ليلى")] == ["ليلى الناشطة"]
    assert [m.id.rpartition(":")[2] for m in filtered(qtbot, dialog, search="", kind="photo")] == ["4", "7"]
    assert [m.forwarded_from for m in filtered(qtbot, dialog, kind="forwarded")] == ["Hate channel"]
    rows = filtered(qtbot, dialog, kind="", author="777")
    assert {m.author.numeric_id for m in rows} == {"777"} and len(rows) == 5
    dialog.pick_all.click()
    # one more, picked by hand after clearing the filter
    rows = filtered(qtbot, dialog, author="")
    row = next(r for r in range(len(rows)) if rows[r].author.numeric_id == "4242")
    dialog.model.setData(dialog.model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "6 picked" in dialog.count_label.text()
    dialog.target.split.setCurrentIndex(dialog.target.split.findData("per-day"))
    incidents_before = main.incidents.table.model().rowCount()
    result = imported(qtbot, dialog)
    assert len(result.incident_ids) == 1 and len(result.evidence_ids) >= 6
    assert str(len(result.evidence_ids)) in dialog.result.text()
    assert "0 picked" in dialog.count_label.text() and not dialog.import_button.isEnabled()
    idle(qtbot, main.session)
    qtbot.waitUntil(lambda: main.incidents.table.model().rowCount() == incidents_before + 1, timeout=10_000)
    actors = run(qtbot, main.session, lambda v: v.journal.actors.list())
    # the authors, and the channel a message was forwarded from (this export names it only)
    assert {(a.display_name, a.numeric_id) for a in actors} >= {("Harasser", "777"), ("Hate channel", "")}
    assert {a.numeric_id for a in actors} == {"777", "4242", ""}


def test_arabic_whatsapp_shows_the_date_order_and_imports_into_her_incident(qtbot, main, tmp_path):
    ident = run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident("رسائل التهديد", "2023-07-04")),
                changes=INCIDENTS)
    loc = next(loc for loc in ex.LOCALES if loc.name == "ar-android")
    dialog = opened(qtbot, main, ex.wa_export(tmp_path / "wa", loc, zipped=True), incident_id=ident)
    assert dialog.format_code == "whatsapp"
    assert dialog.preview.date_order in dialog.about.text() or "first" in dialog.about.text()
    assert dialog.preview.date_order_reason in dialog.about.text()
    qtbot.waitUntil(lambda: dialog.target.existing.isChecked(), timeout=5000)
    assert dialog.target.incident.currentData() == ident
    every = dialog.model.rowCount()
    # her name and Arabic text with Arabic digits, typed without them: "لیلی" (Persian yeh) and "123"
    [found] = filtered(qtbot, dialog, search="لیلی 123")
    assert found.author.label == "ليلى" and found.text == "سنجدك ١٢٣"
    filtered(qtbot, dialog, search="")
    assert dialog.model.rowCount() == every
    dialog.model.pick_shown(True)
    result = imported(qtbot, dialog)
    assert result.incident_ids == [] and result.target_incident_ids == [ident]
    stored = run(qtbot, main.session, lambda v: v.journal.evidence.of_incident(ident))
    assert len(stored) >= every


def _campaign(tmp_path, n=3000):
    start = datetime(2023, 7, 4, 10, 0)
    msgs = [ex.telegram_message(i, start, author=(f"Troll {i % 40}", 1000 + i % 40), text=f"threat number {i}")
            for i in range(1, n + 1)]
    return ex.telegram_export(tmp_path / "campaign", msgs)


def test_cancelling_an_import_leaves_the_journal_unchanged(qtbot, main, tmp_path):
    dialog = opened(qtbot, main, _campaign(tmp_path))
    before = run(qtbot, main.session, state)
    dialog.model.pick_shown(True)
    seen = []

    def cancel_once(task, done, total):
        if task is dialog._importing and not seen:
            seen.append(done)
            dialog.cancel_import.click()

    main.session.runner.progressed.connect(cancel_once)
    dialog.import_button.click()
    assert dialog.cancel_import.isVisible()
    qtbot.waitUntil(lambda: dialog._importing is None, timeout=60_000)
    assert seen and dialog.last_result is None
    assert "cancelled" in dialog.result.text()
    assert run(qtbot, main.session, state) == before
    assert dialog.import_button.isEnabled()   # she can try again


def test_reading_is_stopped_and_a_malformed_export_is_named(qtbot, main, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "result.json").write_text('{"name": "x", "messages": [', encoding="utf-8")
    dialog = ImportDialog(main.session, None, main)
    dialog.show()
    dialog.open_path(bad)
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=10_000)
    assert "result.json" in dialog.error.text()
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    dialog.open_path(_campaign(tmp_path, 200))
    dialog.stop_reading()
    idle(qtbot, dialog.worker)
    assert dialog.preview is None and not dialog.reading_bar.isVisible()


def test_a_persian_calendar_chat_is_said_in_persian_with_its_gregorian_days(qtbot, main, tmp_path):
    apply_language("fa")
    loc = next(loc for loc in ex.LOCALES if loc.name == "fa-ios-solar")
    dialog = opened(qtbot, main, ex.wa_export(tmp_path / "wa", loc))
    about = dialog.about.text()
    assert "اول سال" in about  # year first, not "month first" as it said of every year-first file
    assert "تقویم هجری خورشیدی" in about and "میلادی" in about  # converted from the Solar Hijri calendar
    assert "۲۰۲۳" in about and "۱۴۰۲" not in about  # the range she reads is on the Gregorian days


def _days(tmp_path):
    """One message a day from 12 to 16 March 2026."""
    msgs = [ex.telegram_message(i, datetime(2026, 3, 11 + i, 10, 0), text=f"day {i}") for i in range(1, 6)]
    return ex.telegram_export(tmp_path / "days", msgs)


@pytest.mark.parametrize(("lang", "since", "until"), [("en", "14/03/2026", "15/03/2026"),
                                                       ("ar", "١٤/٣/٢٠٢٦", "١٥/٣/٢٠٢٦"),
                                                       ("fa", "۲۰۲۶/۳/۱۴", "۲۰۲۶/۳/۱۵")])
def test_dates_typed_the_language_way_filter_the_messages(qtbot, main, tmp_path, lang, since, until):
    apply_language(lang)
    dialog = opened(qtbot, main, _days(tmp_path))
    assert dialog.model.rowCount() == 5

    def typed_filter(field, text):  # typed key by key, in her digits, as she leaves the field
        before = dialog.model.shown
        typed(qtbot, field, text)
        qtbot.waitUntil(lambda: dialog.model.shown is not before and not dialog.filter_timer.isActive())
        idle(qtbot, dialog.worker)
        return [dialog.model.message(r).text for r in range(dialog.model.rowCount())]

    assert typed_filter(dialog.filters.since, since) == ["day 3", "day 4", "day 5"]
    assert typed_filter(dialog.filters.until, until) == ["day 3", "day 4"]  # the last day is included
    assert not dialog.filters.dates.error.isVisibleTo(dialog)


@pytest.mark.parametrize("nonsense", ["2023-13-45", "31/02/2026", "late July 2023"])
def test_a_wrong_date_in_the_filter_is_said_and_filters_nothing(qtbot, main, tmp_path, nonsense):
    dialog = opened(qtbot, main, _days(tmp_path))
    filtered(qtbot, dialog, since="14/03/2026")
    field = dialog.filters.since
    typed(qtbot, field, nonsense, leave=False)
    assert dialog.model.rowCount() == 3  # being typed: the last filter stays, no complaint yet
    assert not dialog.filters.dates.error.isVisibleTo(dialog)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # she leaves the field
    assert dialog.filters.dates.error.isVisibleTo(dialog) and nonsense in dialog.filters.dates.error.text()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5 and not dialog.filter_timer.isActive(), timeout=5000)


def test_an_export_dropped_on_the_main_window_opens_in_the_import_window(qtbot, main, tmp_path):
    path = ex.telegram_sample(tmp_path / "tg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path / "result.json"))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main, drop)
    dialog = main.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 6, timeout=10_000)


def test_locking_closes_the_import_window(qtbot, main, tmp_path):
    dialog = opened(qtbot, main, ex.telegram_sample(tmp_path / "tg"))
    main.lock_requested.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible() if _alive(dialog) else True, timeout=10_000)


def _alive(widget) -> bool:
    import shiboken6
    return shiboken6.isValid(widget)


def test_the_main_window_action_opens_the_import_window_onto_the_selected_incident(qtbot, main):
    ident = run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident("Campaign", "2023-07-04")),
                changes=INCIDENTS)
    qtbot.waitUntil(lambda: main.incidents.table.model().rowCount() == 1, timeout=10_000)
    main.incidents.table.selectRow(0)
    main.import_action.trigger()
    dialog = main.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.target.incident.currentData() == ident, timeout=10_000)
    assert dialog.target.existing.isChecked()


@pytest.mark.parametrize(("lang", "span"), [("en", "5 messages from 12 March 2026 to 16 March 2026."),
                                             ("ar", "١٢ مارس ٢٠٢٦"),
                                             ("fr", "5 messages du 12 mars 2026 au 16 mars 2026.")])
def test_the_dates_of_an_export_are_said_in_her_language(qtbot, main, tmp_path, lang, span):
    apply_language(lang)
    dialog = opened(qtbot, main, _days(tmp_path))
    about = dialog.about.text()
    assert span in about and "2026-03" not in about
    model = dialog.model
    shown = [model.data(model.index(r, 1)) for r in range(model.rowCount())] + [dialog.count_label.text()] + [
        dialog.filters.author.itemText(i) for i in range(1, dialog.filters.author.count())]
    if lang == "ar":   # the count, both days, every message's time, the counts: Arabic digits, no Latin one
        assert "١٦ مارس ٢٠٢٦" in about and "٥" in about.splitlines()[0]
        assert not any(ch.isascii() and ch.isdigit() for ch in about.splitlines()[0] + "".join(shown))
        assert shown[0].replace("\u200f", "") == "١٢/٣/٢٠٢٦ ١٠:٠١:٠٠ UTC+٠٣:٠٠"
    else:  # the day in her order, the time to the second, the offset the export states
        assert shown[0] == "12/03/2026 10:01:00 UTC+03:00"


@pytest.mark.parametrize("make", ["json_export", "html_export"])
def test_shared_contacts_and_places_are_found_by_their_kind(qtbot, main, tmp_path, make):
    from tests.core.importers import shared_exports as sx
    dialog = opened(qtbot, main, getattr(sx, make)(tmp_path / "tg"))
    labels = [dialog.filters.kind.itemText(i) for i in range(dialog.filters.kind.count())]
    assert "Shared contact" in labels and "Shared location" in labels
    contacts = filtered(qtbot, dialog, kind="contact")
    assert [m.text.split("\n")[0] for m in contacts] == ["Contact shared: Rana Haddad, +49 170 5550123",
                                                        "Contact shared: Omar, 0049 171 2223344"]
    places = filtered(qtbot, dialog, kind="location")
    assert places and all("ocation shared" in m.text for m in places)
    dialog.close()
