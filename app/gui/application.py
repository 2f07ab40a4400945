"""Start-up and the lock cycle: gate (first run / unlock) -> main window -> lock -> gate.

The controller owns the one TaskRunner, the Session of the unlocked journal, auto-lock,
the panic shortcut, discreet mode and the clipboard guard. Locking closes every window
that can show journal content before the keys are dropped.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from app.core import i18n, keyring_store, paths
from app.core import vault as vaults
from app.core.demo import DEMO_PASSPHRASE, create_demo
from app.core.errors import RollbackDetected, SijilError
from app.core.i18n import _
from app.gui.dialogs import offer_read_only, show_error
from app.gui.gate_window import GateWindow
from app.gui.gc_guard import MainThreadCollector
from app.gui.icons import icon
from app.gui.main_window import MainWindow
from app.gui.picture_reader import PictureReader
from app.gui.prefs import Prefs
from app.gui.safety import ClipboardGuard, InactivityTimer
from app.gui.session import Session
from app.gui.single_instance import SingleInstance
from app.gui.style import apply_style
from app.gui.tasks import TaskRunner
from app.gui.unlock_page import PANIC_SHORTCUT

APP_TITLE = "Sijil"
DISCREET_TITLE = "Notes"


class Controller(QObject):
    minute_ms = 60_000  # tests shorten the minute to try auto-lock quickly

    def __init__(self, prefs: Prefs, vault_dir: Path, strength_for: Callable[[str], str] = str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.vault_dir = Path(vault_dir)
        self._strength_for = strength_for  # tests map every strength to the fast "test" KDF
        self.collector = MainThreadCollector(self)
        self.collector.start()
        self.runner = TaskRunner(self)
        self.session: Session | None = None
        self.main: MainWindow | None = None
        self._demo_dir: Path | None = None
        self.read_only = False  # the open journal failed its state check and was opened read-only
        self.gate = GateWindow(self.runner)
        self.gate.first_run.create_requested.connect(self.create_journal)
        self.gate.first_run.demo_requested.connect(self.open_demo)
        self.gate.unlock.unlock_requested.connect(self.unlock)
        self.gate.unlock.remembered_requested.connect(self.unlock_remembered)
        self.inactivity = InactivityTimer(self)
        self.inactivity.inactive.connect(self.lock)
        self.clipboard = ClipboardGuard(QGuiApplication.clipboard(), self)
        self._panic = QKeySequence(PANIC_SHORTCUT)[0]
        QApplication.instance().installEventFilter(self)
        self.runner.failed.connect(self._show_failure)

    # Gate ------------------------------------------------------------------------------------

    def start(self) -> None:
        self.apply_prefs()
        if vaults.exists(self.vault_dir):
            self.gate.show_unlock()
            self._offer_remembered()
        else:
            self.gate.show_first_run()
        self.gate.show()

    def _offer_remembered(self) -> None:
        path = self.vault_dir
        self.gate.unlock.remembered_button.hide()
        self.runner.run(lambda ctx: keyring_store.recall(path) is not None,
                        on_success=self.gate.unlock.remembered_button.setVisible, on_failure=lambda e: None)

    def create_journal(self, passphrase: str, strength: str) -> None:
        path, kdf = self.vault_dir, self._strength_for(strength)
        self.gate.first_run.set_busy(True)
        self.runner.run(lambda ctx: vaults.Vault.create(path, passphrase, kdf), on_success=self._opened,
                        on_failure=self._gate_failed, label=_("Creating your journal"))

    def open_demo(self) -> None:
        """The demo lives in a temporary folder and is deleted when it is locked."""
        self._demo_dir = Path(tempfile.mkdtemp(prefix="sijil-demo-")) / "vault"
        path, kdf = self._demo_dir, self._strength_for("normal")
        self.gate.first_run.set_busy(True)
        self.runner.run(lambda ctx: create_demo(path, DEMO_PASSPHRASE, kdf, progress=ctx.progress),
                        on_success=self._opened, on_failure=self._gate_failed,
                        label=_("Preparing the demo journal"), cancellable=True)

    def unlock(self, passphrase: str, read_only: bool = False) -> None:
        path = self.vault_dir
        self.gate.unlock.set_busy(True)
        work = ((lambda ctx: vaults.Vault.unlock(path, passphrase, read_only=True)) if read_only
                else (lambda ctx: vaults.Vault.unlock(path, passphrase)))
        self.runner.run(work, on_success=self._opened, label=_("Opening the journal"),
                        on_failure=lambda error: self._unlock_failed(error, lambda: self.unlock(passphrase, True)))

    def unlock_remembered(self, read_only: bool = False) -> None:
        path = self.vault_dir

        def work(ctx):
            master = keyring_store.recall(path)
            if master is None:
                raise SijilError(_("This journal is no longer remembered on this device. Type your passphrase."))
            return vaults.Vault.unlock_with_master(path, master, read_only=read_only)

        self.gate.unlock.set_busy(True)
        self.runner.run(work, on_success=self._opened, label=_("Opening the journal"),
                        on_failure=lambda error: self._unlock_failed(error, lambda: self.unlock_remembered(True)))

    def _unlock_failed(self, error: SijilError, open_read_only: Callable[[], None]) -> None:
        """A journal older than its sealed state: say what, delete nothing, offer read-only."""
        if isinstance(error, RollbackDetected):
            self.gate.unlock.show_error(error.message)
            if offer_read_only(self.gate, error.message):
                open_read_only()
            return
        self._gate_failed(error)

    def _gate_failed(self, error: SijilError) -> None:
        self.gate.first_run.set_busy(False)
        if self._demo_dir is not None and self.session is None:
            self._remove_demo()
        if self.gate.pages.currentWidget() is self.gate.unlock:
            self.gate.unlock.show_error(error.message)
        else:
            self.gate.first_run.error.setText(error.message)

    def _opened(self, vault: vaults.Vault) -> None:
        self.read_only = vault.read_only
        self.session = Session(self.runner, vault, self)
        self.pictures = PictureReader(self.session, self.session)
        self.main = MainWindow(self.session, self.prefs)
        self.main.lock_requested.connect(self.lock)
        self.main.prefs_changed.connect(self.apply_prefs)
        self.main.quit_requested.connect(QApplication.quit)
        self.apply_prefs()
        self.main.show()
        self.pictures.wake()  # pictures imported while OCR was not installed, or before it existed
        self.gate.hide()
        self.gate.first_run.set_busy(False)
        self.gate.unlock.set_busy(False)

    # Locking -----------------------------------------------------------------------------------

    def lock(self) -> None:
        """Close every window showing journal content, clear our clipboard, drop the keys.

        The screen locks at once. Typing not yet saved (an open editor, a caption) is saved
        first on the worker, then the keys are dropped: a panic lock loses nothing."""
        if self.session is None:
            return
        session, self.session = self.session, None
        self.inactivity.stop()
        self.clipboard.clear_if_ours()
        saves = [save for widget in QApplication.topLevelWidgets()
                 if widget.isVisible() and hasattr(widget, "pending_save")
                 for save in [widget.pending_save()] if save is not None]
        for widget in QApplication.topLevelWidgets():
            if widget is not self.gate and widget.isWindow() and widget.isVisible():
                widget.close()
        if self.main is not None:
            self.main.deleteLater()
            self.main = None
        self.runner.cancel_all()  # stop imports and exports; the saves below start after

        def keep(vault, ctx) -> None:
            for save in saves:
                with contextlib.suppress(SijilError):
                    save(vault)

        def finish(_result: object = None) -> None:
            session.lock()
            session.deleteLater()
            if self._demo_dir is not None:
                self.runner.run(lambda ctx: None, on_success=lambda _r: self._remove_demo())

        session.call(keep, on_success=finish, on_failure=finish)
        if self._demo_dir is not None:
            self.gate.show_first_run()
        else:
            self.gate.show_unlock()
            self._offer_remembered()
        self.gate.show()
        self.gate.raise_()
        self.gate.activateWindow()

    def _remove_demo(self) -> None:
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir.parent, ignore_errors=True)
            self._demo_dir = None

    @property
    def is_locked(self) -> bool:
        return self.session is None

    # Preferences, discreet mode ---------------------------------------------------------------

    def apply_prefs(self) -> None:
        app = QApplication.instance()
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl(self.prefs.language)
                               else Qt.LayoutDirection.LeftToRight)
        discreet = self.prefs.discreet
        app.setApplicationDisplayName(DISCREET_TITLE if discreet else APP_TITLE)
        app.setWindowIcon(icon("file-text") if discreet else icon("shield", "#5b3cc4"))
        for widget in QApplication.topLevelWidgets():
            self._neutralise(widget)
        if self.session is not None:
            self.inactivity.start(self.prefs.autolock_minutes * self.minute_ms)

    def _neutralise(self, widget: QWidget) -> None:
        if widget.isWindow() and self.prefs.discreet:
            widget.setWindowTitle(DISCREET_TITLE)
        elif widget is self.main and self.read_only:
            widget.setWindowTitle(_("Sijil (read-only)"))
        elif widget is self.gate or widget is self.main:
            widget.setWindowTitle(APP_TITLE)
        widget.setWindowIcon(QApplication.windowIcon())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The panic key is caught here, before any widget, so it works in every window,
        # even behind a modal dialog, where a QShortcut would be blocked.
        if (event.type() == QEvent.Type.KeyPress and self.session is not None
                and event.keyCombination() == self._panic):
            self.lock()
            return True
        # Every window, including dialogs and message boxes, gets the neutral title when shown.
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self._neutralise(watched)
        return False

    def bring_forward(self) -> None:
        """Another start of Sijil on this journal: show this window instead of a second one."""
        window = self.main or self.gate
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def _show_failure(self, message: str) -> None:
        show_error(self.main or self.gate, message)

    def shutdown(self) -> None:
        self.lock()
        # The saves, then the lock they queue, then the demo folder; also for a lock already
        # in flight (quit right after a panic lock), whose keys must still be dropped.
        for _step in range(3):
            if not self.runner.busy:
                break
            self.runner.wait_idle()
            QApplication.processEvents()
        self.runner.shutdown()
        self.collector.stop()
        self._remove_demo()
        QApplication.instance().removeEventFilter(self)


def run_gui() -> int:
    """Open the desktop app; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prefs = Prefs()
    i18n.set_language(prefs.language or None)
    # The application name ends up in the window class the task switcher shows.
    app.setApplicationName(DISCREET_TITLE.lower() if prefs.discreet else "sijil")
    apply_style(app)
    vault_dir = paths.default_vault_dir()
    instance = SingleInstance(vault_dir)
    if not instance.claim():
        return 0  # the window already open on this journal came forward
    controller = Controller(prefs, vault_dir)
    instance.activated.connect(controller.bring_forward)
    controller.start()
    code = app.exec()
    controller.shutdown()
    instance.release()
    return code
