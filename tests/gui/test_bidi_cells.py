"""A table cell aligns by its own text's direction: Arabic or Persian text starts at the
right edge in an English interface, English starts at the left in an Arabic one; a date has
no direction of its own and follows the layout. Checked on the pixels drawn."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.gui.widgets.bidi import text_direction
from app.gui.widgets.tables import cell, make_table

ROWS = ["تهديدات بعد المظاهرة", "رسائل تهدید در تلگرام", "Threats after the march", "5 – life-threatening"]


def ink_span(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    """Leftmost and rightmost column holding dark (text) pixels between two rows of pixels."""
    xs = [x for x in range(image.width()) for y in range(top, bottom, 2)
          if QColor(image.pixel(x, y)).lightness() < 100]
    return min(xs), max(xs)


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_each_cell_starts_at_its_own_text_s_edge(qtbot, direction):
    table = make_table(["Description"], "cells")
    table.setLayoutDirection(direction)
    table.setAlternatingRowColors(False)
    table.setShowGrid(False)
    table.setStyleSheet("QTableWidget { background: white; color: black; }")
    qtbot.addWidget(table)
    table.setRowCount(len(ROWS))
    for row, text in enumerate(ROWS):
        table.setItem(row, 0, cell(text))
    table.resize(700, 200)
    table.show()
    qtbot.waitExposed(table)
    image = table.viewport().grab().toImage()
    width = image.width()
    for row, text in enumerate(ROWS):
        rect = table.visualRect(table.model().index(row, 0))
        left, right = ink_span(image, rect.top() + 2, rect.bottom() - 2)
        if text_direction(text) == Qt.LayoutDirection.RightToLeft:
            assert right > width - 40 and left > width / 3, (text, left, right)
        else:
            assert left < 40 and right < width * 2 / 3, (text, left, right)


def test_direction_of_a_text_is_its_first_letter_s():
    assert text_direction("\u2068Rania\u2069 رانيا") == Qt.LayoutDirection.LeftToRight
    assert text_direction("٢٠٢٣ تهديد") == Qt.LayoutDirection.RightToLeft
    assert text_direction("2023-07-14") is None


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_each_paragraph_of_a_text_box_starts_at_its_own_edge(qtbot, direction):
    from app.gui.widgets.text_box import TextBox

    box = TextBox("جاء رجلان إلى مكان عملها.\nTwo men came to her workplace.")
    box.setLayoutDirection(direction)
    qtbot.addWidget(box)
    box.resize(500, 120)
    box.show()
    qtbot.waitExposed(box)
    cursor = box.textCursor()
    starts = []
    for position in (0, len("جاء رجلان إلى مكان عملها.") + 1):
        cursor.setPosition(position)
        box.setTextCursor(cursor)
        starts.append(box.cursorRect().x())
    arabic_start, english_start = starts
    assert arabic_start > box.viewport().width() - 30  # the Arabic paragraph begins at the right edge
    assert english_start < 30  # the English one at the left edge


def paragraph_spans(image: QImage, paragraphs: int) -> list[tuple[int, int]]:
    """The ink span of each band of text, top to bottom, bands apart by blank rows."""
    inked = [y for y in range(image.height())
             if any(QColor(image.pixel(x, y)).lightness() < 100 for x in range(0, image.width(), 2))]
    bands, start = [], inked[0]
    for previous, y in pairwise(inked):
        if y > previous + 5:  # a blank line, not the gap under Arabic dots
            bands.append((start, previous + 1))
            start = y
    bands.append((start, inked[-1] + 1))
    assert len(bands) == paragraphs, bands
    return [ink_span(image, top, bottom) for top, bottom in bands]


def assert_each_paragraph_at_its_edge(image: QImage, paragraphs: list[str]) -> list[tuple[int, int]]:
    """Right-to-left paragraphs end at the right edge, the others start at the left."""
    width = image.width()
    spans = paragraph_spans(image, len(paragraphs))
    for paragraph, (left, right) in zip(paragraphs, spans, strict=True):
        if text_direction(paragraph) == Qt.LayoutDirection.RightToLeft:
            assert right > width - 30 and left > width / 3, (paragraph, left, right)
        else:
            assert left < 30 and right < width * 2 / 3, (paragraph, left, right)
    return spans


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_each_paragraph_of_a_plain_label_starts_at_its_own_edge(qtbot, direction):
    """Threat notes and other labels of her words: an Arabic paragraph at the right, an English
    one at the left, whatever the interface; markup she typed stays text."""
    from app.gui.widgets.bidi import PlainLabel

    paragraphs = ["جاء رجلان إلى مكان عملها.", "Two <b>men</b> came.", "٢٠٢٣ تهديد بعد المظاهرة"]
    text = "\n\n".join(paragraphs)  # an empty line between them keeps its height
    label = PlainLabel(text)
    label.setLayoutDirection(direction)
    label.setStyleSheet("QLabel { background: white; color: black; }")
    qtbot.addWidget(label)
    label.resize(600, 120)
    label.show()
    qtbot.waitExposed(label)
    assert label.text() == text
    image = label.grab().toImage()
    spans = assert_each_paragraph_at_its_edge(image, paragraphs)
    left, right = spans[1]  # "<b>" shown as typed: wider than "Two men came." alone
    assert right - left > label.fontMetrics().horizontalAdvance("Two men came.") + 10
