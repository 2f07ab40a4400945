"""Editor for a report made to a platform: the report, its items, and the incidents it concerns."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import operations
from app.core.i18n import _
from app.core.models import PlatformReport, ReportItem
from app.core.operations import queries
from app.core.vault import Vault
from app.gui import vocabulary
from app.gui.overviews.paste_links_dialog import PasteLinksDialog
from app.gui.overviews.report_item_dialog import ReportItemDialog
from app.gui.session import Session
from app.gui.widgets.columns import fit_columns
from app.gui.widgets.common import SPACING
from app.gui.widgets.forms import (
    EditorDialog,
    add_row,
    button_row,
    date_field,
    date_hint,
    fill_combo,
)
from app.gui.widgets.screen_fit import fit_to_screen
from app.gui.widgets.tables import ChoiceDelegate, bind_table_keys, cell, make_table
from app.gui.widgets.text_box import TextBox

OUTCOME = 5  # the column of the items table she edits in place


class ReportDialog(EditorDialog):
    save_op = staticmethod(operations.save_report)
    ready = Signal()   # incidents and actors listed; saving is possible

    def __init__(self, session: Session, report: PlatformReport | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, _("Edit platform report") if report else _("Add platform report"), parent)
        self.report = report or PlatformReport(platform="facebook", filed_on=date.today().isoformat())
        self.items: list[ReportItem] = [dataclasses.replace(i) for i in self.report.items]
        self.actor_labels: dict[int, str] = {}
        self.item_dialog: ReportItemDialog | None = None
        tabs = QTabWidget()
        tabs.setAccessibleName(_("Parts of the report"))
        tabs.addTab(self._report_page(), _("&Report"))
        tabs.addTab(self._items_page(), _("Reported &items"))
        tabs.addTab(self._incidents_page(), _("In&cidents"))
        self.column.addWidget(tabs)
        self.finish_layout()
        fit_to_screen(self, 780, 540)
        self.save_button.setEnabled(False)   # until the incidents and actors are listed
        # Saving before the incident list is filled would unlink the report's incidents.
        session.call(self, self._choices, on_success=self._fill_choices,
             on_failure=lambda error: self.error.show_message(error.message), label="load report choices")

    def _report_page(self) -> QWidget:
        r = self.report
        page = QWidget()
        form = QFormLayout(page)
        form.setSpacing(SPACING)
        self.platform = QComboBox()
        fill_combo(self.platform, vocabulary.platforms(), r.platform)
        self.filed_on = date_field(r.filed_on, optional=False)
        self.channel = QComboBox()
        fill_combo(self.channel, vocabulary.channels(), r.channel)
        self.reference = QLineEdit(r.reference)
        self.status = QComboBox()
        fill_combo(self.status, vocabulary.report_statuses(), r.status)
        self.response_on = date_field(r.response_on)
        self.response_text = TextBox(r.response_text)
        self.notes = TextBox(r.notes)
        for text in (self.response_text, self.notes):
            text.setTabChangesFocus(True)
            text.setFixedHeight(64)
        add_row(form, _("&Platform"), self.platform)
        add_row(form, _("&Filed on"), self.filed_on, date_hint(optional=False))
        add_row(form, _("C&hannel"), self.channel)
        add_row(form, _("Reference num&ber"), self.reference, _("The ticket or case number the platform gave."))
        add_row(form, _("&Status"), self.status)
        add_row(form, _("Response &on"), self.response_on, date_hint())
        add_row(form, _("Response (&text)"), self.response_text)
        add_row(form, _("Not&es"), self.notes)
        return page

    def _items_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.items_table = make_table([_("Link"), _("Posted by"), _("Posted at"), _("Captured at"),
                                       _("Rule"), _("Outcome")], _("Reported items"))
        bind_table_keys(self.items_table, self.edit_item, self.remove_item)
        # The outcome is chosen in the table itself: type its first letter, F2 or a click on a
        # selected cell opens the choice; several rows at once with the box below.
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.SelectedClicked
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.items_table.setItemDelegateForColumn(OUTCOME, ChoiceDelegate(vocabulary.outcomes(), self.items_table))
        self.items_table.itemChanged.connect(self._outcome_edited)
        buttons, _made = button_row((_("Paste &links…"), self.paste_links), (_("&Add item…"), self.add_item),
                                    (_("&Edit item…"), self.edit_item), (_("Re&move item"), self.remove_item))
        hint = QLabel(_("List each post, message or account you reported, with what the platform did."))
        hint.setWordWrap(True)
        self.bulk_outcome = QComboBox()
        fill_combo(self.bulk_outcome, {None: _("Choose…"), **vocabulary.outcomes()})
        self.bulk_outcome.activated.connect(self._set_selected_outcome)
        bulk_label = QLabel(_("&Outcome of the selected items:"))
        bulk_label.setBuddy(self.bulk_outcome)
        self.bulk_outcome.setAccessibleName(_("Outcome of the selected items"))
        bulk = QHBoxLayout()
        bulk.addWidget(bulk_label)
        bulk.addWidget(self.bulk_outcome)
        bulk.addStretch(1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.items_table)
        layout.addLayout(bulk)
        self._show_items()
        return page

    def _incidents_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        label = QLabel(_("Tick the &incidents this report is about:"))
        self.incident_list = QListWidget()
        self.incident_list.setAccessibleName(_("Incidents this report is about"))
        label.setBuddy(self.incident_list)
        layout.addWidget(label)
        layout.addWidget(self.incident_list)
        return page

    @staticmethod
    def _choices(vault: Vault, ctx) -> tuple[list[tuple[int, str, str]], dict[int, str]]:
        return queries.report_choices(vault)

    def _fill_choices(self, choices: tuple[list[tuple[int, str, str]], dict[int, str]]) -> None:
        incidents, self.actor_labels = choices
        linked = set(self.report.incident_ids)
        for ident, day, title in incidents:
            item = QListWidgetItem(f"{day}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ident in linked else Qt.CheckState.Unchecked)
            self.incident_list.addItem(item)
        self._show_items()
        self.save_button.setEnabled(True)
        self.ready.emit()

    def _show_items(self) -> None:
        outcomes = vocabulary.outcomes()
        self.items_table.blockSignals(True)
        self.items_table.setRowCount(len(self.items))
        for row, i in enumerate(self.items):
            actor = self.actor_labels.get(i.actor_id, "") if i.actor_id else ""
            for column, text in enumerate((i.url, actor, i.posted_at, i.captured_at, i.rule,
                                           outcomes.get(i.outcome, i.outcome))):
                item = cell(text)
                if column == OUTCOME:
                    item.setData(Qt.ItemDataRole.UserRole, i.outcome)
                else:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.items_table.setItem(row, column, item)
        self.items_table.blockSignals(False)
        fit_columns(self.items_table, optional=(3, 2), remember="report_items")  # captured at, posted at

    def _outcome_edited(self, item) -> None:
        if item.column() == OUTCOME and 0 <= item.row() < len(self.items):
            self.items[item.row()].outcome = item.data(Qt.ItemDataRole.UserRole)

    def _set_selected_outcome(self) -> None:
        outcome = self.bulk_outcome.currentData()
        rows = sorted({index.row() for index in self.items_table.selectionModel().selectedRows()})
        if outcome is None or not rows:
            return
        for row in rows:
            self.items[row].outcome = outcome
        self._show_items()
        for row in rows:  # the same rows stay selected, for the next choice
            self.items_table.selectionModel().select(
                self.items_table.model().index(row, 0),
                self.items_table.selectionModel().SelectionFlag.Select
                | self.items_table.selectionModel().SelectionFlag.Rows)
        self.bulk_outcome.setCurrentIndex(0)

    def paste_links(self) -> PasteLinksDialog:
        dialog = PasteLinksDialog(self.platform.currentData(), {i.url for i in self.items}, self)
        dialog.accepted.connect(lambda: self._links_pasted(dialog.items()))
        dialog.open()
        self.paste_dialog = dialog
        return dialog

    def _links_pasted(self, items: list[ReportItem]) -> None:
        first = len(self.items)
        self.items.extend(items)
        self._show_items()
        # Ready for the outcomes: the first new row's outcome, in the table.
        self.items_table.setCurrentCell(first, OUTCOME)
        self.items_table.setFocus()
        self.activateWindow()  # back from the paste dialog, even where no window manager does it

    def add_item(self) -> ReportItemDialog:
        return self._open_item(None)

    def edit_item(self) -> ReportItemDialog | None:
        row = self.items_table.currentRow()
        return self._open_item(row) if 0 <= row < len(self.items) else None

    def _open_item(self, row: int | None) -> ReportItemDialog:
        self.item_dialog = ReportItemDialog(None if row is None else self.items[row], self.actor_labels, self)
        self.item_dialog.accepted.connect(lambda: self._item_done(row))
        self.item_dialog.open()
        return self.item_dialog

    def _item_done(self, row: int | None) -> None:
        item = self.item_dialog.result_item()
        if row is None:
            self.items.append(item)
        else:
            self.items[row] = item
        self._show_items()

    def remove_item(self) -> None:
        row = self.items_table.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self._show_items()

    def linked_incidents(self) -> list[int]:
        return [self.incident_list.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.incident_list.count())
                if self.incident_list.item(r).checkState() == Qt.CheckState.Checked]

    def collect(self) -> PlatformReport:
        return PlatformReport(
            id=self.report.id, platform=self.platform.currentData(), filed_on=self.filed_on.iso(),
            channel=self.channel.currentData(), reference=self.reference.text().strip(),
            status=self.status.currentData(), response_on=self.response_on.iso(),
            response_text=self.response_text.toPlainText(), notes=self.notes.toPlainText(),
            incident_ids=self.linked_incidents(), items=[dataclasses.replace(i) for i in self.items],
        )

