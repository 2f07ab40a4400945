"""People the journal is about: role, pseudonym, consent and other names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core import operations
from app.core.i18n import _
from app.core.models import Person
from app.core.operations import Changes, queries
from app.core.vault import Vault
from app.gui import vocabulary
from app.gui.overviews.base import JournalView, RecordEditing
from app.gui.overviews.person_dialog import PersonDialog
from app.gui.session import Session
from app.gui.tasks import TaskContext
from app.gui.widgets.columns import fit_columns
from app.gui.widgets.common import SPACING, EmptyState
from app.gui.widgets.forms import button_row
from app.gui.widgets.tables import (
    bind_table_keys,
    cell,
    isolate,
    make_table,
    selected_id,
)


def consent_text(given: bool) -> str:
    """Plain words and a sign, never colour alone."""
    return _("✓ Yes") if given else _("✗ No")


class PeopleView(RecordEditing, JournalView):
    dialog_class, delete_op = PersonDialog, staticmethod(operations.delete_person)
    watches = Changes(persons=True, incidents=True)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAccessibleName(_("People"))
        self.people: dict[int, Person] = {}
        self.dialog: PersonDialog | None = None
        intro = QLabel(_("Names stay inside the journal. Exports show the pseudonym, and share a "
                         "person's case only where they gave consent."))
        intro.setWordWrap(True)
        self.table = make_table([_("Pseudonym (shared)"), _("Name (private)"), _("Role"),
                                 _("Other names"), _("Consent: UN"), _("Consent: platforms"),
                                 _("Consent: public"), _("Incidents")], _("People"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        bind_table_keys(self.table, self.edit_selected, self.delete_selected)
        self.empty = EmptyState(self.table, "user-round", _("No people yet"), _(
            "Add yourself and anyone else the incidents are about, with a pseudonym to use in "
            "anything you share."))
        buttons, (self.add_button, self.edit_button, self.delete_button) = button_row(
            (_("&Add person…"), self.add_record), (_("&Edit…"), self.edit_selected),
            (_("&Delete…"), self.delete_selected))
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        self.finish_list(layout, self.empty, self._update_buttons)

    def fetch(self, vault: Vault, ctx: TaskContext, params: None) -> tuple[list[Person], dict[int, int]]:
        return queries.people(vault)

    def apply(self, data: tuple[list[Person], dict[int, int]]) -> None:
        people, counts = data
        self.people = {p.id: p for p in people}
        roles = vocabulary.roles()
        keep = selected_id(self.table)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(people))
        for row, p in enumerate(people):
            values = [cell(p.pseudonym, p.id), cell(p.name), cell(roles.get(p.role, p.role)),
                      cell(isolate(p.aliases)), cell(consent_text(p.consent_un)),
                      cell(consent_text(p.consent_platform)), cell(consent_text(p.consent_public)),
                      cell("", sort=counts.get(p.id, 0))]
            for column, item in enumerate(values):
                self.table.setItem(row, column, item)
            if p.id == keep:
                self.table.selectRow(row)
        self.table.setSortingEnabled(True)
        fit_columns(self.table, optional=(7, 3), remember="people")  # incidents, other names give way first
        self.empty.set_empty(not people)
        self._update_buttons()

    def clear(self) -> None:
        self.people = {}
        self.table.setRowCount(0)

    def _update_buttons(self) -> None:
        chosen = selected_id(self.table) is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def record(self, ident: int | None) -> Person | None:
        return self.people.get(ident)

    def delete_question(self, person: Person) -> str:
        return _("Delete {pseudonym} from the journal? Their links to incidents are removed too. "
                 "This cannot be undone.").format(pseudonym=person.pseudonym)

