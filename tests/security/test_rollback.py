"""A journal that goes back in time (a whole older database, or one older page of it) is
refused in plain words, nothing is deleted, and it can still be opened read-only."""

import shutil
from pathlib import Path

import pytest

from app.core import evidence
from app.core.errors import EXIT_INTEGRITY, IntegrityError, ReadOnlyJournal, RollbackDetected
from app.core.models import Incident, Person
from app.core.vault import Vault
from tests.conftest import PASSPHRASE, run_cli

PAGE = 4096  # SQLCipher 4's default page size


def snapshot(path: Path) -> bytes:
    return (path / "journal.db").read_bytes()


def put_back(path: Path, old: bytes) -> None:
    """What a synced folder's "restore previous version" does: the old file, no WAL beside it."""
    for suffix in ("-wal", "-shm"):
        (path / f"journal.db{suffix}").unlink(missing_ok=True)
    (path / "journal.db").write_bytes(old)


@pytest.fixture
def rolled_back(vault, vault_path, incident_id):
    """A journal whose database was replaced by its copy from before the last evidence item."""
    first = evidence.import_bytes(vault, incident_id, b"first item")
    vault.lock()
    old = snapshot(vault_path)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        later = evidence.import_bytes(v, incident_id, b"added after the copy")
        v.journal.incidents.add(Incident(title="later incident", occurred_on="2026-05-01"))
    put_back(vault_path, old)
    return vault_path, first, later


def test_an_older_copy_of_the_database_is_refused_and_nothing_is_deleted(rolled_back):
    path, _first, later = rolled_back
    blobs_before = sorted(p.name for p in (path / "blobs").iterdir())
    with pytest.raises(RollbackDetected, match="older than the journal's last saved state") as info:
        Vault.unlock(path, PASSPHRASE)
    assert info.value.exit_code == EXIT_INTEGRITY
    assert sorted(p.name for p in (path / "blobs").iterdir()) == blobs_before
    assert later.blob in blobs_before  # the newer evidence file is still there


def test_the_cli_exits_3_even_for_audit_verify_and_says_how_to_read_it(rolled_back):
    path, *_ = rolled_back
    proc = run_cli("--vault", str(path), "audit", "verify")
    assert proc.returncode == 3
    assert "older" in proc.stderr and "--read-only" in proc.stderr and "Traceback" not in proc.stderr


def test_read_only_open_shows_what_is_there_and_changes_nothing(rolled_back, tmp_path):
    path, first, later = rolled_back
    db_before = snapshot(path)
    with Vault.unlock(path, PASSPHRASE, read_only=True) as v:
        assert "older" in v.integrity_warning
        assert [e.id for e in v.journal.evidence.of_incident(first.incident_id)] == [first.id]
        evidence.extract(v, first.id, tmp_path / "out.bin")  # reading (and its record) works
        with pytest.raises(ReadOnlyJournal):
            v.journal.incidents.add(Incident(title="new", occurred_on="2026-01-01"))
        with pytest.raises(ReadOnlyJournal):
            v.change_passphrase("something else")
    assert (tmp_path / "out.bin").read_bytes() == b"first item"
    assert snapshot(path) == db_before and (path / "blobs" / later.blob).exists()
    proc = run_cli("--vault", str(path), "--read-only", "incident", "list")
    assert proc.returncode == 0 and "read-only" in proc.stderr
    proc = run_cli("--vault", str(path), "--read-only", "audit", "verify")
    assert proc.returncode == 3 and "not in its last saved state" in proc.stderr


def changed_pages(vault: Vault, vault_path: Path) -> tuple[bytes, bytes, list[int]]:
    """The database before and after one more person (the vault locked in between), and the
    pages that differ: each of them, put back from the older copy, keeps a valid HMAC."""
    for n in range(60):
        vault.journal.persons.add(Person(name=f"Person {n}", pseudonym=f"P{n}", notes="n" * 200))
    vault.lock()
    old = snapshot(vault_path)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        v.journal.persons.add(Person(name="Protected Woman", pseudonym="Witness A", notes="shelter address"))
    new = snapshot(vault_path)
    pages = [n for n in range(min(len(old), len(new)) // PAGE)
             if old[n * PAGE:(n + 1) * PAGE] != new[n * PAGE:(n + 1) * PAGE]]
    assert pages
    return old, new, pages


def test_one_older_page_is_detected_wherever_it_lands(vault, vault_path):
    """Each page keeps a valid HMAC when put back from an older copy; the state digest of
    the records and SQLite's structural check still notice, for every page that changed."""
    old, new, changed = changed_pages(vault, vault_path)
    for n in changed:
        spliced = new[:n * PAGE] + old[n * PAGE:(n + 1) * PAGE] + new[(n + 1) * PAGE:]
        put_back(vault_path, spliced)
        with pytest.raises(IntegrityError):
            Vault.unlock(vault_path, PASSPHRASE).lock()
    put_back(vault_path, new)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        assert "Protected Woman" in [p.name for p in v.journal.persons.list()]


def test_a_page_rollback_that_deletes_her_record_is_named(vault, vault_path):
    """The exact case: her row is gone, every page is authentic, the b-tree is sound."""
    j = vault.journal
    ids = [j.persons.add(Person(name=f"Person {n}", pseudonym=f"P{n}", notes="x" * 300)) for n in range(40)]
    vault.lock()
    old = snapshot(vault_path)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        v.journal.persons.update(v.journal.persons.get(ids[-1]))  # touch a record, not the tree
        v.journal.persons.add(Person(name="Protected Woman", pseudonym="Witness A"))
    new = snapshot(vault_path)
    found = 0
    for n in range(min(len(old), len(new)) // PAGE):
        page = slice(n * PAGE, (n + 1) * PAGE)
        if old[page] == new[page]:
            continue
        put_back(vault_path, new[:page.start] + old[page] + new[page.stop:])
        try:
            Vault.unlock(vault_path, PASSPHRASE).lock()
        except RollbackDetected as exc:
            found += "Part of the journal database is older than the rest" in exc.message
        except IntegrityError:
            pass
        else:
            raise AssertionError(f"page {n} put back from the older copy was not noticed")
    assert found  # at least one splice is structurally sound and only the record digest sees it


def test_a_crash_between_commit_and_state_file_is_not_a_rollback(vault, vault_path, incident_id):
    vault.lock()
    state = (vault_path / "journal.state").read_bytes()
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        evidence.import_bytes(v, incident_id, b"committed, state file not yet written")
        assert (vault_path / "journal.state").read_bytes() != state
    (vault_path / "journal.state").write_bytes(state)  # as if killed right after COMMIT
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        assert len(v.journal.evidence.of_incident(incident_id)) == 1
    with Vault.unlock(vault_path, PASSPHRASE):
        pass  # and the state file was caught up


def test_a_burst_of_commits_killed_before_its_seal_still_opens(vault, vault_path, incident_id):
    """Commits close together share one state-file write; the database keeps the last
    commits' states, so one that is ahead of the file by a burst is recognised as newer."""
    vault.lock()
    state = (vault_path / "journal.state").read_bytes()
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        for n in range(30):
            v.journal.incidents.add(Incident(title=f"burst {n}", occurred_on="2026-01-01"))
    (vault_path / "journal.state").write_bytes(state)  # as if killed before any of it was sealed
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        assert v.journal.incidents.count() == 31


def test_forked_too_old_or_missing_state_file_is_refused(vault, vault_path, tmp_path, monkeypatch):
    from app.core.db_state import StateSeal

    vault.lock()
    shutil.copytree(vault_path, tmp_path / "fork")  # the same journal, two futures
    for folder, title in ((vault_path, "here"), (tmp_path / "fork", "there")):
        with Vault.unlock(folder, PASSPHRASE) as v:
            v.journal.incidents.add(Incident(title=title, occurred_on="2026-01-01"))
    shutil.copy(vault_path / "journal.state", tmp_path / "saved.state")
    shutil.copy(tmp_path / "fork" / "journal.state", vault_path / "journal.state")
    with pytest.raises(RollbackDetected, match="does not match"):
        Vault.unlock(vault_path, PASSPHRASE)
    (vault_path / "journal.state").unlink()
    with pytest.raises(RollbackDetected, match="missing"):
        Vault.unlock(vault_path, PASSPHRASE)
    shutil.copy(tmp_path / "saved.state", vault_path / "journal.state")
    monkeypatch.setattr(StateSeal, "HISTORY", 3)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        for n in range(5):
            v.journal.set_setting("overdue_days", str(n))
    shutil.copy(tmp_path / "saved.state", vault_path / "journal.state")  # older than the history
    with pytest.raises(RollbackDetected, match="does not match"):
        Vault.unlock(vault_path, PASSPHRASE)


def test_state_file_of_another_journal_is_refused(vault, vault_path, tmp_path):
    vault.lock()
    with Vault.create(tmp_path / "other", PASSPHRASE, strength="test"):
        pass
    shutil.copy(tmp_path / "other" / "journal.state", vault_path / "journal.state")
    with pytest.raises(RollbackDetected):
        Vault.unlock(vault_path, PASSPHRASE)


def test_the_running_sums_match_the_records_after_every_kind_of_change(tmp_path):
    """The triggers must follow every write path (cascades, upserts, rolled-back work), or an
    honest journal would be reported as rolled back at its next open."""
    from app.core.demo import create_demo
    from app.core.models import Step

    with create_demo(tmp_path / "demo", PASSPHRASE, "test") as v:
        j = v.journal
        incident = j.incidents.list()[0]
        person = j.persons.add(Person(name="Linked", pseudonym="L"))
        j.incidents.link_person(incident.id, person)
        j.incidents.link_person(incident.id, person)  # INSERT OR IGNORE: nothing new
        j.incidents.add_step(Step(incident_id=incident.id, taken_on="2026-02-02", description="police"))
        j.set_setting("overdue_days", "10")
        j.set_setting("overdue_days", "12")  # upsert
        with pytest.raises(ZeroDivisionError), j.write("incident.add"):
            j.conn.execute("DELETE FROM steps")
            raise ZeroDivisionError  # rolled back: the sums go back with it
        j.incidents.delete(incident.id)  # cascades to links, steps, evidence rows
        j.persons.delete(person)
    with Vault.unlock(tmp_path / "demo", PASSPHRASE) as v:  # and it opens without a word
        assert v.integrity_warning is None
