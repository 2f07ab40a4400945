"""The operations layer: each user-level action does all of itself (an incident deleted takes
its encrypted files with it; a passphrase changes only once the current one is proved) and
says what it changed, so every front end refreshes the same way."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.core import operations as ops
from app.core import settings
from app.core.errors import InvalidInput, WrongPassphrase
from app.core.models import Actor, Incident, Person, Step
from app.core.vault import Vault
from tests.conftest import PASSPHRASE


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_changes_combine_and_overlap():
    both = ops.Changes(incidents=True) | ops.Changes(evidence=True)
    assert both.incidents and both.evidence and not both.persons
    assert both & ops.Changes(evidence=True) and not (both & ops.Changes(reports=True))
    assert not ops.NOTHING and ops.ALL


def test_saving_an_incident_with_its_links_says_what_changed(vault):
    person = ops.save_person(vault, Person("Layla Haddad", "Defender K")).value
    actor = ops.save_actor(vault, Actor(kind="account", platform="telegram", handle="@troll")).value
    done = ops.save_incident(vault, Incident("Threat", "2026-03-01"), {person: True}, {actor: True})
    assert done.changes.incidents and done.changes.persons and done.changes.actors
    ident = done.value
    assert [p.id for p in vault.journal.incidents.persons_of(ident)] == [person]
    again = ops.save_incident(vault, Incident("Threat, again", "2026-03-01", id=ident))
    assert again.value == ident and not again.changes.persons
    assert vault.journal.incidents.get(ident).title == "Threat, again"


def test_deleting_an_incident_deletes_its_encrypted_files(vault):
    ident = ops.save_incident(vault, Incident("With a screenshot", "2026-03-01")).value
    ops.import_screenshot(vault, ident, png())
    assert vault.blobs.names()
    done = ops.delete_incident(vault, ident)
    assert done.changes.incidents and done.changes.evidence
    assert vault.blobs.names() == set()
    assert vault.journal.incidents.list() == []


def test_deleting_several_incidents_deletes_them_all_with_their_files(vault):
    kept = ops.save_incident(vault, Incident("Kept", "2026-03-02")).value
    gone = [ops.save_incident(vault, Incident(f"Gone {n}", "2026-03-01")).value for n in range(3)]
    for ident in gone:
        ops.import_screenshot(vault, ident, png())
    done = ops.delete_incidents(vault, gone)
    assert done.changes.incidents and done.changes.evidence
    assert [i.id for i in vault.journal.incidents.list()] == [kept]
    assert vault.blobs.names() == set()


def test_an_import_keeps_the_good_files_and_names_the_refused(vault, tmp_path):
    ident = ops.save_incident(vault, Incident("Files", "2026-03-01")).value
    good, missing = tmp_path / "shot.png", tmp_path / "not-there.png"
    good.write_bytes(png())
    done = ops.import_evidence(vault, ident, [good, missing])
    assert done.changes.evidence
    assert [path for path, _error in done.value] == [missing]
    assert len(vault.journal.evidence.of_incident(ident)) == 1


def test_a_step_is_saved_then_updated_then_deleted(vault):
    ident = ops.save_incident(vault, Incident("Reported", "2026-03-01")).value
    step_id = ops.save_step(vault, Step(ident, "2026-03-02", kind="police", body="City police")).value
    ops.save_step(vault, Step(ident, "2026-03-02", kind="police", body="Central police", id=step_id))
    assert [s.body for s in vault.journal.incidents.steps_of(ident)] == ["Central police"]
    assert ops.delete_step(vault, step_id).changes.incidents
    assert vault.journal.incidents.steps_of(ident) == []


def test_a_bad_record_is_refused_and_nothing_is_said_to_change(vault):
    with pytest.raises(InvalidInput):
        ops.save_person(vault, Person("", ""))
    assert vault.journal.persons.list() == []


def test_the_passphrase_changes_only_with_the_current_one(vault, vault_path):
    with pytest.raises(WrongPassphrase):
        ops.change_passphrase(vault, "not the passphrase", "new lantern river cobalt")
    assert ops.change_passphrase(vault, PASSPHRASE, "new lantern river cobalt").changes.settings
    vault.lock()
    Vault.unlock(vault_path, "new lantern river cobalt").lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, PASSPHRASE)


def test_the_overdue_setting_also_changes_the_reports(vault):
    done = ops.set_setting(vault, settings.OVERDUE_DAYS, 45)
    assert done.changes.settings and done.changes.reports
    assert settings.read(vault.journal, settings.OVERDUE_DAYS) == 45


def test_evidence_for_a_new_incident_saves_it_first_and_only_once(vault, tmp_path):
    """Dropping files on an incident not saved yet is one operation: the incident, its links
    and its evidence; a second drop on the same unsaved incident does not make a second one."""
    shot = tmp_path / "shot.png"
    shot.write_bytes(png())
    person = ops.save_person(vault, Person(name="Amal Haddad", pseudonym="A.")).value
    new = ops.NewIncident(Incident("Dropped first", "2026-03-02"), persons={person: True})
    done = ops.import_evidence(vault, new, [shot])
    assert done.value == [] and new.incident.id is not None
    assert done.changes.incidents and done.changes.evidence and done.changes.persons
    again = ops.import_screenshot(vault, new, png())
    assert not again.changes.incidents
    assert vault.journal.incidents.count() == 1
    assert len(vault.journal.evidence.of_incident(new.incident.id)) == 2
    assert [p.id for p in vault.journal.incidents.persons_of(new.incident.id)] == [person]


def test_evidence_for_a_new_incident_that_cannot_be_saved_brings_nothing_in(vault, tmp_path):
    shot = tmp_path / "shot.png"
    shot.write_bytes(png())
    new = ops.NewIncident(Incident("No date", "not a date"))
    with pytest.raises(InvalidInput):
        ops.import_evidence(vault, new, [shot])
    assert new.incident.id is None
    assert vault.journal.incidents.count() == 0


def test_queries_give_the_screens_plain_records(vault):
    from app.core.operations import queries

    actor = ops.save_actor(vault, Actor(kind="account", platform="instagram", handle="@troll")).value
    for day, title in [("2026-01-03", "Third"), ("2026-01-01", "First"), ("2026-01-02", "Second")]:
        ops.save_incident(vault, Incident(title, day), actors={actor: title != "Second"})
    page = queries.incident_page(vault, None, "occurred_on", True, 2)
    assert page.total == 3 and [i.title for i in page.rows] == ["Third", "Second"]
    assert [i.title for i in queries.timeline(vault)] == ["First", "Second", "Third"]
    assert [title for _id, _day, title in queries.incidents_of_actor(vault, actor)] == ["Third", "First"]
    actors, counts = queries.actors(vault)
    assert counts == {actor: 2} and actors[0].handle == "@troll"
    assert queries.setting(vault, settings.OVERDUE_DAYS) == settings.OVERDUE_DAYS.default
def test_import_export_says_it_changed_incidents_evidence_and_actors(vault, tmp_path):
    from app.core import importers
    from app.core.importers import filters
    from app.core.importers.commit import ImportTarget
    from tests.core.importers import exports as ex

    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as preview:
        done = ops.import_export(vault, preview, filters.select(preview), ImportTarget(split="per-day"))
    assert done.changes & ops.Changes(incidents=True) and done.changes & ops.Changes(evidence=True)
    assert done.changes & ops.Changes(actors=True) and not done.changes & ops.Changes(reports=True)
    assert [i.id for i in vault.journal.incidents.list()] == done.value.incident_ids
def test_the_coercion_operations_set_the_wipe_and_the_duress_passphrase(vault, vault_path):
    from app.core import failed_unlocks

    assert ops.set_wipe_after_failed(vault, 4).changes.settings
    assert failed_unlocks.threshold(vault) == 4
    with pytest.raises(InvalidInput):
        ops.set_wipe_after_failed(vault, 2)
    with pytest.raises(InvalidInput):  # the passphrase rule applies to the duress passphrase too
        ops.set_duress_passphrase(vault, "short")
    ops.set_duress_passphrase(vault, "ordinary picnic sandwich weather")
    vault.lock()
    with Vault.unlock(vault_path, "ordinary picnic sandwich weather") as decoy:
        assert decoy.journal.incidents.list() == []
        ops.remove_duress_passphrase(decoy)  # from the decoy: replaces the other store, by design
