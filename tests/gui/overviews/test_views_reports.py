"""Platform reports view: overdue marking and its threshold, per-platform sentence, editor."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.core import operations
from app.core.models import Actor, Incident, PlatformReport, ReportItem
from app.gui.overviews.report_dialog import ReportDialog
from app.gui.overviews.reports import ReportsView
from app.gui.widgets.tables import SORT_KEY


def days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def rows_by_filed(view):
    return {view.table.item(r, 0).data(SORT_KEY): r for r in range(view.table.rowCount())}


def test_overdue_marked_in_words_and_threshold_changes_it(session, journal, show, qtbot):
    journal.reports.add(PlatformReport(platform="facebook", filed_on=days_ago(40)))
    journal.reports.add(PlatformReport(platform="facebook", filed_on=days_ago(10)))
    journal.reports.add(PlatformReport(platform="x", filed_on=days_ago(50), status="removed",
                                       response_on=days_ago(45)))
    view = show(ReportsView, session)
    rows = rows_by_filed(view)
    old, recent, answered = rows[days_ago(40)], rows[days_ago(10)], rows[days_ago(50)]
    assert view.is_row_overdue(old)
    assert view.table.item(old, 2).text().startswith("Overdue")
    assert not view.table.item(old, 2).icon().isNull()
    assert not view.is_row_overdue(recent)
    assert view.table.item(recent, 2).text() == "Waiting"
    assert not view.is_row_overdue(answered)

    view.days.setValue(7)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.days.editingFinished.emit()
    assert journal.get_setting("overdue_days") == "7"
    rows = rows_by_filed(view)
    assert view.is_row_overdue(rows[days_ago(10)])
    assert "no response after 7 days" in view.table.item(rows[days_ago(10)], 2).text()


def test_summary_sentence_per_platform(session, journal, show):
    journal.reports.add(PlatformReport(platform="facebook", filed_on=days_ago(40), items=[
        ReportItem(url="https://facebook.com/p/1", outcome="removed"),
        ReportItem(url="https://facebook.com/p/2"),
        ReportItem(url="https://facebook.com/p/3"),
    ]))
    journal.reports.add(PlatformReport(platform="telegram", filed_on=days_ago(3)))
    view = show(ReportsView, session)
    lines = view.summary.text().splitlines()
    assert lines == ["Facebook: 3 reported: 1 post removed, 2 no response after 30 days",
                     "Telegram: 1 reported: 1 waiting for a response"]


def test_empty_state(session, show):
    view = show(ReportsView, session)
    assert view.empty.is_empty
    assert "record it here" in view.empty.message.text()
    assert view.summary_box.isHidden()


def test_add_report_with_item_and_incident(session, journal, show, qtbot):
    incident = journal.incidents.add(Incident(title="Rape threat under post", occurred_on="2026-03-01"))
    journal.incidents.add(Incident(title="Unrelated", occurred_on="2026-02-01"))
    actor = journal.actors.add(Actor(handle="@abuser", platform="instagram"))
    view = show(ReportsView, session)
    dialog = view.add_record()
    with qtbot.waitSignal(dialog.ready, timeout=5000):
        pass
    dialog.platform.setCurrentIndex(dialog.platform.findData("instagram"))
    dialog.filed_on.setText("2026-03-02")
    dialog.reference.setText("IG-5521")

    item_dialog = dialog.add_item()
    item_dialog.url.setText("https://instagram.com/p/abc")
    item_dialog.actor.setCurrentIndex(item_dialog.actor.findData(actor))
    item_dialog.posted_at.setText("2026-03-01 21:40")
    item_dialog.rule.setText("Violent speech")
    item_dialog.outcome.setCurrentIndex(item_dialog.outcome.findData("kept"))
    item_dialog.accept()
    assert dialog.items_table.item(0, 1).text() == "@abuser"

    for row in range(dialog.incident_list.count()):
        item = dialog.incident_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == incident:
            item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    [stored] = journal.reports.list()
    assert (stored.platform, stored.reference, stored.incident_ids) == ("instagram", "IG-5521", [incident])
    [item] = stored.items
    assert (item.url, item.actor_id, item.posted_at, item.outcome) == (
        "https://instagram.com/p/abc", actor, "2026-03-01 21:40", "kept")
    assert view.table.item(0, 6).text() == "Rape threat under post"
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_incident, timeout=2000) as opened:
        view.open_button.click()
    assert opened.args == [incident]

    # Editing keeps the links the dialog did not touch.
    view.table.selectRow(0)
    dialog = view.edit_selected()
    with qtbot.waitSignal(dialog.ready, timeout=5000):
        pass
    dialog.status.setCurrentIndex(dialog.status.findData("refused"))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    stored = journal.reports.get(stored.id)
    assert (stored.status, stored.incident_ids, len(stored.items)) == ("refused", [incident], 1)


def test_report_item_without_link_refused(session, journal, qtbot):
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=5000):
        pass
    dialog.filed_on.setText("2026-03-02")
    dialog.add_item().accept()
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=5000)
    assert "needs its link" in dialog.error.text()
    assert dialog.items_table.rowCount() == 1
    assert journal.reports.list() == []


def test_open_an_incident_of_a_report_with_several(session, journal, show, qtbot):
    first = journal.incidents.add(Incident(title="Post one", occurred_on="2026-03-01"))
    second = journal.incidents.add(Incident(title="Post two", occurred_on="2026-03-02"))
    journal.reports.add(PlatformReport(platform="tiktok", filed_on=days_ago(2), incident_ids=[first, second]))
    journal.reports.add(PlatformReport(platform="tiktok", filed_on=days_ago(1)))
    view = show(ReportsView, session)
    rows = rows_by_filed(view)
    view.table.selectRow(rows[days_ago(1)])
    assert not view.open_button.isEnabled()          # nothing linked: nothing to open
    view.table.selectRow(rows[days_ago(2)])
    view.open_linked()
    actions = view.menu.actions()
    assert [a.text() for a in actions] == ["Post one", "Post two"]
    with qtbot.waitSignal(view.open_incident, timeout=2000) as opened:
        actions[1].trigger()
    assert opened.args == [second]


def test_delete_report(session, journal, show, qtbot, say_yes):
    journal.reports.add(PlatformReport(platform="youtube", filed_on=days_ago(3)))
    view = show(ReportsView, session)
    view.table.selectRow(0)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.delete_selected()
    assert days_ago(3) in say_yes[0]
    assert journal.reports.list() == []
    assert view.empty.is_empty


def test_item_times_that_are_not_times_are_refused_in_the_dialog(qapp, qtbot, messages):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.gui.overviews.report_item_dialog import ReportItemDialog

    dialog = ReportItemDialog(None, {})
    qtbot.addWidget(dialog)
    dialog.url.setText("https://t.me/x/1")
    dialog.posted_at.setText("Layla Haddad, yesterday")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 0 and "Layla Haddad, yesterday" in dialog.error.text()
    assert dialog.posted_at.text() == "Layla Haddad, yesterday"  # nothing she typed is lost
    dialog.posted_at.setText("2026-03-14 21:40")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1


def test_a_thousand_reports_fill_in_slices_newest_first(session, journal, show, qtbot):
    from app.gui.overviews.reports import FIRST_ROWS
    for n in range(FIRST_ROWS * 4 + 7):
        journal.reports.add(PlatformReport(platform="x", filed_on=days_ago(n % 900), reference=f"r{n}"))
    view = show(ReportsView, session)
    total = FIRST_ROWS * 4 + 7
    assert view.table.rowCount() == total
    # what she sees first is there at once; the rest follows on later turns of the event loop
    assert view.table.item(FIRST_ROWS - 1, 0) is not None and view.table.item(total - 1, 0) is None
    qtbot.waitUntil(lambda: view.table.item(total - 1, 0) is not None and view.table.isSortingEnabled())
    filed = [view.table.item(r, 0).data(SORT_KEY) for r in range(total)]
    assert filed == sorted(filed, reverse=True)


def test_a_change_while_the_pages_come_in_leaves_each_report_once(session, journal, show, qtbot):
    """The rest is read a page per worker call; a report saved or deleted between two pages
    shifts the pages, so the view starts over and ends with each report once."""
    from app.gui.overviews.reports import FIRST_ROWS
    ids = [journal.reports.add(PlatformReport(platform="x", filed_on=days_ago(n), reference=f"r{n}"))
           for n in range(FIRST_ROWS * 8)]
    view = show(ReportsView, session)
    assert not view.table.isSortingEnabled()     # the first page only, so far
    session.call(None, lambda vault, ctx: operations.save_report(
        vault, PlatformReport(platform="x", filed_on=days_ago(0), reference="new")))
    session.call(None, lambda vault, ctx: operations.delete_report(vault, ids[-1]))

    def references():
        return [view.table.item(r, 4).text() if view.table.item(r, 4) else None for r in range(view.table.rowCount())]

    expected = sorted({f"r{n}" for n in range(FIRST_ROWS * 8 - 1)} | {"new"})
    qtbot.waitUntil(lambda: view.table.isSortingEnabled() and sorted(filter(None, references())) == expected)
    assert len(references()) == len(expected)
