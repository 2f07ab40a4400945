"""First run: create the journal, with the plain truth about forgotten passphrases."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.core.passphrase_rule import weakness
from app.gui.gate.passphrase import SecretField, StrengthMeter, show_toggle
from app.gui.widgets.common import ErrorLabel, heading, hint


class FirstRunPage(QWidget):
    create_requested = Signal(str, str)  # passphrase, strength ("normal" | "high")
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase = SecretField(_("Passphrase"))
        self.repeat = SecretField(_("Repeat the passphrase"))
        self.meter = StrengthMeter()
        self.passphrase.textChanged.connect(self.meter.update_for)
        self.show_passphrase = show_toggle(self.passphrase, self.repeat)
        self._still_wrong = None  # while a message shows: does what she typed still have that problem?
        for field in (self.passphrase, self.repeat):
            field.textChanged.connect(self._recheck)
        self.normal = QRadioButton(_("&Normal: opens in about a second"))
        self.high = QRadioButton(_("&High risk: opens more slowly, far harder to break by guessing"))
        self.normal.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.normal)
        group.addButton(self.high)
        self.error = ErrorLabel()
        self.create_button = QPushButton(_("&Create journal"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.demo_button = QPushButton(_("Try the &demo journal instead"))
        self.demo_button.setFlat(True)
        self.demo_button.clicked.connect(self.demo_requested)
        self.passphrase.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self._create)

        form = QFormLayout()
        form.addRow(_("&Passphrase"), self.passphrase)
        form.addRow(_("&Repeat it"), self.repeat)
        form.addRow("", self.show_passphrase)
        form.addRow("", self.meter)
        warning = hint(_("Nobody can recover a forgotten passphrase: not the Sijil team, not "
                         "anyone. If you forget it, the journal is lost. Write it down and keep "
                         "it somewhere safe, away from this computer."), "warning")
        warning.setAccessibleName(_("Warning"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading(_("Create your journal")))
        layout.addWidget(hint(_("Sijil keeps a private record of what happened to you: incidents, "
                                "screenshots, who was behind them and what you reported. It is "
                                "encrypted on this computer and locked with a passphrase that only "
                                "you know.")))
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(QLabel(_("How hard should the journal be to break into?")))
        layout.addWidget(self.normal)
        layout.addWidget(self.high)
        layout.addWidget(self.error)
        layout.addSpacing(12)
        layout.addLayout(buttons)

    def _create(self) -> None:
        first, second = self.passphrase.text(), self.repeat.text()
        if reason := weakness(first):
            self._show_problem(reason, lambda: weakness(self.passphrase.text()) is not None)
            self.passphrase.setFocus()
            return
        if first != second:
            self.repeat.clear()
            self._show_problem(_("The two passphrases are not the same. Type them again."),
                               lambda: self.passphrase.text() != self.repeat.text())
            self.repeat.setFocus()
            return
        self._show_problem("", None)
        self.passphrase.clear()
        self.repeat.clear()
        self.show_passphrase.setChecked(False)
        self.create_requested.emit(first, "high" if self.high.isChecked() else "normal")

    def _show_problem(self, message: str, still_wrong) -> None:
        self.error.show_message(message)
        self._still_wrong = still_wrong

    def _recheck(self) -> None:
        """A message about what she typed goes away as soon as she has put it right."""
        if self._still_wrong is not None and not self._still_wrong():
            self._show_problem("", None)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.repeat, self.create_button, self.demo_button,
                       self.normal, self.high, self.show_passphrase):
            widget.setEnabled(not busy)
