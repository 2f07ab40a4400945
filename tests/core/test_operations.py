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
