"""Duress passphrase: a decoy journal in a folder that looks like any other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import backup, duress, evidence, header, keyslots, stores
from app.core.atomic import private_dir, write_atomic
from app.core.errors import InvalidInput, WrongPassphrase
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from tests.core.header_shape import folder_shape, header_shape

DURESS = "the passphrase she gives at the checkpoint"


def _journal(path: Path, with_duress: bool, destroy: bool = False) -> None:
    """The same real journal; one of them with a duress passphrase and a lived-in decoy."""
    with Vault.create(path, PASSPHRASE, strength="test") as v:
        iid = v.journal.incidents.add(Incident(title="Threat from the official", occurred_on="2026-03-14",
                                               description="names and places"))
        evidence.import_bytes(v, iid, b"screenshot" * 5000, name="s.png")
        if with_duress:
            duress.set_duress(v, DURESS, destroy_real=destroy)
    if with_duress:
        with Vault.unlock(path, DURESS) as decoy:
            for n in range(5):
                decoy.journal.incidents.add(Incident(title=f"Rude comment {n}", occurred_on="2026-02-01",
                                                     description="An ordinary complaint about a neighbour."))


def _titles(path: Path, passphrase: str) -> list[str]:
    with Vault.unlock(path, passphrase) as v:
        return [i.title for i in v.journal.incidents.list()]


def test_with_and_without_duress_the_folders_look_the_same(tmp_path):
    plain, hidden = tmp_path / "plain", tmp_path / "hidden"
    _journal(plain, with_duress=False)
    _journal(hidden, with_duress=True)
    assert folder_shape(plain) == folder_shape(hidden)
    assert header_shape(plain) == header_shape(hidden)
    # Every slot is filled in both: none is left empty or marked.
    for path in (plain, hidden):
        slots = header.read_header(path).slots
        assert len(slots) == keyslots.SLOTS and len(set(slots)) == keyslots.SLOTS
        assert all(len(s) == keyslots.SLOT_BYTES for s in slots)
    # File times say nothing either: every store file carries the same session counter.
    for path in (plain, hidden):
        times = {int((path / n).stat().st_mtime) for n in (stores.db_name(0), stores.db_name(1),
                                                            stores.state_name(0), stores.state_name(1))}
        assert len(times) == 1


def test_the_duress_passphrase_opens_the_decoy_and_only_the_decoy(tmp_path):
    path = tmp_path / "j"
    _journal(path, with_duress=True)
    assert sorted(_titles(path, DURESS)) == [f"Rude comment {n}" for n in range(5)]
    assert _titles(path, PASSPHRASE) == ["Threat from the official"]
    with Vault.unlock(path, DURESS) as decoy:
        assert decoy.store == 1
        assert decoy.journal.audit.verify()[1] is None


def test_destroy_real_leaves_only_the_decoy_and_a_folder_that_still_looks_ordinary(tmp_path):
    path, plain = tmp_path / "j", tmp_path / "plain"
    _journal(path, with_duress=True, destroy=True)  # the decoy was opened once already: destroyed
    _journal(plain, with_duress=False)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, PASSPHRASE)
    assert len(_titles(path, DURESS)) == 5
    assert folder_shape(path) == folder_shape(plain) and header_shape(path) == header_shape(plain)


def test_destroy_happens_before_the_decoy_opens(tmp_path):
    path = tmp_path / "j"
    with Vault.create(path, PASSPHRASE, strength="test") as v:
        duress.set_duress(v, DURESS, destroy_real=True)
    copy = tmp_path / "copy"
    with Vault.unlock(path, DURESS):
        shutil.copytree(path, copy)  # what a seizure while the decoy is open would find
    for folder in (path, copy):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(folder, PASSPHRASE)


def test_passwd_keeps_the_duress_passphrase_and_the_decoy(tmp_path):
    path = tmp_path / "j"
    _journal(path, with_duress=True)
    with Vault.unlock(path, PASSPHRASE) as v:
        v.change_passphrase("a brand new passphrase")
    assert _titles(path, "a brand new passphrase") == ["Threat from the official"]
    assert len(_titles(path, DURESS)) == 5
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, PASSPHRASE)
    with Vault.unlock(path, DURESS) as decoy:  # the decoy's own passphrase can change too
        decoy.change_passphrase("another duress passphrase")
    assert len(_titles(path, "another duress passphrase")) == 5
    assert _titles(path, "a brand new passphrase") == ["Threat from the official"]
    plain = tmp_path / "plain"
    _journal(plain, with_duress=False)
    assert folder_shape(path).keys() == folder_shape(plain).keys()
    assert (path / stores.db_name(1)).stat().st_size == (plain / stores.db_name(1)).stat().st_size


def test_backups_hold_one_journal_and_no_duress_slot(tmp_path):
    path = tmp_path / "j"
    _journal(path, with_duress=True)
    with Vault.unlock(path, PASSPHRASE) as v:
        backup.create_backup(v, tmp_path / "real.sijilbackup")
    with Vault.unlock(path, DURESS) as d:
        backup.create_backup(d, tmp_path / "decoy.sijilbackup")
    backup.restore_backup(tmp_path / "real.sijilbackup", tmp_path / "r1", PASSPHRASE).lock()
    assert _titles(tmp_path / "r1", PASSPHRASE) == ["Threat from the official"]
    with pytest.raises(WrongPassphrase):
        Vault.unlock(tmp_path / "r1", DURESS)
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(tmp_path / "decoy.sijilbackup", tmp_path / "r2", PASSPHRASE)
    backup.restore_backup(tmp_path / "decoy.sijilbackup", tmp_path / "r2", DURESS).lock()
    assert len(_titles(tmp_path / "r2", DURESS)) == 5
    assert folder_shape(tmp_path / "r1").keys() == folder_shape(tmp_path / "r2").keys()


def test_remove_forgets_the_duress_passphrase(tmp_path):
    path = tmp_path / "j"
    _journal(path, with_duress=True)
    with Vault.unlock(path, PASSPHRASE) as v:
        duress.remove_duress(v)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, DURESS)
    assert _titles(path, PASSPHRASE) == ["Threat from the official"]


def test_duress_passphrase_must_differ_from_the_real_one(vault):
    with pytest.raises(InvalidInput):
        duress.set_duress(vault, PASSPHRASE)


def test_the_keyring_key_finds_its_own_store(tmp_path):
    path = tmp_path / "j"
    _journal(path, with_duress=True)
    with Vault.unlock(path, DURESS) as d:
        decoy_key = d.master_key()
    with Vault.unlock_with_master(path, decoy_key) as d:
        assert d.store == 1 and len(d.journal.incidents.list()) == 5


def test_a_version_1_journal_gets_slots_and_a_spare_at_its_next_unlock(tmp_path):
    from app.core import crypto, db

    path = tmp_path / "old"
    private_dir(path)
    master = crypto.new_master_key()
    kdf = crypto.KdfParams.new("test")
    kek = crypto.derive_kek(PASSPHRASE, kdf)
    probe = header.Header(crypto.random_name(), kdf)
    old = header.Header(probe.vault_id, kdf, wrapped_key=crypto.wrap_key(kek, master, probe.associated_data()),
                        kek_check=crypto.kek_check(kek))
    db.open_database(path / "journal.db", crypto.subkey(master, b"sijil-db"), create=True).close()
    write_atomic(path / "sijil-vault.json", old.to_bytes())
    with Vault.unlock(path, PASSPHRASE) as v:
        v.journal.incidents.add(Incident(title="from before", occurred_on="2026-01-01"))
        duress.set_duress(v, DURESS)
    assert header.read_header(path).version == 2
    assert (path / stores.db_name(1)).exists()
    assert _titles(path, PASSPHRASE) == ["from before"] and _titles(path, DURESS) == []


def test_cli_duress_set_then_open_with_it_like_the_real_one(tmp_path):
    path = tmp_path / "vault"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    run_cli("--vault", str(path), "init", check=True, env=env)
    run_cli("--vault", str(path), "incident", "add", "--title", "Real threat", "--occurred", "2026-03-01",
            check=True, env=env)
    done = run_cli("--vault", str(path), "duress", "set", "--destroy-real", check=True,
                   env=env | {"SIJIL_DURESS_PASSPHRASE": DURESS})
    assert DURESS not in done.stdout + done.stderr
    run_cli("--vault", str(path), "incident", "add", "--title", "Neighbour noise", "--occurred", "2026-03-02",
            passphrase=DURESS, check=True, env=env)
    listed = run_cli("--vault", str(path), "incident", "list", passphrase=DURESS, check=True, env=env)
    assert "Neighbour noise" in listed.stdout and "Real threat" not in listed.stdout
    assert run_cli("--vault", str(path), "incident", "list", env=env).returncode == 4  # destroyed
    assert run_cli("--vault", str(path), "duress", "remove", passphrase=DURESS, env=env).returncode == 0


def test_a_decoy_that_fails_to_be_made_leaves_the_journal_open_and_locked_to_others(vault, vault_path,
                                                                                   monkeypatch):
    from app.core.errors import JournalInUse
    from app.core.folder_lock import FolderLock

    def full_disk(conn):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stores, "pad", full_disk)
    with pytest.raises(OSError):
        duress.set_duress(vault, DURESS)
    with pytest.raises(JournalInUse):
        FolderLock.acquire(vault_path)  # the folder stays with the open journal
    vault.journal.incidents.add(Incident(title="still working", occurred_on="2026-01-01"))
    monkeypatch.undo()
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, DURESS)
    assert _titles(vault_path, PASSPHRASE) == ["still working"]
