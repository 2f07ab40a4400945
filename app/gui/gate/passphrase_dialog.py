"""Change the passphrase (and with it, optionally, the key strength).

A change makes a new master key and re-encrypts the database under it, on the worker, with
progress and Cancel in the dialog itself (it is modal, so the main window's panel is out of
reach). Cancel works until the switch; after that the change completes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QWidget,
)

from app.core import operations
from app.core.errors import Cancelled, InvalidInput, SijilError
from app.core.i18n import _
from app.core.passphrase_rule import weakness
from app.gui.gate.passphrase import SecretField, StrengthMeter
from app.gui.session import Session
from app.gui.widgets.common import hint
from app.gui.widgets.dialogs import show_error
from app.gui.widgets.forms import FormDialog
from app.gui.widgets.progress_panel import ProgressPanel


class ChangePassphraseDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Change passphrase"), parent,
                         QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._session = session
        self._task = None
        self._closing = False
        self.current = SecretField(_("Current passphrase"))
        self.new = SecretField(_("New passphrase"))
        self.repeat = SecretField(_("Repeat the new passphrase"))
        self.meter = StrengthMeter()
        self.new.textChanged.connect(self.meter.update_for)
        self.strength = QComboBox()
        self.strength.setAccessibleName(_("Protection against guessing"))
        self.strength.addItem(_("Keep it as it is"), None)
        self.strength.addItem(_("Normal"), "normal")
        self.strength.addItem(_("High risk (slower to open)"), "high")
        form = self.form
        form.addRow(_("&Current passphrase"), self.current)
        form.addRow(_("&New passphrase"), self.new)
        form.addRow(_("&Repeat it"), self.repeat)
        form.addRow("", self.meter)
        form.addRow(_("&Protection against guessing"), self.strength)
        self.column.insertWidget(0, hint(_(
            "A new key is made and the journal is re-encrypted with it, so the old passphrase no longer "
            "opens it. Backups made before keep their old passphrase. A forgotten passphrase cannot be "
            "recovered."), "warning"))
        self.progress = ProgressPanel(session.runner)
        self.finish_layout()
        self.column.insertWidget(self.column.count() - 1, self.progress)

    def check(self) -> None:
        if reason := weakness(self.new.text()):
            raise InvalidInput(reason)
        if self.new.text() != self.repeat.text():
            raise InvalidInput(_("The two new passphrases are not the same."))

    def submit(self) -> None:
        if not self.checked():
            return
        current, new, strength = self.current.take(), self.new.take(), self.strength.currentData()
        self.repeat.clear()
        self.buttons.setEnabled(False)

        def failed(error: SijilError) -> None:
            self._task = None
            self.buttons.setEnabled(True)
            if not isinstance(error, Cancelled):
                show_error(self, error)
            elif self._closing:
                super(ChangePassphraseDialog, self).reject()
            else:
                self.error.show_message(error.message)

        def done(_result: object) -> None:
            self._task = None
            self.accept()

        self._task = self._session.call(
            self, lambda vault, ctx: operations.change_passphrase(vault, current, new, strength, ctx.progress),
            on_success=done, on_failure=failed, label=_("Changing the passphrase"), cancellable=True)

    def reject(self) -> None:
        """Escape or closing the window while the change runs asks it to stop (if still possible)."""
        if self._task is not None:
            self._closing = True
            self._task.cancel()
            return  # the dialog closes when the task reports back
        super().reject()
