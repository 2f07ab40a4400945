"""Threat view: current cell and level, history selection, review date, matrix and editor."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.core.models import Assessment, Measure
from app.gui.overviews.risk_matrix import RiskMatrix
from app.gui.overviews.threat import ThreatView
from tests.gui.test_bidi_cells import assert_each_paragraph_at_its_edge


def test_current_cell_level_and_history_selection(session, journal, show):
    journal.assessments.add(Assessment(assessed_on="2026-01-10", likelihood=2, impact=2,
                                       indicators=["coordinated_accounts"]))
    journal.assessments.add(Assessment(
        assessed_on="2026-03-01", likelihood=4, impact=3, indicators=["specific_threat", "offline_contact"],
        next_review=(date.today() + timedelta(days=20)).isoformat(),
        measures=[Measure("Vary the route to the office", "in_progress"), Measure("Two-factor login", "done")]))
    view = show(ThreatView, session)
    assert (view.matrix.likelihood, view.matrix.impact) == (4, 3)
    assert view.level.text() == "Current threat level: High"
    assert "score 12" in view.matrix.accessibleDescription()
    assert view.indicators["offline_contact"].isChecked()
    assert not view.indicators["coordinated_accounts"].isChecked()
    assert [view.measures.item(r, 1).text() for r in range(2)] == ["In progress", "Done"]
    assert view.review.text().startswith("Next review")
    assert view.history_list.count() == 2

    view.history_list.setCurrentRow(1)
    assert (view.matrix.likelihood, view.matrix.impact) == (2, 2)
    assert view.level.text() == "Threat level on 10 Jan 2026: Low"
    assert view.indicators["coordinated_accounts"].isChecked()
    assert view.measures.rowCount() == 0


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_notes_align_each_paragraph_by_its_own_direction(session, journal, show, direction):
    paragraphs = ["رسائل تهديد بعد المظاهرة.", "The lawyer was told on Monday."]
    journal.assessments.add(Assessment(assessed_on="2026-03-01", likelihood=3, impact=3,
                                       notes="\n\n".join(paragraphs)))
    view = show(ThreatView, session)
    view.setLayoutDirection(direction)
    view.resize(900, 700)
    view.show()
    view.notes.setStyleSheet("QLabel { background: white; color: black; }")
    assert view.notes_box.isVisible() and view.notes.text() == "\n\n".join(paragraphs)
    assert_each_paragraph_at_its_edge(view.notes.grab().toImage(), paragraphs)


def test_review_overdue_said_in_words(session, journal, show):
    journal.assessments.add(Assessment(assessed_on="2026-01-10", likelihood=5, impact=5,
                                       next_review=(date.today() - timedelta(days=1)).isoformat()))
    view = show(ThreatView, session)
    assert view.level.text() == "Current threat level: Critical"
    assert "Review overdue" in view.review.text()


def test_matrix_hit_testing_mirrors_in_right_to_left(qtbot):
    matrix = RiskMatrix(choosable=True)
    qtbot.addWidget(matrix)
    matrix.resize(400, 360)
    low_ltr = matrix.cell_rect(1, 1)
    assert matrix.cell_at(matrix.cell_rect(4, 2).center()) == (4, 2)
    matrix.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    low_rtl = matrix.cell_rect(1, 1)
    assert low_rtl.center().x() > matrix.cell_rect(1, 5).center().x()   # impact grows leftwards
    assert low_rtl.center().x() > low_ltr.center().x()
    with qtbot.waitSignal(matrix.cell_chosen) as chosen:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(3, 5).center())
    assert chosen.args == [3, 5]
    matrix.setFocus()
    qtbot.keyClick(matrix, Qt.Key.Key_Left)     # leftwards = more impact in RTL, already 5
    qtbot.keyClick(matrix, Qt.Key.Key_Up)
    assert (matrix.likelihood, matrix.impact) == (4, 5)


def test_new_assessment_through_editor(session, journal, show, qtbot):
    view = show(ThreatView, session)
    assert view.empty.is_empty
    dialog = view.new_assessment()
    dialog.matrix.resize(400, 360)
    qtbot.mouseClick(dialog.matrix, Qt.MouseButton.LeftButton, pos=dialog.matrix.cell_rect(5, 4).center())
    assert (dialog.likelihood.value(), dialog.impact.value()) == (5, 4)
    assert "Critical" in dialog.level.text()
    dialog.indicators["personal_data_exposed"].setChecked(True)
    dialog.add_measure(Measure("Move the children to relatives", "planned"))
    dialog.add_measure()                          # started, left empty: not saved
    dialog.next_review.setText("2026-12-01")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    current = journal.assessments.current()
    assert (current.likelihood, current.impact, current.indicators) == (5, 4, ["personal_data_exposed"])
    assert [(m.description, m.status) for m in current.measures] == [("Move the children to relatives", "planned")]
    assert view.level.text() == "Current threat level: Critical"

    # The next review starts from this one.
    dialog = view.new_assessment()
    assert (dialog.likelihood.value(), dialog.impact.value()) == (5, 4)
    assert dialog.measures.item(0, 0).text() == "Move the children to relatives"
    assert dialog.assessment.id is None


def test_edit_and_delete_an_assessment(session, journal, show, qtbot, say_yes):
    older = journal.assessments.add(Assessment(assessed_on="2026-01-10", likelihood=2, impact=2))
    newest = journal.assessments.add(Assessment(assessed_on="2026-03-01", likelihood=3, impact=3,
                                                measures=[Measure("Safe house contact", "planned")]))
    view = show(ThreatView, session)
    dialog = view.edit_shown()
    assert dialog.assessment.id == newest
    dialog.measures.cellWidget(0, 1).setCurrentIndex(dialog.measures.cellWidget(0, 1).findData("done"))
    dialog.impact.setValue(5)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.save()
    stored = journal.assessments.get(newest)
    assert (stored.impact, stored.measures[0].status) == (5, "done")
    assert view.level.text() == "Current threat level: High" and view.matrix.impact == 5

    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.delete_shown()
    assert "1 Mar 2026" in say_yes[0]
    assert [a.id for a in journal.assessments.history()] == [older]
    assert view.level.text() == "Current threat level: Low"
