"""Unlock at the scale of a campaign, core only (`make bench`): 100,000 evidence rows on 10,000
incidents, built in one transaction, their blob names pointing at no file (the GUI benchmark, bench_scale.py,
builds the full journal). Prints the unlock beside the KDF alone from the same run (goal: KDF +
0.5 s), and the parts of the open that grow with the journal: the state check's recomputed
sums and SQLCipher's/SQLite's page and structure checks.

    PYTHONPATH=$PWD python -m pytest -q -s -p no:cacheprovider tests/benchmarks/bench_unlock.py
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date, timedelta

from app.core import crypto, stores
from app.core import evidence as evidence_mod
from app.core.db_state import record_tables, table_sum
from app.core.journal.rows import Rows
from app.core.models import Evidence, Incident
from app.core.vault import Vault, read_header

INCIDENTS, EVIDENCE = 10_000, 100_000
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
    print(f"baseline: KDF alone {kdf:.2f} s")
    print(f"unlock {unlock:.2f} s = KDF + {unlock - kdf:.2f} s ({unlock / kdf:.2f}x the KDF; goal KDF + 0.5 s)")

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
