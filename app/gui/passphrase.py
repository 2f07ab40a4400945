"""Passphrase entry: a field that forgets its text, and an honest strength meter.

The estimate is deliberately conservative and simple (character classes, length, repeats,
words): it guides, it does not certify. A passphrase of several unrelated words scores well.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from app.core.i18n import _

MIN_LENGTH = 8


def estimate_bits(passphrase: str) -> float:
    """A rough lower-bound guess of the passphrase's entropy in bits."""
    if not passphrase:
        return 0.0
    words = [w for w in passphrase.split() if w]
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() and not c.isascii() for c in passphrase):
        pool += 60  # letters of other scripts (Arabic, Persian...) widen the alphabet
    if any(not c.isalnum() and c.isascii() for c in passphrase):
        pool += 20
    distinct = len(set(passphrase))
    # Repeated characters add little: count length as the distinct characters plus a bit.
    effective = min(len(passphrase), distinct + (len(passphrase) - distinct) * 0.25)
    by_chars = effective * math.log2(max(pool, 2)) * 0.6
    by_words = len(words) * 11.0 if len(words) >= 3 else 0.0
    return max(by_chars, by_words)


def strength_text(bits: float) -> str:
    if bits < 35:
        return _("Too weak: add more words")
    if bits < 55:
        return _("Fair: one or two more words would help")
    if bits < 75:
        return _("Good")
    return _("Strong")


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
