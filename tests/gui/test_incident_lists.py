"""Platforms and kinds show every choice at once (ticked ones never scroll out of sight, and
nothing jumps after evidence is added); people and actors can be added from the incident."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from app.core.models import INCIDENT_KINDS, PLATFORMS
from tests.gui.conftest import idle, run


def _all_visible(checklist) -> bool:
    viewport = checklist.viewport().rect()
    return all(viewport.contains(checklist.visualItemRect(checklist.item(r)))
               for r in range(checklist.count()))


@pytest.mark.parametrize("width", [1100, 700])
def test_every_platform_and_kind_is_in_view_and_stays_so_after_evidence(qtbot, main, width):
    ed = main.open_incident(None)
    ed.resize(width, 760)
    ed.show()
    qtbot.waitExposed(ed)
    form = ed.form
    assert form.platforms.count() == len(PLATFORMS) and form.kinds.count() == len(INCIDENT_KINDS)
    qtbot.waitUntil(lambda: _all_visible(form.platforms) and _all_visible(form.kinds))
    qtbot.keyClicks(form.title, "Ticks stay")
    last = form.platforms.item(form.platforms.count() - 1)
    last.setCheckState(Qt.CheckState.Checked)
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#123456"))
    QGuiApplication.clipboard().setImage(image)
    ed.evidence.paste()  # saves the new incident and reloads the form
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    assert last.checkState() == Qt.CheckState.Checked
    assert _all_visible(form.platforms) and form.platforms.verticalScrollBar().value() == 0


def test_a_person_and_an_actor_are_added_from_the_incident(qtbot, main):
    ed = main.open_incident(None)
    ed.show()
    links = ed.links
    ed.tabs.setCurrentWidget(links)
    assert links.no_persons.isVisibleTo(ed) and links.add_person_button.isVisibleTo(ed)
    assert links.height() > 100  # not a thin line
    qtbot.keyClicks(ed.form.title, "With the people in it")

    dialog = links.add_person()
    qtbot.keyClicks(dialog.name, "Layla Haddad")
    qtbot.keyClicks(dialog.pseudonym, "Defender K")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: links.persons.count() == 1, timeout=10_000)
    assert links.persons.checked() and not links.no_persons.isVisibleTo(ed)

    dialog = links.add_actor()
    qtbot.keyClicks(dialog.handle, "@troll_account")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: links.actors.count() == 1, timeout=10_000)
    assert links.actors.checked()

    ed.save(close=True)
    idle(qtbot, main.session)
    [incident] = run(qtbot, main.session, lambda v: v.journal.incidents.list())
    persons = run(qtbot, main.session, lambda v: v.journal.incidents.persons_of(incident.id))
    actors = run(qtbot, main.session, lambda v: v.journal.incidents.actors_of(incident.id))
    assert [p.name for p in persons] == ["Layla Haddad"] and [a.handle for a in actors] == ["@troll_account"]
