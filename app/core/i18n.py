"""Translation functions shared by core, CLI and GUI: `_`, `ngettext` and `pgettext`.

Catalogues are gettext files under resources/translations/<lang>/LC_MESSAGES/sijil.po, the
source translators edit; `make mo` compiles each into sijil.mo beside it. When the .mo is
missing or older than its .po (a checkout where make has not run), the .po is compiled in
memory instead, so a language never silently falls back to English.

A translation whose placeholders ({name} fields or %-specifiers) do not match the source is
ignored, plural forms included, so a broken catalogue can never crash an error dialog with a
KeyError (electrum does the same).
"""

from __future__ import annotations

import gettext
import io
import locale
import os
import re
import string
from pathlib import Path

from app.core import paths

DOMAIN = "sijil"
_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ku"})
# Every language Sijil or its dossiers speak, each named in itself so its reader finds it in a menu.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fa": "فارسی", "tr": "Türkçe", "es": "Español", "fr": "Français"}
APP_LANGUAGES = ("en", "ar", "fa", "tr", "es", "fr")  # the app's own catalogues (English built in)

# printf-style specifiers, as argparse's own messages use them ("%(prog)s", "%s"); "%%" is literal.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdrifgexXc%]")


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The {fields} and the sorted %-specifiers of `text`: what a translation must keep."""
    try:
        fields = frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:  # an unbalanced brace: compare it as plain text
        fields = frozenset({text})
    specs = tuple(sorted(s for s in _PERCENT_SPEC.findall(text) if s != "%%"))
    return fields, specs


def _checked(source: str, translated: str) -> str:
    if translated is not source and placeholders(translated) != placeholders(source):
        return source
    return translated


def _(message: str) -> str:
    return _checked(message, _translation.gettext(message))


def N_(message: str) -> str:
    """Mark `message` for extraction where `_` cannot run yet (a table built at import);
    it is translated with `_` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things, by the language's plural rule (Arabic has six)."""
    translated = _translation.ngettext(singular, plural, n)
    if translated in (singular, plural) or plural_form_ok(singular, plural, translated):
        return translated
    return singular if n == 1 else plural


def plural_form_ok(singular: str, plural: str, form: str) -> bool:
    """Whether one plural form of a translation can be filled in like its source.

    A form may leave out {n} where the language says "one" or "two" in words (Arabic
    "تصعيد واحد"); it may not invent a field, nor touch a %-specifier (a % with nothing to
    fill raises a TypeError).
    """
    fields, specs = placeholders(form)
    single_fields, single_specs = placeholders(singular)
    plural_fields, plural_specs = placeholders(plural)
    wanted = single_fields | plural_fields
    return specs in (single_specs, plural_specs) and fields <= wanted and wanted - fields <= {"n"}


def pgettext(context: str, message: str) -> str:
    """`message` as meant in `context`, for one English word that needs two translations."""
    return _checked(message, _translation.pgettext(context, message))


def catalogue_dir() -> Path:
    return paths.resource("translations")


def _load(code: str) -> gettext.NullTranslations:
    folder = catalogue_dir() / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po.exists():
        return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    return gettext.NullTranslations()


def compile_po(po: Path) -> bytes:
    """The .mo bytes of one catalogue (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def set_language(code: str | None) -> None:
    """Switch the catalogue; None, English or an unknown language means English."""
    global _translation, _language
    base = (code or "en").replace("-", "_").split("_")[0].lower()
    if base not in APP_LANGUAGES or base == "en":
        _translation, _language = gettext.NullTranslations(), "en"
        return
    _translation, _language = _load(base), base


def current_language() -> str:
    return _language


def system_language(environ: dict[str, str] | None = None) -> str:
    """The app language the system asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then the
    platform locale), the first one Sijil speaks; English otherwise."""
    env = os.environ if environ is None else environ
    wanted: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            wanted.extend(env[var].split(":"))
            if var != "LANGUAGE":
                break
    if environ is None and not wanted:
        wanted.append(locale.getlocale()[0] or "")
    for item in wanted:
        base = item.split(".")[0].replace("-", "_").split("_")[0].lower()
        if base in APP_LANGUAGES:
            return base
        if base in ("c", "posix"):
            return "en"
    return "en"


def is_rtl(code: str | None) -> bool:
    return (code or "").replace("-", "_").split("_")[0] in RTL_LANGUAGES
