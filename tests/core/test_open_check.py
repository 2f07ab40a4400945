"""Unlock with the slow half of the open check in the background (open_check.py): the journal
opens at once, every write waits for the verdict, damage found later turns the vault read-only
in the words the synchronous open uses, and lock stops the check promptly."""

from __future__ import annotations

import threading
import time

import pytest

from app.core import db, duress, failed_unlocks, open_check
from app.core import vault as vault_mod
from app.core.errors import IntegrityError, RollbackDetected, VaultLocked
from app.core.models import Person
from app.core.vault import Vault
from tests.conftest import PASSPHRASE
from tests.security.test_rollback import PAGE, changed_pages, put_back, snapshot


def _names(v: Vault) -> list[str]:
    return [p.name for p in v.journal.persons.list()]


def _open_in_background(path) -> str:
    """Where the damage was caught: 'at once' (the cheap half refused) or 'in background'
    (unlocked, then the first write was refused in plain words and the vault turned read-only)."""
    try:
        v = Vault.unlock(path, PASSPHRASE, background=True)
    except IntegrityError:
        return "at once"
    try:
        with pytest.raises(IntegrityError) as info:
            v.journal.persons.add(Person(name="Written into a damaged journal", pseudonym="P"))
        assert v.read_only and v.integrity_warning == info.value.message
        assert "Traceback" not in info.value.message
    finally:
        v.lock()
    with pytest.raises(IntegrityError):  # nothing was resealed over the damage
        Vault.unlock(path, PASSPHRASE).lock()
    return "in background"


def test_an_older_page_is_still_caught_when_the_check_runs_in_the_background(vault, vault_path):
    old, new, pages = changed_pages(vault, vault_path)
    where = []
    for n in pages:
        put_back(vault_path, new[:n * PAGE] + old[n * PAGE:(n + 1) * PAGE] + new[(n + 1) * PAGE:])
        where.append(_open_in_background(vault_path))
    assert "in background" in where  # the deferred half is what caught some of them


def test_a_tampered_page_is_still_caught_when_the_check_runs_in_the_background(vault, vault_path):
    _old, new, pages = changed_pages(vault, vault_path)
    where = []
    for n in pages:
        page = bytearray(new[n * PAGE:(n + 1) * PAGE])
        page[PAGE // 2] ^= 0x40
        put_back(vault_path, new[:n * PAGE] + bytes(page) + new[(n + 1) * PAGE:])
        where.append(_open_in_background(vault_path))
    assert "in background" in where


def test_a_whole_older_copy_is_refused_at_once_in_the_same_words(vault, vault_path):
    vault.lock()
    old = snapshot(vault_path)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        v.journal.persons.add(Person(name="Added after the copy", pseudonym="P"))
    put_back(vault_path, old)
    with pytest.raises(RollbackDetected, match="older than the journal's last saved state"):
        Vault.unlock(vault_path, PASSPHRASE, background=True)


@pytest.fixture
def held_check(vault, vault_path, monkeypatch):
    """A background check held before its pass over the records until `release` is set."""
    vault.lock()
    started, release = threading.Event(), threading.Event()
    real = open_check.sums_problem

    def held(conn):
        started.set()
        release.wait(20)
        return real(conn)

    monkeypatch.setattr(open_check, "sums_problem", held)
    v = Vault.unlock(vault_path, PASSPHRASE, background=True)  # returns while the check is held
    assert started.wait(10)
    yield v, release
    release.set()
    v.lock()


def test_a_write_during_the_check_waits_for_it_then_succeeds(held_check, vault_path):
    v, release = held_check
    assert _names(v) == []  # reading does not wait
    done: list[int] = []
    writer = threading.Thread(target=lambda: done.append(v.journal.persons.add(Person(name="Typed while checking", pseudonym="P"))))
    writer.start()
    writer.join(0.3)
    assert writer.is_alive() and not done  # waiting for the verdict, nothing written
    release.set()
    writer.join(10)
    assert done and _names(v) == ["Typed while checking"] and not v.read_only
    v.lock()
    with Vault.unlock(vault_path, PASSPHRASE) as again:  # sealed as usual: the full open agrees
        assert _names(again) == ["Typed while checking"]


@pytest.mark.parametrize("write", [
    lambda v: v.journal.set_setting("theme", "dark"),
    lambda v: failed_unlocks.set_threshold(v, 5),
    lambda v: duress.remove_duress(v),
    lambda v: v.change_passphrase("another passphrase"),
], ids=["setting", "wipe threshold", "duress", "passphrase"])
def test_every_kind_of_write_waits_for_the_check(held_check, write):
    v, release = held_check
    errors: list[BaseException] = []

    def attempt():
        try:
            write(v)
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=attempt)
    writer.start()
    writer.join(0.3)
    assert writer.is_alive()
    release.set()
    writer.join(30)
    assert not writer.is_alive() and errors == []


def test_lock_during_the_check_stops_it_promptly(vault, vault_path, monkeypatch):
    for n in range(200):
        vault.journal.persons.add(Person(name=f"Person {n}", pseudonym="Witness", notes="n" * 200))
    vault.lock()
    started = threading.Event()
    real = open_check.sums_problem

    def endless(conn):  # real passes over the records, for as long as nobody stops them
        started.set()
        while True:
            real(conn)

    monkeypatch.setattr(open_check, "sums_problem", endless)
    v = Vault.unlock(vault_path, PASSPHRASE, background=True)
    assert started.wait(10)
    refused: list[BaseException] = []

    def write():
        try:
            v.journal.persons.add(Person(name="never written", pseudonym="P"))
        except BaseException as exc:
            refused.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    began = time.perf_counter()
    v.lock()
    assert time.perf_counter() - began < 1.0
    writer.join(5)
    assert [type(e) for e in refused] == [VaultLocked]
    assert not any(t.name == "sijil-open-check" for t in threading.enumerate())
    monkeypatch.undo()
    with Vault.unlock(vault_path, PASSPHRASE) as again:  # stopping harmed nothing
        assert "never written" not in _names(again) and len(_names(again)) == 200


def test_lock_no_longer_passes_over_every_record(vault, vault_path, monkeypatch):
    calls = []
    monkeypatch.setattr(vault_mod, "sums_problem", lambda conn: calls.append(conn))
    vault.journal.persons.add(Person(name="A", pseudonym="P"))
    vault.lock()
    assert calls == []


def test_a_commit_that_missed_the_triggers_is_still_resealed_at_lock(vault, vault_path):
    """What the pass at lock protected against: a commit on another connection (no triggers)
    must not raise a false rollback alarm at the next open."""
    other = db.open_database(vault_path / "journal.db", vault.derived_key(b"sijil-db"))
    try:
        other.execute("INSERT INTO settings (key, value) VALUES ('written', 'elsewhere')")
    finally:
        other.close()
    vault.lock()
    with Vault.unlock(vault_path, PASSPHRASE) as again:
        assert again.journal.get_setting("written") == "elsewhere"
