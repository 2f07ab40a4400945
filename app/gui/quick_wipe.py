"""Quick wipe in the app: the countdown (gate/wipe_dialog.py), then the core wipe on the worker.

Once the countdown runs out every window closes at once, nothing typed is saved (this is not a
lock), running work is cancelled, and the wipe is queued: `Vault.wipe` for an open journal,
`wipe.wipe` on the folder at the gate. Both destroy the keys first (app/core/wipe.py). The
dialog stays up with the stages until the end, then `wiped` is emitted and the app quits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.core import launcher, wipe
from app.core.errors import Cancelled, SijilError, VaultNotFound
from app.core.vault import Vault
from app.gui.gate.wipe_dialog import WipeDialog
from app.gui.tasks import TaskContext
from app.gui.widgets.dialogs import show_error

if TYPE_CHECKING:
    from app.gui.application import Controller

STAGES = ("keys", "keyring", "databases", "evidence", "settings")


def _reporter(ctx: TaskContext) -> Callable[[str], None]:
    def step(name: str) -> None:
        with contextlib.suppress(Cancelled):  # the wipe is never cancelled; only its report may be
            ctx.progress(STAGES.index(name) + 1, len(STAGES))
    return step


class QuickWipe(QObject):
    wiped = Signal()  # the journal is gone (or its keys are, if another window held it)

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.dialog: WipeDialog | None = None
        self.active = False  # the countdown ran out: whatever opens now is wiped, not shown

    def request(self) -> WipeDialog:
        """Show the countdown (or bring the one showing forward)."""
        if self.dialog is None:
            self.dialog = WipeDialog()
            self.dialog.confirmed.connect(self._start)
            self.dialog.finished.connect(self._closed)
            self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _closed(self, _code: int) -> None:
        self.dialog = None

    def _start(self) -> None:
        c = self.controller
        self.active = True
        c.inactivity.stop()
        c.clipboard.clear_if_ours()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.dialog and widget.isWindow() and widget.isVisible():
                widget.hide()
        c.runner.cancel_all()  # before the wipe is queued: it must not be cancelled itself
        session, c.session = c.session, None
        if c.main is not None:
            c.main.deleteLater()
            c.main = None
        if session is not None:
            session.call(None, lambda vault, ctx: self._wipe_open(vault, ctx), label="wipe",
                         on_success=self._done, on_failure=self._failed)
            session.deleteLater()
        else:
            folder = c.gate_flow.vault_dir
            c.runner.run(lambda ctx: self._wipe_folder(folder, ctx), label="wipe",
                         on_success=self._done, on_failure=self._failed)
        c.runner.progressed.connect(self._progressed)

    def wipe_opened(self, vault: Vault) -> None:
        """A journal that finished opening during the countdown is wiped instead of shown."""
        self.controller.runner.run(lambda ctx: self._wipe_open(vault, ctx), label="wipe",
                                   on_success=self._done, on_failure=self._failed)

    # On the worker ------------------------------------------------------------------------------

    def _wipe_open(self, vault: Vault, ctx: TaskContext) -> None:
        if not vault.locked:
            vault.wipe(_reporter(ctx), prefs=self.controller.prefs.path)
        else:  # the open journal was locked meanwhile: the folder is wiped as at the gate
            self._wipe_folder(vault.path, ctx)
        launcher.remove()

    def _wipe_folder(self, folder: Path, ctx: TaskContext) -> None:
        try:
            wipe.wipe(folder, _reporter(ctx), prefs=self.controller.prefs.path)
        except VaultNotFound:  # nothing to wipe (first run): the settings go all the same
            Path(self.controller.prefs.path).unlink(missing_ok=True)
        launcher.remove()

    # Back on the UI thread -----------------------------------------------------------------------

    def _progressed(self, task, done: int, total: int) -> None:
        if task.label == "wipe" and self.dialog is not None:
            self.dialog.show_stage(done, total)

    def _done(self, _result: object = None) -> None:
        if self.dialog is not None:
            self.dialog.finish()
        self.wiped.emit()

    def _failed(self, error: SijilError) -> None:
        show_error(self.dialog, error)  # e.g. another window held it: keys gone, files not yet
        self._done()
