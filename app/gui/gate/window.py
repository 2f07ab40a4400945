"""The window shown while the journal is locked: first run or unlock, nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from app.gui.gate.first_run import FirstRunPage
from app.gui.gate.unlock_page import UnlockPage
from app.gui.tasks import TaskRunner
from app.gui.widgets.progress_panel import ProgressPanel


class GateWindow(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_run = FirstRunPage()
        self.unlock = UnlockPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.first_run)
        self.pages.addWidget(self.unlock)
        self.pages.currentChanged.connect(self._fit_page)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(560)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(32, 28, 32, 28)
        card_layout.addWidget(self.pages)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 4)
        centre.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(2)
        self.progress = ProgressPanel(runner)
        layout.addWidget(self.progress)
        self.resize(720, 620)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def _fit_page(self, index: int) -> None:
        """Size the card to the page shown, not to the tallest page."""
        for n in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if n == index else QSizePolicy.Policy.Ignored
            self.pages.widget(n).setSizePolicy(policy, policy)
        self.pages.adjustSize()

    def focus_passphrase(self) -> None:
        """Once the window is up, typing goes straight into the passphrase field."""
        self.pages.currentWidget().passphrase.setFocus()

    def show_first_run(self) -> None:
        self.pages.setCurrentWidget(self.first_run)
        self.first_run.set_busy(False)
        self.first_run.passphrase.setFocus()

    def show_unlock(self) -> None:
        self.pages.setCurrentWidget(self.unlock)
        self.unlock.set_busy(False)
        self.unlock.passphrase.setFocus()
