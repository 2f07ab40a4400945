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


def test_only_the_rows_in_sight_are_formatted_and_measured(qtbot, main, monkeypatch):
    """A page of 200 rows arrives at once, but the first paint formats and measures only the
    rows in sight (dates through Babel, labels through the catalogue); rows scrolled into view
    are formatted then, and say what their incident says."""
    from app.gui.incidents.model import IncidentTableModel
    from app.gui.vocabulary import date_label

    def fill(vault):
        for n in range(2 * PAGE_SIZE):
            vault.journal.incidents.add(Incident(f"Incident {n:03d}", f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                                                 approximate=n % 2 == 0))

    formatted = []
    display = IncidentTableModel._display
    monkeypatch.setattr(IncidentTableModel, "_display", staticmethod(lambda inc: formatted.append(inc.id) or display(inc)))
    run(qtbot, main.session, fill, timeout=60_000, changes=INCIDENTS)
    model, table = main.incidents.model, main.incidents.table
    qtbot.waitUntil(lambda: model.total == 2 * PAGE_SIZE)
    idle(qtbot, main.session.runner)
    table.grab()
    in_sight = table.rowAt(table.viewport().height() - 1) + 1 or model.rowCount()
    assert model.rowCount() == PAGE_SIZE and 0 < len(set(formatted)) <= in_sight + 2
    assert len(formatted) == len(set(formatted))  # each row once, however often it is painted
    table.scrollTo(model.index(PAGE_SIZE - 1, 0))
    table.grab()
    last = model.incident_id(PAGE_SIZE - 1)
    assert last in formatted
    incident = run(qtbot, main.session, lambda v: v.journal.incidents.get(last))
    assert model.index(PAGE_SIZE - 1, 0).data() == date_label(incident.occurred_on) + (
        " ~" if incident.approximate else "")
    assert model.index(PAGE_SIZE - 1, 1).data() == incident.title
