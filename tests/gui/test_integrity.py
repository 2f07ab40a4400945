"""The desktop side of journal integrity: one window per journal, the read-only offer for a
journal that went back in time, and a passphrase change with progress and Cancel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.core import evidence
from app.core import vault as vaults
from app.core.models import Incident
from app.gui.application import Controller
from app.gui.gate.passphrase_dialog import ChangePassphraseDialog
from app.gui.single_instance import SingleInstance, server_name
from tests.gui.conftest import PASSPHRASE, idle, run

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_start_on_the_same_journal_brings_the_first_forward(qtbot, tmp_path, prefs):
    first = SingleInstance(tmp_path / "vault")
    assert first.claim()
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT), SIJIL_VAULT=str(tmp_path / "vault"),
                   HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
                   QT_QPA_PLATFORM="offscreen")
        with qtbot.waitSignal(first.activated, timeout=60_000):
            second = subprocess.Popen([sys.executable, "-m", "app"], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE)
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        assert second.returncode == 0  # it quit instead of opening a second window
    finally:
        first.release()
    # Another journal is another window.
    other = SingleInstance(tmp_path / "other journal")
    assert other.claim()
    other.release()


def test_the_socket_name_says_nothing_about_the_journal(tmp_path):
    name = Path(server_name(tmp_path / "Maryam's journal")).name
    assert "Maryam" not in name and "sijil" not in name.lower() and len(name) == 32


def test_bring_forward_shows_the_window_in_use(qtbot, tmp_path, prefs, messages):
    c = Controller(prefs, tmp_path / "vault", strength_for=lambda _s: "test")
    c.start()
    c.gate.showMinimized()
    c.bring_forward()
    assert c.gate.isVisible() and not c.gate.isMinimized()
    c.shutdown()
    c.gate.close()


@pytest.fixture
def rolled_back(tmp_path):
    path = tmp_path / "vault"
    with vaults.Vault.create(path, PASSPHRASE, "test") as v:
        ident = v.journal.incidents.add(Incident(title="kept", occurred_on="2026-01-01"))
    old = (path / "journal.db").read_bytes()
    with vaults.Vault.unlock(path, PASSPHRASE) as v:
        evidence.import_bytes(v, ident, b"added later")
    (path / "journal.db").write_bytes(old)
    return path


@pytest.mark.parametrize("choice", ["read_only", "cancel"])
def test_an_older_journal_is_explained_and_offered_read_only(qtbot, rolled_back, prefs, monkeypatch, choice):
    shown: list[tuple[str, list[str]]] = []

    def answer(box):
        labels = [b.text() for b in box.buttons()]
        shown.append((box.text(), labels))
        wanted = "Open &read-only" if choice == "read_only" else "Cancel"
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    c = Controller(prefs, rolled_back, strength_for=lambda _s: "test")
    c.start()
    qtbot.keyClicks(c.gate.unlock.passphrase, PASSPHRASE)
    c.gate.unlock.unlock_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    text, buttons = shown[0]
    assert "older than the journal's last saved state" in text and "Nothing was deleted" in text
    assert "Open &read-only" in buttons
    if choice == "read_only":
        qtbot.waitUntil(lambda: c.main is not None, timeout=10_000)
        assert c.read_only and c.main.windowTitle() == "Sijil (read-only)"
        assert run(qtbot, c.session, lambda v: v.read_only)
    else:
        idle(qtbot, c)
        assert c.main is None and "older" in c.gate.unlock.error.text()
    c.shutdown()
    c.gate.close()
    blobs = list((rolled_back / "blobs").iterdir())
    assert len(blobs) == 1  # the evidence added after the copy is still there


def test_passphrase_change_runs_with_progress_and_can_be_cancelled(qtbot, main, controller, tmp_path):
    dialog = ChangePassphraseDialog(main.session, main)
    steps: list[tuple[int, int]] = []
    main.session.runner.progressed.connect(lambda task, done, total: steps.append((done, total)))
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "new lantern river cobalt")
    qtbot.keyClicks(dialog.repeat, "new lantern river cobalt")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert (4, 4) in steps and not main.session.runner.busy
    # A second change, cancelled before it could start: nothing changes.
    dialog = ChangePassphraseDialog(main.session, main)
    qtbot.keyClicks(dialog.current, "new lantern river cobalt")
    qtbot.keyClicks(dialog.new, "third passphrase words here")
    qtbot.keyClicks(dialog.repeat, "third passphrase words here")
    with qtbot.waitSignal(dialog.rejected, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        dialog.reject()  # Escape while it runs: cancel, then close
    controller.lock()
    idle(qtbot, controller)
    vaults.Vault.unlock(tmp_path / "vault", "new lantern river cobalt").lock()


def test_unlock_while_a_command_has_the_journal_open_says_so(qtbot, tmp_path, prefs, messages):
    path = tmp_path / "vault"
    holder = vaults.Vault.create(path, PASSPHRASE, "test")  # e.g. a backup running in a terminal
    c = Controller(prefs, path, strength_for=lambda _s: "test")
    c.start()
    try:
        qtbot.keyClicks(c.gate.unlock.passphrase, PASSPHRASE)
        c.gate.unlock.unlock_button.click()
        qtbot.waitUntil(lambda: c.gate.unlock.error.text() != "", timeout=10_000)
        assert "already open in another Sijil window or command" in c.gate.unlock.error.text()
        assert c.main is None and c.gate.unlock.passphrase.isEnabled()
    finally:
        holder.lock()
        c.shutdown()
        c.gate.close()
