"""Reports made to platforms: status, what is overdue, and one plain sentence per platform."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core import guide, operations, settings
from app.core.i18n import _, current_language
from app.core.journal.reports import describe
from app.core.locale_format import format_number
from app.core.models import PlatformReport
from app.core.operations import Changes, queries
from app.core.vault import Vault
from app.gui import vocabulary
from app.gui.overviews.base import JournalView, RecordEditing
from app.gui.overviews.report_dialog import ReportDialog
from app.gui.session import Session
from app.gui.tasks import TaskContext
from app.gui.widgets.columns import fit_columns
from app.gui.widgets.common import SPACING, EmptyState
from app.gui.widgets.forms import button_row
from app.gui.widgets.tables import (
    bind_table_keys,
    cell,
    date_cell,
    make_table,
    row_id,
    selected_id,
)

OVERDUE_BACKGROUND = QColor("#fde2e1")
# The table fills lazily: the first rows are read and shown at once (they are what she sees), the
# rest a page per worker call, so a thousand reports hold neither the first paint nor the window.
FIRST_ROWS, MORE_ROWS = 100, 200


class ReportsView(RecordEditing, JournalView):
    dialog_class, delete_op = ReportDialog, staticmethod(operations.delete_report)
    watches = Changes(reports=True, incidents=True, settings=True)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAccessibleName(_("Platform reports"))
        self.data: queries.ReportsOverview | None = None
        self.shown = queries.ReportsPage([], set(), {})   # the pages read so far, together
        self.dialog: ReportDialog | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(_("What the platforms did"))
        self.summary_box = QGroupBox(_("What the platforms did"))
        QVBoxLayout(self.summary_box).addWidget(self.summary)
        self.days = QSpinBox()
        self.days.setRange(settings.OVERDUE_DAYS.minimum, settings.OVERDUE_DAYS.maximum)
        self.days.setSuffix(_(" days"))
        self.days.setAccessibleName(_("Days without a response before a report counts as overdue"))
        self.days.editingFinished.connect(self._save_days)
        days_label = QLabel(_("Count a report as &overdue after"))
        days_label.setBuddy(self.days)
        days_row = QHBoxLayout()
        days_row.addWidget(days_label)
        days_row.addWidget(self.days)
        days_row.addStretch(1)

        self.table = make_table([_("Filed on"), _("Platform"), _("Status"), _("Channel"),
                                 _("Reference"), _("Items"), _("Incidents")], _("Platform reports"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        bind_table_keys(self.table, self.edit_selected, self.delete_selected)
        self.empty = EmptyState(self.table, "flag", _("No reports yet"), _(
            "When you report a post to a platform, record it here so you can show what the "
            "platform did."), guide_anchor=guide.REPORT_TELEGRAM,
            guide_text=_("How to report on Telegram, Facebook, Instagram, X, TikTok and YouTube"))
        buttons, (self.add_button, self.edit_button, self.delete_button, self.open_button) = button_row(
            (_("&Add report…"), self.add_record), (_("&Edit…"), self.edit_selected),
            (_("&Delete…"), self.delete_selected), (_("Open &incident"), self.open_linked))
        self.menu: QMenu | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.summary_box)
        layout.addLayout(days_row)
        layout.addLayout(buttons)
        self.finish_list(layout, self.empty, self._update_buttons)

    def fetch(self, vault: Vault, ctx: TaskContext, params: None) -> queries.ReportsOverview:
        return queries.reports_overview(vault, FIRST_ROWS)

    def apply(self, data: queries.ReportsOverview) -> None:
        self.data = data
        self.days.blockSignals(True)
        self.days.setValue(data.days)
        self.days.blockSignals(False)
        platforms, number = vocabulary.platforms(), partial(format_number, language=current_language())
        self.summary.setText("\n".join(
            _("{platform}: {summary}").format(platform=platforms.get(s.platform, s.platform), summary=describe(s, number))
            for s in data.summaries))
        self.summary_box.setVisible(bool(data.summaries))
        self._fill_table(data, platforms)
        self.empty.set_empty(not data.total)
        self._update_buttons()

    def _fill_table(self, data: queries.ReportsOverview, platforms: dict[str, str]) -> None:
        keep = selected_id(self.table)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(data.total)
        self.shown = queries.ReportsPage([], set(), {})
        self._add_page(data, data.first, platforms, keep)
        fit_columns(self.table, widest=340, optional=(4, 3), remember="reports")  # reference, channel

    def _add_page(self, data: queries.ReportsOverview, page: queries.ReportsPage, platforms: dict[str, str],
                  keep: int | None) -> None:
        if data is not self.data:
            return   # reloaded meanwhile: the newer read owns the table
        start = len(self.shown.reports)
        self.shown.reports.extend(page.reports)
        self.shown.overdue |= page.overdue
        self.shown.titles.update(page.titles)
        statuses, channels = vocabulary.report_statuses(), vocabulary.channels()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        # Rows come in the table's own order (filed_on, newest first), so sorting can wait
        # until the last page.
        for row, r in enumerate(page.reports, start):
            status = cell(statuses.get(r.status, r.status))
            if r.id in page.overdue:
                # Text and icon, not colour alone.
                status.setText(_("Overdue: {status}, no response after {days} days").format(
                    status=status.text(), days=format_number(data.days, current_language())))
                status.setIcon(warning)
            titles = "; ".join(page.titles.get(i, f"#{i}") for i in r.incident_ids)
            values = [date_cell(r.filed_on, r.id), cell(platforms.get(r.platform, r.platform)), status,
                      cell(channels.get(r.channel, r.channel)), cell(r.reference),
                      cell("", sort=len(r.items)), cell(titles)]
            for column, item in enumerate(values):
                if r.id in page.overdue:
                    item.setBackground(QBrush(OVERDUE_BACKGROUND))
                    item.setForeground(QBrush(QColor("#000000")))
                self.table.setItem(row, column, item)
            if r.id == keep:
                self.table.selectRow(row)
        offset, days = len(self.shown.reports), data.days
        if page.reports and offset < data.total:
            self.session.call(self, lambda vault, ctx: queries.reports_page(vault, days, offset, MORE_ROWS),
                              on_success=lambda more: self._add_page(data, more, platforms, keep),
                              on_failure=self.show_error, label="load view")
        else:
            self.table.setRowCount(offset)   # fewer than counted if some were deleted meanwhile
            self.table.setSortingEnabled(True)

    def is_row_overdue(self, row: int) -> bool:
        return row_id(self.table, row) in self.shown.overdue

    def clear(self) -> None:
        self.data = None
        self.shown = queries.ReportsPage([], set(), {})
        self.table.setRowCount(0)
        self.summary.clear()

    def _update_buttons(self) -> None:
        report = self.record(selected_id(self.table))
        self.edit_button.setEnabled(report is not None)
        self.delete_button.setEnabled(report is not None)
        self.open_button.setEnabled(bool(report and report.incident_ids))

    def open_linked(self) -> None:
        """Open the incident the selected report is about; with several, choose from a menu."""
        report = self.record(selected_id(self.table))
        if report is None or not report.incident_ids:
            return
        if len(report.incident_ids) == 1:
            self.open_incident.emit(report.incident_ids[0])
            return
        self.menu = QMenu(self)
        for ident in report.incident_ids:
            action = self.menu.addAction(self.shown.titles.get(ident, f"#{ident}"))
            action.triggered.connect(lambda _checked=False, ident=ident: self.open_incident.emit(ident))
        self.menu.popup(self.open_button.mapToGlobal(self.open_button.rect().bottomLeft()))

    def _save_days(self) -> None:
        value = self.days.value()
        if self.data is None or value == self.data.days:
            return
        self.session.call(self, lambda vault, ctx: operations.set_setting(vault, settings.OVERDUE_DAYS, value),
                          label="save setting", on_failure=self.show_error)

    def record(self, ident: int | None) -> PlatformReport | None:
        return next((r for r in self.shown.reports if r.id == ident), None)

    def delete_question(self, report: PlatformReport) -> str:
        return _("Delete the report filed on {day} with its items? This cannot be undone.").format(
            day=report.filed_on)

