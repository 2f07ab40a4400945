"""Reporting many items: paste a list of links (one item per line, each in the platform's
canonical form), hear what was left out or belongs elsewhere, then set the outcomes in the
table from the keyboard, one row or many at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox

from app.gui.overviews.reports import ReportsView

LINKS = "\n".join([
    "https://t.me/s/hate_channel/101",
    "https://t.me/hate_channel/102?single",
    "t.me/hate_channel/103",
    "",
    "https://t.me/hate_channel/101",          # the same item again
    "he also wrote to me in private",         # not a link
    "https://x.com/troll/status/123456789",   # another platform
])


def _report_dialog(session, show, qtbot):
    view = show(ReportsView, session)
    dialog = view.add_record()
    with qtbot.waitSignal(dialog.ready, timeout=5000):
        pass
    dialog.platform.setCurrentIndex(dialog.platform.findData("telegram"))
    return view, dialog


def test_pasted_links_become_items_and_problems_are_said(session, journal, show, qtbot):
    _view, dialog = _report_dialog(session, show, qtbot)
    paste = dialog.paste_links()
    QGuiApplication.clipboard().setText(LINKS)
    qtbot.waitUntil(paste.text.hasFocus)
    qtbot.keyClick(paste.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    summary = paste.summary.text()
    assert "4 items will be added" in summary
    assert "Line 5 is the same item as line 1" in summary
    assert "Line 6 is not a link" in summary
    assert "Line 7 is a link to X (Twitter), not Telegram" in summary
    paste.buttons.button(paste.buttons.StandardButton.Ok).click()
    urls = [dialog.items_table.item(r, 0).text() for r in range(dialog.items_table.rowCount())]
    assert urls[:3] == ["https://t.me/hate_channel/101", "https://t.me/hate_channel/102",
                        "https://t.me/hate_channel/103"]
    assert len(urls) == 4

    again = dialog.paste_links()  # pasting the same list again adds nothing twice
    again.text.setPlainText(LINKS)
    assert "Line 1 is already in this report" in again.summary.text()
    again.buttons.button(again.buttons.StandardButton.Ok).click()
    assert again.isVisible() and "No new link" in again.error.text()
    again.reject()


def test_outcomes_are_set_in_the_table_from_the_keyboard(session, journal, show, qtbot):
    view, dialog = _report_dialog(session, show, qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    paste = dialog.paste_links()
    paste.text.setPlainText("\n".join(f"https://t.me/hate_channel/{n}" for n in range(1, 5)))
    paste.buttons.button(paste.buttons.StandardButton.Ok).click()
    table = dialog.items_table
    qtbot.waitUntil(table.hasFocus)
    assert (table.currentRow(), table.currentColumn()) == (0, 5)
    # Row 1: type the first letter of the outcome, Enter.
    qtbot.keyClick(table, Qt.Key.Key_P)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert table.item(0, 5).text() == "Post removed"
    assert dialog.isVisible() and table.hasFocus()  # Enter chose the outcome, it did not save
    # Rows 2-4 at once: select them, choose in the box below.
    table.setCurrentCell(1, 5)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    dialog.bulk_outcome.setFocus()
    qtbot.keyClick(dialog.bulk_outcome, Qt.Key.Key_N)  # "No violation found"
    assert [table.item(r, 5).text() for r in range(4)] == ["Post removed"] + ["No violation found"] * 3
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    [stored] = journal.reports.list()
    assert [i.outcome for i in stored.items] == ["removed", "no_violation", "no_violation", "no_violation"]
