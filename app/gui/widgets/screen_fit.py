"""Window sizes bounded by the screen: a window opens at its preferred size on a large
screen and no larger than the screen on a small laptop (1366×768 and smaller), so no
button ends up below the taskbar."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window's title bar and frame, which the available geometry does not count.
FRAME = QSize(16, 40)


def available_size(widget: QWidget) -> QSize:
    """The screen area a window of `widget` may take (without taskbars and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def bounded_size(wanted: QSize, available: QSize) -> QSize:
    return wanted.boundedTo(available - FRAME)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to width×height, or less where its screen is smaller."""
    window.resize(bounded_size(QSize(width, height), available_size(window)))
