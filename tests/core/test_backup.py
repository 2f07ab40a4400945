import stat

import pytest

from app.core import backup, evidence
from app.core.errors import IntegrityError, VaultExists, WrongPassphrase
from app.core.models import Incident
from tests.conftest import PASSPHRASE, image_bytes


@pytest.fixture
def filled(vault, incident_id):
    evidence.import_bytes(vault, incident_id, image_bytes(size=(300, 200)))
    evidence.import_bytes(vault, incident_id, "نص الشهادة".encode())
    return vault


def test_backup_restores_everything(filled, tmp_path):
    out = tmp_path / "journal.sijil-backup"
    backup.create_backup(filled, out)
    with backup.restore_backup(out, tmp_path / "restored", PASSPHRASE) as restored:
        j = restored.journal
        assert j.incidents.count() == 1
        items = j.evidence.of_incident(1)
        assert [evidence.read_original(restored, e.id) for e in items][1] == "نص الشهادة".encode()
        assert j.audit.verify()[1] is None
        assert restored.blobs.names() == filled.blobs.names()


def test_backup_reveals_no_names_or_structure(filled, tmp_path):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    raw = out.read_bytes()
    for name in filled.blobs.names() | {"journal.db", "blobs/"}:
        assert name.encode() not in raw


def test_backup_opens_only_with_the_passphrase(filled, tmp_path):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(out, tmp_path / "r", "not it")
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "not_a_backup"])
def test_damaged_backup_restores_nothing(filled, tmp_path, damage):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    raw = bytearray(out.read_bytes())
    if damage == "flip":
        raw[len(raw) - 100] ^= 1
    elif damage == "truncate":
        raw = raw[: len(raw) - 200]
    else:
        raw = bytearray(b"PK\x03\x04 zip file")
    out.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError):
        backup.restore_backup(out, tmp_path / "r", PASSPHRASE)
    assert not (tmp_path / "r").exists()


def test_restore_refuses_to_overwrite_a_vault(filled, tmp_path, vault_path):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    filled.journal.incidents.add(Incident(title="after backup", occurred_on="2026-01-01"))
    with pytest.raises(VaultExists):
        backup.restore_backup(out, vault_path, PASSPHRASE)
    assert filled.journal.incidents.count() == 2


def test_backup_uses_the_passphrase_of_its_time(filled, tmp_path):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    titles = [i.title for i in filled.journal.incidents.list()]
    filled.change_passphrase("later passphrase")
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(out, tmp_path / "later", "later passphrase")
    restored = backup.restore_backup(out, tmp_path / "r", PASSPHRASE)
    assert [i.title for i in restored.journal.incidents.list()] == titles
    restored.lock()


def _tree(folder):
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None, p.stat().st_mode)
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("failure", ["wrong_passphrase", "damaged"])
def test_failed_restore_into_an_existing_folder_touches_only_what_it_wrote(filled, tmp_path, failure):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    if failure == "damaged":
        raw = bytearray(out.read_bytes())
        raw[len(raw) - 100] ^= 1
        out.write_bytes(bytes(raw))
    target = tmp_path / "shared"
    (target / "blobs").mkdir(parents=True)
    (target / "blobs" / "holiday.jpg").write_bytes(b"someone's unrelated file")
    (target / "journal.db-wal").write_bytes(b"not ours either")
    (target / "notes.txt").write_text("keep me")
    target.chmod(0o755)
    before = _tree(target)
    with pytest.raises((WrongPassphrase, IntegrityError)):
        backup.restore_backup(out, target, "not it" if failure == "wrong_passphrase" else PASSPHRASE)
    after = _tree(target)
    assert after == before


def test_a_folder_created_by_restore_is_private(filled, tmp_path):
    out = tmp_path / "b"
    backup.create_backup(filled, out)
    with backup.restore_backup(out, tmp_path / "new" / "journal", PASSPHRASE) as restored:
        assert restored.journal.incidents.count() == 1
    assert stat.S_IMODE((tmp_path / "new" / "journal").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "journal" / "blobs").stat().st_mode) == 0o700
