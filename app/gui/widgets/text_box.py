"""A plain-text box whose every paragraph aligns by its own direction: an Arabic paragraph
starts at the right edge, an English one at the left, in either layout. QPlainTextEdit lays
every paragraph out left-aligned (its document layout ignores a paragraph's direction);
QTextEdit resolves each paragraph's direction, so this is a QTextEdit that takes plain text
only."""

from __future__ import annotations

from PySide6.QtWidgets import QTextEdit, QWidget


class TextBox(QTextEdit):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # pasted formatting, links or pictures never enter a record
        self.setPlainText(text)
