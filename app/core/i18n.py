"""Translation function shared by core and GUI.

Catalogues are gettext .mo files under resources/translations/<lang>/LC_MESSAGES/sijil.mo.
A translation whose placeholders do not match the source is ignored, so a broken catalogue
can never crash an error dialog (electrum does the same).
"""

from __future__ import annotations

import gettext
import string

from app.core import paths

_DOMAIN = "sijil"
_translation: gettext.NullTranslations = gettext.NullTranslations()

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ku"})
# Every language Sijil or its dossiers speak, each named in itself so its reader finds it in a menu.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fa": "فارسی", "tr": "Türkçe", "es": "Español", "fr": "Français"}
APP_LANGUAGES = ("en", "ar", "fa", "tr", "es", "fr")  # the app's own catalogues (English built in)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _(message: str) -> str:
    translated = _translation.gettext(message)
    if translated is not message and _fields(translated) != _fields(message):
        return message
    return translated


def set_language(code: str | None) -> None:
    """Switch the catalogue; an unknown language falls back to English."""
    global _translation
    if not code or code == "en":
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(
        _DOMAIN, localedir=str(paths.resource("translations")), languages=[code], fallback=True
    )


def is_rtl(code: str | None) -> bool:
    return (code or "").split("_")[0] in RTL_LANGUAGES
