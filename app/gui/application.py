"""Start-up and the lock cycle: gate (first run / unlock) -> main window -> lock -> gate.

The controller wires the parts together and owns the lock cycle: the one TaskRunner, the
gate's work (gate/flow.py), the Session of the unlocked journal, the demo's lifetime
(demo_journal.py), auto-lock, the panic key and the clipboard guard (safety.py), the
windows' titles in discreet mode (discreet.py), the calculator cover (gate/camouflage.py) and
the quick wipe (quick_wipe.py). Locking closes every window that can show
journal content before the keys are dropped.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.core import paths
from app.core import vault as vaults
from app.core.errors import RollbackDetected, SijilError
from app.core.i18n import _
from app.gui.demo_journal import DemoJournal
from app.gui.discreet import APP_TITLE, WindowPresentation, disguise, is_discreet
from app.gui.evidence.picture_reader import PictureReader
from app.gui.gate.camouflage import CoverWindow
from app.gui.gate.flow import GateFlow
from app.gui.gate.unlock_page import PANIC_SHORTCUT
from app.gui.gate.wipe_dialog import WIPE_SHORTCUT
from app.gui.gc_guard import MainThreadCollector
from app.gui.language import apply_language, chosen_language
from app.gui.main_window import MainWindow
from app.gui.prefs import Prefs
from app.gui.quick_wipe import QuickWipe
from app.gui.safety import ClipboardGuard, InactivityTimer, PanicKey
from app.gui.session import Session
from app.gui.single_instance import SingleInstance
from app.gui.style import apply_style
from app.gui.tasks import TaskRunner
from app.gui.widgets.columns import remember_columns_in
from app.gui.widgets.dialogs import show_error


class Controller(QObject):
    minute_ms = 60_000  # tests shorten the minute to try auto-lock quickly

    def __init__(self, prefs: Prefs, vault_dir: Path, strength_for: Callable[[str], str] = str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        remember_columns_in(prefs)  # which columns she hides is a preference, kept between runs
        self.collector = MainThreadCollector(self)
        self.collector.start()
        self.runner = TaskRunner(self)
        self.session: Session | None = None
        self.main: MainWindow | None = None
        self.read_only = False  # the open journal failed its state check and was opened read-only
        self.demo = DemoJournal()
        self.gate_flow = GateFlow(self.runner, vault_dir, self.demo, strength_for, self)
        self.gate_flow.opened.connect(self._opened)
        self.gate_flow.language_chosen.connect(self.choose_language)
        self._retranslate_deferred = False
        self.inactivity = InactivityTimer(self)
        self.inactivity.inactive.connect(self.lock)
        self.clipboard = ClipboardGuard(QGuiApplication.clipboard(), self)
        self.panic = PanicKey(PANIC_SHORTCUT, lambda: self.session is not None, self)
        self.panic.pressed.connect(self.lock)
        self.presentation = WindowPresentation(prefs, self._own_title, self)
        self.runner.failed.connect(self._show_failure)
        self.quick_wipe = QuickWipe(self)
        self.wipe_key = PanicKey(WIPE_SHORTCUT, lambda: not self.quick_wipe.active, self)
        self.wipe_key.pressed.connect(self.quick_wipe.request)
        self.gate.unlock.wipe_requested.connect(self.quick_wipe.request)
        self.cover = CoverWindow(prefs.cover_code_matches)
        self.cover.revealed.connect(self._reveal)

    @property
    def gate(self) -> QWidget:
        return self.gate_flow.window

    def start(self) -> None:
        self.apply_prefs()
        self._show_gate()

    def _show_gate(self) -> None:
        """The unlock screen, or the calculator in front of it when she chose the cover."""
        if self.prefs.cover:
            self.cover.show()
        else:
            self.gate_flow.show()

    def _reveal(self) -> None:
        self.gate_flow.show()  # shown before the cover hides: never a moment without a window
        self.cover.hide()

    def unlock(self, passphrase: str, read_only: bool = False) -> None:
        self.gate_flow.unlock(passphrase, read_only)

    def _opened(self, vault: vaults.Vault) -> None:
        if self.quick_wipe.active:  # it finished opening during the countdown
            self.quick_wipe.wipe_opened(vault)
            return
        self.read_only = vault.read_only
        self.session = Session(self.runner, vault, self)
        self.session.damaged.connect(self._found_damaged)
        self.pictures = PictureReader(self.session, self.session)
        self.main = self._build_main()
        self.apply_prefs()
        self.main.show()
        self.pictures.wake()  # pictures imported while OCR was not installed, or before it existed

    def _found_damaged(self, error: SijilError) -> None:
        """The open check, finished after the window opened, found what the gate would have
        refused: say it in the same words. A partly older journal stays open read-only (what
        the gate offers); a damaged one is locked (the gate does not open it)."""
        if isinstance(error, RollbackDetected):
            self.read_only = True
            self.presentation.apply()  # the title says read-only
            show_error(self.main, error)
        else:
            self.lock()
            show_error(self.gate, error)

    # Locking -----------------------------------------------------------------------------------

    def lock(self) -> None:
        """Close every window showing journal content, clear our clipboard, drop the keys.

        The screen locks at once. Typing not yet saved (an open editor, a caption) is saved
        first on the worker, then the keys are dropped: a panic lock loses nothing."""
        if self.session is None:
            return
        session, self.session = self.session, None
        self.inactivity.stop()
        self.clipboard.clear_if_ours()
        saves = session.unsaved.pending_saves()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.gate and widget.isWindow() and widget.isVisible():
                widget.close()
        self._stop_deferring()  # the next main window is built in the language now set
        if self.main is not None:
            self.main.deleteLater()
            self.main = None
        self.runner.cancel_all()  # stop imports and exports; the saves below start after

        def keep(vault, ctx) -> None:
            for save in saves:
                with contextlib.suppress(SijilError):
                    save(vault)

        def finish(_result: object = None) -> None:
            session.lock()
            session.deleteLater()
            if self.demo.active:
                self.runner.run(lambda ctx: None, on_success=lambda _r: self.demo.remove())

        session.call(None, keep, on_success=finish, on_failure=finish)
        self._show_gate()

    @property
    def is_locked(self) -> bool:
        return self.session is None

    # Preferences, window titles ---------------------------------------------------------------

    def _build_main(self) -> MainWindow:
        main = MainWindow(self.session, self.prefs)
        main.lock_requested.connect(self.lock)
        main.wipe_requested.connect(self.quick_wipe.request)
        main.prefs_changed.connect(self.apply_prefs)
        main.quit_requested.connect(QApplication.quit)
        return main

    def apply_prefs(self) -> None:
        if apply_language(chosen_language(self.prefs)):
            self.retranslate()
        self.presentation.apply()
        if self.session is not None:
            self.inactivity.start(self.prefs.autolock_minutes * self.minute_ms)

    # Language ----------------------------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        self.prefs.language = code
        self.prefs.sync()
        self.apply_prefs()

    def retranslate(self) -> None:
        """Rebuild the windows in the language just set. The main window is rebuilt at once
        unless an editor, the wizard or another window of it is open (it may hold unsaved
        typing, and it closes with its parent): then when the last of them closes."""
        self.gate_flow.retranslate()
        if self.main is None:
            return
        if self._other_windows_open():
            if not self._retranslate_deferred:
                self._retranslate_deferred = True
                QApplication.instance().installEventFilter(self)
            return
        self._rebuild_main()

    def _other_windows_open(self) -> bool:
        modal = QApplication.activeModalWidget()  # the settings dialog that chose the language
        return any(w.isVisible() and w is not modal and _owned_by(w, self.main)
                   for w in QApplication.topLevelWidgets())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Hide and self._retranslate_deferred and isinstance(watched, QWidget)
                and watched.isWindow()):
            QTimer.singleShot(0, self._retranslate_if_free)
        return False

    def _retranslate_if_free(self) -> None:
        if self._retranslate_deferred and self.main is not None and not self._other_windows_open():
            self._rebuild_main()

    def _rebuild_main(self) -> None:
        """A new main window in the new language, on the same page, size and search."""
        self._stop_deferring()
        old = self.main
        self.main = self._build_main()
        self.main.setGeometry(old.geometry())
        self.main.nav.setCurrentRow(old.nav.currentRow())
        self.main.search.setText(old.search.text())
        if old.isVisible():
            self.main.show()
        old.hide()
        old.deleteLater()  # after the settings dialog it owns has returned

    def _stop_deferring(self) -> None:
        if self._retranslate_deferred:
            self._retranslate_deferred = False
            QApplication.instance().removeEventFilter(self)

    def _own_title(self, widget: QWidget) -> str | None:
        if widget is self.main and self.read_only:
            return _("Sijil (read-only)")
        if widget is self.gate or widget is self.main:
            return APP_TITLE
        return None

    def bring_forward(self) -> None:
        """Another start of Sijil on this journal: show this window instead of a second one."""
        window = self.main or (self.cover if self.cover.isVisible() else self.gate)
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def _show_failure(self, message: str) -> None:
        show_error(self.main or self.gate, message)

    def shutdown(self) -> None:
        self.lock()
        # The saves, then the lock they queue, then the demo folder; also for a lock already
        # in flight (quit right after a panic lock), whose keys must still be dropped.
        for _step in range(3):
            if not self.runner.busy:
                break
            self.runner.wait_idle()
            QApplication.processEvents()
        self.runner.shutdown()
        self.collector.stop()
        self.demo.remove()
        self.panic.remove()
        self.wipe_key.remove()
        self.presentation.remove()
        self.cover.close()


def _owned_by(window: QWidget, main: QWidget) -> bool:
    """Whether `window` is a separate window (editor, wizard, viewer) that `main` owns."""
    parent = window.parentWidget()
    while parent is not None:
        if parent is main:
            return True
        parent = parent.parentWidget()
    return False


def run_gui() -> int:
    """Open the desktop app; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prefs = Prefs()
    apply_language(chosen_language(prefs))
    # The application name ends up in the window class the task switcher shows.
    app.setApplicationName(disguise(prefs) if is_discreet(prefs) else "sijil")
    apply_style(app)
    vault_dir = paths.default_vault_dir()
    instance = SingleInstance(vault_dir)
    if not instance.claim():
        return 0  # the window already open on this journal came forward
    controller = Controller(prefs, vault_dir)
    instance.activated.connect(controller.bring_forward)
    controller.quick_wipe.wiped.connect(app.quit)
    controller.start()
    code = app.exec()
    controller.shutdown()
    instance.release()
    return code
