"""Passphrase entry: a field that forgets its text, and an honest strength meter (the rule
and the estimate live in core.passphrase_rule, shared with the CLI)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from app.core.i18n import _
from app.core.passphrase_rule import estimate_bits, strength_text


class SecretField(QLineEdit):
    """A password-mode line edit that can be wiped; never keeps its text after use."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAccessibleName(accessible_name)
        self.setClearButtonEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no "copy" of a secret

    def take(self) -> str:
        """Return the text and clear the field."""
        text = self.text()
        self.clear()
        return text


def show_toggle(*fields: QLineEdit) -> QCheckBox:
    """A "Show passphrase" box for `fields`; off by default (someone may be looking)."""
    box = QCheckBox(_("S&how passphrase"))

    def toggled(on: bool) -> None:
        for field in fields:
            field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    box.toggled.connect(toggled)
    return box


class StrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName(_("Passphrase strength"))
        self.label = QLabel()
        self.label.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.update_for("")

    def update_for(self, passphrase: str) -> None:
        bits = estimate_bits(passphrase)
        self.bar.setValue(min(100, int(bits)))
        level = "weak" if bits < 35 else "fair" if bits < 55 else "good"
        self.bar.setProperty("level", level)
        self.bar.style().unpolish(self.bar)
        self.bar.style().polish(self.bar)
        self.label.setText(strength_text(bits) if passphrase else _("Use four or more unrelated words."))
        self.bar.setAccessibleDescription(self.label.text())
