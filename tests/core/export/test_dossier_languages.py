"""Platform reports and lawyer's copies in Arabic, Persian and Turkish, read back with pypdf;
the UN communication only in the UN's languages for communications (en, fr, es)."""

from __future__ import annotations

import io
import unicodedata

import pypdf
import pytest

from app.core.errors import InvalidInput
from app.core.export import dossier, labels, vocabulary
from app.core.export.content import ExportOptions
from app.core.export.formats import TEMPLATES, languages_for
from app.core.export.textflow import NASKH, NASKH_BOLD, SANS, SANS_BOLD, TextBlock, glyphs_of
from tests.core.export.seed import seed_vault

NEW = ("ar", "fa", "tr")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    vault, incidents = seed_vault(tmp_path_factory.mktemp("seed"))
    out = {}
    for lang in NEW:
        out["platform", lang] = dossier.build(vault, ExportOptions("platform", incidents[:2], language=lang,
                                                                    platform="telegram")).pdf
        out["lawyer", lang] = dossier.build(vault, ExportOptions("lawyer", incidents, language=lang)).pdf
    vault.lock()
    return out


def text_of(pdf: bytes) -> str:
    """The words as a reader's tool extracts them: pypdf, with Arabic presentation forms
    folded back to letters (NFKC), whitespace collapsed, and no zero-width non-joiner (Persian
    "گزارش‌شده": shaping turns it into the letters' forms, so no tool can extract it)."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pages)).split())


def said(text: str) -> str:
    return text.replace("\u200c", "")


@pytest.mark.parametrize("lang", NEW)
def test_platform_report_speaks_its_language(pdfs, lang):
    text = text_of(pdfs["platform", lang])
    L = lambda key, **kw: labels.label(key, lang).format(**kw)  # noqa: E731
    for expected in (L("platform_title", platform=vocabulary.word("telegram", lang)), L("items"), L("link"),
                     L("account"), L("outcome"), L("integrity"), L("page", n="").strip(),
                     vocabulary.word("removed", lang), vocabulary.word("no_response", lang)):
        assert said(expected) in text, expected
    for english in ("Reported items", "Trust and safety report", "Outcome", "Integrity", "Page 1", "no response"):
        assert english not in text


@pytest.mark.parametrize("lang", NEW)
def test_lawyers_copy_speaks_its_language(pdfs, lang):
    text = text_of(pdfs["lawyer", lang])
    for key in ("lawyer_title", "persons", "incidents", "date", "current_situation", "evidence", "key_fingerprint"):
        assert said(labels.label(key, lang)) in text, key
    assert said(vocabulary.word("death_threat", lang)) in text and said(vocabulary.word("defender", lang)) in text
    for english in ("Lawyer's copy", "Persons", "Description (chronological)", "death threat", "(defender)"):
        assert english not in text


def test_turkish_letters_survive_in_the_pdf(pdfs):
    text = text_of(pdfs["lawyer", "tr"])
    assert "Avukat kopyası: tam kayıt" in text and "İnsan hakları çalışması" in text
    assert {"ı", "ş", "ğ", "İ", "ü", "ç"} <= set(text)


@pytest.mark.parametrize("lang", labels.LANGUAGES)
def test_every_dossier_word_has_a_glyph_in_the_bundled_fonts(lang):
    """No label or vocabulary word of any language falls back to an empty box."""
    have = glyphs_of(SANS) | glyphs_of(NASKH)
    have_bold = glyphs_of(SANS_BOLD) | glyphs_of(NASKH_BOLD)
    words = [labels.label(k, lang) for k in labels._LABELS] + [vocabulary.word(c, lang) for c in vocabulary.known_codes()]
    for text in words:
        for line, _right in TextBlock(text.replace("{", "").replace("}", "")).lines(10_000):
            missing = {ch for ch in line if ord(ch) not in have or ord(ch) not in have_bold}
            assert not missing, (text, missing)


def test_every_label_is_written_in_every_language_with_the_same_placeholders():
    from app.core.i18n import placeholders
    for key, columns in labels._LABELS.items():
        assert len(columns) == len(labels.LANGUAGES) and all(columns), key
        assert len({placeholders(c.replace("|", " ")) for c in columns}) == 1, key


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", labels.LANGUAGES)
def test_un_communications_only_in_english_french_spanish(template, lang):
    options = ExportOptions(template, [1], language=lang, platform="telegram")
    if template == "un" and lang in NEW:
        with pytest.raises(InvalidInput, match="English, French or Spanish"):
            options.check()
    else:
        options.check()
        assert lang in languages_for(template)


def test_an_unknown_dossier_language_is_refused():
    with pytest.raises(InvalidInput, match="en, fr, es, ar, fa, tr"):
        ExportOptions("lawyer", [1], language="de").check()
