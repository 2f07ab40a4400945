"""Quick wipe: keys first, then every file; unreadable from any moment after it began."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import duress, evidence, wipe
from app.core.errors import IntegrityError, VaultNotFound, WipeUnfinished, WrongPassphrase
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE

DURESS = "a duress passphrase for the test"
STEPS = ["keys", "keyring", "databases", "evidence", "settings"]


def _filled(path: Path, with_duress: bool = False) -> None:
    with Vault.create(path, PASSPHRASE, strength="test") as v:
        iid = v.journal.incidents.add(Incident(title="Threat", occurred_on="2026-03-14", description="secret"))
        evidence.import_bytes(v, iid, b"evidence bytes " * 1000, name="e.txt")
        if with_duress:
            duress.set_duress(v, DURESS)


def assert_opens_nothing(path: Path) -> None:
    for passphrase in (PASSPHRASE, DURESS):
        with pytest.raises((VaultNotFound, IntegrityError, WrongPassphrase)):
            Vault.unlock(path, passphrase).lock()


@pytest.mark.parametrize("with_duress", [False, True], ids=["plain", "with duress"])
def test_wipe_leaves_no_file_and_no_copy_taken_on_the_way_opens(tmp_path, with_duress):
    path, prefs = tmp_path / "vault", tmp_path / "config" / "sijil.ini"
    _filled(path, with_duress)
    prefs.parent.mkdir()
    prefs.write_text("[General]\nlanguage=ar\n")
    copies: list[Path] = []

    def copy_now(step: str) -> None:  # the folder as a seizure at this moment would find it
        copies.append(shutil.copytree(path, tmp_path / f"copy-{step}") if path.exists() else path)

    wipe.wipe(path, step=copy_now, prefs=prefs)
    assert not path.exists() and not prefs.exists()
    assert [c.name.removeprefix("copy-") for c in copies if c != path] == STEPS[:len(copies)]
    for copy in copies:
        assert_opens_nothing(copy)


def test_wipe_of_an_open_vault_locks_it_and_removes_everything(vault, vault_path, tmp_path):
    vault.journal.incidents.add(Incident(title="x", occurred_on="2026-01-01"))
    vault.wipe(prefs=tmp_path / "no-prefs.ini")
    assert vault.locked and not vault_path.exists()
    Vault.create(vault_path, PASSPHRASE, strength="test").lock()  # the folder can hold a new journal


def test_wipe_while_open_elsewhere_destroys_the_keys_and_says_so(vault, vault_path, tmp_path):
    with pytest.raises(WipeUnfinished):
        wipe.wipe(vault_path, prefs=tmp_path / "no-prefs.ini")
    vault.lock()
    assert_opens_nothing(vault_path)
    wipe.wipe(vault_path, prefs=tmp_path / "no-prefs.ini")
    assert not vault_path.exists()


def test_wipe_refuses_a_folder_without_a_journal(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"jpeg")
    with pytest.raises(VaultNotFound):
        wipe.wipe(tmp_path / "photos", prefs=tmp_path / "no-prefs.ini")
    assert (tmp_path / "photos" / "holiday.jpg").read_bytes() == b"jpeg"


def test_wipe_keeps_files_that_are_not_the_journals(vault, vault_path, tmp_path):
    vault.lock()
    (vault_path / "notes.txt").write_text("hers, not Sijil's")
    wipe.wipe(vault_path, prefs=tmp_path / "no-prefs.ini")
    assert sorted(p.name for p in vault_path.iterdir()) == ["notes.txt"]


def test_cli_wipe_asks_unless_yes_and_needs_no_passphrase(tmp_path):
    from tests.conftest import run_cli

    path, config = tmp_path / "vault", tmp_path / "config"
    env = {"XDG_CONFIG_HOME": str(config)}
    run_cli("--vault", str(path), "init", check=True, env=env)
    (config / "Sijil").mkdir(parents=True)
    (config / "Sijil" / "sijil.ini").write_text("[General]\ndiscreet=true\n")
    asked = run_cli("--vault", str(path), "wipe", passphrase=None, env=env)
    assert asked.returncode == 2 and "--yes" in asked.stderr and (path / "sijil-vault.json").exists()
    done = run_cli("--vault", str(path), "wipe", "--yes", passphrase=None, env=env)
    assert done.returncode == 0 and "SSD" in done.stdout, done.stderr
    assert not path.exists() and not (config / "Sijil" / "sijil.ini").exists()
    again = run_cli("--vault", str(path), "wipe", "--yes", passphrase=None, env=env)
    assert again.returncode != 0 and "Traceback" not in again.stderr


@pytest.mark.parametrize("left", [[], [".sijil.lock"], [".sijil.lock", "journal-b.state"]],
                         ids=["empty folder", "lock file", "lock and a state file"])
def test_a_second_wipe_finishes_what_a_cut_short_one_left(tmp_path, left):
    path = tmp_path / "vault"
    path.mkdir()
    for name in left:
        (path / name).write_bytes(b"x" * (0 if name.endswith("lock") else 80))
    wipe.wipe(path, prefs=tmp_path / "no-prefs.ini")
    assert not path.exists()
