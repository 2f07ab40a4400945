"""The guide in every language: complete, not empty, the same contacts, right to left where it must."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from app.core import guide
from app.core.i18n import APP_LANGUAGES, is_rtl

_BLOCKS = {"p", "ul", "ol", "li", "h1", "h2", "h3", "div", "body", "html"}
# What she must be able to act on, in every language: addresses, forms, the emergency line.
_CONTACTS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:[a-z0-9-]+\.)+(?:org|today|com)\b|\+\d[\d ]{8,}\d|Ctrl\+")


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, dict]] = []
        self.names: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCKS:
            self.blocks.append((tag, attrs))
        if tag == "a" and "name" in attrs:
            self.names.append(attrs["name"])

    def handle_data(self, data):
        self.text.append(data)


def _parse(markup: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(markup)
    return parser


@pytest.mark.parametrize("lang", APP_LANGUAGES)
def test_every_language_has_every_section_in_its_own_words(lang):
    parts = guide.sections(lang)
    assert [s.anchor for s in parts] == list(guide.ANCHORS)
    assert all(s.language == lang for s in parts), "a section fell back to English"
    assert guide.title(lang)
    english = {s.anchor: s for s in guide.sections("en")}
    for s in parts:
        words = re.findall(r"\w+", s.body)
        assert s.title.strip() and len(words) >= 40, (lang, s.anchor)
        if lang != "en":
            assert s.title != english[s.anchor].title and s.body != english[s.anchor].body, (lang, s.anchor)


@pytest.mark.parametrize("lang", APP_LANGUAGES)
def test_no_section_is_left_without_an_anchor_or_with_an_unknown_one(lang):
    text = (guide.paths.resource("guide", f"{lang}.md")).read_text(encoding="utf-8")
    headings = re.findall(r"^## .*$", text, flags=re.MULTILINE)
    assert len(headings) == len(guide.ANCHORS)
    assert sorted(re.findall(r"\{#([a-z0-9-]+)\}", text)) == sorted(guide.ANCHORS)


@pytest.mark.parametrize("lang", [code for code in APP_LANGUAGES if code != "en"])
def test_every_language_gives_the_same_addresses_and_numbers(lang):
    for anchor in guide.ANCHORS:
        english = sorted(_CONTACTS.findall(guide.section("en", anchor).body))
        assert sorted(_CONTACTS.findall(guide.section(lang, anchor).body)) == english, (lang, anchor)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_arabic_and_persian_are_written_in_their_script(lang):
    text = " ".join(s.body for s in guide.sections(lang))
    letters = [c for c in text if c.isalpha()]
    arabic = [c for c in letters if "\u0600" <= c <= "\u06ff"]
    assert len(arabic) / len(letters) > 0.9


@pytest.mark.parametrize("lang", APP_LANGUAGES)
@pytest.mark.parametrize("anchor", [None, *guide.ANCHORS])
def test_every_block_says_its_direction(lang, anchor):
    parsed = _parse(guide.html(lang, anchor))
    expected = "rtl" if is_rtl(lang) else "ltr"
    assert parsed.blocks
    for tag, attrs in parsed.blocks:
        assert attrs.get("dir") == expected, (lang, anchor, tag)


@pytest.mark.parametrize("lang", APP_LANGUAGES)
def test_the_whole_guide_has_contents_that_link_to_every_anchor(lang):
    markup = guide.html(lang)
    parsed = _parse(markup)
    assert parsed.names == list(guide.ANCHORS)
    for s in guide.sections(lang):
        assert f'href="#{s.anchor}"' in markup and s.title in "".join(parsed.text)


def test_one_section_alone():
    parsed = _parse(guide.html("tr", guide.DSA))
    assert parsed.names == [guide.DSA]
    text = "".join(parsed.text)
    assert guide.section("tr", guide.DSA).title in text
    assert guide.section("tr", guide.SAFETY).title not in text
    with pytest.raises(KeyError):
        guide.html("en", "nowhere")


@pytest.mark.parametrize("code, lang", [("ar_EG", "ar"), ("fa-IR", "fa"), ("tr_TR.UTF-8", "tr"), ("FR", "fr"),
                                        ("es", "es"), ("de", "en"), ("", "en"), (None, "en")])
def test_a_language_code_finds_its_guide_or_english(code, lang):
    assert guide.language_of(code) == lang
    assert guide.sections(code)[0].language == lang


def test_each_platform_with_a_section_leads_to_it():
    from app.core.models import PLATFORMS

    assert set(guide.PLATFORM_SECTIONS) <= set(PLATFORMS)
    assert set(guide.PLATFORM_SECTIONS.values()) <= set(guide.ANCHORS)


@pytest.mark.parametrize("lang", [code for code in APP_LANGUAGES if code != "en"])
def test_every_language_cites_the_same_dsa_articles(lang):
    from app.core.textnorm import fold  # Persian digits count as digits

    def articles(code: str) -> list[str]:
        return sorted(set(re.findall(r"\b(1[67]|2[0-2])\b", fold(guide.section(code, guide.DSA).body))))

    assert articles(lang) == articles("en") == ["16", "17", "20", "21", "22"]


@pytest.mark.parametrize("lang", APP_LANGUAGES)
def test_every_guide_tells_what_to_do_under_coercion_with_the_screens_own_words(lang):
    """The same sections in every language, and the coercion one names the key to press, the
    command, and the settings page by the words the program shows in that language."""
    from app.core import i18n

    english = guide.paths.resource("guide", "en.md").read_text(encoding="utf-8")
    own = guide.paths.resource("guide", f"{lang}.md").read_text(encoding="utf-8")
    assert re.findall(r"\{#([a-z0-9-]+)\}", own) == re.findall(r"\{#([a-z0-9-]+)\}", english)
    body = guide.section(lang, guide.COERCION).body
    assert body.count("Ctrl+Shift+Delete") == 1 and "`sijil duress set`" in body
    i18n.set_language(lang)
    try:
        assert i18n._("Under coercion") in body
        assert i18n._("&Wipe this journal… ({keys})").replace("&", "").split(" (")[0] in body
    finally:
        i18n.set_language("en")
