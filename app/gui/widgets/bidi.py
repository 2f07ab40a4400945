"""Each cell's text aligned by its own direction: an Arabic description right-aligned in an
English interface and an English account name left-aligned in an Arabic one, whatever the
layout's direction (the Unicode rule: a paragraph takes the direction of its first strong
letter). Text with no letter at all (a date, a number) follows the layout."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

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
