"""Keyboard-only use, complete vocabulary labels, and views dropped while loading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from shiboken6 import delete, isValid

from app.core import models
from app.core.models import Person
from app.gui import vocabulary
from app.gui.overviews.people import PeopleView
from app.gui.overviews.timeline import TimelineView


@pytest.mark.parametrize(("table", "codes"), [
    (vocabulary.platforms, models.PLATFORMS), (vocabulary.kinds, models.INCIDENT_KINDS),
    (vocabulary.incident_statuses, models.INCIDENT_STATUSES), (vocabulary.roles, models.PERSON_ROLES),
    (vocabulary.actor_kinds, models.ACTOR_KINDS), (vocabulary.state_actor, models.STATE_ACTOR),
    (vocabulary.channels, models.REPORT_CHANNELS), (vocabulary.report_statuses, models.REPORT_STATUSES),
    (vocabulary.outcomes, models.ITEM_OUTCOMES), (vocabulary.step_kinds, models.STEP_KINDS),
    (vocabulary.indicators, models.INDICATORS), (vocabulary.measure_statuses, models.MEASURE_STATUSES),
    (vocabulary.un_answers, models.YES_NO), (vocabulary.un_public_name, models.PUBLIC_NAME),
])
def test_every_stored_code_has_a_label(table, codes):
    labels = table()
    assert set(labels) == set(codes)
    assert all(text.strip() and text != code for code, text in labels.items() if code != "x")


def test_people_by_keyboard_only(session, journal, show, qtbot, qapp, say_yes):
    journal.persons.add(Person(name="Nadia", pseudonym="Defender C"))
    view = show(PeopleView, session)
    view.show()
    qtbot.waitExposed(view)

    def activate():   # shortcuts and mnemonics need the active window
        view.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: qapp.activeWindow() is view, timeout=2000)

    activate()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)      # &Add person…
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=2000)       # buttons animate the click
    assert view.dialog.windowTitle() == "Add person"
    view.dialog.reject()

    activate()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)                             # Enter edits
    assert view.dialog.windowTitle() == "Edit person"
    assert view.dialog.pseudonym.text() == "Defender C"
    view.dialog.reject()

    activate()
    view.table.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)                         # Delete asks first
    assert "Defender C" in say_yes[0]
    assert journal.persons.list() == []


def test_view_dropped_while_loading_is_harmless(session, qtbot, runner):
    view = TimelineView(session)   # its first load is queued
    assert runner.busy
    with qtbot.captureExceptions() as raised, qtbot.waitSignal(runner.finished, timeout=5000):
        delete(view)
    qtbot.wait(20)                 # the result reached the dropped view's callback
    assert not isValid(view) and not runner.busy
    assert raised == []
