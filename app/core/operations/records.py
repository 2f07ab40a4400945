"""People, actors, platform reports and threat assessments: add or update, and delete."""

from __future__ import annotations

from app.core.models import Actor, Assessment, Person, PlatformReport
from app.core.operations.changes import Changes, Done
from app.core.vault import Vault

# Deleting a person or an actor unlinks them from incidents: the incident views change too.
PERSONS = Changes(persons=True)
ACTORS = Changes(actors=True)
REPORTS = Changes(reports=True)
ASSESSMENTS = Changes(assessments=True)


def _save(table, record, changes: Changes) -> Done[int]:
    if record.id is None:
        return Done(changes, table.add(record))
    table.update(record)
    return Done(changes, record.id)


def save_person(vault: Vault, person: Person) -> Done[int]:
    return _save(vault.journal.persons, person, PERSONS)


def delete_person(vault: Vault, person_id: int) -> Done[None]:
    vault.journal.persons.delete(person_id)
    return Done(PERSONS | Changes(incidents=True))


def save_actor(vault: Vault, actor: Actor) -> Done[int]:
    return _save(vault.journal.actors, actor, ACTORS)


def delete_actor(vault: Vault, actor_id: int) -> Done[None]:
    vault.journal.actors.delete(actor_id)
    return Done(ACTORS | Changes(incidents=True, reports=True))


def save_report(vault: Vault, report: PlatformReport) -> Done[int]:
    return _save(vault.journal.reports, report, REPORTS)


def delete_report(vault: Vault, report_id: int) -> Done[None]:
    vault.journal.reports.delete(report_id)
    return Done(REPORTS)


def save_assessment(vault: Vault, assessment: Assessment) -> Done[int]:
    return _save(vault.journal.assessments, assessment, ASSESSMENTS)


def delete_assessment(vault: Vault, assessment_id: int) -> Done[None]:
    vault.journal.assessments.delete(assessment_id)
    return Done(ASSESSMENTS)
