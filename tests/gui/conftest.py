"""Fixtures for the desktop app tests: offscreen Qt, prefs in tmp_path, a controller with the
fast test KDF, and message boxes that answer without blocking."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox

from app.core.operations import NOTHING, Changes, Done
from app.gui.application import Controller
from app.gui.prefs import Prefs

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def collect_on_the_ui_thread():
    """As in the app (app/gui/gc_guard.py): no garbage collection on the vault worker, where
    freeing a widget crashes Qt. Collected here, on the UI thread, after each test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def english_afterwards():
    """A test that switches the language leaves the next one in English, left to right."""
    yield
    from PySide6.QtWidgets import QApplication

    from app.gui.language import apply_language
    if QApplication.instance() is not None:
        apply_language("en")


@pytest.fixture(autouse=True)
def columns_remembered_nowhere_afterwards():
    """A controller keeps column choices in its test prefs; the next test's tables do not."""
    yield
    from app.gui.widgets.columns import remember_columns_in
    remember_columns_in(None)


@pytest.fixture
def prefs(tmp_path):
    return Prefs(tmp_path / "config" / "sijil.ini")


@pytest.fixture
def messages(monkeypatch):
    """Message boxes record their text and close at once; confirmations say no."""
    shown: list[str] = []

    def fake_exec(box):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def say_yes(monkeypatch):
    """Confirmations press their destructive ("Delete", "Remove", "Continue") button."""
    asked: list[str] = []

    def fake_exec(box):
        asked.append(box.text())
        for button in box.buttons():
            if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


@pytest.fixture
def controller(qapp, tmp_path, prefs):
    c = Controller(prefs, tmp_path / "vault", strength_for=lambda _strength: "test")
    yield c
    c.shutdown()
    c.gate.close()
    c.gate.deleteLater()


def idle(qtbot, controller_or_runner, timeout: int = 10_000) -> None:
    """Wait until the worker finished everything queued and its results were delivered."""
    runner = getattr(controller_or_runner, "runner", controller_or_runner)
    qtbot.waitUntil(lambda: not runner.busy, timeout=timeout)


def create_journal(qtbot, controller, passphrase: str = PASSPHRASE):
    """Go through the first-run page; returns the main window."""
    controller.start()
    page = controller.gate.first_run
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClicks(page.repeat, passphrase)
    page.create_button.click()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    idle(qtbot, controller)
    return controller.main


@pytest.fixture
def main(qtbot, controller, messages):
    """An unlocked, empty journal with its main window shown."""
    return create_journal(qtbot, controller)


INCIDENTS = Changes(incidents=True)


def run(qtbot, session, fn, timeout: int = 30_000, changes: Changes = NOTHING):
    """Run fn(vault) on the worker (as widgets do) and return its result; `changes` says what a
    setup written straight into the journal changed (operations say it themselves)."""
    box: list = []
    errors: list = []
    session.call(None, lambda vault, ctx: Done(changes, fn(vault)) if changes else fn(vault),
                 on_success=box.append, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(box or errors), timeout=timeout)
    if errors:
        raise errors[0]
    return box[0]


def gone(widget) -> bool:
    """True once a window closed (those with WA_DeleteOnClose are deleted, too)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()
