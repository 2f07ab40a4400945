"""The window shown while the journal is locked: first run or unlock, nothing else, and the
language picker (the very first thing a new user may need)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import i18n
from app.core.i18n import _
from app.gui.gate.first_run import FirstRunPage
from app.gui.gate.unlock_page import UnlockPage
from app.gui.tasks import TaskRunner
from app.gui.widgets.progress_panel import ProgressPanel


class GateWindow(QWidget):
    language_chosen = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code in i18n.APP_LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.activated.connect(lambda row: self.language_chosen.emit(self.language.itemData(row)))
        language_label = QLabel(_("&Language"))
        language_label.setBuddy(self.language)
        top = QHBoxLayout()
        top.setContentsMargins(16, 0, 16, 0)
        top.addStretch(1)
        top.addWidget(language_label)
        top.addWidget(self.language)
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
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addLayout(top)
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
