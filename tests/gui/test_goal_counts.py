"""The goals of issue 11, counted as she would do them, keyboard and mouse only:
unlock -> a saved incident with three pasted screenshots in at most 10 interactions, and a
platform report with 7 links and their outcomes in at most 20.

An interaction is one click, one key (or key chord), or typing one text into one field;
putting a screenshot on the clipboard happens outside Sijil and is not counted. Every key
goes to the widget that really has the focus, so a misplaced focus fails the count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import PASSPHRASE, create_journal, gone, idle, run

CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)


class Hands:
    """Her keyboard and mouse, counting."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.count = qtbot, 0

    def focus(self):
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return QApplication.focusWidget()

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        self.count += 1
        self.qtbot.keyClicks(self.focus(), text)

    def click(self, widget, pos=None, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        target = widget.viewport() if hasattr(widget, "viewport") else widget
        self.qtbot.mouseClick(target, Qt.MouseButton.LeftButton, modifier, pos or target.rect().center())


def _screenshot(colour: str) -> None:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    QGuiApplication.clipboard().setImage(image)


def _unlock_page(qtbot, controller):
    create_journal(qtbot, controller)
    controller.lock()
    qtbot.waitUntil(lambda: controller.gate.isVisible() and controller.main is None, timeout=10_000)
    idle(qtbot, controller)
    controller.gate.activateWindow()
    return controller.gate.unlock


def test_unlock_to_an_incident_with_three_screenshots_in_at_most_10(qtbot, controller, messages):
    page = _unlock_page(qtbot, controller)
    hands = Hands(qtbot)
    qtbot.waitUntil(page.passphrase.hasFocus)
    hands.type(PASSPHRASE)
    hands.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main is not None and controller.main.isVisible(), timeout=10_000)
    main = controller.main
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    hands.key(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is not main)
    editor = QApplication.focusWidget().window()
    hands.type("Threats in the comments of my post")
    for colour in ("#aa0000", "#00aa00", "#0000aa"):
        _screenshot(colour)
        count = editor.evidence.list.count()
        hands.key(Qt.Key.Key_V, CTRL)
        qtbot.waitUntil(lambda c=count: editor.evidence.list.count() == c + 1, timeout=10_000)
    hands.key(Qt.Key.Key_Return)  # Save is the default button
    qtbot.waitUntil(lambda: gone(editor), timeout=10_000)
    idle(qtbot, controller)
    [incident] = run(qtbot, main.session, lambda v: v.journal.incidents.list())
    evidence = run(qtbot, main.session, lambda v: v.journal.evidence.of_incident(incident.id))
    assert incident.title == "Threats in the comments of my post" and len(evidence) == 3
    assert not messages
    print(f"\nunlock -> incident with three pasted screenshots: {hands.count} interactions")
    assert hands.count <= 10


SEVEN = "\n".join(f"https://t.me/hate_channel/{n}" for n in range(101, 108))


def test_a_platform_report_with_seven_links_and_outcomes_in_at_most_20(qtbot, main):
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    hands = Hands(qtbot)
    hands.key(Qt.Key.Key_4, CTRL)  # the Platform reports page
    view = main.views["reports"]
    qtbot.waitUntil(lambda: view.add_button.isVisible())
    hands.click(view.add_button)
    dialog = view.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    hands.key(Qt.Key.Key_P, ALT)   # &Platform
    hands.key(Qt.Key.Key_T)        # TikTok (the next T after Facebook)...
    qtbot.wait(QApplication.keyboardInputInterval() + 100)  # she is slower than a typed word
    hands.key(Qt.Key.Key_T)        # ...and Telegram
    assert dialog.platform.currentData() == "telegram"
    hands.key(Qt.Key.Key_I, ALT)   # Reported &items
    hands.key(Qt.Key.Key_L, ALT)   # Paste &links…
    qtbot.waitUntil(lambda: getattr(dialog, "paste_dialog", None) is not None)  # a mnemonic clicks a moment later
    qtbot.waitUntil(lambda: dialog.paste_dialog.text.hasFocus())
    paste = dialog.paste_dialog
    QGuiApplication.clipboard().setText(SEVEN)  # copied from her notes, outside Sijil
    hands.key(Qt.Key.Key_V, CTRL)
    assert "7 items will be added" in paste.summary.text()
    hands.click(paste.buttons.button(paste.buttons.StandardButton.Ok))
    table = dialog.items_table
    qtbot.waitUntil(table.hasFocus)
    hands.key(Qt.Key.Key_A, CTRL)  # all seven...
    hands.key(Qt.Key.Key_O, ALT)   # &Outcome of the selected items
    hands.key(Qt.Key.Key_P)        # Post removed
    qtbot.wait(QApplication.keyboardInputInterval() + 100)  # she is slower than a typed word
    hands.click(table, table.visualRect(table.model().index(4, 0)).center())
    hands.click(table, table.visualRect(table.model().index(6, 0)).center(), SHIFT)  # ...then the last three
    hands.key(Qt.Key.Key_O, ALT)
    hands.key(Qt.Key.Key_N)        # No violation found
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        hands.click(dialog.save_button)
    [report] = run(qtbot, main.session, lambda v: v.journal.reports.list())
    assert report.platform == "telegram" and len(report.items) == 7
    assert [i.outcome for i in report.items] == ["removed"] * 4 + ["no_violation"] * 3
    print(f"\nplatform report with 7 links and their outcomes: {hands.count} interactions")
    assert hands.count <= 20
