"""The interface language, applied to the running app: Sijil's catalogue, Qt's own dialogs,
and the layout direction (Arabic and Persian mirror every window).

The language saved in the preferences wins; with none saved (the very first start) Sijil
follows the system's language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core import i18n
from app.gui.prefs import Prefs
from app.gui.qt_translations import install_qt_translations


def chosen_language(prefs: Prefs) -> str:
    """The language to show: the saved choice, else the system's (English if Sijil lacks it)."""
    saved = prefs.language
    return saved if saved in i18n.APP_LANGUAGES else i18n.system_language()


def apply_language(code: str) -> bool:
    """Switch the running app to `code`; True when it differs from the language shown before
    (the windows' texts must then be rebuilt)."""
    before = i18n.current_language()
    i18n.set_language(code)
    language = i18n.current_language()
    app = QApplication.instance()
    install_qt_translations(app, language)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language)
                           else Qt.LayoutDirection.LeftToRight)
    return language != before
