"""Incidents, their steps, and the dossiers sent about them."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.models import ExportRecord, Incident, Step
from app.core.operations.changes import NOTHING, Changes, Done
from app.core.vault import Vault

INCIDENTS = Changes(incidents=True)


@dataclass(eq=False)
class NewIncident:
    """An incident not saved yet, as typed in its editor with the people and actors chosen.
    Evidence dropped or pasted on it saves it first, in the same operation, which sets
    `incident.id`; the same NewIncident given again (a second drop) is not saved twice."""

    incident: Incident
    persons: dict[int, bool] | None = None
    actors: dict[int, bool] | None = None


def incident_for_evidence(vault: Vault, target: int | NewIncident) -> Done[int]:
    """The id of the incident evidence goes to, saving a new one first."""
    if isinstance(target, NewIncident):
        if target.incident.id is None:
            return save_incident(vault, target.incident, target.persons, target.actors)
        target = target.incident.id
    return Done(NOTHING, target)


def save_incident(vault: Vault, incident: Incident, persons: dict[int, bool] | None = None,
                  actors: dict[int, bool] | None = None) -> Done[int]:
    """Add or update an incident and link (True) or unlink (False) people and actors.
    Returns its id; a new incident gets its id set."""
    incidents = vault.journal.incidents
    if incident.id is None:
        incidents.add(incident)
    else:
        incidents.update(incident)
    return Done(link(vault, incident.id, persons, actors).changes, incident.id)


def link(vault: Vault, incident_id: int, persons: dict[int, bool] | None = None,
         actors: dict[int, bool] | None = None) -> Done[None]:
    """Link (True) or unlink (False) people and actors to an incident."""
    incidents = vault.journal.incidents
    for person_id, linked in (persons or {}).items():
        incidents.link_person(incident_id, person_id, linked)
    for actor_id, linked in (actors or {}).items():
        incidents.link_actor(incident_id, actor_id, linked)
    return Done(INCIDENTS | Changes(persons=bool(persons), actors=bool(actors)))


def delete_incident(vault: Vault, incident_id: int) -> Done[None]:
    """Delete an incident with its steps and evidence, the encrypted files included."""
    vault.blobs.delete(vault.journal.incidents.delete(incident_id))
    return Done(INCIDENTS | Changes(evidence=True, persons=True, actors=True, reports=True))


def delete_incidents(vault: Vault, incident_ids: list[int]) -> Done[None]:
    """Delete several incidents (those selected in the list), each as `delete_incident` does."""
    changes = NOTHING
    for ident in incident_ids:
        changes = changes | delete_incident(vault, ident).changes
    return Done(changes)


def save_step(vault: Vault, step: Step) -> Done[int]:
    incidents = vault.journal.incidents
    if step.id is None:
        return Done(INCIDENTS, incidents.add_step(step))
    incidents.update_step(step)
    return Done(INCIDENTS, step.id)


def delete_step(vault: Vault, step_id: int) -> Done[None]:
    vault.journal.incidents.delete_step(step_id)
    return Done(INCIDENTS)


def mark_sent(vault: Vault, export_id: int, sent_on: str, reference: str = "") -> Done[ExportRecord]:
    """Record that a dossier was sent (Sijil sends nothing itself)."""
    return Done(INCIDENTS, vault.journal.exports.mark_sent(export_id, sent_on, reference))
