"""Change the passphrase (and with it, optionally, the key strength)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import SijilError
from app.core.i18n import _
from app.core.passphrase_rule import weakness
from app.core.vault import read_header
from app.gui.calls import call
from app.gui.dialogs import show_error
from app.gui.passphrase import SecretField, StrengthMeter
from app.gui.session import Session
from app.gui.widgets.common import hint


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change passphrase"))
        self._session = session
        self.current = SecretField(_("Current passphrase"))
        self.new = SecretField(_("New passphrase"))
        self.repeat = SecretField(_("Repeat the new passphrase"))
        self.meter = StrengthMeter()
        self.new.textChanged.connect(self.meter.update_for)
        self.strength = QComboBox()
        self.strength.setAccessibleName(_("Key strength"))
        self.strength.addItem(_("Keep the current key strength"), None)
        self.strength.addItem(_("Normal"), "normal")
        self.strength.addItem(_("High risk (slower to open)"), "high")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Current passphrase"), self.current)
        form.addRow(_("&New passphrase"), self.new)
        form.addRow(_("&Repeat it"), self.repeat)
        form.addRow("", self.meter)
        form.addRow(_("&Key strength"), self.strength)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("The journal stays as it is; only the lock changes. A forgotten "
                                "passphrase cannot be recovered."), "warning"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _change(self) -> None:
        if reason := weakness(self.new.text()):
            self.error.setText(reason)
            return
        if self.new.text() != self.repeat.text():
            self.error.setText(_("The two new passphrases are not the same."))
            return
        current, new, strength = self.current.take(), self.new.take(), self.strength.currentData()
        self.repeat.clear()
        self.buttons.setEnabled(False)

        def work(vault, ctx) -> None:
            read_header(vault.path).unwrap(current)  # raises WrongPassphrase
            vault.change_passphrase(new, strength)

        def failed(error: SijilError) -> None:
            self.buttons.setEnabled(True)
            show_error(self, error)

        call(self, self._session, work, on_success=lambda _r: self.accept(), on_failure=failed,
                           label=_("Changing the passphrase"), changes="settings")
