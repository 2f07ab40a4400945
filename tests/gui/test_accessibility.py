"""Keyboard-only use, accessible names, right-to-left mirroring, plain-words errors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from app.core.models import Incident
from app.gui.pages import view_specs
from tests.gui.conftest import INCIDENTS, create_journal, gone, idle, run


@pytest.fixture
def restore_direction():
    yield
    QGuiApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def unnamed_inputs(root) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for kind in (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView):
        for widget in root.findChildren(kind):
            if not widget.isVisibleTo(root) or isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # internal parts of a composite widget
            if not widget.accessibleName() and id(widget) not in buddies:
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_every_input_has_an_accessible_name(qtbot, main):
    assert unnamed_inputs(main) == []
    editor = main.open_incident(None)
    qtbot.waitUntil(editor.isEnabled)
    assert unnamed_inputs(editor) == []


def test_first_run_and_unlock_inputs_are_named(qtbot, controller):
    controller.start()
    assert unnamed_inputs(controller.gate.first_run) == []
    assert unnamed_inputs(controller.gate.unlock) == []


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_tab_moves_through_the_first_run_form(qtbot, controller):
    controller.start()
    page = controller.gate.first_run
    activate(qtbot, controller.gate)
    page.passphrase.setFocus()
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.repeat


def test_an_incident_can_be_recorded_with_the_keyboard_only(qtbot, main):
    activate(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "IncidentEditor")
    activate(qtbot, editor)
    qtbot.waitUntil(editor.form.title.hasFocus)  # the title field has the focus from the start
    qtbot.keyClicks(editor.form.title, "Typed without a mouse")
    qtbot.keyClick(editor.form.title, Qt.Key.Key_Tab)  # on to the date
    assert QApplication.focusWidget() is not editor.form.title
    qtbot.keyClick(editor.form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.incident_id is not None)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(editor))
    stored = run(qtbot, main.session, lambda v: [i.title for i in v.journal.incidents.list()])
    assert stored == ["Typed without a mouse"]


def test_sections_switch_with_ctrl_and_a_number(qtbot, main):
    activate(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main.nav.currentRow() == 2
    qtbot.keyClick(main, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main.stack.currentWidget() is main.incidents


def test_the_five_views_slot_into_the_navigation(qtbot, main):
    for row, spec in enumerate(view_specs(), start=1):
        main.nav.setCurrentRow(row)
        idle(qtbot, main.session.runner)
        shown = main.stack.currentWidget()
        assert shown is main.views[spec.key]
        assert type(shown) is spec.view_class
    assert main.nav.count() == 6


def test_right_to_left_mirrors_the_main_window(qtbot, main, restore_direction):
    main.resize(1000, 700)
    QGuiApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.waitUntil(lambda: main.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    qtbot.wait(20)
    nav_x = main.nav.mapTo(main, QPoint(0, 0)).x()
    content_x = main.stack.mapTo(main, QPoint(0, 0)).x()
    assert nav_x > content_x  # the navigation moved to the right-hand side
    QGuiApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    qtbot.waitUntil(lambda: main.nav.mapTo(main, QPoint(0, 0)).x() < main.stack.mapTo(main, QPoint(0, 0)).x())


def test_an_arabic_interface_starts_right_to_left(qtbot, controller, messages, prefs, restore_direction):
    prefs.language = "ar"
    main = create_journal(qtbot, controller)
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert main.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_unexpected_errors_reach_the_user_as_plain_words(qtbot, main, messages):
    def broken(vault, ctx):
        raise RuntimeError("internal detail /home/amal/secret.png")

    main.session.call(main, broken)
    qtbot.waitUntil(lambda: bool(messages))
    assert "Something went wrong" in messages[-1]
    assert "secret.png" not in messages[-1] and "Traceback" not in messages[-1]


def test_core_errors_use_their_message(qtbot, main, messages):
    editor = main.open_incident(None)
    editor.save()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[-1] == "An incident needs a title."


def test_text_follows_the_system_font_size(qtbot, controller):
    from PySide6.QtGui import QFont

    from app.core import paths
    from app.gui.widgets.common import heading

    assert "font-size" not in paths.resource("styles", "sijil.qss").read_text(encoding="utf-8")
    app = QApplication.instance()
    normal = app.font()
    large = QFont(normal)
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(large)
    try:
        assert heading("Title").font().pointSizeF() == pytest.approx(large.pointSizeF() * 1.5)
        controller.start()
        field = controller.gate.first_run.passphrase
        qtbot.waitUntil(lambda: field.font().pointSizeF() == pytest.approx(large.pointSizeF()))
    finally:
        app.setFont(normal)


def test_shift_f10_in_the_incidents_table_reaches_its_actions_and_columns(qtbot, main, prefs):
    run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident("Threats by phone", "2026-03-14")),
        changes=INCIDENTS)
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == 1)
    activate(qtbot, main)
    table = main.incidents.table
    table.setFocus()
    table.selectRow(0)
    seen = {}

    def popup(previous=None):
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() not in (None, previous))
        return QApplication.activePopupWidget()

    def in_the_menus():
        menu = popup()
        seen["menu"] = [a.text().replace("&", "") for a in menu.actions()]
        qtbot.keyClick(menu, Qt.Key.Key_Up)      # Columns, the last entry
        qtbot.keyClick(menu, Qt.Key.Key_Right)
        sub = popup(menu)
        seen["name"] = sub.accessibleName()
        seen["first"] = sub.actions()[0].text()
        qtbot.keyClick(sub, Qt.Key.Key_Return)   # the first column offered: hidden

    QTimer.singleShot(0, in_the_menus)
    qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # no window shortcut takes it
    qtbot.waitUntil(lambda: "first" in seen and QApplication.activePopupWidget() is None)
    assert seen["menu"][:4] == ["Open", "New incident", "Export dossier…", "Delete…"]
    assert seen["menu"][-1] == "Columns" and seen["name"] == "Columns to show"
    assert table.isColumnHidden(1)
    assert prefs.column_choices("incidents", table.model().columnCount()) == {1: False}   # and kept for the next run
