"""Unlock: one passphrase field, cleared after each try; the KDF runs on the worker."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.core.i18n import _
from app.gui.gate.passphrase import SecretField, show_toggle
from app.gui.gate.wipe_dialog import WIPE_SHORTCUT
from app.gui.widgets.common import ErrorLabel, heading, hint

PANIC_SHORTCUT = "Ctrl+Shift+L"


class UnlockPage(QWidget):
    unlock_requested = Signal(str)
    remembered_requested = Signal()
    wipe_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase = SecretField(_("Passphrase"))
        self.passphrase.returnPressed.connect(self._unlock)
        self.show_passphrase = show_toggle(self.passphrase)
        self.passphrase.textChanged.connect(lambda text: text and self.error.show_message(""))
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.remembered_button = QPushButton(_("Open with the key &remembered on this device"))
        self.remembered_button.setFlat(True)
        self.remembered_button.clicked.connect(self.remembered_requested)
        self.remembered_button.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(_("Opening the journal"))
        self.busy.hide()
        self.error = ErrorLabel()
        label = QLabel(_("&Passphrase"))
        label.setBuddy(self.passphrase)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading(_("Unlock your journal")))
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.show_passphrase)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.remembered_button)
        layout.addStretch(1)  # keep the form together at the top of the card
        layout.addWidget(hint(_("Safety: press {keys} at any time to lock Sijil instantly. It also "
                                "locks by itself when you leave it alone (see Settings).")
                              .format(keys=PANIC_SHORTCUT)))
        self.wipe_button = QPushButton(_("&Wipe this journal… ({keys})").format(keys=WIPE_SHORTCUT))
        self.wipe_button.setFlat(True)
        self.wipe_button.clicked.connect(self.wipe_requested)
        layout.addWidget(self.wipe_button)

    def _unlock(self) -> None:
        passphrase = self.passphrase.take()
        if not passphrase:
            self.error.show_message(_("Type your passphrase first."))
            return
        self.error.show_message("")
        self.show_passphrase.setChecked(False)
        self.unlock_requested.emit(passphrase)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.remembered_button.setEnabled(not busy)
        if not busy:
            self.passphrase.setFocus()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.show_message(message)
