"""Quick wipe and unlock figures, on demand (`make bench`). Baselines from the same run:
writing the same bytes with fsync (the floor for overwriting them), and the unlock's own
key derivation."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from app.core import crypto, duress, evidence, wipe
from app.core.header import read_header
from app.core.models import Incident
from app.core.vault import Vault

PASS = "benchmark passphrase"
MIB = 1 << 20


def _journal(path: Path, evidence_mib: int) -> int:
    with Vault.create(path, PASS, strength="normal") as v:
        iid = v.journal.incidents.add(Incident(title="t", occurred_on="2026-01-01"))
        for _n in range(evidence_mib // 8):
            evidence.import_bytes(v, iid, os.urandom(8 * MIB), name="e.bin")
        duress.set_duress(v, "benchmark duress passphrase")
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _write_floor(path: Path, size: int) -> float:
    os.sync()
    started = time.perf_counter()
    with open(path, "wb") as fh:
        left = size
        while left > 0:
            left -= fh.write(os.urandom(min(left, MIB)))
        fh.flush()
        os.fsync(fh.fileno())
    took = time.perf_counter() - started
    path.unlink()
    return took


def test_bench_wipe_and_unlock():
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        size = _journal(root / "j", 64)
        floor = _write_floor(root / "floor.bin", size)
        marks: dict[str, float] = {}
        os.sync()
        started = time.perf_counter()
        wipe.wipe(root / "j", step=lambda name: marks.setdefault(name, time.perf_counter() - started),
                  prefs=root / "no-prefs.ini")
        total = time.perf_counter() - started
        print(f"\nwipe of {size / MIB:.0f} MiB: keys gone after {marks['keys'] * 1000:.1f} ms, "
              f"everything after {total:.2f} s; writing as many bytes with fsync: {floor:.2f} s "
              f"(ratio {total / floor:.2f})")

        _journal(root / "k", 8)
        kdf = read_header(root / "k").kdf
        derive, unlock, duress_unlock = [], [], []
        for _run in range(5):
            t = time.perf_counter()
            crypto.derive_kek(PASS, kdf)
            derive.append(time.perf_counter() - t)
            for passphrase, into in ((PASS, unlock), ("benchmark duress passphrase", duress_unlock)):
                t = time.perf_counter()
                Vault.unlock(root / "k", passphrase).lock()
                into.append(time.perf_counter() - t)
        kdf_s, real_s, decoy_s = (statistics.median(x) for x in (derive, unlock, duress_unlock))
        print(f"unlock (normal strength): key derivation {kdf_s * 1000:.0f} ms, real passphrase "
              f"{real_s * 1000:.0f} ms (x{real_s / kdf_s:.2f}), duress passphrase {decoy_s * 1000:.0f} ms "
              f"(x{decoy_s / kdf_s:.2f})")
