"""Table columns that fit their view, so a small laptop (1024×640) shows every important column
without scrolling sideways, in any language.

- Columns are sized to their contents, none wider than `widest`; when they still do not fit, the
  widest give way first and their text wraps onto more lines (or, without `wrap`, is elided).
- Headings wrap onto two lines (`TwoLineHeader`) where that makes a column narrower than its
  one-line heading: "Consent: platforms" needs half its width on two lines.
- The header's context menu hides and shows columns (all but the first, which names the row);
  so does a "Columns" submenu in the table's own context menu, which the keyboard opens too
  (the menu key or Shift+F10, with the focus in the table). A table fitted with a `remember`
  name keeps her choices between runs, in the app's preferences (`remember_columns_in`).
  Columns named `optional` give way on their own when even the narrowest layout is too wide;
  a column she chose to show stays shown.
- A cell whose text does not fit shows all of it in a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QFontMetrics, QHelpEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMenu,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from app.core.i18n import _

WIDEST = 260  # no column wider than this, so the others stay in view
REMEASURED_ROWS = 200  # rows measured again at each fit, in tables no longer (reading every row)


def two_lines(text: str, metrics: QFontMetrics) -> tuple[str, int]:
    """`text` broken at the space that makes its longer line shortest, and that line's width;
    the text itself when one line is narrower (a single word)."""
    best, width = text, metrics.horizontalAdvance(text)
    for at, char in enumerate(text):
        if char == " ":
            first, second = text[:at], text[at + 1:]
            widest = max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second))
            if widest < width:
                best, width = f"{first}\n{second}", widest
    return best, width


class TwoLineHeader(QHeaderView):
    """A horizontal header whose headings wrap onto a second line when their section is
    narrower than one line; its size hints say the two-line width, so nothing is cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # as QTableView's own header
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrap, never "Consent: pl…"

    def _text(self, logical: int) -> str:
        model = self.model()
        return str(model.headerData(logical, self.orientation()) or "") if model is not None else ""

    def one_line_width(self, logical: int) -> int:
        return super().sectionSizeFromContents(logical).width()

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        text, metrics = self._text(logical), self.fontMetrics()
        _broken, width = two_lines(text, metrics)
        saved = metrics.horizontalAdvance(text) - width
        if saved <= 0:
            return size
        # a pixel or two of slack: the style may round the text's rectangle
        return QSize(size.width() - saved + 2, size.height() + metrics.lineSpacing())


def install_header(table: QTableView) -> TwoLineHeader:
    """Give `table` a `TwoLineHeader` (before its header is configured: it replaces the old one)."""
    header = TwoLineHeader(table)
    table.setHorizontalHeader(header)
    return header


class ColumnChoices(Protocol):
    """Where her column choices are kept (app/gui/prefs.py's Prefs)."""

    def column_choices(self, table: str, columns: int) -> dict[int, bool]: ...
    def set_column_choices(self, table: str, columns: int, choices: dict[int, bool]) -> None: ...


_store: ColumnChoices | None = None


def remember_columns_in(store: ColumnChoices | None) -> None:
    """Keep the column choices of the tables fitted from now on in `store` (None: nowhere)."""
    global _store
    _store = store


def fit_columns(table: QTableView, widest: int = WIDEST, wrap: bool = True,
                optional: Iterable[int] = (), remember: str = "") -> None:
    """Fit `table`'s columns to its view now and whenever it is resized (see the module's
    docstring); `optional` lists the columns, least important first, that may be hidden
    when the others need the room; `remember` names the table where her choices are kept."""
    fitter = table.findChild(_ColumnFitter)
    if fitter is None:
        fitter = _ColumnFitter(table, remember)
    fitter.widest, fitter.wrap, fitter.optional = widest, wrap, list(optional)
    fitter.fit()


def shrunk(natural: list[int], floor: list[int], room: int) -> list[int]:
    """Widths no larger than `natural` nor smaller than `floor` that fit `room` if they can:
    the largest common cap on the widest columns (found by halving)."""
    def widths(cap: int) -> list[int]:
        return [max(low, min(want, cap)) for want, low in zip(natural, floor, strict=True)]

    if sum(natural) <= room:
        return natural
    low, high = 0, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        low, high = (cap, high) if sum(widths(cap)) <= room else (low, cap - 1)
    return widths(low)


def fitted(content: list[int], one_line: list[int], floor: list[int], room: int) -> list[int]:
    """Column widths for `room`: each column's content beside its heading on one line if all
    fit; else headings go onto two lines first (`floor`), then the widest contents give way
    (`shrunk`), and what room is left puts headings back on one line, the cheapest first."""
    natural = [max(c, line, low) for c, line, low in zip(content, one_line, floor, strict=True)]
    if sum(natural) <= room:
        return natural
    tight = [max(c, low) for c, low in zip(content, floor, strict=True)]
    widths = shrunk(tight, floor, room)
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: natural[i] - widths[i]):
        if widths[i] == tight[i] and 0 < natural[i] - widths[i] <= spare:
            spare -= natural[i] - widths[i]
            widths[i] = natural[i]
    return widths


class _ColumnFitter(QObject):
    def __init__(self, table: QTableView, remember: str = "") -> None:
        super().__init__(table)
        self.table, self.widest, self.wrap, self.optional = table, WIDEST, True, []
        self.store, self.remember = (_store, remember) if remember else (None, "")
        # column -> shown, as she set it in the menu (the first column names the row: always shown)
        self.chosen: dict[int, bool] = {}
        if self.store is not None:
            count = table.horizontalHeader().count()
            self.chosen = {c: shown for c, shown in self.store.column_choices(remember, count).items()
                           if 0 < c < count}
        self._fitting = False
        table.viewport().installEventFilter(self)
        header = table.horizontalHeader()
        # Columns fit the rows in sight (Qt measured 1,000 rows, each through the delegate: at
        # 200 rows a page that was most of the table's first paint); they fit again as more load.
        header.setResizeContentsPrecision(0)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)
        # The same choices in the table's own context menu, where a keyboard reaches them.
        self.columns_menu = QMenu(_("Columns"), table)
        self.columns_menu.setAccessibleName(_("Columns to show"))
        self.columns_menu.aboutToShow.connect(lambda: self._fill(self.columns_menu))
        self.columns_menu.menuAction().setObjectName("columnsAction")
        if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addAction(self.columns_menu.menuAction())
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table:
            return event.type() == QEvent.Type.KeyPress and self._menu_key(event)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and not self._fitting:
            self.fit()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._tooltip(event)
        return False

    def fit(self) -> None:
        table = self.table
        # Hidden, Qt measures every row of a column (100,000 in an export): fit when shown.
        if table.model() is None or not table.isVisible():
            return
        self._fitting = True
        try:
            for _attempt in range(3):  # taller wrapped rows may bring a scroll bar: fit again
                room = table.viewport().width()
                self._fit_to(room)
                if table.viewport().width() == room:
                    break
        finally:
            self._fitting = False

    def _floor(self, column: int) -> int:
        return self.table.horizontalHeader().sectionSizeHint(column)

    def _fit_to(self, room: int) -> None:
        table, header = self.table, self.table.horizontalHeader()
        for column in range(header.count()):  # her choices first, optional ones shown again
            header.setSectionHidden(column, not self.chosen.get(column, True))
        for column in self.optional:  # then the least important give way while even floors do not fit
            shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
            if sum(self._floor(c) for c in shown) <= room:
                break
            if column not in self.chosen:
                header.setSectionHidden(column, True)
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        floor = [self._floor(c) for c in columns]
        one_line = [header.one_line_width(c) if isinstance(header, TwoLineHeader) else low
                    for c, low in zip(columns, floor, strict=True)]
        content = [min(table.sizeHintForColumn(c), self.widest) for c in columns]
        widths = fitted(content, [min(line, self.widest) for line in one_line], floor, room)
        for column, width in zip(columns, widths, strict=True):
            header.resizeSection(column, width)  # a stretched column still takes what is left
        if self.wrap and any(w < c for w, c in zip(widths, content, strict=True)):
            # rows grow with their wrapped text, later rows too
            table.setWordWrap(True)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = table.verticalHeader()
        wrapping = rows.count() > 0 and rows.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
        if wrapping and rows.count() <= REMEASURED_ROWS:
            # Qt measures rows again on new data, not on new column widths: a row wrapped
            # while the view was narrow would stay tall.
            table.resizeRowsToContents()

    def _menu_key(self, event: QKeyEvent) -> bool:
        """The menu key or Shift+F10 opens the table's context menu at its current cell (Qt
        makes the menu key do so only on some platforms, and Shift+F10 nowhere)."""
        key, mods = event.key(), event.modifiers()
        if not ((key == Qt.Key.Key_Menu and mods == Qt.KeyboardModifier.NoModifier)
                or (key == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier)):
            return False
        table = self.table
        rect = table.visualRect(table.currentIndex())
        at = rect.center() if rect.isValid() else QPoint(4, 4)
        QApplication.sendEvent(table, QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, table.viewport().mapTo(table, at),
            table.viewport().mapToGlobal(at)))
        event.accept()  # handled: no second menu made from the same key
        return True

    def _fill(self, menu: QMenu) -> None:
        """`menu` filled afresh with a check box per column (all but the one naming the row)."""
        menu.clear()
        header, model = self.table.horizontalHeader(), self.table.model()
        for column in range(1, header.count()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            action = QAction(title, menu, checkable=True, checked=not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.choose(c, shown))
            menu.addAction(action)

    def _menu(self, pos: QPoint) -> QMenu:
        header = self.table.horizontalHeader()
        menu = QMenu(header)
        menu.setAccessibleName(_("Columns to show"))
        self._fill(menu)
        menu.popup(header.mapToGlobal(pos))
        return menu

    def choose(self, column: int, shown: bool) -> None:
        """Show or hide a column as she chose it in the header's menu, and refit."""
        self.chosen[column] = shown
        if self.store is not None:
            self.store.set_column_choices(self.remember, self.table.horizontalHeader().count(), self.chosen)
        self.fit()

    def _tooltip(self, event: QHelpEvent) -> bool:
        """The whole text of a cell that does not show all of it (elided, or wrapped taller than its row)."""
        table = self.table
        index = table.indexAt(event.pos())
        text = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
        if not isinstance(text, str) or not text or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        rect = table.visualRect(index)
        option = QStyleOptionViewItem()
        option.initFrom(table.viewport())
        option.rect, option.font = rect, table.font()
        if table.wordWrap():
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        needed = table.itemDelegateForIndex(index).sizeHint(option, index)
        if needed.width() <= rect.width() + 1 and needed.height() <= rect.height() + 1:
            return False
        QToolTip.showText(event.globalPos(), text, table.viewport(), rect)
        return True
