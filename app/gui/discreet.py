"""How the windows present themselves in discreet mode, in which every window (dialogs and
message boxes included) is called "Notes" (or "Calculator", the disguise she chose) with a plain
icon, so a glance at the screen or the task switcher does not say "safety journal". The
calculator cover (gate/camouflage.py) turns discreet mode on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.core import launcher
from app.gui.icons import icon
from app.gui.prefs import Prefs

APP_TITLE = "Sijil"
DISCREET_TITLE = "Notes"
DISGUISE_ICONS = {"notes": "file-text", "calculator": "calculator"}


def is_discreet(prefs: Prefs) -> bool:
    return prefs.discreet or prefs.cover


def disguise(prefs: Prefs) -> str:
    """"notes" or "calculator"; the calculator cover makes every window a calculator."""
    return "calculator" if prefs.cover else prefs.disguise


def neutral_title(prefs: Prefs) -> str:
    """The disguise's name, in her language ("Notes", "Calculator")."""
    return launcher.disguise_name(disguise(prefs))


class WindowPresentation(QObject):
    """Titles and icons of every window; `own_title(widget)` names the app's own windows
    ("Sijil", "Sijil (read-only)") and returns None for the others."""

    def __init__(self, prefs: Prefs, own_title: Callable[[QWidget], str | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self._own_title = own_title
        QApplication.instance().installEventFilter(self)

    def apply(self) -> None:
        app = QApplication.instance()
        discreet = is_discreet(self.prefs)
        app.setApplicationDisplayName(neutral_title(self.prefs) if discreet else APP_TITLE)
        app.setWindowIcon(icon(DISGUISE_ICONS[disguise(self.prefs)]) if discreet else icon("shield", "#5b3cc4"))
        for widget in QApplication.topLevelWidgets():
            self._neutralise(widget)

    def _neutralise(self, widget: QWidget) -> None:
        own = self._own_title(widget)
        if widget.isWindow() and is_discreet(self.prefs):
            widget.setWindowTitle(neutral_title(self.prefs))
        elif own is not None:
            widget.setWindowTitle(own)
        widget.setWindowIcon(QApplication.windowIcon())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every window, including dialogs and message boxes, gets the neutral title when shown.
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self._neutralise(watched)
        return False

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)
