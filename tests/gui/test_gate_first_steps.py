"""First run and unlock as a new user meets them: typing goes straight into the passphrase,
a message goes away once she fixed what it said, she can look at what she typed, and no jargon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from tests.gui.conftest import PASSPHRASE, create_journal


def _words(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_typing_at_first_run_goes_into_the_passphrase(qtbot, controller):
    controller.start()
    qtbot.waitExposed(controller.gate)
    page = controller.gate.first_run
    qtbot.waitUntil(page.passphrase.hasFocus)
    qtbot.keyClicks(QApplication.focusWidget(), "typed at once")
    assert page.passphrase.text() == "typed at once"
    assert "strength" not in _words(page).lower() and "key" not in _words(page).lower()


def test_the_mismatch_message_goes_once_the_repeat_matches(qtbot, controller):
    controller.start()
    page = controller.gate.first_run
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE + "x")
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert page.error.isVisibleTo(page) and "not the same" in page.error.text()
    assert page.repeat.hasFocus() or page.repeat.text() == ""
    qtbot.keyClicks(page.repeat, PASSPHRASE[:-1])
    assert page.error.isVisibleTo(page)  # still different
    qtbot.keyClicks(page.repeat, PASSPHRASE[-1])
    assert not page.error.isVisibleTo(page)


def test_a_weak_passphrase_message_goes_once_it_is_long_enough(qtbot, controller):
    controller.start()
    page = controller.gate.first_run
    qtbot.keyClicks(page.passphrase, "short")
    page.create_button.click()
    assert page.error.isVisibleTo(page)
    qtbot.keyClicks(page.passphrase, " and now four words long enough")
    assert not page.error.isVisibleTo(page)


def test_show_passphrase_reveals_both_fields_and_is_off_again_next_time(qtbot, controller):
    controller.start()
    page = controller.gate.first_run
    assert page.passphrase.echoMode() == QLineEdit.EchoMode.Password
    page.show_passphrase.setFocus()
    qtbot.keyClick(page.show_passphrase, Qt.Key.Key_Space)
    assert page.passphrase.echoMode() == page.repeat.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClick(page.show_passphrase, Qt.Key.Key_Space)
    assert page.repeat.echoMode() == QLineEdit.EchoMode.Password


def test_unlock_focuses_the_passphrase_and_can_show_it(qtbot, controller, messages):
    create_journal(qtbot, controller)
    controller.lock()
    qtbot.waitUntil(lambda: controller.gate.isVisible(), timeout=10_000)
    page = controller.gate.unlock
    qtbot.waitUntil(page.passphrase.hasFocus)
    qtbot.keyClicks(page.passphrase, "wrong words here")
    page.show_passphrase.setChecked(True)
    assert page.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.show_passphrase.isChecked() is False  # hidden again after each try
    qtbot.waitUntil(lambda: page.error.isVisibleTo(page), timeout=10_000)
    qtbot.keyClicks(page.passphrase, "c")
    assert not page.error.isVisibleTo(page)
