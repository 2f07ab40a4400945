"""Columns that fit their view (app/gui/widgets/columns.py), on real tables: long headings
take two lines instead of scrolling, less important columns give way and come back from the
header's menu, and a cell that does not show all its text shows it in a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import QApplication

from app.gui.prefs import Prefs
from app.gui.widgets import columns
from app.gui.widgets.columns import _ColumnFitter, fit_columns, fitted, two_lines
from app.gui.widgets.tables import cell, make_table

# The People table's headings, in the language where they are longest.
TURKISH = ["Takma ad (paylaşılır)", "Ad (gizli)", "Rol", "Diğer adlar", "Onay: BM",
           "Onay: platformlar", "Onay: kamu", "Olaylar"]


def shown_table(qtbot, headers, rows, width, **fit):
    table = make_table(headers, "people")
    qtbot.addWidget(table)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, cell(value))
    table.resize(width, 300)
    table.show()
    qtbot.waitExposed(table)
    fit_columns(table, **fit)
    return table


def visible(table) -> list[int]:
    header = table.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def test_a_heading_breaks_where_its_longer_line_is_shortest(qapp):
    metrics = make_table(["x"], "t").fontMetrics()
    text, width = two_lines("Consent: platforms", metrics)
    assert text == "Consent:\nplatforms" and width == metrics.horizontalAdvance("platforms")
    assert two_lines("Incidents", metrics) == ("Incidents", metrics.horizontalAdvance("Incidents"))


def test_headings_go_onto_two_lines_before_any_content_is_squeezed():
    content, one_line, floor = [150, 0, 0], [60, 100, 100], [60, 55, 55]  # a handle; two empty dates
    assert fitted(content, one_line, floor, 400) == [150, 100, 100]   # room for all on one line
    assert fitted(content, one_line, floor, 260) == [150, 55, 55]     # the handle stays whole
    assert fitted(content, one_line, floor, 310) == [150, 100, 55]    # the room left: one heading back
    assert fitted(content, one_line, floor, 200) == [90, 55, 55]      # then the handle gives way


@pytest.mark.parametrize("width", [620, 900])
def test_long_headings_take_two_lines_and_every_column_fits_the_view(qtbot, width):
    rows = [["Defender A", "Rania Khalil", "Defender", "رانيا خليل، Rania Kh.", "✓ Evet", "✗ Hayır", "✗ Hayır", "11"]]
    table = shown_table(qtbot, TURKISH, rows, width)
    header = table.horizontalHeader()
    one_line = sum(header.one_line_width(c) for c in range(header.count()))
    assert one_line > 620  # the headings on one line would not fit the small view
    assert visible(table) == list(range(8))
    assert header.length() <= table.viewport().width() + 1
    for column in range(header.count()):
        assert header.sectionSize(column) + 1 >= header.sectionSizeHint(column), TURKISH[column]
    assert header.height() >= 2 * header.fontMetrics().lineSpacing()  # room for the second line


def test_optional_columns_give_way_and_her_choice_in_the_menu_wins(qtbot):
    rows = [["Defender A", "Rania Khalil", "Defender", "Rania Kh.", "✓", "✗", "✗", "11"]]
    table = shown_table(qtbot, TURKISH, rows, 420, optional=(7, 3))
    header = table.horizontalHeader()
    assert 7 not in visible(table)   # the least important gave way first
    assert header.length() <= table.viewport().width() + 1 or 3 not in visible(table)
    menu = table.findChild(_ColumnFitter)._menu(QPoint(5, 5))
    actions = {a.text(): a for a in menu.actions()}
    assert set(actions) == set(TURKISH[1:])   # every column but the one naming the row
    actions["Olaylar"].setChecked(True)       # she wants the incidents back
    assert 7 in visible(table)
    actions["Rol"].setChecked(False)          # and the role gone
    assert 2 not in visible(table)
    table.resize(1400, 300)                   # a wider window: her choices stay
    qtbot.waitUntil(lambda: table.viewport().width() > 1300)
    assert 2 not in visible(table) and {3, 7} <= set(visible(table))
    menu.close()


def tooltip_at(table, row: int, column: int, monkeypatch) -> str:
    """What the cell's tooltip says, as the fitter asks Qt to show it ("" for none)."""
    shown = []
    monkeypatch.setattr(columns.QToolTip, "showText", lambda _pos, text, *_rest: shown.append(text))
    rect = table.visualRect(table.model().index(row, column))
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), table.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(table.viewport(), event)
    return shown[-1] if shown else ""


@pytest.mark.parametrize("wrap", [False, True])
def test_a_cell_that_does_not_show_all_its_text_shows_it_in_a_tooltip(qtbot, monkeypatch, wrap):
    long = "https://t.me/c/1234567890/98765?comment=4242 " + "a very long account of what was said " * 3
    table = shown_table(qtbot, ["Handle", "Message"], [["@short", long]], 260, widest=120, wrap=wrap)
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().resizeSection(1, 120)
    table.setRowHeight(0, table.fontMetrics().height() * 2)  # too short for all the wrapped lines
    assert tooltip_at(table, 0, 1, monkeypatch) == long
    assert tooltip_at(table, 0, 0, monkeypatch) == ""   # shown whole: no tooltip


def popup_menu(qtbot, previous=None):
    """The menu now popped up (a newer one than `previous`)."""
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() not in (None, previous))
    return QApplication.activePopupWidget()


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
def test_the_keyboard_reaches_the_columns_from_the_table(qtbot, keys):
    rows = [["Defender A", "Rania Khalil", "Defender", "Rania Kh.", "✓", "✗", "✗", "11"]]
    table = shown_table(qtbot, TURKISH, rows, 1200)
    table.setFocus()
    table.setCurrentCell(0, 0)
    seen = {}

    def in_the_menus():
        menu = popup_menu(qtbot)
        seen["menu"] = [a.text() for a in menu.actions()]
        qtbot.keyClick(menu, Qt.Key.Key_Up)       # the last entry: Columns
        qtbot.keyClick(menu, Qt.Key.Key_Right)    # into its submenu, on its first column: Ad (gizli)
        sub = popup_menu(qtbot, menu)
        seen["name"] = sub.accessibleName()
        seen["columns"] = [a.text() for a in sub.actions()]
        qtbot.keyClick(sub, Qt.Key.Key_Return)    # unticked: hidden

    QTimer.singleShot(0, in_the_menus)
    qtbot.keyClick(table, keys[0], keys[1])   # with the focus where she works: in the table
    qtbot.waitUntil(lambda: "columns" in seen and QApplication.activePopupWidget() is None)
    assert seen["menu"] == ["Columns"]
    assert seen["name"] == "Columns to show" and seen["columns"] == TURKISH[1:]
    assert 1 not in visible(table)


def test_a_table_with_its_own_context_menu_keeps_it_and_gains_columns(qtbot):
    table = make_table(TURKISH, "people")
    qtbot.addWidget(table)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addAction(QAction("Open", table))
    fit_columns(table)
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [a.text() for a in table.actions()] == ["Open", "Columns"]


@pytest.fixture
def remembered(prefs):
    columns.remember_columns_in(prefs)
    yield prefs
    columns.remember_columns_in(None)


PEOPLE = [["Defender A", "Rania Khalil", "Defender", "Rania Kh.", "✓ Evet", "✗ Hayır", "✗ Hayır", "11"]]


def remembering_table(qtbot, name="people"):
    table = make_table(TURKISH, "people")
    qtbot.addWidget(table)
    table.setRowCount(1)
    for c, value in enumerate(PEOPLE[0]):
        table.setItem(0, c, cell(value))
    table.resize(1400, 300)
    table.show()
    qtbot.waitExposed(table)
    fit_columns(table, optional=(7, 3), remember=name)
    return table


def test_her_column_choices_outlive_the_table_and_the_run(qtbot, remembered, tmp_path):
    table = remembering_table(qtbot)
    fitter = table.findChild(_ColumnFitter)
    fitter.choose(2, False)   # the role hidden
    fitter.choose(7, True)    # the incidents, an optional column, kept in view
    table.close()
    table.deleteLater()
    columns.remember_columns_in(Prefs(remembered.path))   # the next run reads the file afresh
    again = remembering_table(qtbot)
    assert 2 not in visible(again) and 7 in visible(again)
    again.resize(420, 300)   # even on a small screen her choice to show a column holds
    qtbot.waitUntil(lambda: again.viewport().width() < 430)
    assert 7 in visible(again) and 3 not in visible(again)
    other = remembering_table(qtbot, "actors")   # each table has its own choices
    assert 2 in visible(other)
    # The file holds the table's name and column numbers: no heading, no cell of the journal.
    text = remembered.path.read_text(encoding="utf-8")
    assert "-2" in text
    for words in TURKISH + PEOPLE[0]:
        assert words not in text


@pytest.mark.parametrize("stored", ["8: -12 -2", "8: -0 -2", "8: -x -2 +", "8: -٣ -2", "8: 2- -2"])
def test_a_stored_choice_for_no_such_column_is_ignored(qtbot, remembered, stored):
    remembered._s.setValue("columns/people", stored)
    table = remembering_table(qtbot)
    assert visible(table) == [0, 1, 3, 4, 5, 6, 7]   # only the role, which exists, is hidden
    table.findChild(_ColumnFitter).choose(4, False)
    assert remembered.column_choices("people", 8) == {2: False, 4: False}   # the rest forgotten


@pytest.mark.parametrize("stored", ["7: -2", "9: -2", "-2", ": -2", "x: -2"])
def test_choices_made_when_the_table_had_other_columns_are_dropped(qtbot, remembered, stored):
    """Column 2 may be another column now: better all shown than the wrong one hidden."""
    remembered._s.setValue("columns/people", stored)
    assert visible(remembering_table(qtbot)) == list(range(8))
