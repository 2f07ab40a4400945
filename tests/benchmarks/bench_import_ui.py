"""The window while 10,000 picked messages (5,000 photos) are imported, on demand: the import
runs through the GUI's task runner (as the import dialog runs it, progress and all) while a
QTimer beats every 10 ms on the UI thread; the longest gap between beats is the longest the
window could not answer. Baseline: the same heartbeat with nothing running, in the same run.
Then the evidence panel opens the incident with the most photos and makes their thumbnails
(placeholders first), heartbeat still running.

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python -m pytest -q -s -p no:cacheprovider \
        tests/benchmarks/bench_import_ui.py
    (SIJIL_BENCH_TELEGRAM=<folder> reuses an export made by bench_import.make_telegram)
"""

from __future__ import annotations

import gc
import os
import time
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QTimer

from app.core import importers, operations
from app.core.importers import commit
from app.core.vault import Vault
from app.gui.evidence.panel import EvidencePanel
from app.gui.gc_guard import MainThreadCollector
from app.gui.session import Session
from app.gui.tasks import TaskRunner
from tests.benchmarks.bench_import import PHOTOS, PICKED, make_telegram


class Heartbeat:
    def __init__(self, interval_ms: int = 10) -> None:
        self.beats: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def __enter__(self) -> Heartbeat:
        self.beats.clear()
        self.beats.append(time.perf_counter())
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()

    def longest_gap_ms(self) -> float:
        return max(b - a for a, b in zip(self.beats, self.beats[1:], strict=False)) * 1000


def test_window_keeps_answering_while_10000_messages_are_imported(qapp, qtbot, tmp_path):
    folder = Path(os.environ.get("SIJIL_BENCH_TELEGRAM") or make_telegram(tmp_path / "tg"))
    vault = Vault.create(tmp_path / "v", "benchmark passphrase", strength="test")
    runner = TaskRunner()
    session = Session(runner, vault)
    # As the application runs: the collector on the UI thread only (gc_guard), and the preview
    # frozen out of it once shown (imports/dialog.py).
    collector = MainThreadCollector()
    collector.start()
    preview = importers.parse("telegram", folder)
    gc.freeze()
    photos = [i for i, m in enumerate(preview.messages) if m.attachments][:PHOTOS]
    texts = [i for i, m in enumerate(preview.messages) if not m.attachments][:PICKED - len(photos)]
    picked = sorted(photos + texts)
    with Heartbeat() as idle:
        qtbot.wait(2000)
    done: list = []
    progress_seen: list[int] = []
    runner.progressed.connect(lambda _task, d, _t: progress_seen.append(d))  # as the dialog's bar listens
    step = max(1, len(picked) // 200)  # as the import dialog reports it

    def run(vault, ctx):
        def progress(d: int, total: int) -> None:
            if d % step == 0 or d == total:
                ctx.progress(d, total)
        return operations.import_export(vault, preview, picked, commit.ImportTarget(split="per-day"),
                                        progress=progress, cancel=lambda: ctx.cancelled)

    with Heartbeat() as during:
        began = time.perf_counter()
        session.call(None, run, on_success=done.append, on_failure=done.append, label="import", cancellable=True)
        qtbot.waitUntil(lambda: bool(done), timeout=3_600_000)
        took = time.perf_counter() - began
    result = done[0]
    assert isinstance(result, commit.ImportResult), result
    incident_photos = Counter()
    for ident in result.evidence_ids:
        ev = vault.journal.evidence.get(ident)
        if ev.kind == "image":
            incident_photos[ev.incident_id] += 1
    busiest, n_photos = incident_photos.most_common(1)[0]
    panel = EvidencePanel(session, lambda: busiest)
    panel.resize(1000, 700)
    panel.show()
    with Heartbeat() as shown:
        began = time.perf_counter()
        panel.load(busiest)
        qtbot.waitUntil(lambda: panel.list.count() >= n_photos, timeout=60_000)
        listed = time.perf_counter() - began
        qtbot.waitUntil(lambda: not runner.busy and not panel._pending, timeout=600_000)
        thumbs = time.perf_counter() - began
    made = sum(1 for ident in result.evidence_ids
               if vault.journal.evidence.get(ident).incident_id == busiest
               and vault.journal.evidence.get(ident).thumbnail_blob)
    print(f"\n[import {len(picked):,} messages ({len(photos):,} photos) through the task runner] {took:.1f} s; "
          f"longest UI-thread gap {during.longest_gap_ms():.0f} ms (goal < 100 ms) against "
          f"{idle.longest_gap_ms():.0f} ms idle (10 ms heartbeat); {len(progress_seen)} progress updates")
    print(f"[evidence panel, incident with {n_photos} photos] listed with placeholders {listed * 1000:.0f} ms, "
          f"{made} thumbnails made in {thumbs:.1f} s; longest UI-thread gap {shown.longest_gap_ms():.0f} ms")
    assert made == n_photos
    panel.close()
    preview.close()
    runner.shutdown()
    vault.lock()
    collector.stop()
    gc.unfreeze()
