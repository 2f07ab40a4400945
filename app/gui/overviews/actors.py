"""Attacking accounts, people and groups, with how many incidents each is linked to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core import operations
from app.core.i18n import _
from app.core.models import Actor
from app.core.operations import Changes, queries
from app.core.vault import Vault
from app.gui import vocabulary
from app.gui.overviews.actor_dialog import ActorDialog
from app.gui.overviews.base import JournalView, RecordEditing
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


class ActorsView(RecordEditing, JournalView):
    dialog_class, delete_op = ActorDialog, staticmethod(operations.delete_actor)
    watches = Changes(actors=True, incidents=True)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAccessibleName(_("Actors"))
        self.actors: dict[int, Actor] = {}
        self.dialog: ActorDialog | None = None
        self.table = make_table([_("Handle"), _("Display name"), _("Platform"), _("Kind"),
                                 _("State or non-state"), _("Incidents"), _("First seen"),
                                 _("Last seen")], _("Actors"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)   # the most active first
        bind_table_keys(self.table, self.edit_selected, self.delete_selected)
        self.empty = EmptyState(self.table, "users", _("No actors yet"), _(
            "Add the accounts and groups behind the attacks, so you can show who is responsible "
            "for what."))

        self.incidents_title = QLabel(_("&Incidents of the selected actor (Enter opens one):"))
        self.incidents = QListWidget()
        self.incidents.setAccessibleName(_("Incidents of the selected actor"))
        self.incidents_title.setBuddy(self.incidents)
        self.incidents.itemActivated.connect(self._open_incident_item)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.incidents_title)
        lower_layout.addWidget(self.incidents)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.empty)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        buttons, (self.add_button, self.edit_button, self.delete_button) = button_row(
            (_("&Add actor…"), self.add_record), (_("&Edit…"), self.edit_selected),
            (_("&Delete…"), self.delete_selected))
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(buttons)
        self.finish_list(layout, splitter, self._selection_changed)

    def fetch(self, vault: Vault, ctx: TaskContext, params: None) -> tuple[list[Actor], dict[int, int]]:
        return queries.actors(vault)

    def apply(self, data: tuple[list[Actor], dict[int, int]]) -> None:
        actors, counts = data
        self.actors = {a.id: a for a in actors}
        platforms, kinds, states = vocabulary.platforms(), vocabulary.actor_kinds(), vocabulary.state_actor()
        keep = selected_id(self.table)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(actors))
        for row, a in enumerate(actors):
            values = [cell(a.handle or a.label, a.id), cell(a.display_name),
                      cell(platforms.get(a.platform, a.platform)), cell(kinds.get(a.kind, a.kind)),
                      cell(states.get(a.state_actor, a.state_actor)), cell("", sort=counts.get(a.id, 0)),
                      date_cell(a.first_seen), date_cell(a.last_seen)]
            for column, item in enumerate(values):
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        fit_columns(self.table, optional=(6, 4, 3), remember="actors")  # first seen, state or not, kind
        self.empty.set_empty(not actors)
        self._select(keep)

    def _select(self, ident: int | None) -> None:
        for row in range(self.table.rowCount()):
            if row_id(self.table, row) == ident:
                self.table.selectRow(row)
                return
        self._selection_changed()

    def clear(self) -> None:
        self.actors = {}
        self.table.setRowCount(0)
        self.incidents.clear()

    def _selection_changed(self) -> None:
        ident = selected_id(self.table)
        self.edit_button.setEnabled(ident is not None)
        self.delete_button.setEnabled(ident is not None)
        self.incidents.clear()
        if ident is None:
            self.incidents.addItem(QListWidgetItem(_("Select an actor above to see its incidents.")))
            return
        self.session.call(self, lambda vault, ctx: queries.incidents_of_actor(vault, ident), label="load actor incidents",
                          on_success=lambda rows: self._show_incidents(ident, rows), on_failure=self.show_error)

    def _show_incidents(self, ident: int, rows: list[tuple[int, str, str]]) -> None:
        if selected_id(self.table) != ident:
            return  # the selection moved on while loading
        self.incidents.clear()
        for incident_id, day, title in rows:
            item = QListWidgetItem(f"{day}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, incident_id)
            self.incidents.addItem(item)
        if not rows:
            self.incidents.addItem(QListWidgetItem(_("Not linked to any incident yet. Link actors "
                                                     "from the incident editor.")))

    def _open_incident_item(self, item: QListWidgetItem) -> None:
        incident_id = item.data(Qt.ItemDataRole.UserRole)
        if incident_id is not None:
            self.open_incident.emit(incident_id)

    def record(self, ident: int | None) -> Actor | None:
        return self.actors.get(ident)

    def delete_question(self, actor: Actor) -> str:
        return _("Delete {actor} from the journal? Its links to incidents are removed too. "
                 "This cannot be undone.").format(actor=actor.label)

