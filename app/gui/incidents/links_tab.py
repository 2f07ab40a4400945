"""People and actors linked to an incident: two checklists; saving applies the difference."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.i18n import _
from app.core.models import Actor, Person
from app.gui.vocabulary import platform_label
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.common import hint


class LinksTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.persons = CheckList(_("People concerned"))
        self.actors = CheckList(_("Actors behind it"))
        self._initial: tuple[set[int], set[int]] = (set(), set())
        persons_label = QLabel(_("&People concerned"))
        persons_label.setBuddy(self.persons)
        actors_label = QLabel(_("&Actors (accounts, people, groups) behind it"))
        actors_label.setBuddy(self.actors)
        layout = QVBoxLayout(self)
        layout.addWidget(persons_label)
        layout.addWidget(self.persons)
        layout.addWidget(actors_label)
        layout.addWidget(self.actors)
        layout.addWidget(hint(_("Add new people and actors on the People and Actors pages.")))
        layout.addStretch(1)

    def load(self, persons: list[Person], actors: list[Actor], linked_persons: set[int],
             linked_actors: set[int]) -> None:
        self.persons.set_choices((f"{p.name} ({p.pseudonym})" if p.pseudonym else p.name, p.id) for p in persons)
        self.actors.set_choices(
            (f"{a.label} · {platform_label(a.platform)}" if a.platform else a.label, a.id) for a in actors)
        self.persons.set_checked(linked_persons)
        self.actors.set_checked(linked_actors)
        self._initial = (set(linked_persons), set(linked_actors))

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
