"""Auto-lock, the panic shortcut, the clipboard, discreet mode, and what stays on disk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.core.models import Incident
from tests.gui.conftest import INCIDENTS, PASSPHRASE, create_journal, gone, idle, run

SECRET_TITLE = "Threat from the brother-in-law"


def journal_windows(controller):
    return [w for w in QApplication.topLevelWidgets()
            if w is not controller.gate and w.isVisible() and w.isWindow()]


def test_auto_lock_after_the_idle_delay(qtbot, controller, messages, prefs):
    prefs.autolock_minutes = 2
    controller.minute_ms = 100  # two "minutes" of 100 ms
    main = create_journal(qtbot, controller)
    assert controller.inactivity.active
    editor = main.open_incident(None)
    qtbot.waitUntil(lambda: controller.is_locked, timeout=5_000)
    assert controller.gate.isVisible()
    assert gone(editor) and journal_windows(controller) == []


def test_activity_postpones_the_auto_lock(qtbot, controller, messages, prefs):
    prefs.autolock_minutes = 10
    controller.minute_ms = 100  # 1 s
    main = create_journal(qtbot, controller)
    for _ in range(8):
        qtbot.wait(150)
        qtbot.keyClick(main.search, Qt.Key.Key_Shift)
    assert not controller.is_locked  # 1.2 s passed, but never 1 s without input
    qtbot.waitUntil(lambda: controller.is_locked, timeout=5_000)


def test_panic_shortcut_locks_from_any_window(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    editor = main.open_incident(None)
    qtbot.keyClicks(editor.form.title, SECRET_TITLE)
    editor.activateWindow()
    qtbot.keyClick(editor.form.title, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert controller.is_locked
    assert journal_windows(controller) == []
    assert controller.gate.pages.currentWidget() is controller.gate.unlock
    idle(qtbot, controller)
    # Every widget that could show the title is gone.
    qtbot.wait(10)
    texts = [w.text() for w in QApplication.allWidgets() if hasattr(w, "text") and callable(w.text)
             and isinstance(w.text(), str)]
    assert SECRET_TITLE not in texts


def test_lock_clears_what_sijil_put_on_the_clipboard(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    editor = main.open_incident(None)
    editor.activateWindow()
    editor.form.title.setText(SECRET_TITLE)
    editor.form.title.setFocus()
    editor.form.title.selectAll()
    editor.form.title.copy()
    assert QGuiApplication.clipboard().text() == SECRET_TITLE
    main.lock_action.trigger()
    assert QGuiApplication.clipboard().text() == ""


def test_quitting_right_after_a_lock_still_locks_the_journal(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    vault = run(qtbot, main.session, lambda v: v)
    main.lock_action.trigger()
    with qtbot.captureExceptions() as raised:
        controller.shutdown()
        QApplication.processEvents()
    assert raised == [] and vault.locked


def test_lock_leaves_a_clipboard_we_did_not_fill(qtbot, controller, messages):
    create_journal(qtbot, controller)
    QApplication.focusWidget() and QApplication.focusWidget().clearFocus()
    QGuiApplication.clipboard().setText("from another program")  # no Sijil widget has the focus
    controller.lock()
    assert QGuiApplication.clipboard().text() == "from another program"


def test_discreet_mode_shows_no_name_and_no_content_in_titles(qtbot, controller, messages, prefs):
    prefs.discreet = True
    main = create_journal(qtbot, controller)
    ident = run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident(SECRET_TITLE, "2026-01-01")))
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)
    titles = {w.windowTitle() for w in journal_windows(controller)} | {controller.gate.windowTitle()}
    assert titles == {"Notes"}
    assert QApplication.applicationDisplayName() == "Notes"
    assert all("Sijil" not in t and SECRET_TITLE not in t for t in titles)


def test_titles_never_show_journal_content_outside_discreet_mode(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    ident = run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident(SECRET_TITLE, "2026-01-01")))
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)
    assert editor.form.title.text() == SECRET_TITLE
    assert all(SECRET_TITLE not in w.windowTitle() for w in journal_windows(controller))


def test_app_preferences_file_holds_no_journal_content(qtbot, controller, messages, prefs, tmp_path):
    main = create_journal(qtbot, controller)
    run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident(SECRET_TITLE, "2026-01-01")),
        changes=INCIDENTS)
    prefs.autolock_minutes = 7
    prefs.discreet = True
    prefs.sync()
    controller.lock()
    idle(qtbot, controller)
    text = prefs.path.read_text(encoding="utf-8")
    assert "autolock_minutes=7" in text
    assert SECRET_TITLE not in text and "vault" not in text.lower()
    assert sorted(p.name for p in prefs.path.parent.iterdir()) == ["sijil.ini"]


def test_locking_keeps_what_was_typed_in_an_open_editor(qtbot, controller, messages):
    main = create_journal(qtbot, controller)
    titled = main.open_incident(None)
    titled.form.title.setText("Typed before the panic key")
    titled.form.description.setPlainText("Every word of it")
    untitled = main.open_incident(None)
    untitled.form.description.setPlainText("No title yet, but a long account")
    main.open_incident(None)  # untouched: must not create an empty incident
    controller.lock()
    idle(qtbot, controller)
    page = controller.gate.unlock
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    stored = run(qtbot, controller.main.session,
                 lambda v: sorted((i.title, i.description) for i in v.journal.incidents.list()))
    assert stored == [("Typed before the panic key", "Every word of it"),
                      ("Untitled incident (kept when Sijil locked)", "No title yet, but a long account")]
    assert messages == []  # no dialog popped up while locking
