"""10,000 incidents: the table loads page by page as it scrolls, never all at once."""

from __future__ import annotations

from app.core.models import Incident
from app.gui.incidents.model import PAGE_SIZE
from tests.gui.conftest import INCIDENTS, idle, run

COUNT = 10_000


def test_ten_thousand_incidents_load_in_pages(qtbot, main):
    def fill(vault):
        for n in range(COUNT):
            vault.journal.incidents.add(Incident(f"Incident {n:05d}", f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}"))

    run(qtbot, main.session, fill, timeout=120_000, changes=INCIDENTS)
    model = main.incidents.model
    qtbot.waitUntil(lambda: model.total == COUNT, timeout=10_000)
    idle(qtbot, main.session.runner)
    assert model.rowCount() == PAGE_SIZE < COUNT
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE  # the page arrives later, from the worker
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=10_000)
    # Scrolling to the end makes the view ask for the next page by itself.
    main.incidents.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 3 * PAGE_SIZE, timeout=10_000)
    idle(qtbot, main.session.runner)
    assert model.rowCount() < COUNT
    ids = [model.incident_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)  # pages join without duplicates


def test_an_edit_keeps_the_rows_already_loaded(qtbot, main):
    def fill(vault):
        for n in range(3 * PAGE_SIZE):
            vault.journal.incidents.add(Incident(f"Incident {n}", "2025-06-01"))

    run(qtbot, main.session, fill, timeout=60_000, changes=INCIDENTS)
    model = main.incidents.model
    qtbot.waitUntil(lambda: model.total == 3 * PAGE_SIZE)
    idle(qtbot, main.session.runner)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)
    run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident("New one", "2026-01-01")),
        changes=INCIDENTS)
    qtbot.waitUntil(lambda: model.total == 3 * PAGE_SIZE + 1)
    assert model.rowCount() == 2 * PAGE_SIZE  # scroll position is not lost after saving
    assert model.index(0, 1).data() == "New one"
