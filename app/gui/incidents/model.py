"""The incident table model: loads pages lazily through the session, so 10,000 incidents
scroll smoothly and the UI thread never waits for the database.

Qt asks for more rows with canFetchMore/fetchMore as the view scrolls; each request reads
one page on the worker. A generation counter drops answers that arrive after the filter or
sort order changed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.core.errors import SijilError
from app.core.i18n import _
from app.core.journal.incidents import IncidentFilter
from app.core.models import IncidentRow
from app.core.operations import Changes, queries
from app.gui.session import Session
from app.gui.vocabulary import date_label, kind_label, platform_label, severity_label, status_label

PAGE_SIZE = 200
WATCHES = Changes(incidents=True, evidence=True, persons=True, actors=True)  # what the table shows
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY, _ID, _TOOLTIP = (int(r.value) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole,
                                                   Qt.ItemDataRole.ToolTipRole))
_ROLES = frozenset((_DISPLAY, _ID, _TOOLTIP))


def _columns() -> list[tuple[str | None, str]]:
    """(sort key or None, header) for each column."""
    return [("occurred_on", _("Date")), ("title", _("Title")), (None, _("Platforms")),
            (None, _("Kind")), ("severity", _("Severity")), ("status", _("Status"))]


class IncidentTableModel(QAbstractTableModel):
    loaded = Signal()          # the first page (and the total count) arrived
    failed = Signal(object)    # SijilError

    def __init__(self, session: Session, page_size: int = PAGE_SIZE, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._page = page_size
        self._columns = _columns()
        self._rows: list[IncidentRow] = []
        self._cells: list[tuple[str, ...] | None] = []  # each row's text, made when first shown
        self._total = 0
        self._filter = IncidentFilter()
        self._order, self._descending = "occurred_on", True
        self._generation = 0
        self._fetching = False
        self.ready = False
        session.changed.connect(self._on_changed)

    # Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        # The delegate asks each cell for a dozen roles as it measures and paints: the roles
        # the table does not use are answered before anything else is looked at.
        if role not in _ROLES:
            return None
        row = index.row()   # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        if role == _DISPLAY:
            cells = self._cells[row]
            if cells is None:   # formatted once, when the view first asks: only rows in sight
                cells = self._cells[row] = self._display(self._rows[row])
            return cells[index.column()]
        if role == _ID:
            return self._rows[row].id
        return self._rows[row].title if index.column() == 1 else None

    @staticmethod
    def _display(inc: IncidentRow) -> tuple[str, ...]:
        return (date_label(inc.occurred_on) + (" ~" if inc.approximate else ""), inc.title,
                ", ".join(platform_label(p) for p in inc.platforms), ", ".join(kind_label(k) for k in inc.kinds),
                severity_label(inc.severity), status_label(inc.status))

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and self.ready and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset = self._generation, len(self._rows)
        filt, order, desc, limit = self._filter, self._order, self._descending, self._page
        self._session.call(self, lambda vault, ctx: queries.incident_rows(vault, filt, order, desc, limit, offset),
            on_success=lambda rows: self._append(generation, offset, rows),
            on_failure=self._fail)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column][0]
        if key is None:
            return
        self._order, self._descending = key, order == Qt.SortOrder.DescendingOrder
        self.reload(keep_rows=False)

    # Our interface -----------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def filter(self) -> IncidentFilter:
        return self._filter

    def set_filter(self, filt: IncidentFilter) -> None:
        """Replace the filters but keep the search result (ids) in place."""
        self._filter = replace(filt, ids=self._filter.ids)
        self.reload(keep_rows=False)

    def set_search_ids(self, ids: list[int] | None) -> None:
        self._filter = replace(self._filter, ids=ids)
        self.reload(keep_rows=False)

    def incident_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def reload(self, keep_rows: bool = True) -> None:
        """Re-read from the start; after an edit keep as many rows as were loaded."""
        self._generation += 1
        generation = self._generation
        limit = max(self._page, len(self._rows)) if keep_rows else self._page
        filt, order, desc = self._filter, self._order, self._descending
        self._fetching = True

        self._session.call(self, lambda vault, ctx: queries.incident_page(vault, filt, order, desc, limit),
                           on_success=lambda result: self._reset(generation, result), on_failure=self._fail)

    def _reset(self, generation: int, result: queries.IncidentPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total, self._rows = result
        self._cells = [None] * len(self._rows)
        self._fetching = False
        self.ready = True
        self.endResetModel()
        self.loaded.emit()

    def _append(self, generation: int, offset: int, rows: list[IncidentRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching = False
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self._cells.extend([None] * len(rows))
        self.endInsertRows()

    def _fail(self, error: SijilError) -> None:
        self._fetching = False
        self.failed.emit(error)

    def _on_changed(self, changes: Changes) -> None:
        if changes & WATCHES:
            self.reload()
