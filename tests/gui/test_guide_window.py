"""The guide from the main window: F1 opens it in the app's language, and an empty state's
link opens it at the section that screen is about."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core import guide
from tests.gui.conftest import create_journal


def _visible_heading(browser) -> str:
    """The text at the top of the visible part of the guide."""
    cursor = browser.cursorForPosition(browser.viewport().rect().topLeft())
    return cursor.block().text()


def test_f1_opens_the_guide_in_the_app_language(qtbot, main):
    main.activateWindow()
    qtbot.waitExposed(main)
    main.incidents.table.setFocus()
    qtbot.keyClick(main.incidents.table, Qt.Key.Key_F1)
    window = main.guide_window
    assert window is not None and window.isVisible()
    assert window.windowTitle() == guide.title("en")
    text = window.browser.toPlainText()
    assert all(s.title in text for s in guide.sections("en"))


def test_f1_opens_it_in_arabic_right_to_left(qtbot, controller, prefs, messages):
    prefs.language = "ar"
    main = create_journal(qtbot, controller)
    window = main.show_guide()
    assert window.windowTitle() == guide.title("ar")
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert guide.sections("ar")[0].title in window.browser.toPlainText()


def test_the_empty_incidents_list_links_to_what_to_capture(qtbot, main):
    empty = main.incidents.empty
    assert main.incidents.stack.currentWidget() is empty
    empty.guide_link.linkActivated.emit(empty.guide_link.text())
    window = main.guide_window
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.browser.verticalScrollBar().value() > 0 or
                    _visible_heading(window.browser) == guide.section("en", guide.CAPTURE).title)
    assert guide.section("en", guide.CAPTURE).title in _visible_heading(window.browser)


def test_the_empty_reports_page_links_to_reporting(qtbot, main):
    main.nav.setCurrentRow([main.nav.item(r).text() for r in range(main.nav.count())].index("Platform reports"))
    view = main.views["reports"]
    qtbot.waitUntil(lambda: getattr(view, "empty", None) is not None and view.empty.is_empty, timeout=10_000)
    view.empty.guide_link.linkActivated.emit("")
    window = main.guide_window
    qtbot.waitExposed(window)
    assert guide.section("en", guide.REPORT_TELEGRAM).title in _visible_heading(window.browser)
