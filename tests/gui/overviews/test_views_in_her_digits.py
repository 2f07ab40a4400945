"""Overviews write days and counts the way her language does (ar: Arabic-Indic digits), while
tables still sort by the stored day."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from app.gui.language import apply_language
from app.gui.overviews.actors import ActorsView
from app.gui.overviews.reports import ReportsView
from app.gui.overviews.threat import ThreatView
from app.gui.widgets.tables import SORT_KEY

LATIN_DIGIT = re.compile(r"[0-9]")


def column(table, index):
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_english_days_stay_as_english_writes_them(session, sample_journal, show):
    view = show(ReportsView, session)
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in column(view.table, 0)), column(view.table, 0)


def test_reports_in_arabic_show_days_and_counts_in_her_digits(session, sample_journal, show, qtbot):
    apply_language("ar")
    view = show(ReportsView, session)
    days = column(view.table, 0)
    assert days and not any(LATIN_DIGIT.search(d) for d in days)
    assert all(re.search("[٠-٩]", d) for d in days)
    assert not LATIN_DIGIT.search(view.summary.text()), view.summary.text()
    # Sorting the day column still orders by the stored day, not by the shown text.
    view.table.sortItems(0, Qt.SortOrder.AscendingOrder)
    stored = [view.table.item(r, 0).data(SORT_KEY) for r in range(view.table.rowCount())]
    assert stored == sorted(stored)


def test_actor_sightings_in_arabic_digits(session, sample_journal, show):
    apply_language("ar")
    view = show(ActorsView, session)
    header = [view.table.horizontalHeaderItem(i).text() for i in range(view.table.columnCount())]
    seen = [i for i in range(view.table.columnCount()) if view.table.item(0, i).data(SORT_KEY)]
    assert seen, header
    for index in seen:
        shown = [t for t in column(view.table, index) if t]
        assert shown and not any(LATIN_DIGIT.search(t) for t in shown)


def test_threat_assessment_days_and_scores_in_arabic_digits(session, sample_journal, show):
    apply_language("ar")
    view = show(ThreatView, session)
    texts = [view.level.text(), view.detail.text(), view.review.text()]
    texts += [view.history_list.item(i).text() for i in range(view.history_list.count())]
    assert all(texts)
    for text in texts:
        assert not LATIN_DIGIT.search(text), text
