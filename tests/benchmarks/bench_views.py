"""On-demand figures for the views on a large journal (`make bench`; not part of the test run).

Prints, per view, the worker-side load and the UI-thread work (apply + one full paint),
the part that must stay well under the ~50 ms a frame may take. Baseline: painting an
empty widget of the same size in the same run.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from app.core import models
from app.core.models import Actor, Incident, PlatformReport, ReportItem
from app.core.vault import Vault
from app.gui.overviews.actors import ActorsView
from app.gui.overviews.people import PeopleView
from app.gui.overviews.reports import ReportsView
from app.gui.overviews.threat import ThreatView
from app.gui.overviews.timeline import TimelineView
from app.gui.session import Session
from app.gui.tasks import TaskRunner


def fill(journal, incidents: int) -> None:
    rng = random.Random(7)
    start = date(2024, 1, 1)
    actor_ids = [journal.actors.add(Actor(handle=f"@account_{n}", platform=rng.choice(models.PLATFORMS)))
                 for n in range(incidents // 10)]
    ids = []
    for n in range(incidents):
        ids.append(journal.incidents.add(Incident(
            title=f"Incident {n}", occurred_on=(start + timedelta(days=rng.randrange(900))).isoformat(),
            kinds=rng.sample(models.INCIDENT_KINDS, 2), platforms=[rng.choice(models.PLATFORMS)],
            severity=rng.randint(1, 5), offline_followup=rng.random() < 0.05)))
        journal.incidents.link_actor(ids[-1], rng.choice(actor_ids))
    for n in range(incidents // 5):
        journal.reports.add(PlatformReport(
            platform=rng.choice(models.PLATFORMS), filed_on=(start + timedelta(days=rng.randrange(900))).isoformat(),
            incident_ids=[rng.choice(ids)], items=[ReportItem(url=f"https://example.org/{n}/{k}") for k in range(3)]))


def measure(app, runner, session, cls) -> tuple[float, float]:
    view = cls(session)
    view.resize(1200, 800)
    view.show()
    began = time.perf_counter()
    runner.wait_idle()                       # the worker's part: read the journal
    loaded = time.perf_counter()
    app.processEvents()                      # UI thread: apply the result
    view.grab()                              # UI thread: one full paint
    painted = time.perf_counter()
    view.close()
    return (loaded - began) * 1000, (painted - loaded) * 1000


def test_views_at_2000_incidents(qapp, tmp_path):
    incidents = 2000
    vault = Vault.create(tmp_path / "v", "pw", strength="test")
    fill(vault.journal, incidents)
    runner = TaskRunner()
    session = Session(runner, vault)
    blank = QWidget()
    blank.resize(1200, 800)
    blank.show()
    began = time.perf_counter()
    blank.grab()
    baseline = (time.perf_counter() - began) * 1000
    print(f"\n[views] {incidents} incidents, {incidents // 10} actors, {incidents // 5} reports")
    print(f"baseline: paint an empty 1200x800 widget {baseline:.1f} ms")
    for cls in (TimelineView, ActorsView, ReportsView, ThreatView, PeopleView):
        measure(qapp, runner, session, cls)   # warm-up
        worker, ui = measure(qapp, runner, session, cls)
        print(f"{cls.__name__:13s} worker {worker:7.1f} ms   UI thread {ui:6.1f} ms "
              f"({ui / baseline:.0f}x baseline)")
    runner.shutdown()
    vault.lock()
