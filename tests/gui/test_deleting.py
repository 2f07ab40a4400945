"""Deleting from the lists: the Delete key and the context menu ask first, and every
confirmation keeps things unless she really chooses the destructive button."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.models import Incident
from app.gui.widgets.dialogs import confirm
from tests.gui.conftest import INCIDENTS, idle, run


def _incidents(qtbot, main, n):
    for i in range(n):
        run(qtbot, main.session, lambda v, i=i: v.journal.incidents.add(Incident(f"Incident {i}", f"2026-01-0{i + 1}")),
            changes=INCIDENTS)
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == n, timeout=10_000)


def _titles(qtbot, main):
    return sorted(i.title for i in run(qtbot, main.session, lambda v: v.journal.incidents.list()))


def test_the_delete_key_in_the_incidents_list_deletes_after_asking(qtbot, main, say_yes):
    _incidents(qtbot, main, 3)
    table = main.incidents.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(say_yes) == 1
    idle(qtbot, main.session)
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == 2, timeout=10_000)
    assert len(_titles(qtbot, main)) == 2


def test_the_delete_key_answered_no_keeps_everything(qtbot, main, messages):
    _incidents(qtbot, main, 2)
    table = main.incidents.table
    table.setFocus()
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert messages and "2 incidents" in messages[0]
    idle(qtbot, main.session)
    assert len(_titles(qtbot, main)) == 2


def test_the_context_menu_offers_delete(qtbot, main, say_yes):
    _incidents(qtbot, main, 1)
    table = main.incidents.table
    table.selectRow(0)
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    actions = {a.text().replace("&", ""): a for a in table.actions() if a.text()}
    assert "Delete…" in actions
    actions["Delete…"].trigger()
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == 0, timeout=10_000)
    assert _titles(qtbot, main) == []


def test_enter_in_a_confirmation_keeps_things(qtbot):
    """The real box (not the test stand-in): Enter presses the default, which must be Cancel."""
    seen: list[QMessageBox] = []

    def press_enter():
        box = QApplication.activeModalWidget()
        seen.append(box)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(50, press_enter)
    assert confirm(None, "Delete incident", "Delete this incident?", "Delete") is False
    assert seen and seen[0].defaultButton().text() == "Cancel"
