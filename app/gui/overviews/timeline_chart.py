"""Incidents over time, one lane per kind or platform, drawn with QPainter.

A dot per incident and lane, coloured and sized by severity (so colour is never the only
cue); escalations (offline follow-up or an offline confrontation) are diamonds with a heavy
outline. Time runs in the reading direction: right to left in right-to-left layouts.
Click a point, or move with the arrow keys and press Enter, to open the incident.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import cache
from operator import attrgetter

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from app.core.i18n import _
from app.core.models import IncidentOutline
from app.gui import vocabulary

SEVERITY_COLOURS = {1: QColor("#fdd49e"), 2: QColor("#fdae6b"), 3: QColor("#f16913"),
                    4: QColor("#c64102"), 5: QColor("#6b1f02")}
LANE_HEIGHT = 30
PAD = 10


TimelinePoint = IncidentOutline   # the core's outlines are drawn as they come
# A marker placed for the current size: centre x, centre y, radius, and its incident.
Placed = tuple[float, float, float, TimelinePoint]


def radius(severity: int) -> float:
    return 4.0 + severity


class TimelineChart(QWidget):
    incident_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[TimelinePoint] = []
        self.mode = "kind"
        self.lanes: list[str] = []
        self._lane_labels: dict[str, str] = {}
        self._stacked: list[tuple[TimelinePoint, int, float]] = []   # point, lane, sideways shift
        self._placed: list[Placed] = []
        self._placed_for: tuple | None = None
        # The markers drawn once per size into a picture of their own: a repaint (hover, focus,
        # a tooltip) blits it instead of drawing thousands of sprites again.
        self._layer: QPixmap | None = None
        self._layer_for: tuple | None = None
        self.current: int | None = None   # index into the chronological points, for keyboard use
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(_("Timeline of incidents"))

    # Data -------------------------------------------------------------------------------

    def set_points(self, points: list[TimelinePoint], mode: str) -> None:
        self.points = sorted(points, key=attrgetter("day", "incident_id"))
        self.mode = mode
        labels = vocabulary.kinds() if mode == "kind" else vocabulary.platforms()
        self._stacked, used = self._stack()
        self.lanes = [code for code in labels if code in used] + sorted(used - set(labels))
        self._lane_labels = {**labels, "": _("Not set")}
        self.current = None
        self._placed_for = self._layer_for = None
        self.setMinimumHeight(self._top() + LANE_HEIGHT * max(1, len(self.lanes)) + self._bottom_space())
        self._describe()
        self.update()

    # Geometry ---------------------------------------------------------------------------

    def _rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _top(self) -> int:
        return PAD

    def _bottom_space(self) -> int:
        return self.fontMetrics().height() * 3 + 3 * PAD   # dates, then the legend

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(self._lane_labels.get(c, c)) for c in self.lanes), default=0) + 2 * PAD

    def plot_rect(self) -> QRect:
        label = self._label_width()
        height = LANE_HEIGHT * max(1, len(self.lanes))
        if self._rtl():
            return QRect(PAD * 2, self._top(), self.width() - label - 4 * PAD, height)
        return QRect(label, self._top(), self.width() - label - 2 * PAD, height)

    def _span(self) -> tuple[date, date]:
        first, last = self.points[0].day, self.points[-1].day
        margin = max(1, (last - first).days // 20)
        return first - timedelta(days=margin), last + timedelta(days=margin)

    def x_of(self, day: date) -> float:
        return self._x_scale(self.plot_rect())(day)

    def _x_scale(self, plot: QRect):
        """day -> x for this plot area (computed once per layout, used per dot)."""
        first, last = self._span()
        days, rtl, left, width = max(1, (last - first).days), self._rtl(), plot.left(), plot.width()

        def x(day: date) -> float:
            share = (day - first).days / days
            return left + (1 - share if rtl else share) * width

        return x

    def _stack(self) -> tuple[list[tuple[TimelinePoint, str, float]], set[str]]:
        """Each point in each of its lanes, with its sideways step (several incidents on one day
        in one lane step aside so each stays clickable), and the lanes used. Independent of
        the size, so done once per set of points; one pass, as it runs per incident and lane."""
        lanes_of = attrgetter("kinds" if self.mode == "kind" else "platforms")
        stacked: dict[tuple[str, date], int] = {}
        out = []
        for p in self.points:
            for lane in lanes_of(p) or ("",):
                n = stacked.get((lane, p.day), 0)
                stacked[(lane, p.day)] = n + 1
                out.append((p, lane, (n // 2 + n % 2) * (1 if n % 2 else -1) * 7.0))
        return out, {lane for lane, _day in stacked}

    def _place(self) -> list[Placed]:
        key = (self.size(), self._rtl())
        if self._placed_for == key:
            return self._placed
        plot = self.plot_rect()
        first, last = self._span()
        # x_of, inlined: this runs per incident and lane.
        step = plot.width() / max(1, (last - first).days) * (-1 if self._rtl() else 1)
        left = plot.right() + 1 if self._rtl() else plot.left()
        lane_y = {lane: plot.top() + (n + 0.5) * LANE_HEIGHT for n, lane in enumerate(self.lanes)}
        self._placed = [(left + (p.day - first).days * step + shift, lane_y[lane], radius(p.severity), p)
                        for p, lane, shift in self._stacked]
        self._placed_for = key
        return self._placed
    def incident_at(self, pos: QPointF) -> int | None:
        """The incident under `pos` (nearest if dots overlap), or None."""
        best, best_distance, px, py = None, None, pos.x(), pos.y()
        for x, y, r, point in self._place():
            distance = ((x - px) ** 2 + (y - py) ** 2) ** 0.5
            if distance <= r + 3 and (best_distance is None or distance < best_distance):
                best, best_distance = point.incident_id, distance
        return best

    # Painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        plot = self.plot_rect()
        self._paint_lanes(painter, plot, text)
        self._paint_axis(painter, plot, text)
        painter.drawPixmap(0, 0, self._markers())
        if self.current is not None:
            focused = self.points[self.current].incident_id
            painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for x, y, r, point in self._place():
                if point.incident_id == focused:
                    painter.drawEllipse(QPointF(x, y), r + 5, r + 5)
        self._paint_legend(painter, plot, text)
        painter.end()

    def _markers(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        placed = self._place()
        key = (self._placed_for, ratio)
        if self._layer_for != key:
            layer = QPixmap(math.ceil(self.width() * ratio), math.ceil(self.height() * ratio))
            layer.setDevicePixelRatio(ratio)
            layer.fill(Qt.GlobalColor.transparent)
            sprites = {(s, e): (marker_sprite(s, e, ratio), marker_sprite(s, e, ratio).width() / ratio / 2)
                       for s in {p.severity for p in self.points} for e in (False, True)}
            painter = QPainter(layer)
            draw = painter.drawPixmap
            for x, y, _r, point in placed:
                sprite, half = sprites[(point.severity, point.escalation)]
                # Whole pixels: the integer overload is a third cheaper, and sprites land on
                # whole pixels when drawn untransformed anyway.
                draw(round(x - half), round(y - half), sprite)
            painter.end()
            self._layer, self._layer_for = layer, key
        return self._layer

    def _paint_lanes(self, painter: QPainter, plot: QRect, text: QColor) -> None:
        stripe = self.palette().alternateBase().color()
        for n, lane in enumerate(self.lanes):
            band = QRect(plot.left(), plot.top() + n * LANE_HEIGHT, plot.width(), LANE_HEIGHT)
            if n % 2:
                painter.fillRect(band, stripe)
            painter.setPen(text)
            label = QRect(plot.right() + PAD, band.top(), self.width() - plot.right() - 2 * PAD, LANE_HEIGHT) \
                if self._rtl() else QRect(PAD, band.top(), plot.left() - 2 * PAD, LANE_HEIGHT)
            align = Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignLeft if self._rtl()
                                                     else Qt.AlignmentFlag.AlignRight)
            painter.drawText(label, align, self._lane_labels.get(lane, lane))

    def _paint_axis(self, painter: QPainter, plot: QRect, text: QColor) -> None:
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        first, last = self._span()
        line = self.fontMetrics().height()
        grid = QPen(self.palette().mid().color(), 1, Qt.PenStyle.DotLine)
        previous_edge = None
        for tick in ticks(first, last):
            x = self.x_of(tick)
            painter.setPen(grid)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            label = tick.strftime("%Y-%m") if tick.day == 1 else tick.isoformat()
            width = self.fontMetrics().horizontalAdvance(label)
            edge = (x - width / 2, x + width / 2)
            if previous_edge and min(edge[1], previous_edge[1]) + 6 > max(edge[0], previous_edge[0]):
                continue   # labels would overlap: keep the gridline, skip the text
            previous_edge = edge
            painter.setPen(text)
            painter.drawText(QRectF(x - width / 2 - 2, plot.bottom() + 4, width + 4, line),
                             Qt.AlignmentFlag.AlignCenter, label)

    def _paint_legend(self, painter: QPainter, plot: QRect, text: QColor) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        y = plot.bottom() + line + 2 * PAD + line / 2
        entries = [(s, False, _("severity {n}").format(n=s)) for s in SEVERITY_COLOURS]
        entries.append((4, True, _("escalation (offline contact)")))
        x = plot.right() if self._rtl() else plot.left()
        step = -1 if self._rtl() else 1
        for severity, escalation, label in entries:
            r = radius(severity) if not escalation else 7.0
            draw_marker(painter, QPointF(x + step * r, y), r, severity, escalation)
            painter.setPen(text)
            width = metrics.horizontalAdvance(label)
            start = x + step * (2 * r + 8)
            box = QRectF(start - width, y - line / 2, width, line) if self._rtl() else \
                QRectF(start, y - line / 2, width, line)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)
            x = start + step * (width + 16)

    # Interaction ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.incident_at(event.position())
        if found is not None and event.button() == Qt.MouseButton.LeftButton:
            self.current = next(i for i, p in enumerate(self.points) if p.incident_id == found)
            self._describe()
            self.update()
            self.incident_clicked.emit(found)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.incident_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if found is not None else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            found = self.incident_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._point_text(found), self)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        forward = Qt.Key.Key_Left if self._rtl() else Qt.Key.Key_Right
        backward = Qt.Key.Key_Right if self._rtl() else Qt.Key.Key_Left
        if self.points and key in (forward, backward, Qt.Key.Key_Home, Qt.Key.Key_End):
            last = len(self.points) - 1
            if key == Qt.Key.Key_Home:
                self.current = 0
            elif key == Qt.Key.Key_End:
                self.current = last
            elif self.current is None:
                self.current = 0 if key == forward else last
            else:
                self.current = min(last, max(0, self.current + (1 if key == forward else -1)))
            self._describe()
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current is not None:
            self.incident_clicked.emit(self.points[self.current].incident_id)
        else:
            super().keyPressEvent(event)

    def _point_text(self, incident_id: int) -> str:
        p = next(p for p in self.points if p.incident_id == incident_id)
        text = _("{day}: {title} (severity {severity})").format(day=p.day.isoformat(), title=p.title,
                                                                 severity=p.severity)
        return text + (" – " + _("escalation") if p.escalation else "")

    def _describe(self) -> None:
        """Keep the accessible description on the focused point (screen readers read it)."""
        if self.current is None:
            text = _("Use the arrow keys to move between incidents and Enter to open one.")
        else:
            text = self._point_text(self.points[self.current].incident_id)
        self.setAccessibleDescription(text)


@cache
def marker_sprite(severity: int, escalation: bool, ratio: float) -> QPixmap:
    """One pre-drawn marker per look: blitting it is many times cheaper than drawing each
    antialiased shape (2,000 incidents paint in a few milliseconds)."""
    r = radius(severity)
    side = math.ceil(2 * (r + 4))
    pixmap = QPixmap(math.ceil(side * ratio), math.ceil(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_marker(painter, QPointF(side / 2, side / 2), r, severity, escalation)
    painter.end()
    return pixmap


def draw_marker(painter: QPainter, centre: QPointF, r: float, severity: int, escalation: bool) -> None:
    painter.setBrush(SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS[3]))
    if escalation:
        painter.setPen(QPen(QColor("#000000"), 2.5))
        diamond = QPolygonF([centre + QPointF(0, -r - 2), centre + QPointF(r + 2, 0),
                             centre + QPointF(0, r + 2), centre + QPointF(-r - 2, 0)])
        path = QPainterPath()
        path.addPolygon(diamond)
        path.closeSubpath()
        painter.drawPath(path)
    else:
        painter.setPen(QPen(QColor("#3a3a3a"), 1))
        painter.drawEllipse(centre, r, r)


def ticks(first: date, last: date) -> list[date]:
    """Month starts over long spans; Mondays, or every day, over short ones."""
    days = (last - first).days
    if days > 75:
        step_months = max(1, days // 365 + (1 if days > 400 else 0))
        out, year, month = [], first.year, first.month + 1
        while True:
            if month > 12:
                year, month = year + 1, month - 12
            tick = date(year, month, 1)
            if tick > last:
                return out
            out.append(tick)
            month += step_months
    step = 7 if days > 14 else 1
    start = first + timedelta(days=(7 - first.weekday()) % 7 if step == 7 else 0)
    return [start + timedelta(days=n) for n in range(0, (last - start).days + 1, step)]
