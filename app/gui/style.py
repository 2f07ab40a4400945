"""The look: Fusion with a calm light palette and one style sheet (resources/styles).

Font sizes are never fixed in the style sheet, so text follows the system font size.
"""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.core import paths

_PALETTE = {
    QPalette.ColorRole.Window: "#f4f5f8",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f8fb",
    QPalette.ColorRole.Text: "#1f2430",
    QPalette.ColorRole.WindowText: "#1f2430",
    QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#1f2430",
    QPalette.ColorRole.Highlight: "#5b3cc4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#1f2430",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#8a93a6",
    QPalette.ColorRole.Link: "#5b3cc4",
}


def apply_style(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = app.palette()
    for role, colour in _PALETTE.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    with contextlib.suppress(OSError):  # without it: unstyled but fully usable
        app.setStyleSheet(paths.resource("styles", "sijil.qss").read_text(encoding="utf-8"))
