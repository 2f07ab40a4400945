"""The gettext catalogues as a translator and a user meet them: complete in every language,
placeholders kept (plural forms included), compiled, and loaded even where make has not run."""

from __future__ import annotations

import gettext
import io
import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from app.core import i18n
from tools import translations

LANGUAGES = ("ar", "fa", "tr", "fr", "es")


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory):
    """What the code asks for today, extracted afresh (the committed .pot may lag behind)."""
    pot = tmp_path_factory.mktemp("pot") / "sijil.pot"
    translations.extract_template(pot)
    return pot


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


def po_path(lang):
    return i18n.catalogue_dir() / lang / "LC_MESSAGES" / "sijil.po"


def test_every_language_has_a_catalogue():
    assert sorted(po.parent.parent.name for po in translations.catalogues()) == sorted(LANGUAGES)
    assert set(LANGUAGES) | {"en"} == set(i18n.APP_LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_translates_every_message_of_the_code(fresh_template, lang):
    """Untranslated, fuzzy or placeholder-breaking entries fail here, naming each one;
    `make po` re-extracts and lists them for a translator."""
    assert translations.problems(po_path(lang), fresh_template) == []


def test_the_template_holds_every_message_of_the_code(fresh_template):
    with fresh_template.open("rb") as f:
        fresh = {m.id for m in read_po(f) if m.id}
    with translations.POT.open("rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    assert fresh <= committed, "run `make po` and translate the new messages"
    assert len(fresh) > 900  # the GUI, CLI and argparse help, errors


@pytest.mark.parametrize("lang, forms", [("ar", 6), ("fa", 2), ("tr", 2), ("fr", 2), ("es", 2)])
def test_plural_forms_header_and_every_form_translated(lang, forms):
    with po_path(lang).open("rb") as f:
        catalog = read_po(f)
    assert catalog.num_plurals == forms
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == forms and all(m.string) for m in plurals)
    assert "NEEDS NATIVE REVIEW" in po_path(lang).read_text(encoding="utf-8").split("msgid", 1)[0]


def broken_catalogue(tmp_path, entries) -> tuple:
    """A template and an Arabic catalogue holding `entries` ((msgid, msgstr) pairs)."""
    pot, po = Catalog(), Catalog(locale="ar")
    for msgid, msgstr in entries:
        pot.add(msgid)
        po.add(msgid, msgstr)
    paths = []
    for name, cat in (("t.pot", pot), ("ar.po", po)):
        path = tmp_path / name
        with path.open("wb") as f:
            write_po(f, cat)
        paths.append(path)
    return paths[1], paths[0]


@pytest.mark.parametrize("msgid, msgstr", [
    ("{n} reported", "أُبلغ"),                                   # dropped
    ("{n} reported", "أُبلغ {count}"),                           # renamed
    ("Dossier {id}: {state}.", "الملف {id}: {state} {extra}."),  # invented
    ("the following arguments are required: %s", "هذه الوسائط مطلوبة"),  # %-specifier dropped
    ("%(prog)s: error: %(message)s\n", "%(prog)s: خطأ: %(msg)s\n"),
    (("{n} post removed", "{n} posts removed"), ("لا", "واحد", "اثنان", "{n} منشورات", "{m}", "{n}")),
    (("expected %s argument", "expected %s arguments"), ("وسيط واحد",) * 6),  # "%s" is not optional
])
def test_a_translation_that_breaks_a_placeholder_is_reported_and_never_shown(tmp_path, english, msgid, msgstr):
    po, pot = broken_catalogue(tmp_path, [(msgid, msgstr)])
    assert len(translations.problems(po, pot)) >= 1
    i18n._translation = gettext.GNUTranslations(io.BytesIO(i18n.compile_po(po)))
    if isinstance(msgid, tuple):
        for n in (0, 1, 2, 3, 11, 100):
            shown = i18n.ngettext(*msgid, n)
            assert i18n.plural_form_ok(*msgid, shown)
            assert shown in msgid or shown in msgstr
    else:
        assert i18n._(msgid) == msgid


def test_a_plural_form_may_say_one_or_two_in_words(tmp_path, english):
    msgid = ("{n} post removed", "{n} posts removed")
    forms = ("لم يُحذف أي منشور", "حُذف منشور واحد", "حُذف منشوران", "حُذفت {n} منشورات", "حُذف {n} منشورًا",
             "حُذف {n} منشور")
    po, pot = broken_catalogue(tmp_path, [(msgid, forms)])
    assert translations.problems(po, pot) == []
    i18n._translation = gettext.GNUTranslations(io.BytesIO(i18n.compile_po(po)))
    shown = [i18n.ngettext(*msgid, n).format(n=n) for n in (0, 1, 2, 3, 11, 100)]
    assert shown == ["لم يُحذف أي منشور", "حُذف منشور واحد", "حُذف منشوران", "حُذفت 3 منشورات",
                     "حُذف 11 منشورًا", "حُذف 100 منشور"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalogue_compiles_to_a_mo_gettext_reads(lang):
    mo = gettext.GNUTranslations(io.BytesIO(i18n.compile_po(po_path(lang))))
    assert mo.gettext("Cancelled. Nothing was changed.") != "Cancelled. Nothing was changed."
    assert mo.info()["language"] == lang


def test_a_language_loads_from_its_po_when_no_mo_was_built(tmp_path, monkeypatch, english):
    """A checkout where `make mo` has not run still speaks Arabic (the .po is compiled in memory)."""
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(po_path("ar"), folder / "sijil.po")
    monkeypatch.setattr(i18n, "catalogue_dir", lambda: tmp_path)
    i18n.set_language("ar")
    assert i18n._("Cancelled. Nothing was changed.") == "أُلغي. لم يتغيّر شيء."
    assert i18n.current_language() == "ar"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switching_language_translates_core_messages_with_their_plural(lang, english):
    i18n.set_language(lang)
    text = i18n.ngettext("Audit trail intact: {n} entry checked.", "Audit trail intact: {n} entries checked.",
                         12).format(n=12)
    assert "12" in text and "Audit" not in text


@pytest.mark.parametrize("environ, expected", [
    ({"LANGUAGE": "fa_IR:en"}, "fa"), ({"LC_ALL": "tr_TR.UTF-8"}, "tr"), ({"LANG": "ar_SY.UTF-8"}, "ar"),
    ({"LANGUAGE": "de:fr"}, "fr"), ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "de_DE.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "es_ES.UTF-8", "LANG": "fr_FR.UTF-8"}, "es"),
])
def test_system_language(environ, expected):
    assert i18n.system_language(environ) == expected
