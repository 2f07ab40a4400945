"""The 5x5 likelihood x impact heat map, drawn with QPainter.

Impact runs along the reading direction (mirrored in right-to-left layouts), likelihood
rises upwards. Each cell shows its score so the colours are never the only cue; the current
cell gets a heavy frame and a dot. In `choosable` mode a click or the arrow keys pick a cell.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.i18n import _, current_language
from app.core.locale_format import format_number
from app.core.models import risk_level
from app.gui import vocabulary

LEVEL_COLOURS = {"low": QColor("#cfe8cf"), "medium": QColor("#fff0a0"),
                 "high": QColor("#ffc58f"), "critical": QColor("#f29b9b")}
SCALE = range(1, 6)


def matrix_text(likelihood: int, impact: int) -> str:
    """The text alternative of a marked matrix."""
    level = vocabulary.label(vocabulary.levels, risk_level(likelihood, impact))
    number = partial(format_number, language=current_language())
    return _("Likelihood {likelihood} of {top}, impact {impact} of {top}: score {score}, level {level}.").format(
        likelihood=number(likelihood), impact=number(impact), top=number(5), score=number(likelihood * impact),
        level=level)


class RiskMatrix(QWidget):
    cell_chosen = Signal(int, int)   # likelihood, impact

    def __init__(self, choosable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choosable = choosable
        self.likelihood: int | None = None
        self.impact: int | None = None
        self.setAccessibleName(_("Risk matrix: likelihood by impact"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if choosable else Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 260)
        self._update_text()

    def sizeHint(self) -> QSize:
        return QSize(380, 330)

    def set_cell(self, likelihood: int | None, impact: int | None) -> None:
        self.likelihood, self.impact = likelihood, impact
        self._update_text()
        self.update()

    def _update_text(self) -> None:
        if self.likelihood and self.impact:
            self.setAccessibleDescription(matrix_text(self.likelihood, self.impact))
        else:
            self.setAccessibleDescription(_("No cell marked."))

    # Geometry ---------------------------------------------------------------------------

    def _grid(self) -> QRect:
        metrics = self.fontMetrics()
        side = metrics.height() * 2 + 8     # rotated axis title and tick numbers
        bottom = metrics.height() * 4 + 12  # tick numbers, axis title, legend
        area = self.rect().adjusted(8, 8, -side, -bottom) if self._rtl() else \
            self.rect().adjusted(side, 8, -8, -bottom)
        size = min(area.width(), area.height())
        left = area.left() if not self._rtl() else area.right() - size
        return QRect(left, area.top(), size, size)

    def _rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def cell_rect(self, likelihood: int, impact: int) -> QRect:
        grid = self._grid()
        step = grid.width() / 5
        column = (5 - impact) if self._rtl() else (impact - 1)
        row = 5 - likelihood
        return QRect(round(grid.left() + column * step), round(grid.top() + row * step),
                     round(step), round(step))

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        for likelihood in SCALE:
            for impact in SCALE:
                if self.cell_rect(likelihood, impact).contains(pos):
                    return likelihood, impact
        return None

    # Painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        number = partial(format_number, language=current_language())
        text_colour = self.palette().windowText().color()
        bold = QFont(self.font())
        bold.setBold(True)
        for likelihood in SCALE:
            for impact in SCALE:
                rect = self.cell_rect(likelihood, impact)
                painter.fillRect(rect, LEVEL_COLOURS[risk_level(likelihood, impact)])
                painter.setPen(QPen(QColor("#ffffff"), 2))
                painter.drawRect(rect)
                painter.setPen(QColor("#000000"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, number(likelihood * impact))
        if self.likelihood and self.impact:
            rect = self.cell_rect(self.likelihood, self.impact)
            painter.setPen(QPen(QColor("#000000"), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
            # A dot in the corner as a second cue beside the frame, clear of the score.
            painter.setBrush(QColor("#000000"))
            dot = max(3, rect.width() // 14)
            corner = rect.topLeft() + QPoint(dot + 6, dot + 6) if self._rtl() else \
                rect.topRight() + QPoint(-dot - 6, dot + 6)
            painter.drawEllipse(corner, dot, dot)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._grid().adjusted(-3, -3, 3, 3))
        self._paint_axes(painter, text_colour, bold)
        self._paint_legend(painter, text_colour)
        painter.end()

    def _paint_axes(self, painter: QPainter, colour: QColor, bold: QFont) -> None:
        grid, number = self._grid(), partial(format_number, language=current_language())
        line = self.fontMetrics().height()
        painter.setPen(colour)
        for n in SCALE:
            below = self.cell_rect(1, n)
            painter.drawText(QRect(below.left(), grid.bottom() + 2, below.width(), line),
                             Qt.AlignmentFlag.AlignCenter, number(n))
            row = self.cell_rect(n, 1)
            side = QRect(row.right() + 2, row.top(), line, row.height()) if self._rtl() else \
                QRect(row.left() - line - 2, row.top(), line, row.height())
            painter.drawText(side, Qt.AlignmentFlag.AlignCenter, number(n))
        painter.setFont(bold)
        # Centred under the grid but as wide as the widget: the title may be wider than the grid.
        title = QRect(0, grid.bottom() + line + 2, self.width(), line)
        title.moveCenter(QPoint(grid.center().x(), title.center().y()))
        painter.drawText(title, Qt.AlignmentFlag.AlignCenter, _("Impact (how serious the harm)"))
        painter.save()
        x = grid.right() + line + 6 if self._rtl() else grid.left() - line - 6
        painter.translate(x, grid.center().y())
        painter.rotate(90 if self._rtl() else -90)
        painter.drawText(QRect(-grid.height() // 2, -line, grid.height(), line),
                         Qt.AlignmentFlag.AlignCenter, _("Likelihood"))
        painter.restore()
        painter.setFont(self.font())

    def _paint_legend(self, painter: QPainter, colour: QColor) -> None:
        grid = self._grid()
        metrics = self.fontMetrics()
        line = metrics.height()
        y = grid.bottom() + 2 * line + 8
        labels = vocabulary.levels()
        x = grid.right() if self._rtl() else grid.left()
        for level, fill in LEVEL_COLOURS.items():
            text = labels[level]
            width = line + 4 + metrics.horizontalAdvance(text)
            box = QRect(x - line if self._rtl() else x, y + 2, line - 4, line - 4)
            painter.fillRect(box, fill)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor("#555555"))
            painter.drawRect(box)
            painter.setPen(colour)
            text_rect = QRect(x - width, y, width - line - 2, line) if self._rtl() else \
                QRect(x + line, y, width, line)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
            x += -(width + 12) if self._rtl() else width + 12

    # Choosing ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.cell_at(event.position().toPoint()) if self.choosable else None
        if found:
            self._choose(*found)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.choosable:
            super().keyPressEvent(event)
            return
        likelihood, impact = self.likelihood or 1, self.impact or 1
        forward = -1 if self._rtl() else 1
        moves = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
                 Qt.Key.Key_Right: (0, forward), Qt.Key.Key_Left: (0, -forward)}
        move = moves.get(Qt.Key(event.key()))
        if move is None:
            super().keyPressEvent(event)
            return
        self._choose(min(5, max(1, likelihood + move[0])), min(5, max(1, impact + move[1])))

    def _choose(self, likelihood: int, impact: int) -> None:
        self.set_cell(likelihood, impact)
        self.cell_chosen.emit(likelihood, impact)
