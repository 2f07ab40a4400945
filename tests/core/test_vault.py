import json
import stat

import pytest

from app.core import vault as vault_mod
from app.core.errors import IntegrityError, VaultExists, VaultLocked, VaultNotFound, WrongPassphrase
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE


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


def test_change_passphrase_rewraps_without_touching_data(vault, vault_path):
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
    header["checksum"] = vault_mod._checksum(header)
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
