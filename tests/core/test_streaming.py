"""A file far larger than the memory bound imports in bounded memory (measured, not assumed)."""

import hashlib
import os
from pathlib import Path

from app.core.vault import Vault
from tests.conftest import PASSPHRASE, child_peak_rss_mib

GIB = 1 << 30


def peak_rss_mib(vault_path: Path, file: Path) -> float:
    return child_peak_rss_mib(f"""
        from app.core.vault import Vault
        from app.core import evidence
        with Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r}) as v:
            evidence.import_file(v, 1, {str(file)!r})
    """)


def test_one_gibibyte_import_runs_in_bounded_memory(vault, vault_path, incident_id, tmp_path):
    vault.lock()
    small, big = tmp_path / "small.bin", tmp_path / "big.bin"
    small.write_bytes(os.urandom(1024))
    digest = hashlib.sha256()
    block = os.urandom(1 << 20)
    with open(big, "wb") as fh:
        for _ in range(GIB >> 20):
            fh.write(block)
            digest.update(block)
    baseline = peak_rss_mib(vault_path, small)
    peak = peak_rss_mib(vault_path, big)
    big.unlink()
    # The 1 GiB file passes through 1 MiB chunks: peak memory grows by a few MiB, not by GiB.
    assert peak - baseline < 48, (baseline, peak)
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        ev = v.journal.evidence.of_incident(1)[-1]
        assert (ev.size, ev.sha256) == (GIB, digest.hexdigest())
