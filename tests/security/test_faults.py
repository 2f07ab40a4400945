"""Faults of the place the journal lives: a disk that fills up, a read-only disk, a damaged
file. Each is a plain message, loses nothing, and the journal opens afterwards.

Uses a real small tmpfs where the tests may mount one (root, as in CI); the RLIMIT_FSIZE
stand-in for a full disk is in test_bad_input.py.
"""

import os
import subprocess
from pathlib import Path

import pytest

from app.core import blobpack, evidence
from app.core.blobstore import BlobStore
from app.core.errors import DiskFull
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE, run_cli


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
                             capture_output=True).returncode == 0
    if not mounted and os.geteuid() == 0:  # CI runs as root: a real full disk is never skipped there
        pytest.fail("root could not mount a 16 MiB tmpfs for the full-disk test")
    if not mounted:  # RLIMIT_FSIZE stands in for a full disk in test_bad_input and below
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _filled_journal(disk: Path) -> tuple[Path, dict[int, bytes]]:
    path = disk / "vault"
    kept = {}
    with Vault.create(path, PASSPHRASE, strength="test") as v:
        v.journal.incidents.add(Incident(title="Before the disk filled", occurred_on="2026-03-14"))
        for n in range(3):
            data = os.urandom(1024 * 1024 + n)
            kept[evidence.import_bytes(v, 1, data).id] = data
    return path, kept


def _fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler"
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(bytes(1 << 16))
                fh.flush()
        except OSError:
            pass
    with open(filler, "r+b") as fh:
        fh.truncate(max(0, filler.stat().st_size - leave))
    return filler


def _intact(path: Path, kept: dict[int, bytes]) -> None:
    with Vault.unlock(path, PASSPHRASE) as v:
        assert [i.title for i in v.journal.incidents.list()] == ["Before the disk filled"]
        for ev_id, data in kept.items():
            assert evidence.read_original(v, ev_id) == data
        assert v.journal.audit.verify()[1] is None
        assert v.journal.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_refuses_each_command_plainly_and_loses_nothing(small_disk, tmp_path):
    path, kept = _filled_journal(small_disk)
    big = tmp_path / "video.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    note = tmp_path / "note.txt"
    note.write_text("n" * 400_000)
    filler = _fill(small_disk, leave=96 * 1024)
    vault = ["--vault", str(path)]
    commands = {
        "import": [*vault, "evidence", "add", "1", str(big)],
        "edit": [*vault, "incident", "add", "--title", "After", "--occurred", "2026-03-15",
                 "--description-file", str(note)],
        "backup": [*vault, "backup", "--out", str(small_disk / "journal.sijil-backup")],
        "extract": [*vault, "evidence", "extract", str(next(iter(kept))), "--out", str(small_disk / "out.bin")],
    }
    for name, args in commands.items():
        proc = run_cli(*args)
        assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
        assert "not enough room" in proc.stderr and "Traceback" not in proc.stderr, (name, proc.stderr)
    assert not (small_disk / "journal.sijil-backup").exists() and not (small_disk / "out.bin").exists()
    assert not [p for p in small_disk.rglob(".*.tmp")]
    _intact(path, kept)
    filler.unlink()  # room again: everything works, nothing was lost on the way
    assert run_cli(*commands["import"]).returncode == 0
    _intact(path, kept)


def test_a_disk_that_fills_under_writes_behind_stops_the_batch_and_leaves_no_file(small_disk):
    # photos of an import are sealed and written on a thread behind it (app/core/blobpack.py):
    # the failure still stops the batch at once, in plain words, and its packs are removed
    store = BlobStore(small_disk / "blobs", {0: os.urandom(32)})
    stored = []
    with pytest.raises(DiskFull), store.batch():
        while len(stored) < 200:  # 50 MiB onto a 16 MiB disk
            stored.append(store.put_bytes(os.urandom(blobpack.BEHIND_MIN)))
    assert len(stored) < 120 and list(store.root.iterdir()) == []  # stopped soon after 16 MiB
    store.put_bytes(b"room again")  # the store works after it


def test_a_read_only_disk_is_named_and_nothing_changes(small_disk):
    path, kept = _filled_journal(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        proc = run_cli("--vault", str(path), "incident", "list")
        assert proc.returncode == 1 and "read-only" in proc.stderr and "Traceback" not in proc.stderr
        out = run_cli("--vault", str(small_disk / "new"), "init")
        assert out.returncode == 1 and "read-only" in out.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    _intact(path, kept)


def test_a_damaged_blob_header_or_backup_is_plain_and_the_rest_opens(vault, vault_path, incident_id, tmp_path):
    from app.core import backup
    keep = evidence.import_bytes(vault, incident_id, b"keep me")
    hurt = evidence.import_bytes(vault, incident_id, os.urandom(50_000))
    backup.create_backup(vault, tmp_path / "b.sijil")
    vault.lock()
    blob = vault_path / "blobs" / hurt.blob
    blob.write_bytes(blob.read_bytes()[:-3000])
    extract = run_cli("--vault", str(vault_path), "evidence", "extract", str(hurt.id), "--out", str(tmp_path / "x"))
    assert extract.returncode == 3 and f"Evidence item {hurt.id}" in extract.stderr and not (tmp_path / "x").exists()
    assert run_cli("--vault", str(vault_path), "evidence", "extract", str(keep.id), "--out",
                   str(tmp_path / "k")).returncode == 0
    raw = (tmp_path / "b.sijil").read_bytes()
    (tmp_path / "b.sijil").write_bytes(raw[:len(raw) // 2] + bytes([raw[len(raw) // 2] ^ 1]) + raw[len(raw) // 2 + 1:])
    restored = run_cli("--vault", str(tmp_path / "r"), "restore", str(tmp_path / "b.sijil"))
    assert restored.returncode == 3 and "Traceback" not in restored.stderr and not (tmp_path / "r").exists()
    header = vault_path / "sijil-vault.json"
    good = header.read_bytes()
    header.write_bytes(good[:40])
    broken = run_cli("--vault", str(vault_path), "incident", "list")
    assert broken.returncode == 3 and "header" in broken.stderr
    header.write_bytes(good)
    assert run_cli("--vault", str(vault_path), "incident", "list").returncode == 0
