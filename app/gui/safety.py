"""Auto-lock on inactivity, the panic key, and clearing what we put on the clipboard.

InactivityTimer follows KeePassXC's src/core/InactivityTimer: an event filter on the
whole application restarts a single-shot timer on user input (rate-limited, so mouse
movement costs almost nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QKeySequence
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.HoverMove,
})


class InactivityTimer(QObject):
    inactive = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.inactive)
        self._since_restart = QElapsedTimer()
        self._installed = False

    def start(self, timeout_ms: int) -> None:
        """Start watching; a timeout of 0 disables auto-lock."""
        self.stop()
        if timeout_ms <= 0:
            return
        self._timer.setInterval(timeout_ms)
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._since_restart.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Restarting a timer on every mouse move is wasteful; a tenth of a second is plenty.
        if event.type() in _INPUT_EVENTS and self._timer.isActive() and self._since_restart.elapsed() > 100:
            self._timer.start()
            self._since_restart.restart()
        return False


class ClipboardGuard(QObject):
    """Remembers whether the clipboard was last filled from inside Sijil, to clear it on lock."""

    def __init__(self, clipboard: QClipboard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._ours = False
        clipboard.dataChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        # A change while one of our windows has focus came from a copy inside Sijil.
        self._ours = self._clipboard.ownsClipboard() or QApplication.focusWidget() is not None

    def clear_if_ours(self) -> bool:
        if not (self._ours or self._clipboard.ownsClipboard()):
            return False
        self._clipboard.clear(QClipboard.Mode.Clipboard)
        if self._clipboard.supportsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)
        self._ours = False
        return True



class PanicKey(QObject):
    """The panic shortcut, caught on the whole application before any widget, so it works in
    every window, even behind a modal dialog, where a QShortcut would be blocked."""

    pressed = Signal()

    def __init__(self, shortcut: str, armed: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = QKeySequence(shortcut)[0]
        self._armed = armed  # only while a journal is open: at the gate the keys mean nothing
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self._armed() and event.keyCombination() == self._keys:
            self.pressed.emit()
            return True
        return False

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)
