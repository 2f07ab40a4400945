"""Incidents: add, edit, delete through the editor; filters, sorting, search, links, steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.core.models import Actor, Incident, Person
from tests.gui.conftest import INCIDENTS, gone, idle, run


def add(qtbot, main, **fields):
    fields.setdefault("occurred_on", "2026-03-14")
    return run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident(**fields)), changes=INCIDENTS)


def titles(main) -> list[str]:
    model = main.incidents.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_empty_journal_says_what_to_do_next(qtbot, main):
    page = main.incidents
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    assert "Ctrl+N" in page.empty.message.text()


def test_add_an_incident_with_the_editor(qtbot, main):
    editor = main.open_incident(None)
    qtbot.keyClicks(editor.form.title, "Threat in comments")
    editor.form.occurred_on.set_iso("2026-02-01")
    editor.form.platforms.set_checked(["instagram"])
    editor.form.kinds.set_checked(["death_threat"])
    editor.form.severity.setCurrentIndex(4)
    editor.form.description.setPlainText("Exact words of the threat")
    editor.save_button.click()
    qtbot.waitUntil(lambda: gone(editor))
    idle(qtbot, main.session.runner)
    assert titles(main) == ["Threat in comments"]
    stored = run(qtbot, main.session, lambda v: v.journal.incidents.list())[0]
    assert (stored.occurred_on, stored.platforms, stored.kinds, stored.severity) == (
        "2026-02-01", ["instagram"], ["death_threat"], 5)
    assert stored.description == "Exact words of the threat"


def test_editor_without_a_title_explains_and_keeps_the_text(qtbot, main, messages):
    editor = main.open_incident(None)
    editor.form.description.setPlainText("Long account I must not lose")
    editor.save_button.click()
    qtbot.waitUntil(lambda: bool(messages))
    assert "needs a title" in messages[0]
    assert editor.isVisible() and editor.form.description.toPlainText() == "Long account I must not lose"


def test_edit_an_incident_updates_the_table(qtbot, main):
    ident = add(qtbot, main, title="First title", location="Tunis")
    idle(qtbot, main.session.runner)
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)
    assert editor.form.location.text() == "Tunis"
    editor.form.title.setText("Better title")
    editor.form.status.setCurrentIndex(editor.form.status.findData("resolved"))
    editor.save_button.click()
    qtbot.waitUntil(lambda: titles(main) == ["Better title"])
    stored = run(qtbot, main.session, lambda v: v.journal.incidents.get(ident))
    assert stored.status == "resolved" and stored.location == "Tunis"


def test_delete_an_incident(qtbot, main, say_yes):
    ident = add(qtbot, main, title="To delete")
    add(qtbot, main, title="To keep")
    idle(qtbot, main.session.runner)
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)
    editor.delete_button.click()
    qtbot.waitUntil(lambda: titles(main) == ["To keep"])
    assert run(qtbot, main.session, lambda v: v.journal.incidents.count()) == 1


def test_filters_by_date_platform_kind_severity_and_status(qtbot, main):
    add(qtbot, main, title="Old telegram", occurred_on="2025-01-10", platforms=["telegram"], severity=2)
    add(qtbot, main, title="New facebook", occurred_on="2026-05-01", platforms=["facebook"], severity=5,
        kinds=["doxxing"], status="ongoing")
    add(qtbot, main, title="New telegram", occurred_on="2026-06-01", platforms=["telegram"], severity=4)
    page = main.incidents
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.platform.setCurrentIndex(page.platform.findData("telegram"))
    qtbot.waitUntil(lambda: sorted(titles(main)) == ["New telegram", "Old telegram"])
    page.date_from.set_iso("2026-01-01")
    qtbot.waitUntil(lambda: titles(main) == ["New telegram"])
    page.clear_filters()
    page.severity.setCurrentIndex(page.severity.findData(5))
    qtbot.waitUntil(lambda: titles(main) == ["New facebook"])
    page.clear_filters()
    page.kind.setCurrentIndex(page.kind.findData("doxxing"))
    qtbot.waitUntil(lambda: titles(main) == ["New facebook"])
    page.clear_filters()
    page.status.setCurrentIndex(page.status.findData("ongoing"))
    qtbot.waitUntil(lambda: titles(main) == ["New facebook"])
    page.platform.setCurrentIndex(page.platform.findData("email"))
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_match)


def test_sorting_by_clicking_a_column(qtbot, main):
    for title, day in (("Bravo", "2026-01-02"), ("Alpha", "2026-01-03"), ("Charlie", "2026-01-01")):
        add(qtbot, main, title=title, occurred_on=day)
    qtbot.waitUntil(lambda: titles(main) == ["Alpha", "Bravo", "Charlie"])  # newest first
    main.incidents.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: titles(main) == ["Alpha", "Bravo", "Charlie"])
    main.incidents.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: titles(main) == ["Charlie", "Bravo", "Alpha"])
    main.incidents.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: titles(main) == ["Charlie", "Bravo", "Alpha"])


def test_search_box_filters_as_you_type(qtbot, main):
    add(qtbot, main, title="Messages about the march", description="posted my home address")
    add(qtbot, main, title="Fake profile", description="impersonation on instagram")
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == 2)
    qtbot.keyClicks(main.search, "address")
    qtbot.waitUntil(lambda: titles(main) == ["Messages about the march"])
    assert main.incidents.count_label.text() == "1 incident"
    main.search.clear()
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == 2)
    qtbot.keyClicks(main.search, "nothing-like-this")
    qtbot.waitUntil(lambda: main.incidents.stack.currentWidget() is main.incidents.no_match)


def test_link_people_and_actors(qtbot, main):
    ident = add(qtbot, main, title="Linked")
    person = run(qtbot, main.session, lambda v: v.journal.persons.add(Person(name="Amal", pseudonym="Defender A")))
    actor = run(qtbot, main.session, lambda v: v.journal.actors.add(Actor(platform="x", handle="@troll")))
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)
    editor.links.persons.set_checked([person])
    editor.links.actors.set_checked([actor])
    editor.save_button.click()
    qtbot.waitUntil(lambda: gone(editor))
    linked = run(qtbot, main.session, lambda v: ([p.id for p in v.journal.incidents.persons_of(ident)],
                                                  [a.id for a in v.journal.incidents.actors_of(ident)]))
    assert linked == ([person], [actor])
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)
    assert editor.links.persons.checked() == [person]
    editor.links.persons.set_checked([])
    editor.save(close=True)
    qtbot.waitUntil(lambda: gone(editor))
    assert run(qtbot, main.session, lambda v: v.journal.incidents.persons_of(ident)) == []


def test_add_a_step_taken_to_a_new_incident_saves_it_first(qtbot, main, monkeypatch):
    from app.gui.incidents import steps_tab

    monkeypatch.setattr(steps_tab.StepDialog, "exec", lambda self: (self.body.setText("City police"), 1)[1])
    editor = main.open_incident(None)
    qtbot.keyClicks(editor.form.title, "Reported to police")
    add_step = next(b for b in editor.steps.findChildren(QPushButton) if b.text() == "Add &step…")
    add_step.click()
    qtbot.waitUntil(lambda: editor.steps.tree.topLevelItemCount() == 1)
    assert editor.incident_id is not None
    steps = run(qtbot, main.session, lambda v: v.journal.incidents.steps_of(editor.incident_id))
    assert [s.body for s in steps] == ["City police"]


def test_export_dossier_opens_the_wizard_with_the_selected_incidents(qtbot, main):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    first = add(qtbot, main, title="First", occurred_on="2026-01-01")
    add(qtbot, main, title="Second", occurred_on="2026-01-02")
    third = add(qtbot, main, title="Third", occurred_on="2026-01-03")
    qtbot.waitUntil(lambda: main.incidents.model.rowCount() == 3)
    selection = main.incidents.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):  # newest first: Third, Second, First
        selection.select(main.incidents.model.index(row, 0), flags)
    assert main.incidents.selected_ids() == [third, first]
    assert main.export_action.isEnabled()
    main.export_action.trigger()
    wizard = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "ExportWizard")
    qtbot.waitUntil(lambda: wizard.incidents.count() == 3)
    assert sorted(wizard.chosen_ids()) == sorted([first, third])  # ticked in the list she sees
    wizard.close()
