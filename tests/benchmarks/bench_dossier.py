"""Dossier benchmark, run on demand, printing figures:

    .venv/bin/pytest -s tests/benchmarks/bench_dossier.py

A 100-incident, 300-image UN dossier (200 camera-sized photos, 100 phone screenshots, each
with a redaction region): time and peak memory of the whole export (decrypt, redact, re-encode,
lay out, sign, write, verify), against the time to only re-encode the same images, measured in
the same run. Peak memory is measured in a fresh process for each (VmHWM).
"""

from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image, ImageDraw

from app.core import evidence
from app.core.export import dossier, verify
from app.core.export.content import ExportOptions
from app.core.journal.recognised_text import DONE, RecognisedText
from app.core.models import Incident
from app.core.redaction.images import render
from app.core.vault import Vault
from tests.conftest import child_peak_rss_mib
from tests.core.export.case import ARABIC_STORY

PASS = "benchmark passphrase"
INCIDENTS, PER_INCIDENT = 100, 3


def _photo(seed: int) -> bytes:
    img = Image.effect_noise((1600, 1200), 40 + seed % 30).convert("RGB")
    ImageDraw.Draw(img).ellipse([400, 300, 1200, 900], fill=(seed % 255, 120, 90))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=88)
    return out.getvalue()


def _screenshot(seed: int) -> bytes:
    img = Image.new("RGB", (1080, 2000), (245, 245, 245))
    draw = ImageDraw.Draw(img)
    for row in range(0, 2000, 90):
        draw.rectangle([40, row + 10, 1040 - (row * seed) % 400, row + 70], fill=(30 + row % 200, 60, 90))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _make_vault(path: Path) -> list[int]:
    vault = Vault.create(path, PASS, strength="test")
    ids = []
    for n in range(INCIDENTS):
        inc = vault.journal.incidents.add(Incident(
            title=f"Incident {n}", occurred_on=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}", platforms=["telegram"],
            description=ARABIC_STORY + " Call +90 532 123 45 67.", translation="The threats began in the morning."))
        ids.append(inc)
        for k in range(PER_INCIDENT):
            data = _screenshot(n) if k == 2 else _photo(n * 3 + k)
            ev = evidence.import_bytes(vault, inc, data, name=f"{n}-{k}")
            ev.redactions = [[0.1, 0.1, 0.3, 0.2]]
            vault.journal.evidence.update(ev)
            # As if read at import (tests/benchmarks/bench_ocr.py times OCR): export does not read it again.
            vault.journal.recognised.save(RecognisedText(ev.id, DONE, "bench", [], 1080, 2000))
    vault.lock()
    return ids


_REENCODE_ONLY = """
import time
from pathlib import Path
from app.core import evidence
from app.core.redaction.images import render
from app.core.vault import Vault
vault = Vault.unlock(Path({path!r}), {pw!r})
originals = [(evidence.read_original(vault, ev.id), ev.redactions) for inc in vault.journal.incidents.list()
             for ev in vault.journal.evidence.of_incident(inc.id)]
start = time.perf_counter()
for data, regions in originals:
    render(data, regions)
print("TIME", time.perf_counter() - start)
"""

_EXPORT = """
import time
from pathlib import Path
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.vault import Vault
vault = Vault.unlock(Path({path!r}), {pw!r})
ids = [i.id for i in vault.journal.incidents.list()]
start = time.perf_counter()
dossier.export(vault, ExportOptions("un", ids), Path({out!r}))
print("TIME", time.perf_counter() - start)
"""


def test_dossier_export_against_reencoding_only(tmp_path, capsys):
    path, out = tmp_path / "vault", tmp_path / "dossier.pdf"
    start = time.perf_counter()
    _make_vault(path)
    setup = time.perf_counter() - start

    # In-process timings (same run, same machine state): re-encode only, then the whole export.
    vault = Vault.unlock(path, PASS)
    originals = [(evidence.read_original(vault, ev.id), ev.redactions) for inc in vault.journal.incidents.list()
                 for ev in vault.journal.evidence.of_incident(inc.id)]
    start = time.perf_counter()
    for data, regions in originals:
        render(data, regions)
    reencode = time.perf_counter() - start
    ids = [i.id for i in vault.journal.incidents.list()]
    start = time.perf_counter()
    dossier.export(vault, ExportOptions("un", ids), out)
    export = time.perf_counter() - start
    start = time.perf_counter()
    result = verify.verify_file(out)
    verify_time = time.perf_counter() - start
    vault.lock()
    del originals

    # Peak memory, each in a fresh process.
    peak_reencode = child_peak_rss_mib(_REENCODE_ONLY.format(path=str(path), pw=PASS))
    peak_export = child_peak_rss_mib(_EXPORT.format(path=str(path), pw=PASS, out=str(tmp_path / "d2.pdf")))

    images = len(result.manifest["evidence"])
    original_mb = sum(e["size"] for e in result.manifest["evidence"]) / 2**20
    with capsys.disabled():
        print(f"\nDossier benchmark: {len(ids)} incidents, {images} images ({original_mb:.0f} MiB of originals); "
              f"vault set-up {setup:.1f} s")
        print(f"  re-encode only (baseline): {reencode:6.2f} s  ({reencode / images * 1000:.0f} ms/image), "
              f"peak RSS {peak_reencode:.0f} MiB (originals held in memory)")
        print(f"  full export (UN dossier):  {export:6.2f} s  = {export / reencode:.2f} x re-encode only, "
              f"peak RSS {peak_export:.0f} MiB")
        print(f"  verify:                    {verify_time:6.2f} s; PDF {out.stat().st_size / 2**20:.1f} MiB")
    assert images == INCIDENTS * PER_INCIDENT
