"""Camouflage: the calculator cover works as a calculator, shows no trace of Sijil, and only her
code followed by "=" reveals the unlock screen; neutral names for windows and the launcher."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.core import launcher
from app.core import vault as vaults
from app.gui.application import Controller
from app.gui.gate.camouflage import Calculator, CoverWindow
from tests.gui.conftest import PASSPHRASE, create_journal, idle
from tests.gui.test_coercion_settings import coercion_dialog, texts

CODE = "2468"


@pytest.fixture(autouse=True)
def own_applications_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def covered(qtbot, tmp_path, prefs, messages):
    vaults.Vault.create(tmp_path / "vault", PASSPHRASE, "test").lock()
    prefs.set_cover_code(CODE)
    prefs.cover = True
    c = Controller(prefs, tmp_path / "vault", strength_for=lambda _s: "test")
    c.start()
    yield c
    c.shutdown()
    c.gate.close()


def type_keys(qtbot, window, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(window, key)


def visible_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]


def test_the_cover_is_the_only_window_and_says_nothing_of_sijil(qtbot, covered):
    assert visible_windows() == [covered.cover]
    assert not covered.gate.isVisible()
    seen = " ".join(texts(covered.cover)) + " " + QApplication.applicationDisplayName()
    assert covered.cover.windowTitle() == "Calculator"
    assert "sijil" not in seen.lower() and "journal" not in seen.lower() and "passphrase" not in seen.lower()


def test_it_calculates_and_a_wrong_code_is_only_a_number(qtbot, covered):
    cover = covered.cover
    type_keys(qtbot, cover, "12+30=")
    assert cover.display.text() == "42"
    type_keys(qtbot, cover, "1234=")
    assert cover.display.text() == "1234" and covered.cover.isVisible() and not covered.gate.isVisible()
    type_keys(qtbot, cover, "7/0=")
    assert cover.display.text() == "Error"
    qtbot.keyClick(cover, Qt.Key.Key_Escape)
    assert cover.display.text() == "0"


def test_the_code_then_equals_shows_the_unlock_screen_and_the_lock_brings_the_cover_back(qtbot, covered):
    type_keys(qtbot, covered.cover, "5+")  # a sum in progress: the code must stand alone
    type_keys(qtbot, covered.cover, CODE + "=")
    assert covered.cover.isVisible()
    qtbot.keyClick(covered.cover, Qt.Key.Key_Escape)
    type_keys(qtbot, covered.cover, CODE)
    qtbot.keyClick(covered.cover, Qt.Key.Key_Return)
    assert covered.gate.isVisible() and not covered.cover.isVisible()
    assert covered.gate.pages.currentWidget() is covered.gate.unlock
    assert covered.gate.windowTitle() == "Calculator"  # every window keeps the neutral name
    qtbot.keyClicks(covered.gate.unlock.passphrase, PASSPHRASE)
    covered.gate.unlock.unlock_button.click()
    qtbot.waitUntil(lambda: covered.main is not None, timeout=10_000)
    assert covered.main.windowTitle() == "Calculator"
    covered.lock()
    idle(qtbot, covered)
    assert covered.cover.isVisible() and not covered.gate.isVisible()
    assert covered.cover.display.text() == "0"  # no trace of the code typed last time


def test_the_buttons_work_too(qtbot, covered):
    cover = covered.cover
    for label in ("C", "9", "×", "3", "="):
        cover.buttons[label].click()
    assert cover.display.text() == "27"
    for label in CODE:
        cover.buttons[label].click()
    cover.buttons["="].click()
    assert covered.gate.isVisible()


def test_eastern_arabic_digits_type_the_code(qtbot, covered):
    for char in "٢٤٦٨=":  # as an Arabic keyboard layout sends them: the text, no Latin key code
        QApplication.sendEvent(covered.cover, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
    assert covered.gate.isVisible()


def test_pocket_calculator_arithmetic():
    calc = Calculator()
    for step in ("2", "+", "3", "*", "4", "="):
        calc.operator({"+": "+", "*": "*"}[step]) if step in "+*" else calc.equals() if step == "=" else calc.digit(step)
    assert calc.display == "20"
    calc.clear()
    for char in "0.1":
        calc.digit(char)
    calc.operator("+")
    calc.digit("0"); calc.digit("."); calc.digit("2")  # noqa: E702
    calc.equals()
    assert calc.display == "0.3"  # decimal, as a calculator shows it


def test_the_cover_and_the_code_are_chosen_in_settings(qtbot, controller, messages, prefs):
    main = create_journal(qtbot, controller)
    dialog = main.settings_dialog().open_coercion()  # as she gets there: Settings → Under coercion
    idle(qtbot, controller)
    dialog.cover.setChecked(True)
    dialog.code.setText("12")
    dialog.submit()
    assert "4" in dialog.error.text() and not prefs.cover  # too short: said, nothing stored
    dialog.code.setText("97531")
    with qtbot.waitSignal(dialog.applied):
        dialog.submit()
    assert prefs.cover and prefs.cover_code_matches("97531") and not prefs.cover_code_matches("9753")
    assert "97531" not in prefs.path.read_text(encoding="utf-8")
    assert main.windowTitle() == "Calculator"
    controller.lock()
    idle(qtbot, controller)
    assert controller.cover.isVisible()


def test_the_launcher_entry_has_a_neutral_name_and_goes_away(qtbot, controller, messages, prefs):
    main = create_journal(qtbot, controller)
    dialog = coercion_dialog(qtbot, main)
    dialog.disguise.setCurrentIndex(dialog.disguise.findData("calculator"))
    dialog.launcher_button.click()
    idle(qtbot, controller)
    entry = launcher.entry_path().read_text(encoding="utf-8")
    assert "Name=Calculator\n" in entry and "Icon=accessories-calculator\n" in entry
    assert "Exec=" in entry and "-m app" in entry and "Sijil" not in entry
    assert "Remove" in dialog.launcher_button.text()
    dialog.launcher_button.click()
    idle(qtbot, controller)
    assert not launcher.installed()


def test_a_cover_without_a_code_is_no_cover(prefs, qapp):
    prefs.cover = True
    assert not prefs.cover  # without a code there would be no way in
    window = CoverWindow(prefs.cover_code_matches)
    window.press("=")
    assert window.display.text() == "0"
