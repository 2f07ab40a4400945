"""Typing into widgets as she would, in any script."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def key_clicks(qtbot, widget, text: str) -> None:
    """qtbot.keyClicks, also for the Arabic and Persian digits it cannot send (QTest asserts on
    non-ASCII): those arrive as an Arabic keyboard sends them, key events carrying the character."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, ord(ch), Qt.KeyboardModifier.NoModifier, ch))


def typed(qtbot, field, text: str, leave: bool = True) -> None:
    """Click into the field, replace what it holds by typing, as she would, and leave it with Tab."""
    field.window().show()
    field.window().activateWindow()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    key_clicks(qtbot, field, text)
    if leave:
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert not field.hasFocus()
