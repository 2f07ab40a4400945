"""Actors view: incident counts, the incidents of an actor, add/edit/delete."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.models import Actor, Incident
from app.gui.overviews.actor_dialog import ActorDialog
from app.gui.overviews.actors import ActorsView


def column(table, index):
    return {table.item(r, 0).text(): table.item(r, index).text() for r in range(table.rowCount())}


def test_counts_and_incidents_of_an_actor(session, journal, show, qtbot):
    troll = journal.actors.add(Actor(handle="@troll_1", platform="x", state_actor="non_state",
                                     first_seen="2026-01-03", last_seen="2026-02-20"))
    journal.actors.add(Actor(handle="@quiet", platform="telegram"))
    first = journal.incidents.add(Incident(title="Threat in replies", occurred_on="2026-01-03"))
    second = journal.incidents.add(Incident(title="Address posted", occurred_on="2026-02-20"))
    for ident in (first, second):
        journal.incidents.link_actor(ident, troll)
    view = show(ActorsView, session)
    assert column(view.table, 5) == {"@troll_1": "2", "@quiet": "0"}
    assert column(view.table, 2)["@troll_1"] == "X (Twitter)"
    assert column(view.table, 4)["@troll_1"] == "Non-state"
    assert column(view.table, 6)["@troll_1"] == "03/01/2026"   # the day as she types it

    row = next(r for r in range(2) if view.table.item(r, 0).text() == "@troll_1")
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.incidents.count() == 2, timeout=5000)
    assert "Address posted" in view.incidents.item(0).text()   # newest first
    with qtbot.waitSignal(view.open_incident, timeout=2000) as opened:
        view.incidents.itemActivated.emit(view.incidents.item(1))
    assert opened.args == [first]


def test_add_edit_delete_actor(session, journal, show, qtbot, say_yes):
    view = show(ActorsView, session)
    assert view.empty.is_empty
    dialog = view.add_record()
    dialog.handle.setText("@ministry_watch")
    dialog.platform.setCurrentIndex(dialog.platform.findData("facebook"))
    dialog.state.setCurrentIndex(dialog.state.findData("state"))
    dialog.followers.setText("1200")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [actor] = journal.actors.list()
    assert (actor.platform, actor.state_actor, actor.follower_count) == ("facebook", "state", 1200)

    view.table.selectRow(0)
    dialog = view.edit_selected()
    dialog.last_seen.setText("31/02/2026")       # not a day of the calendar
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=5000)
    assert "31/02/2026" in dialog.error.text()  # her words, named
    assert journal.actors.get(actor.id).last_seen == ""
    dialog.last_seen.setText("14/03/2026")  # the English (UK) way
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    assert journal.actors.get(actor.id).last_seen == "2026-03-14"

    view.table.selectRow(0)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.delete_selected()
    assert "@ministry_watch" in say_yes[0]
    assert journal.actors.list() == []


def test_actor_needs_some_identifier(session, qtbot, journal):
    dialog = ActorDialog(session)
    qtbot.addWidget(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=5000)
    assert "handle" in dialog.error.text()
    assert journal.actors.list() == []
