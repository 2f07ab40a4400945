"""Incidents, their links to people and actors, and steps taken."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.journal.rows import Rows
from app.core.models import (
    INCIDENT_KINDS,
    INCIDENT_STATUSES,
    PLATFORMS,
    Actor,
    Incident,
    IncidentOutline,
    IncidentRow,
    Person,
    Step,
    escalates,
)
from app.core.validate import check_choice, check_choices, check_date, check_time

if TYPE_CHECKING:
    from app.core.journal import Journal


@dataclass
class IncidentFilter:
    """Filters for the incident table; empty means no restriction."""

    date_from: str = ""
    date_to: str = ""
    platforms: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    severities: list[int] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    ids: list[int] | None = None  # e.g. the result of a search

    def sql(self) -> tuple[str, list]:
        clauses, params = ["1"], []
        if self.date_from:
            clauses.append("occurred_on >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("occurred_on <= ?")
            params.append(self.date_to)
        for column, wanted in (("platforms", self.platforms), ("kinds", self.kinds)):
            if wanted:
                marks = ", ".join("?" * len(wanted))
                clauses.append(f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({marks}))")
                params.extend(wanted)
        for column, wanted in (("severity", self.severities), ("status", self.statuses)):
            if wanted:
                clauses.append(f"{column} IN ({', '.join('?' * len(wanted))})")
                params.extend(wanted)
        if self.ids is not None:
            clauses.append("id IN (SELECT value FROM json_each(?))")
            params.append(str(list(self.ids)))
        return " AND ".join(clauses), params


def _codes_parser():
    """A parser of JSON lists of codes that parses each distinct text once."""
    parsed: dict[str, tuple[str, ...]] = {}

    def codes(text: str) -> tuple[str, ...]:
        found = parsed.get(text)
        if found is None:
            found = parsed[text] = tuple(json.loads(text))
        return found
    return codes


SORTABLE = {"occurred_on", "title", "severity", "status", "id", "updated_at"}


def _order_by(order: str, descending: bool) -> str:
    """An ORDER BY for a sortable column, ties broken by id in the same direction."""
    if order not in SORTABLE:
        raise InvalidInput(_("Cannot sort by {order}.").format(order=order))
    direction = "DESC" if descending else "ASC"
    return f"{order} {direction}, id {direction}"


class Incidents:
    def __init__(self, journal: Journal) -> None:
        self._j = journal
        self._rows = Rows(journal.conn, "incidents", Incident, _("Incident"))
        self._steps = Rows(journal.conn, "steps", Step, _("Step"), timestamps=False)

    @staticmethod
    def _validate(inc: Incident) -> None:
        if not inc.title.strip():
            raise InvalidInput(_("An incident needs a title."))
        check_date(inc.occurred_on, _("date of the incident"))
        check_time(inc.occurred_time, _("time of the incident"))
        check_choices(inc.platforms, PLATFORMS, _("platform"))
        check_choices(inc.kinds, INCIDENT_KINDS, _("kind of incident"))
        check_choice(inc.status, INCIDENT_STATUSES, _("status"))
        if not 1 <= int(inc.severity) <= 5:
            raise InvalidInput(_("Severity goes from 1 (low) to 5 (life-threatening)."))

    def add(self, inc: Incident) -> int:
        self._validate(inc)
        with self._j.write("incident.add") as now:
            inc.id = self._rows.insert(inc, now)
            self._j.index.reindex(inc.id)
        return inc.id

    def update(self, inc: Incident) -> None:
        self._validate(inc)
        with self._j.write("incident.edit", f"incident:{inc.id}") as now:
            self._rows.update(inc, now)
            self._j.index.reindex(inc.id)

    def delete(self, ident: int) -> list[str]:
        """Delete an incident and everything hanging from it; returns evidence blob names
        for the caller to remove from the blob store once the transaction committed."""
        blobs = self._j.evidence.blob_names(ident)
        with self._j.write("incident.delete", f"incident:{ident}"):
            self._rows.delete(ident)
            self._j.index.reindex(ident)
        return blobs

    def get(self, ident: int) -> Incident:
        return self._rows.get(ident)

    def outlines(self) -> list[IncidentOutline]:
        """Every incident, oldest first, as the overviews draw it. At 10,000 incidents this is
        the timeline's whole read, so no Incident is built and each distinct list of kinds or
        platforms (a few hundred combinations) is parsed once."""
        codes = _codes_parser()
        rows = self._j.conn.execute("SELECT id, occurred_on, title, severity, offline_followup, kinds, platforms "
                                    "FROM incidents ORDER BY occurred_on, id")
        day = date.fromisoformat
        return [IncidentOutline(ident, day(on), title, severity, escalates(offline, kinds := codes(k)), kinds, codes(p))
                for ident, on, title, severity, offline, k, p in rows]

    def titles(self, ids: Iterable[int]) -> dict[int, str]:
        """id -> title of the incidents named, in one query (lists that name incidents)."""
        wanted = sorted(set(ids))
        found: dict[int, str] = {}
        for start in range(0, len(wanted), 500):   # within SQLite's limit on parameters
            part = wanted[start:start + 500]
            found.update(self._j.conn.execute(
                f"SELECT id, title FROM incidents WHERE id IN ({', '.join('?' * len(part))})", part))
        return found

    def list(self, filt: IncidentFilter | None = None, order: str = "occurred_on",
             descending: bool = True, limit: int | None = None, offset: int = 0) -> list[Incident]:
        clause, params = (filt or IncidentFilter()).sql()
        return self._rows.where(clause, params, _order_by(order, descending), limit, offset)

    def rows(self, filt: IncidentFilter | None = None, order: str = "occurred_on",
             descending: bool = True, limit: int = -1, offset: int = 0) -> list[IncidentRow]:
        """As `list`, but only what the incidents table shows, as plain tuples: no Incident
        is built and each distinct list of kinds or platforms is parsed once."""
        clause, params = (filt or IncidentFilter()).sql()
        codes = _codes_parser()
        found = self._j.conn.execute(
            "SELECT id, occurred_on, approximate, title, platforms, kinds, severity, status FROM incidents "
            f"WHERE {clause} ORDER BY {_order_by(order, descending)} LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [IncidentRow(ident, on, bool(approx), title, codes(p), codes(k), severity, status)
                for ident, on, approx, title, p, k, severity, status in found]

    def count(self, filt: IncidentFilter | None = None) -> int:
        clause, params = (filt or IncidentFilter()).sql()
        return self._j.conn.execute(f"SELECT count(*) FROM incidents WHERE {clause}", params).fetchone()[0]

    # Links -------------------------------------------------------------------------------

    def _link(self, table: str, column: str, incident_id: int, other_id: int, linked: bool) -> None:
        self.get(incident_id)
        action = "link" if linked else "unlink"
        with self._j.write(f"incident.{action}", f"incident:{incident_id}"):
            if linked:
                self._j.conn.execute(
                    f"INSERT OR IGNORE INTO {table} (incident_id, {column}) VALUES (?, ?)", (incident_id, other_id)
                )
            else:
                self._j.conn.execute(
                    f"DELETE FROM {table} WHERE incident_id = ? AND {column} = ?", (incident_id, other_id)
                )
            self._j.index.reindex(incident_id)

    def link_person(self, incident_id: int, person_id: int, linked: bool = True) -> None:
        self._j.persons.get(person_id)
        self._link("incident_persons", "person_id", incident_id, person_id, linked)

    def link_actor(self, incident_id: int, actor_id: int, linked: bool = True) -> None:
        self._j.actors.get(actor_id)
        self._link("incident_actors", "actor_id", incident_id, actor_id, linked)

    def persons_of(self, incident_id: int) -> list[Person]:
        return self._j.persons.where(
            "id IN (SELECT person_id FROM incident_persons WHERE incident_id = ?)", (incident_id,)
        )

    def actors_of(self, incident_id: int) -> list[Actor]:
        return self._j.actors.where(
            "id IN (SELECT actor_id FROM incident_actors WHERE incident_id = ?)", (incident_id,)
        )

    # Steps taken with authorities and other mechanisms ---------------------------------------

    def add_step(self, step: Step) -> int:
        check_date(step.taken_on, _("date of the step"))
        check_date(step.response_on, _("date of the response"), required=False)
        self.get(step.incident_id)
        with self._j.write("step.add", f"incident:{step.incident_id}") as now:
            step.id = self._steps.insert(step, now)
            self._j.index.reindex(step.incident_id)
        return step.id

    def update_step(self, step: Step) -> None:
        check_date(step.taken_on, _("date of the step"))
        check_date(step.response_on, _("date of the response"), required=False)
        with self._j.write("step.edit", f"incident:{step.incident_id}") as now:
            self._steps.update(step, now)
            self._j.index.reindex(step.incident_id)

    def delete_step(self, step_id: int) -> None:
        step = self._steps.get(step_id)
        with self._j.write("step.delete", f"incident:{step.incident_id}"):
            self._steps.delete(step_id)
            self._j.index.reindex(step.incident_id)

    def steps_of(self, incident_id: int) -> list[Step]:
        return self._steps.where("incident_id = ?", (incident_id,), order="taken_on, id")
