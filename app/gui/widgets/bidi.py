"""Each cell's text aligned by its own direction: an Arabic description right-aligned in an
English interface and an English account name left-aligned in an Arabic one, whatever the
layout's direction (the Unicode rule: a paragraph takes the direction of its first strong
letter). Text with no letter at all (a date, a number) follows the layout. The same for
each paragraph of a read-only label (`PlainLabel`)."""

from __future__ import annotations

import html
import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

_ISOLATES = "\u2066\u2067\u2068\u2069"


def text_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of `text`'s first strong letter, or None when it has none."""
    for char in text:
        if char in _ISOLATES:
            continue
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return None


class OwnDirectionDelegate(QStyledItemDelegate):
    """Draws each cell in its text's direction, aligned to that direction's start."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        direction = text_direction(option.text)
        if direction is None:
            return
        option.direction = direction
        if not option.displayAlignment & Qt.AlignmentFlag.AlignAbsolute:
            vertical = option.displayAlignment & Qt.AlignmentFlag.AlignVertical_Mask
            option.displayAlignment = Qt.AlignmentFlag.AlignLeading | vertical  # leading of the text's own direction


def align_cells_by_their_direction(view: QAbstractItemView) -> None:
    view.setItemDelegate(OwnDirectionDelegate(view))


def paragraphs_html(text: str) -> str:
    """Plain `text` as rich text, escaped (her words are never markup), one block per line,
    each marked with its own direction (the rule above): a plain-text QLabel lays every
    paragraph out in the first one's direction, but aligns a rich-text block to its own."""
    blocks = []
    for line in text.split("\n"):
        direction = text_direction(line)
        mark = "" if direction is None else \
            f' dir="{"rtl" if direction == Qt.LayoutDirection.RightToLeft else "ltr"}"'
        blocks.append(f'<p{mark} style="margin:0; white-space:pre-wrap">{html.escape(line) or "&nbsp;"}</p>')
    return "".join(blocks)


class PlainLabel(QLabel):
    """A wrapped, read-only label for user text (notes): plain text in and out, every paragraph
    aligned by its own direction."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._plain = text
        super().setText(paragraphs_html(text) if text else "")

    def text(self) -> str:
        return self._plain

    def clear(self) -> None:
        self.setText("")
