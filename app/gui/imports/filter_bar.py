"""The preview's filters: words in any script, author, date range, kind. It only collects what
she typed into a MessageFilter; filtering itself runs off the UI thread (dialog.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.core.i18n import _, current_language
from app.core.importers.filters import MessageFilter
from app.core.importers.model import FILTER_KINDS
from app.core.locale_format import format_number
from app.gui.imports.preview_model import kind_labels
from app.gui.widgets.date_range import DateRange

MAX_AUTHORS = 2000  # most active first; the search box finds any other name


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("importSearch")
        self.search.setPlaceholderText(_("Search the messages, in any script…"))
        self.search.setAccessibleName(_("Search the messages"))
        self.search.setClearButtonEnabled(True)
        self.author = QComboBox()
        self.author.setAccessibleName(_("Author"))
        self.dates = DateRange()
        self.since, self.until = self.dates.since, self.dates.until
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of message"))
        self.kind.addItem(_("Every kind"), "")
        labels = kind_labels()
        for code in FILTER_KINDS:
            self.kind.addItem(labels[code], code)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.author, 2)
        layout.addWidget(self.dates)
        layout.addWidget(self.kind, 1)
        self.search.textChanged.connect(self.changed)
        self.dates.changed.connect(self.changed)
        self.author.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.set_authors([])

    def set_authors(self, authors: list[dict]) -> None:
        """`authors` as ImportPreview.summary() lists them, most messages first."""
        self.author.blockSignals(True)
        self.author.clear()
        self.author.addItem(_("Every author"), "")
        language = current_language()
        for a in authors[:MAX_AUTHORS]:
            label = a["display_name"] or a["handle"] or a["numeric_id"]
            if a["handle"] and a["handle"] != label:
                label += f" ({a['handle']})"
            self.author.addItem(_("{author}: {n}").format(author=label, n=format_number(a["messages"], language)),
                                a["numeric_id"] or a["handle"] or a["display_name"])
        self.author.blockSignals(False)

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.dates.clear()
        self.kind.setCurrentIndex(0)

    def message_filter(self) -> MessageFilter:
        """What she typed; the dates as days (one that is not a date is said and filters nothing)."""
        author, kind = self.author.currentData(), self.kind.currentData()
        since, until = self.dates.days()
        return MessageFilter(text=self.search.text(), authors=[author] if author else [],
                             since=since, until=until, kinds=[kind] if kind else [])
