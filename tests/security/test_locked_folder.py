"""What someone who copies the locked journal folder learns: sizes only by bucket, no times."""

import hashlib
import os
import time

import pytest

from app.core import crypto, evidence, timestamps
from app.core.models import Evidence
from app.core.vault import Vault
from tests.conftest import PASSPHRASE


def _sizes(vault):
    return {name: (vault.blobs.root / name).stat().st_size for name in vault.blobs.names()}


def test_nearby_sizes_give_identical_blob_sizes(vault, incident_id):
    """Before: blob size = original size + a fixed overhead, so each original's exact size (and
    every pair of copies of one file) could be read off the folder."""
    sizes = [100_000, 100_100, 100_300, 2_500_000, 2_540_000]
    blobs = [evidence.import_bytes(vault, incident_id, os.urandom(n)).blob for n in sizes]
    on_disk = [(vault.blobs.root / b).stat().st_size for b in blobs]
    assert on_disk[0] == on_disk[1] == on_disk[2] and on_disk[3] == on_disk[4]
    for original, stored in zip(sizes, on_disk, strict=True):
        assert original < stored <= original * 1.13 + 200


def test_small_items_all_look_alike(vault, incident_id):
    stored = {(vault.blobs.root / evidence.import_bytes(vault, incident_id, os.urandom(n)).blob).stat().st_size
              for n in (1, 50, 700, 9000)}
    assert len(stored) == 1


@pytest.mark.parametrize("n", [0, 1, crypto.CHUNK - 8, crypto.CHUNK - 7, crypto.CHUNK, 3 * crypto.CHUNK + 5])
def test_padded_blobs_read_back_exactly_at_chunk_edges(vault, incident_id, n):
    data = os.urandom(n)
    ev = evidence.import_bytes(vault, incident_id, data, name="x.bin")
    assert evidence.read_original(vault, ev.id) == data


def test_blobs_written_before_padding_still_open(vault, incident_id):
    """Format 1 blobs (no length prefix, no padding) are read as they are."""
    data = b"an old blob from before padding " * 1000
    name = crypto.random_name()
    with open(vault.blobs.path(name), "wb") as fh:
        crypto.encrypt_stream(vault.blobs._blob_key(name), iter([data]), fh)
    ev_id = vault.journal.evidence.add(Evidence(
        incident_id=incident_id, blob=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        media_type="text/plain", kind="text", imported_at="2025-01-01T00:00:00Z"))
    assert evidence.read_original(vault, ev_id) == data


def test_a_locked_folder_carries_no_clock_times(vault, vault_path, incident_id):
    evidence.import_bytes(vault, incident_id, os.urandom(5000))
    vault.lock()
    first = {p: p.stat().st_mtime for p in [vault_path, *vault_path.rglob("*")]}
    assert all(t < timestamps.EPOCH + 10**8 for t in first.values()), first
    assert time.gmtime(min(first.values())).tm_year == 2000
    with Vault.unlock(vault_path, PASSPHRASE) as again:  # a session that changes something
        evidence.import_bytes(again, incident_id, os.urandom(5000))
    second = {p: p.stat().st_mtime for p in [vault_path, *vault_path.rglob("*")]}
    assert all(t < timestamps.EPOCH + 10**8 for t in second.values())
    db = vault_path / "journal.db"
    assert second[db] > first[db]  # sync tools that compare times still see the change
    with Vault.unlock(vault_path, PASSPHRASE):  # a session that only reads
        pass
    assert db.stat().st_mtime == second[db]


def test_restored_blobs_lose_their_restore_time(vault, vault_path, incident_id, tmp_path):
    from app.core import backup
    evidence.import_bytes(vault, incident_id, os.urandom(5000))
    backup.create_backup(vault, tmp_path / "b.sijil")
    backup.restore_backup(tmp_path / "b.sijil", tmp_path / "restored", PASSPHRASE).lock()
    assert all(p.stat().st_mtime < timestamps.EPOCH + 10**8 for p in (tmp_path / "restored").rglob("*"))
