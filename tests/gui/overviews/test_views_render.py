"""Every view renders a realistic journal offscreen, left-to-right and right-to-left, and
clears what it showed when the journal is locked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.gui.overviews.actors import ActorsView
from app.gui.overviews.people import PeopleView
from app.gui.overviews.reports import ReportsView
from app.gui.overviews.threat import ThreatView
from app.gui.overviews.timeline import TimelineView
from tests.gui.overviews import sample_data

VIEWS = (TimelineView, ActorsView, ReportsView, ThreatView, PeopleView)


def sampled(view) -> list[int]:
    image = view.grab().toImage()
    assert (image.width(), image.height()) == (1100, 720)
    return [image.pixel(x, y) for x in range(0, 1100, 10) for y in range(0, 720, 10)]


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
@pytest.mark.parametrize("cls", VIEWS)
def test_view_renders_to_png(cls, direction, session, journal, show, qtbot, tmp_path):
    view = show(cls, session)
    view.setLayoutDirection(direction)
    view.resize(1100, 720)
    view.show()
    qtbot.waitExposed(view)
    assert view.empty.is_empty
    empty = sampled(view)
    sample_data.fill(journal)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    assert not view.empty.is_empty
    assert view.error.isHidden()
    path = tmp_path / f"{cls.__name__}.png"
    assert view.grab().save(str(path)) and QImage(str(path)).size() == view.size()
    filled = sampled(view)
    changed = sum(a != b for a, b in zip(empty, filled, strict=True))
    assert changed > len(filled) // 10   # the journal's content is drawn, not only the frame


SHOWN = {
    TimelineView: lambda v: len(v.chart.points),
    ActorsView: lambda v: v.table.rowCount(),
    ReportsView: lambda v: v.table.rowCount() + len(v.summary.text()),
    ThreatView: lambda v: v.history_list.count() + len(v.notes.text()),
    PeopleView: lambda v: v.table.rowCount(),
}


@pytest.mark.parametrize("cls", VIEWS)
def test_locking_clears_what_the_view_showed(cls, session, sample_journal, show):
    view = show(cls, session)
    assert SHOWN[cls](view) > 0
    session.lock()
    assert SHOWN[cls](view) == 0
