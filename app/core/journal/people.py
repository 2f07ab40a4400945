"""People the journal is about (defenders, relatives, witnesses) and perpetrator actors."""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.journal.rows import Rows
from app.core.models import (
    ACTOR_KINDS,
    PERSON_ROLES,
    PLATFORMS,
    PUBLIC_NAME,
    STATE_ACTOR,
    YES_NO,
    Actor,
    Person,
)
from app.core.redaction import names
from app.core.validate import check_choice, check_date

if TYPE_CHECKING:
    from app.core.journal import Journal


class _Linked(abc.ABC):
    """Shared add/update/delete for models linked to incidents: re-index those incidents."""

    kind = ""
    link_table = ""
    link_column = ""

    def __init__(self, journal: Journal, rows: Rows) -> None:
        self._j = journal
        self._rows = rows

    @abc.abstractmethod
    def _validate(self, obj) -> None:
        """Raise InvalidInput for a record that must not be saved; may tidy fields."""

    def _reindex_linked(self, ident: int) -> None:
        sql = f"SELECT incident_id FROM {self.link_table} WHERE {self.link_column} = ?"
        for (incident_id,) in self._j.conn.execute(sql, (ident,)).fetchall():
            self._j.index.reindex(incident_id)

    def add(self, obj) -> int:
        self._validate(obj)
        with self._j.write(f"{self.kind}.add") as now:
            obj.id = self._rows.insert(obj, now)
        return obj.id

    def update(self, obj) -> None:
        self._validate(obj)
        with self._j.write(f"{self.kind}.edit", f"{self.kind}:{obj.id}") as now:
            self._rows.update(obj, now)
            self._reindex_linked(obj.id)

    def delete(self, ident: int) -> None:
        with self._j.write(f"{self.kind}.delete", f"{self.kind}:{ident}"):
            linked = [r[0] for r in self._j.conn.execute(
                f"SELECT incident_id FROM {self.link_table} WHERE {self.link_column} = ?", (ident,))]
            self._rows.delete(ident)
            for incident_id in linked:
                self._j.index.reindex(incident_id)

    def get(self, ident: int):
        return self._rows.get(ident)

    def where(self, clause: str = "1", params: tuple = (), order: str = "id"):
        return self._rows.where(clause, params, order)

    def list(self):
        return self._rows.where()

    def incident_counts(self) -> dict[int, int]:
        sql = f"SELECT {self.link_column}, count(*) FROM {self.link_table} GROUP BY {self.link_column}"
        return dict(self._j.conn.execute(sql).fetchall())

    def incidents_of(self, ident: int) -> list[int]:
        sql = f"SELECT incident_id FROM {self.link_table} WHERE {self.link_column} = ? ORDER BY incident_id"
        return [r[0] for r in self._j.conn.execute(sql, (ident,))]


class Persons(_Linked):
    kind, link_table, link_column = "person", "incident_persons", "person_id"

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal, Rows(journal.conn, "persons", Person, _("Person")))

    def _validate(self, person: Person) -> None:
        if not person.name.strip():
            raise InvalidInput(_("A person needs a name. It stays inside the journal."))
        if not person.pseudonym.strip():
            raise InvalidInput(
                _("A person needs a pseudonym: it replaces the name in anything that leaves the journal.")
            )
        check_choice(person.role, PERSON_ROLES, _("role"))
        check_choice(person.un_aware_letter, YES_NO, _("aware that a letter will be sent"))
        check_choice(person.un_name_to_addressee, YES_NO, _("name given to the State or company"))
        check_choice(person.un_public_report, PUBLIC_NAME, _("name in the public report"))
        person.aliases = [a.strip() for a in person.aliases if a.strip()]
        revealed = names.revealed_by(person, person.pseudonym)
        if revealed:  # the pseudonym replaces the name everywhere: it must not carry it
            raise InvalidInput(_("The pseudonym contains “{part}”, which is part of the real name, so it would "
                                 "reveal her. Choose a pseudonym without it.").format(part=revealed[0]))


class Actors(_Linked):
    kind, link_table, link_column = "actor", "incident_actors", "actor_id"

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal, Rows(journal.conn, "actors", Actor, _("Actor")))

    def _validate(self, actor: Actor) -> None:
        if not (actor.handle or actor.display_name or actor.profile_url or actor.numeric_id).strip():
            raise InvalidInput(_("An actor needs at least a handle, a name, a profile link or an id."))
        check_choice(actor.kind, ACTOR_KINDS, _("kind of actor"))
        check_choice(actor.state_actor, STATE_ACTOR, _("state or non-state"))
        if actor.platform:
            check_choice(actor.platform, PLATFORMS, _("platform"))
        check_date(actor.first_seen, _("first seen date"), required=False)
        check_date(actor.last_seen, _("last seen date"), required=False)
