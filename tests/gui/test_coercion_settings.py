"""Settings → Under coercion: the failed-unlock wipe, the duress passphrase and camouflage, and
that the unlock screen and the app look the same whether they are on or off."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from app.core import failed_unlocks
from app.core import vault as vaults
from app.core.errors import WrongPassphrase
from app.core.models import Incident
from app.gui.application import Controller
from app.gui.coercion_dialog import CoercionDialog, DuressDialog
from tests.gui.conftest import INCIDENTS, PASSPHRASE, idle, run

DURESS = "ordinary picnic sandwich weather"


@pytest.fixture(autouse=True)
def own_applications_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))  # a failed-unlock wipe removes it


def texts(window: QWidget) -> list[str]:
    """Everything a person (or a screen reader) could read in a window."""
    found = [window.windowTitle()]
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            found.append(w.text())
        elif isinstance(w, QLineEdit):
            found.append(w.text() + "|" + w.placeholderText())
        found += [w.toolTip(), w.accessibleName(), w.accessibleDescription()]
    return sorted(found)


def coercion_dialog(qtbot, main) -> CoercionDialog:
    dialog = CoercionDialog(main.session, main.prefs, main)
    dialog.show()
    idle(qtbot, main.session.runner)
    return dialog


def unlock(qtbot, controller, passphrase: str) -> None:
    page = controller.gate.unlock
    qtbot.keyClicks(page.passphrase, passphrase)
    page.unlock_button.click()
    idle(qtbot, controller)


def test_wipe_after_failed_is_set_in_the_header_and_refuses_one_or_two(qtbot, main):
    dialog = coercion_dialog(qtbot, main)
    assert dialog.wipe_after.value() == 0 and dialog.wipe_after.text() == "Off"
    dialog.wipe_after.setValue(2)
    dialog.submit()
    assert dialog.isVisible() and "3" in dialog.error.text()  # said inline, nothing stored
    dialog.wipe_after.setValue(5)
    dialog.submit()
    idle(qtbot, main.session.runner)
    assert run(qtbot, main.session, failed_unlocks.threshold) == 5
    assert coercion_dialog(qtbot, main).wipe_after.value() == 5


def test_the_settings_dialog_opens_it(qtbot, main):
    settings = main.settings_dialog()
    dialog = settings.open_coercion()
    assert isinstance(dialog, CoercionDialog) and dialog.isVisible()
    dialog.reject()


def _locked_controller(tmp_path, prefs, name: str, threshold: int) -> Controller:
    with vaults.Vault.create(tmp_path / name, PASSPHRASE, "test") as v:
        failed_unlocks.set_threshold(v, threshold)
    c = Controller(prefs, tmp_path / name, strength_for=lambda _s: "test")
    c.start()
    return c


def test_the_unlock_screen_says_the_same_with_the_wipe_on_or_off(qtbot, tmp_path, prefs, messages):
    """Before, after each wrong passphrase, and after the one that wipes: the same words."""
    seen = []
    for name, threshold in (("off", 0), ("on", 3)):
        c = _locked_controller(tmp_path, prefs, name, threshold)
        screens = [texts(c.gate)]
        for _attempt in range(3):
            unlock(qtbot, c, "a wrong guess at the door")
            screens.append(texts(c.gate))
        seen.append(screens)
        c.shutdown()
        c.gate.close()
    assert seen[0] == seen[1]
    assert seen[1][1] == seen[1][2] == seen[1][3]  # no counter, no warning before the last try
    assert (tmp_path / "off").exists() and not (tmp_path / "on").exists()  # the third wiped it
    assert messages == []


def test_the_duress_passphrase_opens_the_decoy_through_the_same_screens(qtbot, main, controller, messages):
    run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident(title="The real one", occurred_on="2026-01-01")),
        changes=INCIDENTS)
    real_dialog = texts(coercion_dialog(qtbot, main))
    duress = DuressDialog(main.session, main)
    qtbot.keyClicks(duress.passphrase, DURESS)
    qtbot.keyClicks(duress.repeat, DURESS)
    duress.submit()
    idle(qtbot, controller)
    assert duress.result() == duress.DialogCode.Accepted and duress.error.text() == ""
    real_title = main.windowTitle()
    controller.lock()
    idle(qtbot, controller)
    unlock(qtbot, controller, DURESS)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    decoy = controller.main
    assert decoy.windowTitle() == real_title and decoy.isVisible()
    assert run(qtbot, decoy.session, lambda v: v.journal.incidents.list()) == []  # the decoy, empty
    assert texts(coercion_dialog(qtbot, decoy)) == real_dialog  # nothing says which one is open
    controller.lock()
    idle(qtbot, controller)
    unlock(qtbot, controller, PASSPHRASE)  # without "destroy", the real journal is still there
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    titles = run(qtbot, controller.main.session, lambda v: [i.title for i in v.journal.incidents.list()])
    assert titles == ["The real one"]


def test_duress_with_destroy_leaves_the_real_passphrase_opening_nothing(qtbot, main, controller, tmp_path):
    duress = DuressDialog(main.session, main)
    duress.passphrase.setText(DURESS)
    duress.repeat.setText(DURESS)
    duress.destroy.setChecked(True)
    duress.submit()
    idle(qtbot, controller)
    controller.lock()
    idle(qtbot, controller)
    unlock(qtbot, controller, DURESS)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    controller.lock()
    idle(qtbot, controller)
    with pytest.raises(WrongPassphrase):
        vaults.Vault.unlock(tmp_path / "vault", PASSPHRASE)


def test_duress_refuses_a_weak_or_mistyped_passphrase_inline(qtbot, main):
    duress = DuressDialog(main.session, main)
    duress.passphrase.setText("short")
    duress.repeat.setText("short")
    duress.submit()
    assert duress.error.text() and duress.result() == 0
    duress.passphrase.setText(DURESS)
    duress.repeat.setText(DURESS + "x")
    duress.submit()
    assert "not the same" in duress.error.text()


def test_duress_must_differ_from_the_passphrase(qtbot, main):
    duress = DuressDialog(main.session, main)
    duress.passphrase.setText(PASSPHRASE)
    duress.repeat.setText(PASSPHRASE)
    duress.submit()
    idle(qtbot, main.session.runner)
    assert "must differ" in duress.error.text()


def test_remove_duress_asks_first(qtbot, main, say_yes):
    dialog = coercion_dialog(qtbot, main)
    dialog.remove_duress.click()
    idle(qtbot, main.session.runner)
    assert say_yes and "decoy" in say_yes[0]
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, DuressDialog) and w.isVisible()] == []
