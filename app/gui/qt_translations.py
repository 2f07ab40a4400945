"""Qt's own words (the buttons of message boxes and file dialogs, "Cancel", "Open") in the
app's language, from the qtbase_<lang>.qm catalogues the PySide6 wheel ships.

Call `install_qt_translations(app, language)` after the QApplication exists and again on every
language change; it replaces the translator it installed before, so switching back to English
removes it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: QTranslator | None = None


def qt_translations_dir() -> str:
    """The folder holding qtbase_*.qm: inside the PySide6 wheel, or the bundle's copy of it."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translations(app: QCoreApplication, language: str) -> bool:
    """Translate Qt's standard dialogs into `language`; False when Qt has no catalogue for it
    (English needs none). The default QLocale follows too, so Qt formats numbers and dates the
    same way."""
    global _installed
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return False
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{language}", qt_translations_dir()):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
