"""People view: consent shown in words, the pseudonym required, add/edit/delete through dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.models import Person
from app.gui.overviews.people import PeopleView
from app.gui.overviews.person_dialog import PersonDialog


def row_texts(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_empty_state_says_what_to_do(session, show):
    view = show(PeopleView, session)
    assert view.empty.is_empty
    assert "Add yourself" in view.empty.message.text()


def test_consent_flags_shown_in_words(session, journal, show):
    journal.persons.add(Person(name="Leila Haddad", pseudonym="Defender A", aliases=["ليلى"],
                               consent_un=True, consent_platform=False, consent_public=False))
    view = show(PeopleView, session)
    assert not view.empty.is_empty
    texts = row_texts(view.table, 0)
    assert texts[:4] == ["Defender A", "Leila Haddad", "Defender", "\u2068ليلى\u2069"]
    assert texts[4:7] == ["✓ Yes", "✗ No", "✗ No"]


def test_empty_pseudonym_refused_with_clear_message(session, journal, qtbot):
    dialog = PersonDialog(session)
    qtbot.addWidget(dialog)
    dialog.name.setText("Leila Haddad")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=5000)
    assert "pseudonym" in dialog.error.text()
    assert "leaves the journal" in dialog.error.text()
    assert dialog.name.text() == "Leila Haddad"   # nothing the user typed is lost
    assert journal.persons.list() == []


def test_add_edit_delete_through_dialogs(session, journal, show, qtbot, say_yes):
    view = show(PeopleView, session)
    dialog = view.add_record()
    dialog.name.setText("Samira K.")
    dialog.pseudonym.setText("Journalist B")
    dialog.aliases.setPlainText("Sam\n\nسميرة\n")
    dialog.consent_public.setChecked(True)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [stored] = journal.persons.list()
    assert (stored.pseudonym, stored.aliases, stored.consent_public) == ("Journalist B", ["Sam", "سميرة"], True)
    assert view.table.rowCount() == 1

    view.table.selectRow(0)
    dialog = view.edit_selected()
    assert dialog.name.text() == "Samira K."
    dialog.role.setCurrentIndex(dialog.role.findData("witness"))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    assert journal.persons.get(stored.id).role == "witness"
    assert row_texts(view.table, 0)[2] == "Witness"

    view.table.selectRow(0)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.delete_selected()
    assert "Journalist B" in say_yes[0] and "cannot be undone" in say_yes[0]
    assert journal.persons.list() == []
    assert view.empty.is_empty


def test_editing_a_person_keeps_her_un_answers(session, journal, show, qtbot):
    ident = journal.persons.add(Person(name="Leila Haddad", pseudonym="Defender A", un_aware_letter="yes",
                                       un_name_to_addressee="no", un_public_report="initials"))
    view = show(PeopleView, session)
    view.table.selectRow(0)
    dialog = view.edit_selected()
    assert dialog.un_public.currentData() == "initials"
    dialog.gender.setText("woman")
    dialog.un_addressee.setCurrentIndex(dialog.un_addressee.findData("yes"))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    stored = journal.persons.get(ident)
    assert (stored.gender, stored.un_aware_letter, stored.un_name_to_addressee, stored.un_public_report) == (
        "woman", "yes", "yes", "initials")


def test_delete_cancelled_keeps_the_person(session, journal, show, qtbot, messages):
    journal.persons.add(Person(name="Leila Haddad", pseudonym="Defender A"))
    view = show(PeopleView, session)
    view.table.selectRow(0)
    view.delete_selected()          # the confirmation answers with its default: Cancel
    session.runner.wait_idle()
    qtbot.wait(20)
    assert messages and "Defender A" in messages[0]
    assert len(journal.persons.list()) == 1
    assert view.table.rowCount() == 1


def test_the_editor_says_live_which_parts_are_matched_alone(session, qtbot):
    dialog = PersonDialog(session)
    qtbot.addWidget(dialog)
    def shown() -> str:
        return dialog.matching.text().replace("\u2068", "").replace("\u2069", "")

    dialog.name.setText("Hiba Al-Hajji")
    assert "whole names: Hiba Al-Hajji\n" in shown() and "on their own: Hiba · Hajji\n" in shown()
    assert shown().endswith("too short alone): Al")
    dialog.aliases.setPlainText("Can Öztürk")
    assert "on their own: Hiba · Hajji · Öztürk\n" in shown()
    assert shown().endswith("too short alone): Al · Can")
    dialog.role.setCurrentIndex(dialog.role.findData("organisation"))
    assert "only by its whole names" in shown()
    assert "on their own" not in shown()


def test_a_column_she_hid_stays_hidden_when_the_view_is_built_again(session, journal, show, prefs, qtbot):
    from app.gui.widgets.columns import _ColumnFitter, remember_columns_in
    journal.persons.add(Person(name="Leila Haddad", pseudonym="Defender A"))
    remember_columns_in(prefs)
    view = show(PeopleView, session)
    view.show()
    qtbot.waitExposed(view)
    view.table.findChild(_ColumnFitter).choose(1, False)   # the private name, out of sight
    assert view.table.isColumnHidden(1)
    view.close()
    again = show(PeopleView, session)
    again.show()
    qtbot.waitExposed(again)
    assert again.table.isColumnHidden(1) and not again.table.isColumnHidden(2)
