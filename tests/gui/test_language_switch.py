"""Choosing the language: on the very first screen, following the system by default, saved,
and applied at once to every window without a restart (right to left for Arabic and Persian,
Qt's own buttons too), keeping an open editor's unsaved typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.core import i18n
from app.core.i18n import _
from app.gui.language import chosen_language
from app.gui.prefs import Prefs
from tests.gui.conftest import create_journal, idle


def choose(qtbot, combo, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))
    combo.activated.emit(combo.currentIndex())


def test_the_first_screen_follows_the_system_language(monkeypatch, tmp_path):
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "tr_TR.UTF-8")
    prefs = Prefs(tmp_path / "p.ini")
    assert chosen_language(prefs) == "tr"
    prefs.language = "fa"
    assert chosen_language(prefs) == "fa"  # a saved choice wins over the system


def test_language_chosen_on_the_first_screen_applies_at_once_and_is_saved(qtbot, controller, prefs):
    controller.start()
    old_gate = controller.gate
    choose(qtbot, old_gate.language, "ar")
    gate = controller.gate
    assert gate is not old_gate and gate.isVisible() and not old_gate.isVisible()
    assert Prefs(prefs.path).language == "ar"
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert gate.first_run.create_button.text() == i18n._("&Create journal") != "&Create journal"
    assert gate.language.currentData() == "ar"
    choose(qtbot, gate.language, "en")
    assert controller.gate.first_run.create_button.text() == "&Create journal"
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_settings_switch_the_main_window_without_restart(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    main.nav.setCurrentRow(2)
    main.search.setText("")
    dialog = main.settings_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("tr"))
    dialog.save()
    qtbot.waitUntil(lambda: controller.main is not main)
    new = controller.main
    assert new.isVisible() and new.nav.currentRow() == 2
    assert new.new_action.text() == _("&New incident") != "&New incident"
    assert i18n.current_language() == "tr"
    # Qt's own standard buttons follow too
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() not in ("Cancel", "&Cancel")
    idle(qtbot, controller)


def test_an_editor_with_unsaved_typing_defers_the_main_window(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    editor = main.open_incident(None)
    editor.form.title.setText("Threats after the march")
    dialog = main.settings_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.save()
    qtbot.wait(50)
    assert controller.main is main and editor.isVisible()  # nothing closed under her hands
    assert editor.form.title.text() == "Threats after the march"
    editor.hide()
    qtbot.waitUntil(lambda: controller.main is not main)
    assert controller.main.new_action.text() == _("&New incident") != "&New incident"
    assert all(w.isVisible() is False for w in QApplication.topLevelWidgets() if w is main)
    idle(qtbot, controller)
