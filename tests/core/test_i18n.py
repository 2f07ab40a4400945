import gettext

import pytest

from app.core import i18n


class Catalogue(gettext.NullTranslations):
    def __init__(self, table):
        super().__init__()
        self.table = table

    def gettext(self, message):
        return self.table.get(message, message)


@pytest.fixture
def catalogue(monkeypatch):
    def install(table):
        monkeypatch.setattr(i18n, "_translation", Catalogue(table))
    return install


def test_good_translation_is_used(catalogue):
    catalogue({"{n} reported": "{n} signalé(s)"})
    assert i18n._("{n} reported").format(n=7) == "7 signalé(s)"


@pytest.mark.parametrize("broken", ["{count} signalés", "signalés", "{n} {days} signalés"])
def test_translation_with_other_placeholders_falls_back_to_english(catalogue, broken):
    """A broken catalogue must never crash an error dialog with a KeyError."""
    catalogue({"{n} reported": broken})
    assert i18n._("{n} reported").format(n=7) == "7 reported"


def test_right_to_left_languages():
    assert i18n.is_rtl("ar") and i18n.is_rtl("fa_IR") and not i18n.is_rtl("tr") and not i18n.is_rtl(None)


def test_unknown_language_falls_back_to_english():
    i18n.set_language("xx")
    try:
        assert i18n._("Cancelled. Nothing was changed.") == "Cancelled. Nothing was changed."
    finally:
        i18n.set_language("en")
