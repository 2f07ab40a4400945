"""The Incidents page: filters, a lazily loaded sortable table, and an empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import guide, operations
from app.core.i18n import _, current_language, ngettext
from app.core.journal.incidents import IncidentFilter
from app.core.locale_format import format_number
from app.core.models import INCIDENT_KINDS, INCIDENT_STATUSES, PLATFORMS
from app.gui.icons import icon
from app.gui.incidents.model import IncidentTableModel
from app.gui.session import Session
from app.gui.vocabulary import kind_label, platform_label, severity_label, status_label
from app.gui.widgets.bidi import align_cells_by_their_direction
from app.gui.widgets.columns import fit_columns, install_header
from app.gui.widgets.common import EmptyState
from app.gui.widgets.date_range import DateRange
from app.gui.widgets.dialogs import confirm, show_error
from app.gui.widgets.flow_layout import FlowLayout


def _choice(accessible: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    combo.addItem(everything, None)
    for text, value in items:
        combo.addItem(text, value)
    return combo


class IncidentsPage(QWidget):
    open_incident = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = IncidentTableModel(session, parent=self)
        self.model.failed.connect(lambda error: show_error(self, error))
        self.model.loaded.connect(self._update_empty_state)
        # Columns fit the dates, severities and statuses loaded; on a small screen text wraps.
        self.model.loaded.connect(lambda: fit_columns(self.table, remember="incidents"))
        self.model.rowsInserted.connect(lambda: fit_columns(self.table, remember="incidents"))
        self.model.rowsInserted.connect(self._update_empty_state)

        self.dates = DateRange(_("&From"), _("&to"))
        self.date_from, self.date_to = self.dates.since, self.dates.until
        self.platform = _choice(_("Platform"), _("All platforms"), [(platform_label(p), p) for p in PLATFORMS])
        self.kind = _choice(_("Kind"), _("All kinds"), [(kind_label(k), k) for k in INCIDENT_KINDS])
        self.severity = _choice(_("Severity"), _("Any severity"), [(severity_label(n), n) for n in range(5, 0, -1)])
        self.status = _choice(_("Status"), _("Any status"), [(status_label(s), s) for s in INCIDENT_STATUSES])
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        for combo in (self.platform, self.kind, self.severity, self.status):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.dates.changed.connect(self._apply_filters)

        filters = FlowLayout()  # wraps onto a second line on a small screen instead of clipping
        for widget in (self.dates, self.platform, self.kind,
                       self.severity, self.status):
            filters.addWidget(widget)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.count_label.setAccessibleName(_("Number of incidents shown"))
        filters.addWidget(self.count_label)
        filters.addWidget(self.clear_button)

        self.table = QTableView()
        install_header(self.table)
        self.table.setAccessibleName(_("Incidents"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        align_cells_by_their_direction(self.table)  # an Arabic title right-aligned in English, and vice versa
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        activate = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        activate.setContext(Qt.ShortcutContext.WidgetShortcut)
        activate.activated.connect(self.open_current)
        # Delete (the key, or in the table's context menu, which the main window fills).
        self.delete_action = QAction(icon("trash-2"), _("&Delete…"), self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)

        self.empty = EmptyState(None, "file-text", _("No incidents yet"),
                                _("Record what happened with New incident (Ctrl+N). You can paste "
                                  "screenshots into it with Ctrl+V."), guide_anchor=guide.CAPTURE,
                                guide_text=_("What to capture, and how"))
        self.no_match = EmptyState(None, "search", _("Nothing matches"),
                                   _("Change the filters or the search, or press Clear filters."))
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        self.model.reload(keep_rows=False)

    def open_current(self) -> None:
        self._open_row(self.table.currentIndex().row())

    def delete_selected(self) -> None:
        """Delete the selected incidents after asking; the safe answer (keep) is the default."""
        ids = self.selected_ids()
        if not ids:
            return
        text = (_("Delete this incident with its evidence and steps? This cannot be undone.") if len(ids) == 1
                else _("Delete these {n} incidents with their evidence and steps? This cannot be undone.")
                .format(n=len(ids)))
        if not confirm(self, _("Delete incident"), text, _("Delete")):
            return
        self._session.call(self, lambda vault, ctx: operations.delete_incidents(vault, ids))

    def _open_row(self, row: int) -> None:
        ident = self.model.incident_id(row)
        if ident is not None:
            self.open_incident.emit(ident)

    def current_filter(self) -> IncidentFilter:
        def chosen(combo: QComboBox) -> list:
            value = combo.currentData()
            return [] if value is None else [value]

        date_from, date_to = self.dates.days()
        return IncidentFilter(date_from=date_from, date_to=date_to,
                              platforms=chosen(self.platform), kinds=chosen(self.kind),
                              severities=chosen(self.severity), statuses=chosen(self.status))

    def _apply_filters(self) -> None:
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        for widget in (self.platform, self.kind, self.severity, self.status):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.dates.clear()
        self._apply_filters()

    def set_search_ids(self, ids: list[int] | None) -> None:
        self.model.set_search_ids(ids)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [ident for ident in (self.model.incident_id(r) for r in rows) if ident is not None]

    def _update_empty_state(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{n} incident", "{n} incidents", total).format(
            n=format_number(total, current_language())))
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.table)
        elif self.model.filter == IncidentFilter():
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.no_match)
