"""An image with redaction rectangles: draw (drag on empty space), move (drag a box),
delete (select, then Delete). Boxes are kept in normalised [x, y, w, h] image coordinates,
so they survive zooming and are what the export module burns in.

Without a mouse: Insert adds a box in the middle, Space selects the next box, the arrow keys
move the selected box and Shift+arrows resize it (Ctrl for finer steps), Delete removes it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QWidget

from app.core.i18n import _

MIN_SIZE = 0.005  # boxes smaller than this (a click, not a drag) are dropped
STEP, FINE_STEP = 0.02, 0.005  # keyboard moves, as a fraction of the image
_ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


def _clamp(rect: QRectF) -> QRectF:
    x = min(max(rect.x(), 0.0), 1.0 - rect.width())
    y = min(max(rect.y(), 0.0), 1.0 - rect.height())
    return QRectF(x, y, min(rect.width(), 1.0), min(rect.height(), 1.0))


class RedactionCanvas(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Image with redactions"))
        self.setAccessibleDescription(_("Insert adds a black box, Space selects the next one, arrow keys "
                                        "move it, Shift with arrow keys resizes it, Delete removes it."))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pixmap = QPixmap()
        self._zoom = 1.0
        self.rects: list[QRectF] = []
        self.selected: int | None = None
        self.draw_mode = False
        self._press: QPointF | None = None
        self._origin: QRectF | None = None

    # Content -----------------------------------------------------------------------------

    def set_image(self, image: QImage) -> None:
        self._pixmap = QPixmap.fromImage(image)
        self.updateGeometry()
        self.update()

    def set_redactions(self, boxes: list[list[float]]) -> None:
        self.rects = [_clamp(QRectF(*box)) for box in boxes if len(box) == 4]
        self.selected = None
        self.update()

    def redactions(self) -> list[list[float]]:
        return [[round(v, 5) for v in (r.x(), r.y(), r.width(), r.height())] for r in self.rects]

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        self._zoom = min(max(zoom, 0.05), 8.0)
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def fit_zoom(self, available: QSize) -> float:
        if self._pixmap.isNull():
            return 1.0
        return min(available.width() / self._pixmap.width(), available.height() / self._pixmap.height(), 1.0)

    def sizeHint(self) -> QSize:
        return self._pixmap.size() * self._zoom if not self._pixmap.isNull() else QSize(200, 150)

    # Coordinates ---------------------------------------------------------------------------

    def _image_rect(self) -> QRectF:
        size = self.sizeHint()
        return QRectF(0, 0, size.width(), size.height())

    def _to_norm(self, point: QPointF) -> QPointF:
        area = self._image_rect()
        return QPointF(point.x() / area.width(), point.y() / area.height())

    def _to_widget(self, rect: QRectF) -> QRectF:
        area = self._image_rect()
        return QRectF(rect.x() * area.width(), rect.y() * area.height(),
                      rect.width() * area.width(), rect.height() * area.height())

    def _hit(self, norm: QPointF) -> int | None:
        for index in range(len(self.rects) - 1, -1, -1):
            if self.rects[index].contains(norm):
                return index
        return None

    # Painting and input ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if not self._pixmap.isNull():
            painter.drawPixmap(self._image_rect().toRect(), self._pixmap)
        for index, rect in enumerate(self.rects):
            area = self._to_widget(rect)
            painter.fillRect(area, QColor(0, 0, 0, 200))
            selected = index == self.selected
            painter.setPen(QPen(QColor("#f5a623") if selected else QColor("#e5484d"), 3 if selected else 2))
            painter.drawRect(area)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pixmap.isNull():
            return
        norm = self._to_norm(event.position())
        hit = self._hit(norm)
        self._press = norm
        if hit is not None:
            self.selected = hit
            self._origin = QRectF(self.rects[hit])
        elif self.draw_mode:
            self.rects.append(QRectF(norm, norm))
            self.selected = len(self.rects) - 1
            self._origin = None
        else:
            self.selected = None
            self._press = None
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self.selected is None:
            return
        norm = self._to_norm(event.position())
        if self._origin is not None:
            moved = self._origin.translated(norm - self._press)
            self.rects[self.selected] = _clamp(moved)
        else:
            corner = QPointF(min(max(norm.x(), 0.0), 1.0), min(max(norm.y(), 0.0), 1.0))
            self.rects[self.selected] = QRectF(self._press, corner).normalized()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self.selected is None:
            return
        rect = self.rects[self.selected]
        if self._origin is None and (rect.width() < MIN_SIZE or rect.height() < MIN_SIZE):
            del self.rects[self.selected]
            self.selected = None
        self._press = self._origin = None
        self.update()
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected is not None:
            self.delete_selected()
        elif key == Qt.Key.Key_Insert and not self._pixmap.isNull():
            self.rects.append(QRectF(0.4, 0.45, 0.2, 0.1))
            self._keyboard_changed(len(self.rects) - 1)
        elif key == Qt.Key.Key_Space and self.rects:
            self.selected = 0 if self.selected is None else (self.selected + 1) % len(self.rects)
            self.update()
        elif key in _ARROWS and self.selected is not None:
            dx, dy = _ARROWS[key]
            step = FINE_STEP if mods & Qt.KeyboardModifier.ControlModifier else STEP
            rect = QRectF(self.rects[self.selected])
            if mods & Qt.KeyboardModifier.ShiftModifier:
                rect.setWidth(min(max(rect.width() + dx * step, MIN_SIZE), 1.0))
                rect.setHeight(min(max(rect.height() + dy * step, MIN_SIZE), 1.0))
            else:
                rect.translate(dx * step, dy * step)
            self.rects[self.selected] = _clamp(rect)
            self._keyboard_changed(self.selected)
        else:
            super().keyPressEvent(event)

    def _keyboard_changed(self, selected: int) -> None:
        self.selected = selected
        self.update()
        self.changed.emit()

    def delete_selected(self) -> None:
        if self.selected is None:
            return
        del self.rects[self.selected]
        self.selected = None
        self.update()
        self.changed.emit()
