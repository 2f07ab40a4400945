"""A strip at the bottom of a window showing the running task, its progress and Cancel.

It appears only for labelled tasks that take longer than a moment, so quick reads never
make it flicker.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.core.i18n import _
from app.gui.tasks import Task, TaskRunner

SHOW_AFTER_MS = 250


class ProgressPanel(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self._task: Task | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setAccessibleName(_("Progress"))
        self.bar.setMaximumWidth(320)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the running task"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._reveal)
        runner.started.connect(self._on_started)
        runner.progressed.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        self.hide()

    def _on_started(self, task: Task) -> None:
        if not task.label:
            return
        self._task = task
        self.label.setText(task.label)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setVisible(task.cancellable)
        self.cancel_button.setEnabled(True)
        self._show_timer.start()

    def _on_progress(self, task: Task, done: int, total: int) -> None:
        if task is not self._task:
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _on_finished(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self._show_timer.stop()
            self.hide()

    def _reveal(self) -> None:
        if self._task is not None:
            self.show()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Cancelling…"))
