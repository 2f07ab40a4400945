"""The guide as Qt shows it: anchors a screen can scroll to, and Arabic and Persian laid out right to left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from app.core import guide
from app.core.i18n import APP_LANGUAGES, is_rtl


def _blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


@pytest.mark.parametrize("lang", APP_LANGUAGES)
def test_qt_finds_every_anchor_and_lays_out_each_paragraph_in_the_language_direction(qtbot, lang):
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.setHtml(guide.html(lang))
    names, directions = set(), set()
    for block in _blocks(view.document()):
        if block.text().strip():
            directions.add(block.blockFormat().layoutDirection())
        it = block.begin()
        while not it.atEnd():
            names.update(it.fragment().charFormat().anchorNames())
            it += 1
    assert set(guide.ANCHORS) <= names
    expected = Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight
    assert directions == {expected}
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToAnchor(guide.SAFETY)  # from an empty state, the GUI opens a section like this
    assert view.verticalScrollBar().value() > 0
