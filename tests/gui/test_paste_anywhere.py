"""Ctrl+V with a screenshot on the clipboard adds evidence wherever the focus is in the incident
editor; with text on the clipboard a text box pastes the text as usual."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from tests.gui.conftest import idle


def _screenshot() -> QImage:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#aa3355"))
    return image


def _paste(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize("where", ["title", "description", "date", "evidence", "tabs", "save"])
def test_a_picture_pasted_anywhere_in_the_editor_becomes_evidence(qtbot, main, where):
    ed = main.open_incident(None)
    ed.activateWindow()
    qtbot.waitExposed(ed)
    qtbot.keyClicks(ed.form.title, "Pasted from anywhere")
    QGuiApplication.clipboard().setImage(_screenshot())
    target = {"title": ed.form.title, "description": ed.form.description, "date": ed.form.occurred_on,
              "evidence": ed.evidence.list, "tabs": ed.tabs.tabBar(), "save": ed.save_button}[where]
    _paste(qtbot, target)
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    assert ed.form.description.toPlainText() == ""
    idle(qtbot, main.session)


def test_text_on_the_clipboard_is_pasted_into_the_text_box(qtbot, main):
    ed = main.open_incident(None)
    ed.activateWindow()
    qtbot.waitExposed(ed)
    QGuiApplication.clipboard().setText("he wrote: you will regret it")
    _paste(qtbot, ed.form.description)
    assert ed.form.description.toPlainText() == "he wrote: you will regret it"
    assert ed.evidence.list.count() == 0 and ed.incident_id is None
