"""The export preview counts what the dossier holds in each language's own plural forms:
English "1 item"/"2 items", Arabic's singular, dual and the plural of 3-10 and of 11-99."""

from __future__ import annotations

import pytest

from app.gui.export.summary import contents_sentence
from app.gui.language import apply_language

EXPECTED = {
    ("en", 1): "1 page, 1 image re-encoded without metadata, 1 item redacted in 1 place (k).",
    ("en", 2): "2 pages, 2 images re-encoded without metadata, 2 items redacted in 2 places (k).",
    ("en", 11): "11 pages, 11 images re-encoded without metadata, 11 items redacted in 11 places (k).",
    ("ar", 1): "صفحة واحدة، صورة واحدة أُعيد ترميزها دون بيانات وصفية، عنصر واحد محجوب في موضع واحد (k).",
    ("ar", 2): "صفحتان، صورتان أُعيد ترميزهما دون بيانات وصفية، عنصران محجوبان في موضعين (k).",
    ("ar", 11): "١١ صفحةً، ١١ صورةً أُعيد ترميزها دون بيانات وصفية، ١١ عنصرًا محجوبًا في ١١ موضعًا (k).",
    ("ar", 5): "٥ صفحات، ٥ صور أُعيد ترميزها دون بيانات وصفية، ٥ عناصر محجوبة في ٥ مواضع (k).",
    ("ar", 100): "١٠٠ صفحة، ١٠٠ صورة أُعيد ترميزها دون بيانات وصفية، ١٠٠ عنصر محجوب في ١٠٠ موضع (k).",
}


@pytest.mark.parametrize(("lang", "n"), sorted(EXPECTED))
def test_counts_take_the_plural_form_of_their_number(qapp, lang, n):
    apply_language(lang)
    assert contents_sentence(n, n, n, n, "k") == EXPECTED[lang, n]


@pytest.mark.parametrize("lang", ["fa", "tr", "fr", "es"])
def test_every_language_fills_each_count(qapp, lang):
    apply_language(lang)
    text = contents_sentence(3, 4, 5, 6, "k")
    assert "{" not in text and all(str(n) in text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
                                   for n in (3, 4, 5, 6))


def test_items_and_places_are_counted_apart(qapp):
    apply_language("en")
    assert "1 item redacted in 3 places" in contents_sentence(2, 0, 1, 3, "k")
