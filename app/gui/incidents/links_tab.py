"""People and actors linked to an incident: two checklists; saving applies the difference.
A person or an actor not in the journal yet is added from here and ticked at once."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.i18n import _
from app.core.models import Actor, Person
from app.core.operations import queries
from app.gui.overviews.actor_dialog import ActorDialog
from app.gui.overviews.person_dialog import PersonDialog
from app.gui.session import Session
from app.gui.vocabulary import platform_label
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.common import hint
from app.gui.widgets.forms import button_row


class LinksTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.persons = CheckList(_("People concerned"))
        self.actors = CheckList(_("Actors behind it"))
        self._initial: tuple[set[int], set[int]] = (set(), set())
        persons_label = QLabel(_("&People concerned"))
        persons_label.setBuddy(self.persons)
        actors_label = QLabel(_("&Actors (accounts, people, groups) behind it"))
        actors_label.setBuddy(self.actors)
        self.no_persons = hint(_("Nobody yet: add yourself or whoever this happened to."))
        self.no_actors = hint(_("No actor yet: add the account or person behind it."))
        person_row, (self.add_person_button,) = button_row((_("Add a pe&rson…"), self.add_person))
        actor_row, (self.add_actor_button,) = button_row((_("Add an act&or…"), self.add_actor))
        layout = QVBoxLayout(self)
        layout.addWidget(persons_label)
        layout.addWidget(self.persons)
        layout.addWidget(self.no_persons)
        layout.addLayout(person_row)
        layout.addSpacing(8)
        layout.addWidget(actors_label)
        layout.addWidget(self.actors)
        layout.addWidget(self.no_actors)
        layout.addLayout(actor_row)
        layout.addStretch(1)
        self._show_empty()

    def load(self, persons: list[Person], actors: list[Actor], linked_persons: set[int],
             linked_actors: set[int]) -> None:
        self._fill(persons, actors)
        self.persons.set_checked(linked_persons)
        self.actors.set_checked(linked_actors)
        self._initial = (set(linked_persons), set(linked_actors))

    def _fill(self, persons: list[Person], actors: list[Actor]) -> None:
        self.persons.set_choices((f"{p.name} ({p.pseudonym})" if p.pseudonym else p.name, p.id) for p in persons)
        self.actors.set_choices(
            (f"{a.label} · {platform_label(a.platform)}" if a.platform else a.label, a.id) for a in actors)
        self._show_empty()

    def _show_empty(self) -> None:
        for checklist, notice in ((self.persons, self.no_persons), (self.actors, self.no_actors)):
            checklist.setVisible(checklist.count() > 0)
            notice.setVisible(checklist.count() == 0)

    # Adding ------------------------------------------------------------------------------

    def add_person(self) -> PersonDialog:
        return self._add(PersonDialog(self._session, None, self), self.persons)

    def add_actor(self) -> ActorDialog:
        return self._add(ActorDialog(self._session, None, self), self.actors)

    def _add(self, dialog, checklist: CheckList):
        dialog.saved.connect(lambda ident: self._added(checklist, ident))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _added(self, checklist: CheckList, ident: int) -> None:
        """List the new record with the others and tick it (linked when the incident is saved)."""
        def shown(lists: tuple[list[Person], list[Actor]]) -> None:
            self._fill(*lists)
            checklist.set_checked([*checklist.checked(), ident])

        self._session.call(self, lambda vault, ctx: queries.persons_and_actors(vault), on_success=shown)

    # Reading -----------------------------------------------------------------------------

    def changes(self) -> tuple[dict[int, bool], dict[int, bool]]:
        """{id: linked} for the people and actors whose link changed."""
        result = []
        for initial, checklist in zip(self._initial, (self.persons, self.actors), strict=True):
            now = set(checklist.checked())
            diff = {i: True for i in now - initial}
            diff.update({i: False for i in initial - now})
            result.append(diff)
        return result[0], result[1]

    def mark_saved(self) -> None:
        self._initial = (set(self.persons.checked()), set(self.actors.checked()))
