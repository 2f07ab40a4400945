"""Unlock: right and wrong passphrases, the field cleared, the KDF off the UI thread."""

from __future__ import annotations

import threading

import pytest

from app.core import vault as vaults
from app.gui.application import Controller
from tests.gui.conftest import PASSPHRASE, idle


@pytest.fixture
def locked(qtbot, tmp_path, prefs, messages):
    vaults.Vault.create(tmp_path / "vault", PASSPHRASE, "test").lock()
    c = Controller(prefs, tmp_path / "vault", strength_for=lambda _s: "test")
    c.start()
    yield c
    c.shutdown()
    c.gate.close()


def test_unlock_with_the_right_passphrase_opens_the_journal(qtbot, locked):
    page = locked.gate.unlock
    assert locked.gate.pages.currentWidget() is page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, "\r")
    assert page.passphrase.text() == ""  # cleared as soon as it was used
    qtbot.waitUntil(lambda: locked.main is not None, timeout=10_000)
    assert locked.main.isVisible()


def test_wrong_passphrase_says_so_in_plain_words(qtbot, locked):
    page = locked.gate.unlock
    qtbot.keyClicks(page.passphrase, "not the passphrase")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=10_000)
    assert "does not open this journal" in page.error.text()
    assert "Traceback" not in page.error.text()
    assert page.passphrase.text() == "" and page.passphrase.isEnabled()
    assert locked.main is None and locked.is_locked


def test_key_derivation_runs_off_the_ui_thread_with_a_busy_indicator(qtbot, locked, monkeypatch):
    threads: list[threading.Thread] = []
    busy_seen: list[bool] = []
    real_unlock = vaults.Vault.unlock.__func__

    def watching_unlock(cls, path, passphrase, **kw):
        threads.append(threading.current_thread())
        return real_unlock(cls, path, passphrase, **kw)

    monkeypatch.setattr(vaults.Vault, "unlock", classmethod(watching_unlock))
    page = locked.gate.unlock
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    busy_seen.append(page.busy.isVisibleTo(page) and not page.unlock_button.isEnabled())
    qtbot.waitUntil(lambda: locked.main is not None, timeout=10_000)
    assert busy_seen == [True]
    assert threads and threads[0] is not threading.main_thread()


def test_unlock_screen_documents_the_panic_shortcut(locked):
    from PySide6.QtWidgets import QLabel
    texts = " ".join(label.text() for label in locked.gate.unlock.findChildren(QLabel))
    assert "Ctrl+Shift+L" in texts


def test_lock_then_unlock_again(qtbot, locked):
    page = locked.gate.unlock
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: locked.main is not None, timeout=10_000)
    locked.main.lock_action.trigger()
    assert locked.is_locked and locked.gate.isVisible()
    idle(qtbot, locked)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: locked.main is not None, timeout=10_000)


@pytest.mark.parametrize("when", ["after the window", "before the window"])
@pytest.mark.parametrize("found", ["older part", "damaged"])
def test_damage_found_after_the_window_opened_is_said_in_the_gates_words(qtbot, locked, messages, monkeypatch,
                                                                        found, when):
    """The slow half of the open check ends after the main window is up (or just before the
    session hears of the vault): a partly older journal stays open read-only, a damaged one is
    locked; either way she reads what the gate would say."""
    from app.core import db, db_state, open_check
    release = threading.Event()
    if when == "before the window":
        release.set()
        real_unlock = vaults.Vault.unlock.__func__

        def unlock_then_verdict(cls, *args, **kw):
            vault = real_unlock(cls, *args, **kw)
            vault.when_checked(lambda verdict: None)
            vault._check.result()  # the verdict is in before the session exists
            return vault

        monkeypatch.setattr(vaults.Vault, "unlock", classmethod(unlock_then_verdict))

    def older(conn):
        release.wait(20)
        return db_state._inconsistent()

    def broken(conn):
        release.wait(20)
        raise db.damaged()

    if found == "older part":
        monkeypatch.setattr(open_check, "sums_problem", older)
    else:
        monkeypatch.setattr(db, "check_pages", broken)
    page = locked.gate.unlock
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    if when == "after the window":
        qtbot.waitUntil(lambda: locked.main is not None, timeout=10_000)
        assert locked.main.isVisible() and messages == []  # open before the verdict
        release.set()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    if found == "older part":
        assert "Part of the journal database is older than the rest" in messages[0]
        assert locked.read_only and locked.main is not None and "read-only" in locked.main.windowTitle()
    else:
        assert "damaged or was changed outside Sijil" in messages[0]
        qtbot.waitUntil(lambda: locked.is_locked and locked.gate.isVisible(), timeout=10_000)
    assert "Traceback" not in messages[0]
