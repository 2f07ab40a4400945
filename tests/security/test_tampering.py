"""Changes made to the vault behind Sijil's back are found and reported in plain words."""

import os
import shutil

import pytest

from app.core import evidence
from app.core.errors import IntegrityError
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE, image_bytes, run_cli


@pytest.fixture
def filled(vault, vault_path):
    j = vault.journal
    for n in range(300):
        j.incidents.add(Incident(title=f"incident {n}", occurred_on="2026-01-01", description="words " * 50))
    ev = evidence.import_bytes(vault, 1, os.urandom(3 * 1024 * 1024 + 100), name="video.bin")
    vault.lock()
    return vault_path, ev


@pytest.mark.parametrize("where", [0.25, 0.5, 0.9])
def test_changed_database_page_is_refused_at_open(filled, where):
    path, _ = filled
    db = path / "journal.db"
    raw = bytearray(db.read_bytes())
    raw[int(len(raw) * where)] ^= 0x04
    db.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError, match="damaged"):
        Vault.unlock(path, PASSPHRASE)


def test_cli_reports_a_damaged_database_with_exit_3(filled):
    path, _ = filled
    db = path / "journal.db"
    raw = bytearray(db.read_bytes())
    raw[5000] ^= 0x01
    db.write_bytes(bytes(raw))
    proc = run_cli("--vault", str(path), "incident", "list")
    assert proc.returncode == 3 and "damaged" in proc.stderr
    assert proc.stderr.count("\n") == 1  # one plain line: no traceback, no SQLCipher log noise


def _blob_file(path, ev):
    return path / "blobs" / ev.blob


@pytest.mark.parametrize("damage", ["flip_chunk", "truncate", "reorder", "append"])
def test_damaged_blob_is_named_and_extract_writes_nothing(filled, tmp_path, damage):
    path, ev = filled
    blob = _blob_file(path, ev)
    raw = bytearray(blob.read_bytes())
    head, step = 28, 1024 * 1024 + 17
    if damage == "flip_chunk":
        raw[head + step + 500] ^= 0x80
    elif damage == "truncate":
        raw = raw[: head + 2 * step]
    elif damage == "reorder":
        raw = raw[:head] + raw[head + step : head + 2 * step] + raw[head : head + step] + raw[head + 2 * step :]
    else:
        raw += b"\x00" * 40
    blob.write_bytes(bytes(raw))
    out = tmp_path / "extracted.bin"
    with Vault.unlock(path, PASSPHRASE) as v, pytest.raises(IntegrityError, match=f"Evidence item {ev.id}"):
        evidence.extract(v, ev.id, out)
    assert not out.exists() and not list(tmp_path.glob(".extracted.bin*"))


def test_swapped_blob_files_are_detected(vault, vault_path, incident_id):
    a = evidence.import_bytes(vault, incident_id, b"first item" * 100)
    b = evidence.import_bytes(vault, incident_id, b"second item" * 100)
    vault.lock()
    blobs = vault_path / "blobs"
    shutil.move(blobs / a.blob, blobs / "tmpname")
    shutil.move(blobs / b.blob, blobs / a.blob)
    shutil.move(blobs / "tmpname", blobs / b.blob)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        for ev in (a, b):
            with pytest.raises(IntegrityError):
                evidence.read_original(v, ev.id)


def test_missing_blob_is_a_plain_error(vault, vault_path, incident_id):
    ev = evidence.import_bytes(vault, incident_id, image_bytes())
    vault.lock()
    (vault_path / "blobs" / ev.blob).unlink()
    with Vault.unlock(vault_path, PASSPHRASE) as v, pytest.raises(IntegrityError, match="missing"):
        evidence.read_original(v, ev.id)


def test_cli_extract_of_tampered_blob_exits_3(filled, tmp_path):
    path, ev = filled
    blob = _blob_file(path, ev)
    raw = bytearray(blob.read_bytes())
    raw[100] ^= 1
    blob.write_bytes(bytes(raw))
    out = tmp_path / "o.bin"
    proc = run_cli("--vault", str(path), "evidence", "extract", str(ev.id), "--out", str(out))
    assert proc.returncode == 3 and f"Evidence item {ev.id}" in proc.stderr
    assert not out.exists()
