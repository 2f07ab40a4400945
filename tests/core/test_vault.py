import json
import stat

import pytest

from app.core import crypto
from app.core import header as header_mod
from app.core import vault as vault_mod
from app.core.errors import IntegrityError, VaultExists, VaultLocked, VaultNotFound, WrongPassphrase
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE


def version1_header(master: bytes, passphrase: str) -> header_mod.Header:
    """A header as Sijil wrote it before key slots: one wrapped master key."""
    kdf = crypto.KdfParams.new("test")
    kek = crypto.derive_kek(passphrase, kdf)
    probe = header_mod.Header(crypto.random_name(), kdf)
    return header_mod.Header(probe.vault_id, kdf, wrapped_key=crypto.wrap_key(kek, master, probe.associated_data()),
                             kek_check=crypto.kek_check(kek))


def test_create_makes_private_folder_and_files(vault, vault_path):
    vault.journal.incidents.add(Incident(title="x", occurred_on="2026-01-01"))
    vault.lock()
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o700
    assert stat.S_IMODE((vault_path / "blobs").stat().st_mode) == 0o700
    for f in vault_path.rglob("*"):
        if f.is_file():
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name


def test_create_refuses_an_existing_vault(vault, vault_path):
    with pytest.raises(VaultExists):
        Vault.create(vault_path, "another", strength="test")
    vault.lock()
    assert Vault.unlock(vault_path, PASSPHRASE).journal.incidents.count() == 0


def test_unlock_round_trip_keeps_data(vault, vault_path):
    ident = vault.journal.incidents.add(Incident(title="Doxxing", occurred_on="2026-02-01"))
    vault.lock()
    with Vault.unlock(vault_path, PASSPHRASE) as again:
        assert again.journal.incidents.get(ident).title == "Doxxing"


def test_wrong_passphrase_is_detected_before_the_database_is_read(vault, vault_path):
    vault.lock()
    db = vault_path / "journal.db"
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    with pytest.raises(WrongPassphrase) as info:
        Vault.unlock(vault_path, "wrong passphrase")
    assert "passphrase" in info.value.message and info.value.exit_code == 4
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert not (vault_path / "journal.db-wal").exists()


def test_missing_vault_says_so(tmp_path):
    with pytest.raises(VaultNotFound):
        Vault.unlock(tmp_path / "nowhere", PASSPHRASE)


def test_locked_vault_refuses_access_and_drops_keys(vault):
    journal = vault.journal
    vault.lock()
    assert vault.locked
    with pytest.raises(VaultLocked):
        _ = vault.journal
    with pytest.raises(VaultLocked):
        vault.master_key()
    with pytest.raises(VaultLocked):
        _ = vault.blobs
    with pytest.raises(Exception):  # the connection itself is closed
        journal.incidents.count()
    vault.lock()  # twice is harmless


def test_pragmas_are_enforced_on_open(vault):
    conn = vault.journal.conn
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_change_passphrase_keeps_every_record(vault, vault_path):
    ident = vault.journal.incidents.add(Incident(title="kept", occurred_on="2026-01-01"))
    db_before = (vault_path / "journal.db").stat().st_size
    vault.change_passphrase("new passphrase")
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, PASSPHRASE)
    with Vault.unlock(vault_path, "new passphrase") as v:
        assert v.journal.incidents.get(ident).title == "kept"
        assert v.journal.audit.entries()[-1].action == "vault.passphrase_change"
    assert (vault_path / "journal.db").stat().st_size >= db_before


def test_change_passphrase_puts_a_new_master_key_in_force(vault, vault_path, incident_id, tmp_path):
    """The old passphrase and an old copy of the header no longer open the journal, nor sign."""
    from app.core import backup, evidence

    ev = evidence.import_bytes(vault, incident_id, b"screenshot bytes")
    old_master, old_signer = vault.master_key(), bytes(vault.signing_key().verify_key)
    old_header = (vault_path / "sijil-vault.json").read_bytes()
    backup.create_backup(vault, tmp_path / "before.sijilbackup")
    vault.change_passphrase("new passphrase")
    assert vault.master_key() != old_master
    assert bytes(vault.signing_key().verify_key) != old_signer
    assert evidence.read_original(vault, ev.id) == b"screenshot bytes"
    backup.create_backup(vault, tmp_path / "after.sijilbackup")
    vault.lock()
    (vault_path / "sijil-vault.json").write_bytes(old_header)  # the old header put back
    with pytest.raises(IntegrityError):
        Vault.unlock(vault_path, PASSPHRASE)  # unwraps the old key, which opens nothing now
    with pytest.raises(IntegrityError):
        Vault.unlock_with_master(vault_path, old_master)
    with backup.restore_backup(tmp_path / "before.sijilbackup", tmp_path / "old", PASSPHRASE) as old:
        assert evidence.read_original(old, ev.id) == b"screenshot bytes"
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(tmp_path / "after.sijilbackup", tmp_path / "new", PASSPHRASE)
    backup.restore_backup(tmp_path / "after.sijilbackup", tmp_path / "new", "new passphrase").lock()


def test_evidence_added_after_a_change_is_out_of_reach_of_the_old_keys(vault, vault_path, incident_id, tmp_path):
    """Old passphrase + an old copy of the database yield the blob keys of that time only."""
    import shutil

    from app.core import backup, evidence

    backup.create_backup(vault, tmp_path / "before.sijilbackup")
    vault.change_passphrase("new passphrase")
    later = evidence.import_bytes(vault, incident_id, b"added after the change")
    assert later.blob.startswith("g1x")
    vault.lock()
    with backup.restore_backup(tmp_path / "before.sijilbackup", tmp_path / "old", PASSPHRASE) as old:
        shutil.copy(vault_path / "blobs" / later.blob, tmp_path / "old" / "blobs" / later.blob)
        with pytest.raises(IntegrityError):
            old.blobs.read(later.blob, "the later item")
    with Vault.unlock(vault_path, "new passphrase") as v:
        assert evidence.read_original(v, later.id) == b"added after the change"


def test_cancelled_passphrase_change_changes_nothing(vault, vault_path):
    from app.core.errors import Cancelled

    header = (vault_path / "sijil-vault.json").read_bytes()
    master = vault.master_key()

    def cancel_at_copy(done, total):
        if done == 3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        vault.change_passphrase("new passphrase", progress=cancel_at_copy)
    assert vault.master_key() == master and (vault_path / "sijil-vault.json").read_bytes() == header
    assert not list(vault_path.glob("journal.db.rekey*"))
    vault.journal.incidents.add(Incident(title="still writable", occurred_on="2026-01-01"))
    vault.lock()
    Vault.unlock(vault_path, PASSPHRASE).lock()


def test_change_passphrase_can_raise_key_strength(vault, vault_path):
    vault.change_passphrase("stronger", strength="normal")
    assert vault_mod.read_header(vault_path).kdf.strength == "normal"


def test_header_stores_kdf_parameters_and_no_secret(vault, vault_path):
    header = json.loads((vault_path / "sijil-vault.json").read_text())
    assert header["kdf"]["algorithm"] == "argon2id13"
    assert {"opslimit", "memlimit", "salt"} <= header["kdf"].keys()
    assert vault.master_key().hex() not in json.dumps(header)


@pytest.mark.parametrize("change", ["salt", "opslimit", "garbage"])
def test_tampered_header_is_an_integrity_error(vault, vault_path, change):
    vault.lock()
    path = vault_path / "sijil-vault.json"
    header = json.loads(path.read_text())
    if change == "salt":
        header["kdf"]["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
    elif change == "opslimit":
        header["kdf"]["opslimit"] = 7
    path.write_text(json.dumps(header) if change != "garbage" else "{not json")
    with pytest.raises(IntegrityError) as info:
        Vault.unlock(vault_path, PASSPHRASE)
    assert info.value.exit_code == 3


def test_header_with_recomputed_checksum_still_does_not_unlock(vault, vault_path):
    """An attacker who lowers the KDF cost and fixes the checksum gets nowhere: the header is
    not one Sijil writes, so it is damage, refused before any key derivation."""
    vault.lock()
    path = vault_path / "sijil-vault.json"
    header = json.loads(path.read_text())
    header.pop("checksum")
    header["kdf"]["memlimit"] = 8192 * 2
    header["checksum"] = header_mod._checksum(header)
    path.write_text(json.dumps(header))
    with pytest.raises(IntegrityError):
        Vault.unlock(vault_path, PASSPHRASE)


def test_signing_key_is_stable_per_vault(vault, vault_path, tmp_path):
    key = bytes(vault.signing_key().verify_key)
    vault.lock()
    with Vault.unlock(vault_path, PASSPHRASE) as again:
        assert bytes(again.signing_key().verify_key) == key
    with Vault.create(tmp_path / "other", PASSPHRASE, strength="test") as other:
        assert bytes(other.signing_key().verify_key) != key


def test_missing_database_is_not_replaced_by_an_empty_journal(vault, vault_path):
    vault.journal.incidents.add(Incident(title="x", occurred_on="2026-01-01"))
    vault.lock()
    (vault_path / "journal.db").unlink()
    with pytest.raises(IntegrityError, match="missing"):
        Vault.unlock(vault_path, PASSPHRASE)
    assert not (vault_path / "journal.db").exists()


def test_a_journal_from_before_rollback_detection_opens_and_is_sealed(tmp_path):
    """Schema 2, blobs under the key derived from the master key, no journal.state: it opens,
    its evidence reads, and from then on it is sealed like a new one."""
    from app.core import crypto, db
    from app.core.atomic import private_dir, write_atomic
    from app.core.blobstore import BlobStore
    from app.core.errors import RollbackDetected

    path = tmp_path / "old"
    private_dir(path)
    master = crypto.new_master_key()
    header = version1_header(master, PASSPHRASE)
    conn = db.open_database(path / "journal.db", crypto.subkey(master, b"sijil-db"), create=True,
                            migrate_schema=False)
    db.migrate(conn, target=2)
    blobs = BlobStore(path / "blobs", {0: crypto.subkey(master, b"sijil-blobs")})
    name, digest, size = blobs.put([b"old evidence"], len(b"old evidence"))
    conn.execute("INSERT INTO incidents (title, occurred_on, created_at, updated_at) VALUES ('x', '2025-01-01', '', '')")
    conn.execute("INSERT INTO evidence (incident_id, blob, sha256, size, media_type, kind, imported_at) "
                 "VALUES (1, ?, ?, ?, 'text/plain', 'text', '')", (name, digest, size))
    conn.close()
    write_atomic(path / "sijil-vault.json", header.to_bytes())
    from app.core import evidence

    with Vault.unlock(path, PASSPHRASE) as v:
        assert evidence.read_original(v, 1) == b"old evidence"
    assert (path / "journal.state").exists()
    saved = (path / "journal.db").read_bytes()
    with Vault.unlock(path, PASSPHRASE) as v:
        v.journal.incidents.add(Incident(title="y", occurred_on="2026-01-01"))
    (path / "journal.db-wal").unlink(missing_ok=True)
    (path / "journal.db").write_bytes(saved)
    with pytest.raises(RollbackDetected):
        Vault.unlock(path, PASSPHRASE)
