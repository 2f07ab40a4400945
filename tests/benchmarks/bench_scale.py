"""The journal after a campaign, on demand (`make bench`): 100,000 evidence items on 10,000
incidents and 1,000 platform reports. Prints each figure beside a baseline from the same run:

- unlock to a usable window (the main window shown, its incidents table filled and painted)
  against the KDF alone (goal: KDF + 0.5 s);
- search median and p95 over Latin and Arabic queries (goals 20 / 50 ms) against a primary-key
  lookup;
- first paint of the incidents table and of the timeline (goal 200 ms each), and the reports
  view's UI-thread work at 1,000 reports (lazy: goal under 50 ms), against painting an empty
  widget;
- the UI's longest stall during an import of 10,000 messages (1,000 with photos) from the
  import window (goal < 100 ms), against the same heartbeat with nothing running.

The journal is built quickly: rows inserted through the journal's Rows in one transaction,
one small encrypted blob per incident shared by its evidence rows, the search index rebuilt once.

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python -m pytest -q -s -p no:cacheprovider tests/benchmarks/bench_scale.py
"""

from __future__ import annotations

import dataclasses
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.core import crypto, models
from app.core import evidence as evidence_mod
from app.core.journal.rows import Rows
from app.core.models import Actor, Evidence, Incident, PlatformReport, ReportItem
from app.core.operations.queries import search as search_query
from app.core.vault import Vault, read_header
from app.gui.gc_guard import MainThreadCollector
from app.gui.imports.dialog import FILTER_DELAY_MS, ImportDialog
from app.gui.main_window import SEARCH_LIMIT, MainWindow
from app.gui.overviews.reports import ReportsView
from app.gui.overviews.timeline import TimelineView
from app.gui.prefs import Prefs
from app.gui.session import Session
from app.gui.tasks import TaskRunner
from tests.core.importers import exports as ex

# SIJIL_BENCH_SCALE=0.1 builds a tenth of the journal, for quick iterations; figures are quoted at 1.
_SCALE = float(os.environ.get("SIJIL_BENCH_SCALE", "1"))
INCIDENTS, EVIDENCE, REPORTS, IMPORTED, IMPORTED_PHOTOS = (
    max(10, int(n * _SCALE)) for n in (10_000, 100_000, 1_000, 10_000, 1_000))
PASSPHRASE = "a campaign-sized journal"
WORDS = ["threat", "address", "school", "brother", "photo", "lawyer", "court", "campaign", "fake", "account",
         "تهديد", "عنوان", "مدرسة", "أخي", "صورة", "محامية", "حملة", "تشهير", "Layla", "ليلى"]


def fill(vault: Vault) -> None:
    rng = random.Random(12)
    j = vault.journal
    start = date(2022, 1, 1)
    incidents = Rows(j.conn, "incidents", Incident, "Incident")
    evidence = Rows(j.conn, "evidence", Evidence, "Evidence", timestamps=False)
    with vault.blobs.batch():
        template = evidence_mod.store_bytes(vault, b"message", name="m.txt", text=True)
        blobs = [vault.blobs.put([data], len(data)) for data in
                 (f"message {n} {rng.choice(WORDS)}".encode() for n in range(EVIDENCE))]
    actor_ids = [j.actors.add(Actor(handle=f"@account_{n}", platform=rng.choice(models.PLATFORMS)))
                 for n in range(INCIDENTS // 10)]
    with j.write("bench.fill") as now:
        ids = []
        for n in range(INCIDENTS):
            ids.append(incidents.insert(Incident(
                title=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}",
                occurred_on=(start + timedelta(days=rng.randrange(1400))).isoformat(),
                description=" ".join(rng.choice(WORDS) for _ in range(12)),
                kinds=rng.sample(models.INCIDENT_KINDS, 2), platforms=[rng.choice(models.PLATFORMS)],
                severity=rng.randint(1, 5)), now))
            j.conn.execute("INSERT INTO incident_actors (incident_id, actor_id) VALUES (?, ?)",
                           (ids[-1], rng.choice(actor_ids)))
        for n in range(EVIDENCE):
            incident = n % INCIDENTS
            blob, digest, size = blobs[n]
            evidence.insert(dataclasses.replace(template, incident_id=ids[incident], blob=blob, sha256=digest,
                                                size=size, caption=rng.choice(WORDS), original_name=f"m{n}.txt"), now)
        j.index.reindex_all()
    for n in range(REPORTS):
        j.reports.add(PlatformReport(
            platform=rng.choice(models.PLATFORMS), filed_on=(start + timedelta(days=rng.randrange(1400))).isoformat(),
            incident_ids=[rng.choice(ids)], items=[ReportItem(url=f"https://example.org/{n}/{k}") for k in range(3)]))


def wait_idle(app: QApplication, runner: TaskRunner) -> None:
    runner.wait_idle(120)
    app.processEvents()


def timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return (time.perf_counter() - began) * 1000


def test_a_journal_after_a_campaign(qapp, tmp_path):
    collector = MainThreadCollector()   # garbage collected on the UI thread, as in the app
    collector.start()
    path = tmp_path / "journal"
    began = time.perf_counter()
    vault = Vault.create(path, PASSPHRASE, strength="normal")
    fill(vault)
    vault.lock()
    print(f"\n[scale] {INCIDENTS:,} incidents, {EVIDENCE:,} evidence items, {REPORTS:,} reports: "
          f"built in {time.perf_counter() - began:.1f} s")
    blank = QWidget()
    blank.resize(1200, 780)
    blank.show()
    blank.grab()
    paint_baseline = min(timed(blank.grab) for _ in range(5))
    print(f"baseline: paint an empty 1200x780 widget {paint_baseline:.1f} ms")

    # Unlock to a usable window ------------------------------------------------------------------
    kdf = timed(lambda: crypto.derive_kek(PASSPHRASE, read_header(path).kdf))
    runner = TaskRunner()
    window = None
    t0 = time.perf_counter()
    vault = Vault.unlock(path, PASSPHRASE)
    unlocked = time.perf_counter()
    session = Session(runner, vault)
    window = MainWindow(session, Prefs(tmp_path / "sijil.ini"))
    window.show()
    qapp.processEvents()
    wait_idle(qapp, runner)
    window.grab()
    usable = time.perf_counter()
    rows = window.incidents.table.model().rowCount()
    total = (usable - t0) * 1000
    print(f"unlock to a usable window: {total:.0f} ms (unlock {1000 * (unlocked - t0):.0f} ms, window + first "
          f"page of {rows} rows {1000 * (usable - unlocked):.0f} ms); KDF alone {kdf:.0f} ms: "
          f"KDF + {total - kdf:.0f} ms (goal KDF + 500 ms)")

    # Search ------------------------------------------------------------------------------------
    rng = random.Random(3)
    queries = [rng.choice(WORDS) for _ in range(150)] + [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(50)]
    # The search box's query (unranked: the table sorts its rows itself), beside the ranked one the CLI runs.
    times = sorted(timed(lambda q=q: search_query(vault, q, SEARCH_LIMIT)) for q in queries)
    ranked = sorted(timed(lambda q=q: vault.journal.search(q, SEARCH_LIMIT)) for q in queries)
    lookups = [timed(lambda n=n: vault.journal.incidents.get(1 + n % INCIDENTS)) for n in range(200)]
    print(f"search over {len(queries)} queries: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.1f} ms (goals 20 / 50); ranked (CLI): median "
          f"{statistics.median(ranked):.1f} ms, p95 {ranked[int(len(ranked) * 0.95)]:.1f} ms; "
          f"baseline: get one incident by id, median {statistics.median(lookups):.2f} ms")

    # Incidents table, timeline, reports --------------------------------------------------------
    def first_paint(build) -> tuple[float, float]:
        began = time.perf_counter()
        view = build()
        view.resize(1200, 780)
        view.show()
        wait_idle(qapp, runner)
        loaded = time.perf_counter()
        qapp.processEvents()
        view.grab()
        done = time.perf_counter()
        view.close()
        view.deleteLater()
        return (done - began) * 1000, (done - loaded) * 1000

    from app.gui.incidents.page import IncidentsPage

    for name, build in (("incidents table", lambda: IncidentsPage(session)),
                        ("timeline", lambda: TimelineView(session)),
                        (f"reports ({REPORTS:,})", lambda: ReportsView(session))):
        first_paint(build)  # warm-up
        whole, ui = first_paint(build)
        print(f"{name:16s} first paint {whole:6.0f} ms (goal 200), of which UI thread after the read "
              f"{ui:5.1f} ms ({ui / paint_baseline:.0f}x the empty paint)")

    # The UI during an import of 10,000 messages ------------------------------------------------
    gaps = heartbeat_gaps(qapp, lambda done: QTimer.singleShot(1000, done))
    print(f"baseline: longest heartbeat gap with nothing running {gaps:.0f} ms")
    start = datetime(2024, 3, 1, 9, 0)
    photos = {f"photos/p{i}.jpg": ex.photo_bytes(i, (320, 240)) for i in range(IMPORTED_PHOTOS)}
    names = list(photos)
    msgs = [ex.telegram_message(i, start, author=(f"Troll {i % 300}", 5000 + i % 300), text=f"{rng.choice(WORDS)} {i}",
                                photo=names[i % IMPORTED_PHOTOS] if i % 10 == 0 else "")
            for i in range(1, IMPORTED + 1)]
    export = ex.telegram_export(tmp_path / "import", msgs, photos=photos)
    dialog = ImportDialog(session, None, window)
    dialog.show()
    opened = {}

    def open_and_import(done) -> None:
        t = time.perf_counter()
        dialog.open_path(export)

        def check() -> None:
            if dialog.preview is None:
                QTimer.singleShot(20, check)
                return
            opened["preview"] = time.perf_counter() - t
            dialog.model.pick_shown(True)
            dialog.import_button.click()
            t2 = time.perf_counter()

            def finished() -> None:
                if dialog._importing is not None:
                    QTimer.singleShot(50, finished)
                    return
                opened["import"] = time.perf_counter() - t2
                done()
            finished()
        check()

    stall = heartbeat_gaps(qapp, open_and_import)
    result = dialog.last_result
    print(f"import window, {IMPORTED:,} messages ({IMPORTED_PHOTOS:,} photos): preview {opened['preview']:.1f} s, "
          f"import {opened['import']:.1f} s ({len(result.evidence_ids):,} evidence items); longest UI stall "
          f"{stall:.0f} ms (goal < 100; {stall / max(gaps, 1):.1f}x the idle heartbeat)")
    dialog.close()

    # The import window on a 100,000-message export: open, then filter as she types -----------------
    big = [ex.telegram_message(i, start, author=(f"Troll {i % 900}", 9000 + i % 900),
                               text=" ".join(rng.choice(WORDS) for _ in range(8)) + f" {i}") for i in range(1, 100_001)]
    export = ex.telegram_export(tmp_path / "big", big)
    del big
    dialog = ImportDialog(session, None, window)
    dialog.show()
    figures = {}

    def open_then_filter(done) -> None:
        t = time.perf_counter()
        dialog.open_path(export)

        def opened_yet() -> None:
            if dialog.preview is None:
                QTimer.singleShot(10, opened_yet)
                return
            figures["open"] = time.perf_counter() - t
            figures["shown"] = dialog.model.rowCount()
            before, t2 = dialog.model.shown, time.perf_counter()
            dialog.filters.search.setText("محامية campaign")

            def filtered_yet() -> None:
                if dialog.model.shown is before:
                    QTimer.singleShot(2, filtered_yet)
                    return
                figures["filter"] = (time.perf_counter() - t2) * 1000 - FILTER_DELAY_MS
                figures["matches"] = dialog.model.rowCount()
                done()
            filtered_yet()
        opened_yet()

    stall = heartbeat_gaps(qapp, open_then_filter)
    print(f"import window, 100,000 messages: rows shown {figures['open']:.1f} s after choosing the export "
          f"(goal < 3 s); a two-word filter ({figures['matches']:,} of {figures['shown']:,}) answered "
          f"{figures['filter']:.0f} ms after the {FILTER_DELAY_MS} ms typing pause (goal < 100), off the UI thread; "
          f"longest UI stall {stall:.0f} ms")
    dialog.close()
    window.close()
    session.lock()
    runner.shutdown()
    collector.stop()


def heartbeat_gaps(app: QApplication, start_work) -> float:
    """The longest gap (ms) between 5 ms timer ticks on the UI thread while `start_work(done)` runs."""
    clock, longest = QElapsedTimer(), [0.0]
    tick = QTimer()
    tick.setInterval(5)

    def beat() -> None:
        longest[0] = max(longest[0], clock.nsecsElapsed() / 1e6)
        clock.restart()

    tick.timeout.connect(beat)
    clock.start()
    tick.start()
    loop = QEventLoop()
    start_work(loop.quit)
    loop.exec()
    tick.stop()
    return longest[0]
