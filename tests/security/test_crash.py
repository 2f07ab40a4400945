"""kill -9 at any moment loses nothing that was committed and leaves nothing half-written."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.core import evidence
from app.core.errors import WrongPassphrase
from app.core.vault import Vault
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def spawn(code: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_line(proc: subprocess.Popen, text: str) -> None:
    for line in proc.stdout:
        if text in line:
            return
    raise AssertionError(f"child ended early: {proc.stderr.read()}")


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_kill_during_import_leaves_the_vault_as_before(vault, vault_path, incident_id, tmp_path, delay):
    first = evidence.import_bytes(vault, incident_id, b"already saved")
    vault.lock()
    big = tmp_path / "video.bin"
    with open(big, "wb") as fh:
        block = os.urandom(1 << 20)
        for _ in range(300):
            fh.write(block)
    child = spawn(f"""
        from app.core.vault import Vault
        from app.core import evidence
        v = Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        print("importing", flush=True)
        evidence.import_file(v, {incident_id}, {str(big)!r})
        print("done", flush=True)
    """)
    wait_for_line(child, "importing")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        items = v.journal.evidence.of_incident(incident_id)
        assert items[0].id == first.id and evidence.read_original(v, first.id) == b"already saved"
        assert len(items) in (1, 2)  # the kill may land after the commit
        referenced = v.journal.evidence.all_blob_names()
        assert v.blobs.names() == referenced  # no orphan or temp file survives the next open
        assert not list((vault_path / "blobs").glob(".*"))
        assert v.journal.audit.verify()[1] is None


def working_passphrases(vault_path: Path) -> list[str]:
    works = []
    for phrase in (PASSPHRASE, "second"):
        try:
            Vault.unlock(vault_path, phrase).lock()
            works.append(phrase)
        except WrongPassphrase:
            pass
    return works


def test_kill_during_passphrase_changes_never_locks_the_owner_out(vault, vault_path):
    vault.lock()
    child = spawn(f"""
        from app.core.vault import Vault
        v = Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        print("ready", flush=True)
        for n in range(100000):
            v.change_passphrase("second" if n % 2 == 0 else {PASSPHRASE!r})
    """)
    wait_for_line(child, "ready")
    for pause in (0.05, 0.11, 0.23, 0.31, 0.47):
        time.sleep(pause)
        child.send_signal(signal.SIGSTOP)  # freeze mid-loop, check, then go on
        assert len(working_passphrases(vault_path)) == 1
        child.send_signal(signal.SIGCONT)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(working_passphrases(vault_path)) == 1
    assert not list(vault_path.glob(".sijil-vault.json.*"))  # a cut-short write is swept at open
