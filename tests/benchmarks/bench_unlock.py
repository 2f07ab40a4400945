"""Unlock at the scale of a campaign, core only (`make bench`): 100,000 evidence rows on 10,000
incidents, built in one transaction, their blob names pointing at no file (the GUI benchmark, bench_scale.py,
builds the full journal). Prints, from the same run, the KDF alone, the unlock with the full
check before the window (the old way), the unlock with it in the background (the window's wait;
goal: KDF + 0.5 s) and that check's own time, lock, and the parts of the open that grow with
the journal: the state check's recomputed sums and SQLCipher's/SQLite's page and structure checks.

    PYTHONPATH=$PWD python -m pytest -q -s -p no:cacheprovider tests/benchmarks/bench_unlock.py
    SIJIL_BENCH_EVIDENCE=10000 ...   a quick run at a tenth of the scale (incidents: a tenth of it)
"""

from __future__ import annotations

import dataclasses
import os
import time
from datetime import date, timedelta

from app.core import crypto, stores
from app.core import evidence as evidence_mod
from app.core.db_state import record_tables, table_sum
from app.core.journal.rows import Rows
from app.core.models import Evidence, Incident
from app.core.vault import Vault, read_header

EVIDENCE = int(os.environ.get("SIJIL_BENCH_EVIDENCE", "100000"))
INCIDENTS = max(1, EVIDENCE // 10)
PASSPHRASE = "a campaign-sized journal"


def fill(vault: Vault) -> None:
    j = vault.journal
    incidents = Rows(j.conn, "incidents", Incident, "Incident")
    evidence = Rows(j.conn, "evidence", Evidence, "Evidence", timestamps=False)
    template = evidence_mod.store_bytes(vault, b"message", name="m.txt", text=True)
    start = date(2022, 1, 1)
    with j.write("bench.fill") as now:
        ids = [incidents.insert(Incident(title=f"incident {n}", description="threat address school " * 4,
                                         occurred_on=(start + timedelta(days=n % 1400)).isoformat()), now)
               for n in range(INCIDENTS)]
        for n in range(EVIDENCE):
            evidence.insert(dataclasses.replace(template, incident_id=ids[n % INCIDENTS], caption=f"caption {n}",
                                                blob=f"{n:0{len(template.blob)}x}",  # no file behind: not read
                                                original_name=f"m{n}.txt"), now)


def best(fn, runs: int = 3, after=lambda result: None) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
        after(result)
    return min(times)


def test_unlock_of_a_campaign_sized_journal(tmp_path):
    path = tmp_path / "journal"
    began = time.perf_counter()
    vault = Vault.create(path, PASSPHRASE, strength="normal")
    fill(vault)
    vault.lock()
    print(f"\n[unlock] {INCIDENTS:,} incidents, {EVIDENCE:,} evidence rows: built in {time.perf_counter() - began:.1f} s")

    kdf = best(lambda: crypto.derive_kek(PASSPHRASE, read_header(path).kdf))
    unlock = best(lambda: Vault.unlock(path, PASSPHRASE), after=Vault.lock)
    background = best(lambda: Vault.unlock(path, PASSPHRASE, background=True),
                      after=lambda v: (v.before_write(), v.lock()))
    checked = best(lambda: (v := Vault.unlock(path, PASSPHRASE, background=True), v.before_write())[0],
                   after=Vault.lock)
    v = Vault.unlock(path, PASSPHRASE)
    v.journal.set_setting("bench", "1")
    locking = best(v.lock, 1)
    stopping = []
    for _ in range(3):
        v = Vault.unlock(path, PASSPHRASE, background=True)
        time.sleep(0.3)  # inside the check's pass
        began = time.perf_counter()
        v.lock()
        stopping.append(time.perf_counter() - began)
    print(f"baseline: KDF alone {kdf:.2f} s")
    print(f"unlock, full check first (old): {unlock:.2f} s = KDF + {unlock - kdf:.2f} s ({unlock / kdf:.2f}x the KDF)")
    print(f"unlock, check in background: {background:.2f} s = KDF + {background - kdf:.2f} s "
          f"({background / kdf:.2f}x the KDF; goal KDF + 0.5 s); verdict after {checked:.2f} s")
    print(f"lock after a write {locking:.2f} s; lock during the check {max(stopping):.2f} s (worst of 3)")

    vault = Vault.unlock(path, PASSPHRASE)
    conn = vault.journal.conn
    tables = record_tables(conn)
    sums = best(lambda: [table_sum(conn, t) for t in tables])
    pages = best(lambda: conn.execute("PRAGMA cipher_integrity_check").fetchall(), 1)
    structure = best(lambda: conn.execute("PRAGMA integrity_check").fetchall(), 1)
    quick = best(lambda: conn.execute("PRAGMA quick_check").fetchall(), 1)
    sweep = best(vault.blobs.sweep_temp, 1)
    vault.lock()
    print(f"  state check, sums of {len(tables)} tables: {sums:.2f} s")
    print(f"  cipher_integrity_check {pages:.2f} s, integrity_check {structure:.2f} s (quick_check {quick:.2f} s)")
    print(f"  temp sweep of the blobs folder {sweep:.3f} s; database {(path / stores.db_name(vault.store)).stat().st_size / 1e6:.0f} MB")
