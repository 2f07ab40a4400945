"""Qt's own words (standard buttons) in the app's language, from the qtbase_*.qm files the
PySide6 wheel ships, and back to English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.core.i18n import APP_LANGUAGES
from app.gui.qt_translations import install_qt_translations, qt_translations_dir

Buttons = QDialogButtonBox.StandardButton
CANCEL = {"ar": "ألغِ", "fa": "انصراف", "tr": "İptal", "fr": "Annuler", "es": "Cancelar"}


@pytest.fixture
def app(qtbot):
    yield QApplication.instance()
    install_qt_translations(QApplication.instance(), "en")


def cancel_text() -> str:
    box = QDialogButtonBox(Buttons.Cancel)  # kept alive while its button is read
    return box.button(Buttons.Cancel).text().replace("&", "")


def test_the_wheel_ships_a_catalogue_for_every_app_language():
    for lang in APP_LANGUAGES[1:]:
        assert (Path(qt_translations_dir()) / f"qtbase_{lang}.qm").is_file(), lang


@pytest.mark.parametrize("lang", APP_LANGUAGES[1:])
def test_standard_buttons_speak_the_app_language_then_english_again(app, lang):
    assert install_qt_translations(app, lang)
    assert cancel_text() == CANCEL[lang]
    assert QLocale().name().startswith(lang)
    assert not install_qt_translations(app, "en")
    assert cancel_text() == "Cancel"


@pytest.mark.parametrize("lang", APP_LANGUAGES[1:])
def test_our_cancel_buttons_say_what_qt_cancel_buttons_say(app, lang):
    """One dialog holds both (Qt's button box beside our own Cancel): they must be the same word."""
    from app.core.i18n import _
    from app.gui.language import apply_language
    from app.gui.widgets.common import plain

    apply_language(lang)
    try:
        assert cancel_text() == CANCEL[lang] == _("Cancel") == plain(_("&Cancel"))
    finally:
        apply_language("en")
