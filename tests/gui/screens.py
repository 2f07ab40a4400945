"""The main screens of a journal full of demo data, in a chosen language and window size,
and what a person sees on them: for the small-screen and untranslated-text tests.

`widgets_cut_off(window)` walks every visible widget of a window, not a list of known
ones: a widget outside its window, a label, button or choice narrower than its text, a
toolbar action pushed into the overflow menu, a table column narrower than its header or
its content, a table wider than its view. `visible_texts(window)` collects the words the
interface itself shows (labels, buttons, headers, tabs, menus, placeholders, choices).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabBar,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.core.demo import DEMO_PASSPHRASE, create_demo
from app.gui.application import Controller
from app.gui.prefs import Prefs
from app.gui.widgets.bidi import PlainLabel
from app.gui.widgets.columns import WIDEST  # no column is sized wider: the others stay in view
from tests.gui.conftest import idle


def demo_controller(qtbot, tmp_path, language: str) -> Controller:
    vault = tmp_path / "vault"
    if not vault.exists():
        create_demo(vault, DEMO_PASSPHRASE, "test").lock()
    prefs = Prefs(tmp_path / f"prefs-{language}.ini")
    prefs.language = language
    controller = Controller(prefs, vault, strength_for=lambda _s: "test")
    controller.start()
    controller.unlock(DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
    idle(qtbot, controller)
    return controller


def main_screens(qtbot, controller: Controller) -> Iterator[tuple[str, QWidget]]:
    """Each page of the main window in turn, loaded (the window is the same widget)."""
    main = controller.main
    for row in range(main.nav.count()):
        main.nav.setCurrentRow(row)
        idle(qtbot, controller)
        qtbot.wait(30)
        yield main.nav.item(row).text(), main


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible()


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area's viewport, where being outside the view is normal."""
    from PySide6.QtWidgets import QAbstractScrollArea
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _text_width_needed(widget: QWidget) -> int | None:
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text() or widget.textFormat() == Qt.TextFormat.RichText:
            return None
        return widget.sizeHint().width()
    if isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox):
        return widget.sizeHint().width() if not isinstance(widget, QToolButton) or widget.text() else None
    return None


def widgets_cut_off(window: QWidget) -> list[str]:
    problems: list[str] = []
    frame = QRect(QPoint(0, 0), window.size())
    for widget in window.findChildren(QWidget):
        if not _visible(widget, window) or widget.window() is not window:
            continue
        name = f"{type(widget).__name__} {_describe(widget)!r}"
        scrolled = _in_scroll_area(widget, window)
        top_left = widget.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        if not scrolled and not frame.adjusted(-1, -1, 1, 1).contains(rect):
            problems.append(f"{name} lies outside the window: {rect.getRect()} in {frame.getRect()}")
        needed = _text_width_needed(widget)
        if needed is not None and widget.width() + 1 < needed and not scrolled:
            problems.append(f"{name} is {widget.width()} px wide, its text needs {needed}")
        if isinstance(widget, QToolBar):
            for action in widget.actions():
                shown = widget.widgetForAction(action)
                if action.isVisible() and shown is not None and not shown.isVisible():
                    problems.append(f"toolbar action {action.text()!r} is pushed into the overflow menu")
        if isinstance(widget, QTableView):
            problems += _columns_cut(widget)
    return problems


def _columns_cut(table: QTableView) -> list[str]:
    if table.model() is None or table.model().rowCount() == 0:
        return []
    header = table.horizontalHeader()
    found = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        label = table.model().headerData(column, Qt.Orientation.Horizontal)
        size = header.sectionSize(column)
        if size + 1 < header.sectionSizeHint(column):
            found.append(f"header {label!r} of table {table.accessibleName()!r} is cut: {size} px, "
                         f"needs {header.sectionSizeHint(column)}")
        content = min(table.sizeHintForColumn(column), WIDEST)
        wrapped = table.wordWrap() and all(table.rowHeight(r) + 1 >= table.sizeHintForRow(r)
                                           for r in range(table.model().rowCount()))
        if size + 1 < content and not wrapped:
            found.append(f"column {label!r} of table {table.accessibleName()!r} cuts its content: "
                         f"{size} px, needs {content}")
    if header.length() > table.viewport().width() + 1:
        found.append(f"table {table.accessibleName()!r} is {header.length()} px wide in a "
                     f"{table.viewport().width()} px view: columns scroll out of sight")
    return found


def _describe(widget: QWidget) -> str:
    for attr in ("text", "title", "placeholderText", "currentText"):
        getter = getattr(widget, attr, None)
        if callable(getter):
            try:
                value = getter()
            except TypeError:
                continue
            if isinstance(value, str) and value:
                return value
    return widget.accessibleName() or widget.objectName()


def visible_texts(window: QWidget) -> list[str]:
    """The interface's own words on `window` (not the journal's content in cells and fields)."""
    texts: list[str] = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        if not _visible(widget, window):
            continue
        if isinstance(widget, PlainLabel):
            continue  # her own words (notes), in whatever language she wrote them
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            if model is not None:
                texts += [str(model.headerData(i, Qt.Orientation.Horizontal) or "") for i in range(widget.count())]
        elif isinstance(widget, QListWidget) and widget.objectName() == "nav":
            texts += [widget.item(i).text() for i in range(widget.count())]
        texts += [action.text() for action in widget.actions() if action.text()]
        if isinstance(widget, QAbstractItemView):
            pass  # cells hold the journal's content, in whatever language she wrote it
    return [t for t in texts if t]
