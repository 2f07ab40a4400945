"""What the screens read, once, beside the operations that write: each function takes the vault
and plain values and returns plain records (dataclasses, named tuples, lists), so no widget
reaches into `vault.journal` or `vault.blobs` (tests/gui/test_layering.py keeps it so).
They run on the GUI's worker thread like the operations, and change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.core import failed_unlocks, settings
from app.core.journal.incidents import IncidentFilter
from app.core.journal.reports import Reports
from app.core.models import (
    Actor,
    Assessment,
    Evidence,
    ExportRecord,
    Incident,
    IncidentOutline,
    IncidentRow,
    Person,
    PlatformReport,
    ReportSummary,
    Step,
)
from app.core.vault import Vault

# (id, occurred_on, title): an incident as a line in a list to tick or to open.
IncidentLine = tuple[int, str, str]


class IncidentPage(NamedTuple):
    total: int                 # how many incidents match the filter
    rows: list[IncidentRow]    # the first page of them, as the table shows them


class IncidentForEditing(NamedTuple):
    incident: Incident | None  # None for a new incident
    persons: list[Person]
    actors: list[Actor]
    linked_persons: set[int]
    linked_actors: set[int]
    steps: list[Step]
    exports: list[ExportRecord]


class Counted(NamedTuple):
    """People or actors, and in how many incidents each appears."""
    records: list
    incident_counts: dict[int, int]


@dataclass
class ReportsPage:
    reports: list[PlatformReport]  # newest first
    overdue: set[int]              # ids of those waiting longer than the overdue days for an answer
    titles: dict[int, str]         # incident id -> title, for the incidents they name


@dataclass
class ReportsOverview:
    first: ReportsPage             # the first page of reports; the rest with `reports_page`
    total: int                     # how many reports there are
    summaries: list[ReportSummary]
    days: int


def search(vault: Vault, query: str, limit: int) -> list[int]:
    """Ids of the incidents matching a free-text search, unranked: the incidents table filters
    by them and sorts by its own column, so scoring them would be wasted."""
    return vault.journal.search(query, limit, ranked=False)


def setting(vault: Vault, which: settings.Setting) -> int | str:
    # The failed-unlock limit must be known before unlock, so it lives in the header's guard.
    return failed_unlocks.threshold(vault) if which.in_header else settings.read(vault.journal, which)


def incidents(vault: Vault, filt: IncidentFilter | None = None, order: str = "occurred_on",
              descending: bool = True, limit: int | None = None, offset: int = 0) -> list[Incident]:
    return vault.journal.incidents.list(filt, order, descending, limit, offset)


def incident_rows(vault: Vault, filt: IncidentFilter | None, order: str, descending: bool,
                  limit: int, offset: int = 0) -> list[IncidentRow]:
    """A page of the incidents table: only the columns it shows."""
    return vault.journal.incidents.rows(filt, order, descending, limit, offset)


def incident_page(vault: Vault, filt: IncidentFilter | None, order: str, descending: bool,
                  limit: int) -> IncidentPage:
    """The first `limit` rows of the incidents table matching `filt`, with how many match in all."""
    return IncidentPage(vault.journal.incidents.count(filt), incident_rows(vault, filt, order, descending, limit))


def incident_for_editing(vault: Vault, incident_id: int | None) -> IncidentForEditing:
    """Everything the incident editor shows; for a new incident, the people and actors to link."""
    j = vault.journal
    if incident_id is None:
        return IncidentForEditing(None, j.persons.list(), j.actors.list(), set(), set(), [], [])
    inc = j.incidents
    return IncidentForEditing(inc.get(incident_id), j.persons.list(), j.actors.list(),
                              {p.id for p in inc.persons_of(incident_id)},
                              {a.id for a in inc.actors_of(incident_id)}, inc.steps_of(incident_id),
                              j.exports.of_incident(incident_id))


def steps_of(vault: Vault, incident_id: int) -> list[Step]:
    return vault.journal.incidents.steps_of(incident_id)


def exports_of(vault: Vault, incident_id: int) -> list[ExportRecord]:
    """The dossiers an incident went into."""
    return vault.journal.exports.of_incident(incident_id)


def incidents_with_persons(vault: Vault) -> tuple[list[Incident], dict[int, list[Person]]]:
    """Every incident, oldest first, with the people linked to each (to choose a dossier's)."""
    found = incidents(vault, descending=False)
    return found, {i.id: vault.journal.incidents.persons_of(i.id) for i in found}


def report_choices(vault: Vault) -> tuple[list[IncidentLine], dict[int, str]]:
    """What a platform report can name: the incidents, and the actors by label."""
    return ([(i.id, i.occurred_on, i.title) for i in incidents(vault)],
            {a.id: a.label for a in vault.journal.actors.list()})


def recent_incidents(vault: Vault, limit: int, include: int | None = None) -> list[Incident]:
    """The latest incidents, to choose one from, and the one named by `include` among them."""
    found = incidents(vault, limit=limit)
    if include is not None and all(i.id != include for i in found):
        found.append(vault.journal.incidents.get(include))
    return found


def timeline(vault: Vault) -> list[IncidentOutline]:
    """Every incident in the order it happened, for the timeline."""
    return vault.journal.incidents.outlines()


def persons_and_actors(vault: Vault) -> tuple[list[Person], list[Actor]]:
    """Everyone and every account an incident can be linked to."""
    return vault.journal.persons.list(), vault.journal.actors.list()


def people(vault: Vault) -> Counted:
    return Counted(vault.journal.persons.list(), vault.journal.persons.incident_counts())


def actors(vault: Vault) -> Counted:
    return Counted(vault.journal.actors.list(), vault.journal.actors.incident_counts())


def incidents_of_actor(vault: Vault, actor_id: int) -> list[IncidentLine]:
    ids = vault.journal.actors.incidents_of(actor_id)
    return [(i.id, i.occurred_on, i.title) for i in incidents(vault, IncidentFilter(ids=ids))] if ids else []


def reports_overview(vault: Vault, limit: int | None = None, today: date | None = None) -> ReportsOverview:
    """Platform reports: the first `limit` (all by default) with which are overdue (by the
    journal's setting), how many there are, and a summary per platform over all of them."""
    journal, today = vault.journal, today or date.today()
    days = setting(vault, settings.OVERDUE_DAYS)
    return ReportsOverview(reports_page(vault, days, 0, limit, today), journal.reports.count(),
                           journal.reports.summary(today, days), days)


def reports_page(vault: Vault, days: int, offset: int, limit: int | None, today: date | None = None) -> ReportsPage:
    """Reports `offset`.. newest first, which of them are overdue after `days`, their incidents' titles."""
    today = today or date.today()
    reports = vault.journal.reports.list(limit=limit, offset=offset)
    return ReportsPage(reports, {r.id for r in reports if Reports.is_overdue(r, today, days)},
                       vault.journal.incidents.titles({i for r in reports for i in r.incident_ids}))


def assessments(vault: Vault) -> list[Assessment]:
    """Threat assessments, the history in order."""
    return vault.journal.assessments.history()


def evidence_of(vault: Vault, incident_id: int) -> list[Evidence]:
    return vault.journal.evidence.of_incident(incident_id)


def evidence_item(vault: Vault, evidence_id: int) -> Evidence:
    return vault.journal.evidence.get(evidence_id)


def next_unread_picture(vault: Vault) -> int | None:
    """A picture whose words have not been read (OCR) yet, if any."""
    pending = vault.journal.recognised.pending()
    return pending[0] if pending else None
