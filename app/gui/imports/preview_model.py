"""The preview's messages as a lazy table: Qt asks only for the rows it paints, so 100,000
messages cost one list of indexes, never 100,000 items. The first column picks a message."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.core.i18n import _, current_language
from app.core.importers.model import ImportPreview, Message
from app.core.locale_format import format_moment

SNIPPET = 160  # characters of a message's text shown in its row; the rest in the tooltip
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def kind_labels() -> dict[str, str]:
    return {"text": _("Text"), "photo": _("Photo"), "video": _("Video"), "voice": _("Voice message"),
            "file": _("File"), "contact": _("Shared contact"), "location": _("Shared location"),
            "service": _("Service message"), "page": _("Web page"),
            "forwarded": _("Forwarded")}


class PreviewModel(QAbstractTableModel):
    """Rows are `shown` (indexes into preview.messages, as filters.select gives them);
    `picked` holds the chosen indexes, kept when the filter changes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.shown: list[int] = []
        self.picked: set[int] = set()
        self._kinds = kind_labels()
        self._language = current_language()
        self._headers = [_("Pick"), _("When"), _("Author"), _("Kind"), _("Message")]

    def set_preview(self, preview: ImportPreview | None, shown: list[int]) -> None:
        self.beginResetModel()
        self.preview, self.shown, self.picked = preview, shown, set()
        self.endResetModel()

    def set_shown(self, shown: list[int]) -> None:
        self.beginResetModel()
        self.shown = shown
        self.endResetModel()

    def pick_shown(self, picked: bool) -> None:
        """Pick (or unpick) every message the filter shows: "all that match"."""
        if picked:
            self.picked.update(self.shown)
        else:
            self.picked.difference_update(self.shown)
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.shown) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])

    def unpick_all(self) -> None:
        self.picked = set()
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.shown) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])

    def message(self, row: int) -> Message:
        assert self.preview is not None
        return self.preview.messages[self.shown[row]]

    # QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.preview is None:
            return None
        col, m = index.column(), self.message(index.row())
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            picked = self.shown[index.row()] in self.picked
            return Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 1:
                return format_moment(m.when, self._language)
            if col == 2:
                return m.author.label
            if col == 3:
                kind = self._kinds.get(m.kind, m.kind)
                return _("{kind}, forwarded").format(kind=kind) if m.origin is not None else kind
            if col == 4:
                text = m.text.replace("\n", " ")
                if not text and m.attachments:
                    text = ", ".join(a.name for a in m.attachments)
                return text[:SNIPPET]
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and len(m.text) > SNIPPET:
            return m.text[:4000]
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        i = self.shown[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.picked.add(i)
        else:
            self.picked.discard(i)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
