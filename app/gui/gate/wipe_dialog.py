"""The quick-wipe countdown: a few seconds to change her mind (Cancel is focused and the
default, Escape cancels), then the wipe's stages as they happen. The dialog only asks and
shows; the wipe itself runs on the worker (gui/quick_wipe.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.gui.widgets.common import heading, hint

WIPE_SHORTCUT = "Ctrl+Shift+Delete"  # caught app-wide, like the panic key (application.py)
COUNTDOWN_S = 5
TICK_MS = 1000


class WipeDialog(QDialog):
    confirmed = Signal()  # the countdown ran out, or she pressed "Wipe now"
    tick_ms = TICK_MS  # tests shorten the second

    def __init__(self, parent: QWidget | None = None, seconds: int = COUNTDOWN_S) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Wipe the journal"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.remaining = seconds
        self.wiping = False
        self._finished = False
        self.title = heading("")
        self.title.setAccessibleName(_("Countdown"))
        self.bar = QProgressBar()
        self.bar.setRange(0, seconds)
        self.bar.setValue(seconds)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(_("Time left before the wipe"))
        self.explanation = hint(_(
            "Everything in this journal will be destroyed for good: incidents, evidence and settings. "
            "Nobody can bring it back, not even with the passphrase. Its keys are destroyed first, so it "
            "is unreadable within a second; then every file is overwritten and removed, and Sijil closes."))
        self.flash = hint(_(
            "On SSDs, USB sticks and other flash storage, overwriting does not reach every old copy of a "
            "file: the chip may keep some. What makes them unreadable is that the keys are destroyed."),
            "warning")
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.setDefault(True)
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.now_button = QPushButton(_("&Wipe now"))
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self._confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.now_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.explanation)
        layout.addWidget(self.flash)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.timer = QTimer(self)
        self.timer.setInterval(self.tick_ms)
        self.timer.timeout.connect(self._tick)
        self._show_remaining()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.wiping and not self.timer.isActive():
            self.timer.start()
            self.cancel_button.setFocus()

    def _show_remaining(self) -> None:
        self.title.setText(_("Wiping the journal in {seconds} s").format(seconds=self.remaining))
        self.bar.setValue(self.remaining)

    def _tick(self) -> None:
        self.remaining -= 1
        self._show_remaining()
        if self.remaining <= 0:
            self._confirm()

    def _confirm(self) -> None:
        if self.wiping:
            return
        self.timer.stop()
        self.wiping = True
        self.cancel_button.hide()
        self.now_button.hide()
        self.bar.setRange(0, 0)  # busy until the first stage reports
        self.title.setText(_("Destroying the keys…"))
        self.confirmed.emit()

    def show_stage(self, done: int, total: int) -> None:
        """The worker finished `done` of `total` stages; the first one is the keys."""
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if done >= 1:
            self.title.setText(_("The journal can no longer be opened. Removing its files…"))

    def reject(self) -> None:
        if self.wiping:
            return  # once begun, the wipe finishes: stopping halfway would only leave debris
        self.timer.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.wiping and not self._finished:
            event.ignore()
            return
        super().closeEvent(event)

    def finish(self) -> None:
        self._finished = True
        self.timer.stop()
        self.done(QDialog.DialogCode.Accepted)
