"""Two Sijil processes on one journal: the second is told plainly, and nothing is swept
from under the first. The lock dies with its process, however it dies."""

import signal
import subprocess

import pytest

from app.core import evidence
from app.core.errors import EXIT_IN_USE, JournalInUse
from app.core.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from tests.security.children import spawn, wait_for_line


def test_a_second_open_in_the_same_or_another_process_is_refused(vault, vault_path):
    with pytest.raises(JournalInUse, match="already open"):
        Vault.unlock(vault_path, PASSPHRASE)
    proc = run_cli("--vault", str(vault_path), "incident", "list")
    assert proc.returncode == EXIT_IN_USE and "already open" in proc.stderr
    assert proc.stderr.count("\n") == 1
    vault.lock()
    assert run_cli("--vault", str(vault_path), "incident", "list").returncode == 0


def test_refusal_comes_before_the_slow_key_derivation_and_even_with_a_wrong_passphrase(vault, vault_path):
    with pytest.raises(JournalInUse):
        Vault.unlock(vault_path, "not the passphrase")


def test_an_import_in_progress_elsewhere_keeps_its_evidence(vault, vault_path, incident_id, tmp_path):
    """The reported loss: process A has renamed its blob into place, not yet committed; process
    B opened the journal and swept the 'orphan'; A printed success, the evidence was gone."""
    vault.lock()
    item = tmp_path / "statement.txt"
    item.write_text("witness statement")
    child = spawn(f"""
        import sys
        from app.core import evidence
        from app.core.journal.evidence_records import EvidenceRecords
        from app.core.vault import Vault
        add = EvidenceRecords.add
        def slow_add(self, ev):
            print("blob in place", flush=True)
            sys.stdin.readline()  # hold here, between rename and commit
            return add(self, ev)
        EvidenceRecords.add = slow_add
        v = Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        ev = evidence.import_file(v, {incident_id}, {str(item)!r})
        v.lock()
        print("imported", ev.id, flush=True)
    """, stdin=subprocess.PIPE)
    wait_for_line(child, "blob in place")
    blobs_during = {p.name for p in (vault_path / "blobs").iterdir()}
    proc = run_cli("--vault", str(vault_path), "incident", "list")  # the second process
    assert proc.returncode == EXIT_IN_USE
    assert {p.name for p in (vault_path / "blobs").iterdir()} == blobs_during
    child.stdin.write("\n")
    child.stdin.flush()
    out, err = child.communicate(timeout=60)
    assert "imported" in out, err
    ev_id = int(out.split("imported")[1].split()[0])
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        assert evidence.read_original(v, ev_id) == b"witness statement"


def test_the_lock_goes_with_a_killed_process(vault, vault_path):
    vault.lock()
    child = spawn(f"""
        from app.core.vault import Vault
        v = Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        print("open", flush=True)
        import time
        time.sleep(60)
    """)
    wait_for_line(child, "open")
    with pytest.raises(JournalInUse):
        Vault.unlock(vault_path, PASSPHRASE)
    child.send_signal(signal.SIGKILL)
    child.wait()
    Vault.unlock(vault_path, PASSPHRASE).lock()


def test_a_complete_blob_no_row_refers_to_is_never_swept(vault, vault_path, incident_id):
    """It may be newer than the database (a rollback) and the only copy of the evidence."""
    kept = evidence.import_bytes(vault, incident_id, b"referenced")
    unreferenced = vault.blobs.put_bytes(b"renamed into place, then the process died")
    vault.lock()
    (vault_path / "blobs" / ".deadbeef.0123456789ab.tmp").write_bytes(b"half-written ciphertext")
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        assert {kept.blob, unreferenced} <= v.blobs.names()
    assert not list((vault_path / "blobs").glob(".*.tmp"))  # the dead process's temp file is swept
