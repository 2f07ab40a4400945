"""Integrity benchmarks, on demand (`make bench`): what a passphrase change and the sealed
state cost, each with a baseline from the same run.

- Re-keying time with no evidence and with 1 GiB of evidence: the blob key lives in the
  database, so evidence is not rewritten; the baseline is what re-encrypting that GiB would
  cost (read + secretstream + write + fsync of the same files).
- Commit time with and without the state seal at 2,000 and 10,000 records (the seal hashes
  every record on each commit).
"""

from __future__ import annotations

import os
import statistics
import time

import nacl.bindings as sodium

from app.core import evidence
from app.core.models import Incident
from app.core.vault import Vault

PASS = "benchmark passphrase"
MIB = 1 << 20


def _timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        os.sync()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _reencrypt_all(blob_dir, out_dir) -> None:
    """The alternative design's cost: every blob read, re-encrypted and written durably."""
    for src in blob_dir.iterdir():
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, os.urandom(32))
        with open(src, "rb") as fh, open(out_dir / src.name, "wb") as dst:
            dst.write(header)
            while chunk := fh.read(MIB):
                dst.write(sodium.crypto_secretstream_xchacha20poly1305_push(
                    state, chunk, None, sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
            dst.flush()
            os.fsync(dst.fileno())


def _fill(vault: Vault, incidents: int) -> None:
    j = vault.journal
    with j.write("bench.fill"):
        for n in range(incidents):
            j.conn.execute(
                "INSERT INTO incidents (title, occurred_on, description, created_at, updated_at) "
                "VALUES (?, '2026-01-01', ?, '', '')", (f"incident {n}", "words " * 80))


def test_rekey_time_does_not_grow_with_evidence(tmp_path):
    phrases = iter(f"passphrase {n}" for n in range(100))
    figures = {}
    for gib in (0, 1):
        path = tmp_path / f"v{gib}"
        with Vault.create(path, PASS, "test") as v:
            _fill(v, 2000)
            ident = v.journal.incidents.add(Incident(title="evidence", occurred_on="2026-01-01"))
            for _n in range(gib * 16):
                evidence.import_bytes(v, ident, os.urandom(64 * MIB))
            figures[gib] = _timed(lambda v=v: v.change_passphrase(next(phrases)))
            db_mib = (path / "journal.db").stat().st_size / MIB
    out = tmp_path / "reencrypted"
    out.mkdir()
    baseline = _timed(lambda: _reencrypt_all(tmp_path / "v1" / "blobs", out), repeat=1)
    print(f"\nre-keying (test KDF), database {db_mib:.1f} MiB: {figures[0]:.3f} s with no evidence, "
          f"{figures[1]:.3f} s with 1 GiB of evidence; "
          f"re-encrypting that GiB instead would take {baseline:.2f} s (same run)")
    assert figures[1] < figures[0] * 3 + 0.5  # independent of the evidence, noise aside


def test_rekey_time_with_the_real_key_derivation(tmp_path):
    for strength in ("normal", "high"):
        with Vault.create(tmp_path / strength, PASS, "test") as v:
            _fill(v, 2000)
            rekey = _timed(lambda v=v, s=strength: v.change_passphrase("another " + s, s), repeat=1)
            kdf_only = _timed(lambda v=v, s=strength: v.header.unwrap("another " + s), repeat=1)
        print(f"\nre-keying with the {strength} KDF: {rekey:.2f} s, of which the KDF alone {kdf_only:.2f} s")


def test_commit_cost_of_the_state_seal(tmp_path):
    """A commit after a quiet second writes journal.state at once (one fsync more); commits in a
    burst share a write. The bare baseline has the seal switched off, same vault, same run."""
    for records in (2000, 10000):
        with Vault.create(tmp_path / f"s{records}", PASS, "test") as v:
            _fill(v, records)
            j = v.journal

            def commit(j=j):
                j.set_setting("bench", str(time.perf_counter()))

            def quiet_commit():
                time.sleep(1.1)
                start = time.perf_counter()
                commit()
                return time.perf_counter() - start

            quiet = statistics.median(quiet_commit() for _ in range(5))
            burst = _timed(lambda: [commit() for _ in range(50)], repeat=3) / 50
            seal, j.seal = j.seal, None
            bare = _timed(lambda: [commit() for _ in range(50)], repeat=3) / 50
            j.seal = seal
            commit()  # seal the bare commits again before the vault closes
        print(f"\ncommit at {records} incidents: {quiet * 1000:.1f} ms after a quiet second, "
              f"{burst * 1000:.1f} ms each in a burst, {bare * 1000:.1f} ms without the seal (same run)")
