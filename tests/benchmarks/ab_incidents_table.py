"""The incidents table's first paint, old code against new in turns on one campaign journal
(bench_scale's: 100,000 evidence items on 10,000 incidents), so a loaded machine weighs on both:

    PYTHONPATH=$PWD python tests/benchmarks/ab_incidents_table.py [OLD_REVISION] [TURNS]

OLD_REVISION (default `HEAD~1`) is checked out with `git archive` into a temporary folder; each
turn runs a fresh process on either tree that opens the journal, builds the page once to warm
up, then times three first paints (page built, first page read on the worker, shown, painted)
and prints them. SIJIL_BENCH_SCALE makes a smaller journal, as for bench_scale.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def child(journal: Path) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.core.vault import Vault
    from app.gui.incidents.page import IncidentsPage
    from app.gui.session import Session
    from app.gui.tasks import TaskRunner
    from tests.benchmarks.bench_scale import PASSPHRASE

    runner = TaskRunner()
    session = Session(runner, Vault.unlock(journal, PASSPHRASE))

    def first_paint() -> float:
        began = time.perf_counter()
        page = IncidentsPage(session)
        page.resize(1200, 780)
        page.show()
        runner.wait_idle(120)
        app.processEvents()
        page.grab()
        done = time.perf_counter()
        page.close()
        page.deleteLater()
        app.processEvents()
        return (done - began) * 1000

    first_paint()
    print(" ".join(f"{first_paint():.1f}" for _ in range(3)))
    session.lock()
    runner.shutdown()


def main(old: str, turns: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive = subprocess.run(["git", "-C", str(HERE), "archive", old, "app", "tests", "resources"],
                                 check=True, capture_output=True).stdout
        (tmp / "old.tar").write_bytes(archive)
        with tarfile.open(tmp / "old.tar") as tar:
            tar.extractall(tmp / "old", filter="data")
        journal = tmp / "journal"
        build = ("from tests.benchmarks.bench_scale import fill, PASSPHRASE; from app.core.vault import Vault; "
                 f"v = Vault.create({str(journal)!r}, PASSPHRASE, strength='normal'); fill(v); v.lock()")
        subprocess.run([sys.executable, "-c", build], check=True, env={**os.environ, "PYTHONPATH": str(HERE)})
        times: dict[str, list[float]] = {"old": [], "new": []}
        for turn in range(turns):
            for name, tree in (("old", tmp / "old"), ("new", HERE))[:: 1 if turn % 2 == 0 else -1]:
                out = subprocess.run([sys.executable, __file__, "--child", str(journal)], check=True, text=True,
                                     capture_output=True, cwd=tree,
                                     env={**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"})
                times[name] += [float(t) for t in out.stdout.split()]
                print(f"turn {turn + 1} {name}: {out.stdout.strip()} ms", flush=True)
    old_ms, new_ms = statistics.median(times["old"]), statistics.median(times["new"])
    print(f"incidents table first paint: old {min(times['old']):.0f}–{max(times['old']):.0f} ms "
          f"(median {old_ms:.0f}), new {min(times['new']):.0f}–{max(times['new']):.0f} ms (median {new_ms:.0f}): "
          f"new/old {new_ms / old_ms:.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]))
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "HEAD~1", int(sys.argv[2]) if len(sys.argv) > 2 else 5)
