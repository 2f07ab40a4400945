"""The gate's work: create a journal, open the demo, unlock (by passphrase or remembered key),
and say in plain words what went wrong. Emits `opened(vault)` once a journal is open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core import keyring_store
from app.core import vault as vaults
from app.core.demo import DEMO_PASSPHRASE, create_demo
from app.core.errors import RollbackDetected, SijilError
from app.core.i18n import _
from app.gui.demo_journal import DemoJournal
from app.gui.gate.window import GateWindow
from app.gui.tasks import TaskRunner
from app.gui.widgets.dialogs import offer_read_only


class GateFlow(QObject):
    opened = Signal(object)  # the unlocked Vault
    language_chosen = Signal(str)

    def __init__(self, runner: TaskRunner, vault_dir: Path, demo: DemoJournal,
                 strength_for: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.vault_dir, self.demo = runner, Path(vault_dir), demo
        self._strength_for = strength_for  # tests map every strength to the fast "test" KDF
        self.window = self._build_window()

    def _build_window(self) -> GateWindow:
        window = GateWindow(self.runner)
        window.first_run.create_requested.connect(self.create_journal)
        window.first_run.demo_requested.connect(self.open_demo)
        window.unlock.unlock_requested.connect(self.unlock)
        window.unlock.remembered_requested.connect(self.unlock_remembered)
        window.language_chosen.connect(self.language_chosen)
        return window

    def retranslate(self) -> None:
        """Rebuild the window in the language now set, where the old one was. Nothing typed
        there is kept: the gate holds only passphrases, which are typed again."""
        old, self.window = self.window, self._build_window()
        self.window.setGeometry(old.geometry())
        if old.isVisible():
            self.show()
        old.hide()
        old.deleteLater()

    def show(self) -> None:
        """The first-run page for a new journal or after the demo, else the unlock page."""
        if self.demo.active or not vaults.exists(self.vault_dir):
            self.window.show_first_run()
        else:
            self.window.show_unlock()
            self._offer_remembered()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.window.focus_passphrase()

    def _offer_remembered(self) -> None:
        path = self.vault_dir
        self.window.unlock.remembered_button.hide()
        # The window may have been rebuilt in another language by the time the answer comes.
        self.runner.run(lambda ctx: keyring_store.recall(path) is not None,
                        on_success=lambda known: self.window.unlock.remembered_button.setVisible(known),
                        on_failure=lambda e: None)

    def create_journal(self, passphrase: str, strength: str) -> None:
        path, kdf = self.vault_dir, self._strength_for(strength)
        self.window.first_run.set_busy(True)
        self.runner.run(lambda ctx: vaults.Vault.create(path, passphrase, kdf), on_success=self._opened,
                        on_failure=self._failed, label=_("Creating your journal"))

    def open_demo(self) -> None:
        path, kdf = self.demo.make_folder(), self._strength_for("normal")
        self.window.first_run.set_busy(True)
        self.runner.run(lambda ctx: create_demo(path, DEMO_PASSPHRASE, kdf, progress=ctx.progress),
                        on_success=self._opened, on_failure=self._failed,
                        label=_("Preparing the demo journal"), cancellable=True)

    def unlock(self, passphrase: str, read_only: bool = False) -> None:
        path = self.vault_dir
        self.window.unlock.set_busy(True)
        # The slow half of the open check runs beside the open window (the session hears its verdict).
        work = ((lambda ctx: vaults.Vault.unlock(path, passphrase, read_only=True)) if read_only
                else (lambda ctx: vaults.Vault.unlock(path, passphrase, background=True)))
        self.runner.run(work, on_success=self._opened, label=_("Opening the journal"),
                        on_failure=lambda error: self._unlock_failed(error, lambda: self.unlock(passphrase, True)))

    def unlock_remembered(self, read_only: bool = False) -> None:
        path = self.vault_dir

        def work(ctx):
            master = keyring_store.recall(path)
            if master is None:
                raise SijilError(_("This journal is no longer remembered on this device. Type your passphrase."))
            return vaults.Vault.unlock_with_master(path, master, read_only=read_only, background=True)

        self.window.unlock.set_busy(True)
        self.runner.run(work, on_success=self._opened, label=_("Opening the journal"),
                        on_failure=lambda error: self._unlock_failed(error, lambda: self.unlock_remembered(True)))

    def _unlock_failed(self, error: SijilError, open_read_only: Callable[[], None]) -> None:
        """A journal older than its sealed state: say what, delete nothing, offer read-only."""
        if isinstance(error, RollbackDetected):
            self.window.unlock.show_error(error.message)
            if offer_read_only(self.window, error.message):
                open_read_only()
            return
        self._failed(error)

    def _failed(self, error: SijilError) -> None:
        self.window.first_run.set_busy(False)
        self.demo.remove()  # a demo that failed to open (or was cancelled) leaves nothing
        if self.window.pages.currentWidget() is self.window.unlock:
            self.window.unlock.show_error(error.message)
        else:
            self.window.first_run.error.show_message(error.message)

    def _opened(self, vault: vaults.Vault) -> None:
        self.opened.emit(vault)  # the main window shows before the gate hides: no moment without a window
        self.window.hide()
        self.window.first_run.set_busy(False)
        self.window.unlock.set_busy(False)
