"""Quick wipe in the app: the countdown, Cancel and Escape, the keys wherever the focus is, and
a completed wipe that leaves no file of the journal behind (from the gate and the main window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core import launcher
from app.core import vault as vaults
from app.core.errors import IntegrityError, VaultNotFound, WrongPassphrase
from app.core.models import Incident
from app.gui.application import Controller
from app.gui.gate.wipe_dialog import WipeDialog
from tests.gui.conftest import INCIDENTS, PASSPHRASE, create_journal, gone, idle, run

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def quick_seconds(monkeypatch, tmp_path):
    monkeypatch.setattr(WipeDialog, "tick_ms", 40)  # a "second" of 40 ms: five of them 0.2 s
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def locked(qtbot, tmp_path, prefs, messages):
    vaults.Vault.create(tmp_path / "vault", PASSPHRASE, "test").lock()
    prefs.autolock_minutes = 7
    prefs.sync()
    c = Controller(prefs, tmp_path / "vault", strength_for=lambda _s: "test")
    c.start()
    yield c
    c.shutdown()
    c.gate.close()


def press_wipe_keys(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Delete, CTRL_SHIFT)


def wipe_dialogs() -> list[WipeDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, WipeDialog) and w.isVisible()]


def journal_files(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def test_the_countdown_shows_the_seconds_left_with_cancel_focused(qtbot, locked, monkeypatch):
    monkeypatch.setattr(WipeDialog, "tick_ms", 60_000)  # hold the countdown still to look at it
    press_wipe_keys(qtbot, locked.gate.unlock.passphrase)
    [dialog] = wipe_dialogs()
    assert dialog.title.text() == "Wiping the journal in 5 s"
    assert dialog.isModal()
    assert dialog.cancel_button.isDefault()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.cancel_button, timeout=2_000)
    assert "flash" in dialog.flash.text() and "keys" in dialog.flash.text()
    dialog._tick()
    assert dialog.title.text() == "Wiping the journal in 4 s" and dialog.bar.value() == 4
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter presses the default button: Cancel
    assert wipe_dialogs() == []


@pytest.mark.parametrize("how", ["escape", "cancel"])
def test_cancel_stops_the_countdown_and_the_journal_stays(qtbot, locked, tmp_path, how):
    before = journal_files(tmp_path / "vault")
    locked.gate.unlock.wipe_button.click()
    [dialog] = wipe_dialogs()
    if how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.cancel_button.click()
    assert wipe_dialogs() == []
    qtbot.wait(400)  # twice the countdown
    idle(qtbot, locked)
    assert journal_files(tmp_path / "vault") == before
    assert locked.prefs.path.exists()
    assert not locked.quick_wipe.active
    vaults.Vault.unlock(tmp_path / "vault", PASSPHRASE).lock()


def test_a_wipe_from_the_unlock_screen_leaves_no_file_of_the_journal(qtbot, locked, tmp_path):
    launcher.install("calculator")
    copy_of_header = (tmp_path / "vault" / "sijil-vault.json").read_bytes()
    with qtbot.waitSignal(locked.quick_wipe.wiped, timeout=10_000):
        press_wipe_keys(qtbot, locked.gate.unlock.passphrase)
        assert wipe_dialogs()
    assert not (tmp_path / "vault").exists()
    assert not locked.prefs.path.exists()
    assert not launcher.installed()
    assert wipe_dialogs() == [] and not locked.gate.isVisible()
    locked.shutdown()  # what the app does next: nothing writes the settings file back
    locked.prefs.sync()
    assert not locked.prefs.path.exists() and not (tmp_path / "vault").exists()
    (tmp_path / "vault").mkdir()  # the old header, put back, opens nothing: its slots were the keys
    (tmp_path / "vault" / "sijil-vault.json").write_bytes(copy_of_header)
    with pytest.raises((VaultNotFound, IntegrityError, WrongPassphrase)):
        vaults.Vault.unlock(tmp_path / "vault", PASSPHRASE)


@pytest.mark.parametrize("focus", ["search", "table", "editor"])
def test_a_wipe_from_the_main_window_with_the_focus_anywhere(qtbot, controller, messages, tmp_path, focus):
    main = create_journal(qtbot, controller)
    run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident(title="Threat", occurred_on="2026-01-01")), changes=INCIDENTS)
    widget = {"search": lambda: main.search, "table": lambda: main.incidents.table,
              "editor": lambda: main.open_incident(None).form.title}[focus]()
    widget.window().activateWindow()
    widget.setFocus()
    with qtbot.waitSignal(controller.quick_wipe.wiped, timeout=10_000):
        press_wipe_keys(qtbot, widget)
        assert len(wipe_dialogs()) == 1  # not "ambiguous": the keys did something, once
        assert main.isVisible()  # until the countdown ends
    assert controller.main is None and gone(main) and controller.session is None
    idle(qtbot, controller)
    assert journal_files(tmp_path / "vault") == []
    assert not controller.prefs.path.exists()
    assert messages == []


def test_the_menu_item_opens_the_same_countdown(qtbot, controller, messages, monkeypatch):
    monkeypatch.setattr(WipeDialog, "tick_ms", 60_000)
    main = create_journal(qtbot, controller)
    assert main.wipe_action in main.more_button.menu().actions()
    assert main.wipe_action.shortcut().toString() == "Ctrl+Shift+Del"
    main.wipe_action.trigger()
    [dialog] = wipe_dialogs()
    press_wipe_keys(qtbot, dialog.cancel_button)  # again: the same dialog, not a second one
    assert wipe_dialogs() == [dialog]
    dialog.reject()
    assert controller.main is main and main.isVisible()


def test_wipe_now_skips_the_rest_of_the_countdown_and_cannot_be_cancelled_once_begun(qtbot, locked, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setattr(WipeDialog, "tick_ms", 60_000)
    dialog = locked.quick_wipe.request()
    with qtbot.waitSignal(locked.quick_wipe.wiped, timeout=10_000):
        dialog.now_button.click()
        dialog.reject()  # Escape while it runs: ignored, the wipe goes on
    assert not (tmp_path / "vault").exists()
