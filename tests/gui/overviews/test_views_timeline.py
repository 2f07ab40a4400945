"""Timeline: clicking a point opens its incident, escalations are marked, lanes switch."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.core import operations
from app.core.models import Incident
from app.gui.overviews.timeline import TimelineView


def add(journal, title, day, kinds, platforms, severity=3, offline=False):
    return journal.incidents.add(Incident(title=title, occurred_on=day, kinds=kinds, platforms=platforms,
                                          severity=severity, offline_followup=offline))


def build(qtbot, show, session, width=900):
    view = show(TimelineView, session)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def dot(chart, ident):
    """The middle of the dot a click on which opens `ident`, found as a user would, by pointing."""
    hits = [QPointF(x, y) for x in range(0, chart.width(), 3) for y in range(0, chart.height(), 3)
            if chart.incident_at(QPointF(x, y)) == ident]
    assert hits, f"no dot for incident {ident}"
    return QPointF(sum(p.x() for p in hits) / len(hits), sum(p.y() for p in hits) / len(hits))


def described(chart):
    """What a screen reader says for each point, walked with the arrow keys from the first."""
    chart.setFocus()
    said = []
    for n in range(len(chart.points)):
        QTest.keyClick(chart, Qt.Key.Key_Home if n == 0 else Qt.Key.Key_Right)
        said.append(chart.accessibleDescription())
    return said


def test_click_on_a_point_opens_that_incident(session, journal, show, qtbot):
    add(journal, "Threats in comments", "2026-01-05", ["death_threat"], ["facebook"])
    target = add(journal, "Photo of the house posted", "2026-02-10", ["doxxing"], ["telegram"], severity=4)
    add(journal, "Fake profile", "2026-03-01", ["impersonation"], ["instagram"])
    view = build(qtbot, show, session)
    where = dot(view.chart, target)
    assert view.chart.incident_at(where) == target
    with qtbot.waitSignal(view.open_incident, timeout=2000) as opened:
        qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=where.toPoint())
    assert opened.args == [target]
    # Empty space opens nothing.
    with qtbot.assertNotEmitted(view.open_incident):
        qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_escalations_marked_with_their_own_shape(session, journal, show, qtbot):
    online = add(journal, "Threat by DM", "2026-01-05", ["threat_of_violence"], ["instagram"])
    followed = add(journal, "Same account, then a man at the door", "2026-01-20", ["stalking"],
                   ["instagram"], offline=True)
    confronted = add(journal, "Confronted outside court", "2026-02-02", ["offline_confrontation"], ["in_person"])
    view = build(qtbot, show, session)
    assert [p.incident_id for p in view.chart.points] == [online, followed, confronted]
    said = described(view.chart)
    assert "escalation" not in said[0]
    assert all(s.endswith("– escalation") for s in said[1:])
    assert "2 escalations" in view.summary.text()


def test_switch_between_kind_and_platform_lanes(session, journal, show, qtbot):
    ident = add(journal, "Deepfake shared in groups", "2026-01-05", ["deepfake", "sexual_harassment"],
                ["telegram"])
    add(journal, "Hate speech", "2026-01-09", ["hate_speech"], ["x"])
    view = build(qtbot, show, session)
    assert view.chart.lanes == ["sexual_harassment", "deepfake", "hate_speech"]
    by_kind = dot(view.chart, ident)
    view.set_mode("platform")
    assert view.chart.lanes == ["telegram", "x"]
    by_platform = dot(view.chart, ident)
    assert by_platform.y() < by_kind.y()          # first lane now; was in "deepfake", the second
    with qtbot.waitSignal(view.open_incident, timeout=2000) as opened:
        qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=by_platform.toPoint())
    assert opened.args == [ident]


def test_keyboard_and_right_to_left(session, journal, show, qtbot):
    early = add(journal, "First", "2026-01-05", ["hacking"], ["email"])
    late = add(journal, "Second", "2026-03-05", ["hacking"], ["email"])
    view = build(qtbot, show, session)
    assert dot(view.chart, early).x() < dot(view.chart, late).x()
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.chart.set_points(view.points, "kind")
    assert dot(view.chart, early).x() > dot(view.chart, late).x()   # time runs leftwards
    view.chart.setFocus()
    qtbot.keyClick(view.chart, Qt.Key.Key_Left)       # forward in time in RTL: the first point
    qtbot.keyClick(view.chart, Qt.Key.Key_Left)
    assert "Second" in view.chart.accessibleDescription()
    with qtbot.waitSignal(view.open_incident, timeout=2000) as opened:
        qtbot.keyClick(view.chart, Qt.Key.Key_Return)
    assert opened.args == [late]


def test_empty_state_and_reload_on_change(session, journal, show, qtbot):
    view = show(TimelineView, session)
    assert view.empty.is_empty
    with qtbot.waitSignal(view.loaded, timeout=5000):
        session.call(None, lambda vault, ctx: operations.save_incident(
            vault, Incident(title="New", occurred_on="2026-04-01", kinds=["other"])))
    assert not view.empty.is_empty
    assert [p.title for p in view.chart.points] == ["New"]


def painted_where_clicked(chart):
    """Each incident's colour, read off the painted chart at the spot a click on which opens it."""
    picture = chart.grab().toImage()
    ratio = picture.devicePixelRatio()
    out = {}
    for p in chart.points:
        where = dot(chart, p.incident_id)
        out[p.incident_id] = picture.pixelColor(round(where.x() * ratio), round(where.y() * ratio)).name()
    return out


def test_markers_are_painted_where_they_answer_after_changes_and_resizes(session, journal, show, qtbot):
    """The markers are drawn once into a picture of their own; that picture must follow a new
    incident, an edit, a resize and a change of direction, or dots and clicks part ways."""
    from app.gui.overviews.timeline_chart import SEVERITY_COLOURS

    first = add(journal, "Threats", "2026-01-05", ["death_threat"], ["facebook"], severity=1)
    view = build(qtbot, show, session)
    assert painted_where_clicked(view.chart) == {first: SEVERITY_COLOURS[1].name()}
    with qtbot.waitSignal(view.loaded, timeout=5000):
        session.call(None, lambda vault, ctx: operations.save_incident(
            vault, Incident(title="Doxxing", occurred_on="2026-03-01", kinds=["doxxing"], severity=5)))
    second = next(p.incident_id for p in view.chart.points if p.title == "Doxxing")
    assert painted_where_clicked(view.chart) == {first: SEVERITY_COLOURS[1].name(),
                                                 second: SEVERITY_COLOURS[5].name()}
    for resize in (lambda: view.resize(600, 500),
                   lambda: (view.setLayoutDirection(Qt.LayoutDirection.RightToLeft), qtbot.wait(10))):
        before = {p.incident_id: dot(view.chart, p.incident_id) for p in view.chart.points}
        resize()
        qtbot.waitUntil(lambda before=before: dot(view.chart, first) != before[first], timeout=2000)
        assert painted_where_clicked(view.chart) == {first: SEVERITY_COLOURS[1].name(),
                                                     second: SEVERITY_COLOURS[5].name()}
