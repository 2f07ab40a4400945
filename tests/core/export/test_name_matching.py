"""Names as harassers and tired defenders write them: Turkish casing, letters NFKD leaves
whole, look-alikes from other scripts, joined into hashtags, handles and links; organisations
only as whole names; stop words never alone; letting an item back in releases only that item."""

from __future__ import annotations

import pytest

from app.core.models import Person
from app.core.redaction import names
from app.core.redaction.text import RedactionRules, Redactor
from app.core.textnorm import match_key, match_key_with_map

LAYLA = Person(name="Layla Haddad", pseudonym="Defender K", aliases=["ليلى حداد"])
AYSE = Person(name="Ayşe Yılmaz", pseudonym="Defender A")
ISIL = Person(name="Işıl Yılmaz", pseudonym="Defender I")
LUKASZ = Person(name="Łukasz Øster-Đorđević", pseudonym="Defender L", aliases=["Jürgen Straße"])
ORG = Person(name="Equity and Empowerment", pseudonym="Organisation E", aliases=["المساواة والتمكين"],
             role="organisation")
HIBA = Person(name="Hiba Al-Hajji", pseudonym="Defender H", aliases=["Can Öztürk"])


def redact(text: str, *persons: Person, **rules) -> str:
    return Redactor(RedactionRules(persons=list(persons), **rules)).text(text)


@pytest.mark.parametrize("written, rest", [("AYŞE YILMAZ", ""), ("ayşe yılmaz", ""), ("Ayse Yilmaz", ""),
                                           ("AYSE YILMAZ", ""), ("AYŞE", ""), ("YILMAZ'ın", "'ın"),
                                           ("Ayşe'nin", "'nin")])
def test_turkish_casings_and_undotted_spellings(written, rest):
    assert redact(f"Bugün {written} tehdit edildi.", AYSE) == f"Bugün Defender A{rest} tehdit edildi."


@pytest.mark.parametrize("written", ["Isil Yilmaz", "ISIL YILMAZ", "IŞIL YILMAZ", "İşil Yilmaz", "isil"])
def test_dotted_and_dotless_i_are_one_letter(written):
    assert redact(f"{written} spoke", ISIL).startswith("Defender I")


@pytest.mark.parametrize("written", ["Lukasz Oster-Dordevic", "LUKASZ", "Oster", "Dordevic", "Jurgen Strasse",
                                     "STRASSE"])
def test_letters_nfkd_does_not_split_are_transliterated(written):
    out = redact(f"Seen: {written}.", LUKASZ)
    assert out.startswith("Seen: Defender L"), out


@pytest.mark.parametrize("written", [
    "Lаylа Hаddаd",            # Cyrillic а
    "Layla Ηaddad",            # Greek capital eta (its small form looks like n)
    "LAYLA НАDDАD",            # Cyrillic Н, А
    "Lаyla Нaddad",            # Cyrillic а and capital Н
    "Lαylα",                   # Greek alpha
    "ＬＡＹＬＡ ＨＡＤＤＡＤ",  # full width
    "L\u200bay\u200dla",       # zero-width space and joiner
    "Lá\u0301yla\u0308",       # stacked combining marks
    "1ayla",                   # digit one for l
])
def test_look_alikes_and_invisible_characters(written):
    assert redact(f"threat against {written} today", LAYLA) == "threat against Defender K today"


@pytest.mark.parametrize("written, expected", [
    ("#LaylaHaddad", "#Defender K"),
    ("#JusticeForLayla", "#JusticeForDefender K"),
    ("@laylahaddad", "@Defender K"),
    ("@layla1990", "@Defender K1990"),
    ("x.com/LaylaHaddad", "x.com/Defender K"),
    ("https://instagram.com/layla.haddad_official", "https://instagram.com/Defender K_official"),
    ("ليلىحداد", "Defender K"),
    ("ليـــلى حـداد", "Defender K"),
    ("layla_haddad", "Defender K"),
    ("JusticeForLayla", "JusticeForDefender K"),
    ("https://x.com/hashtag/%D9%84%D9%8A%D9%84%D9%89_%D8%AD%D8%AF%D8%A7%D8%AF?src=hash",
     "https://x.com/hashtag/Defender K?src=hash"),  # an Arabic hashtag link as a browser copies it
    ("https://x.com/search?q=Layla%20Haddad", "https://x.com/search?q=Defender K%20Defender K"),
])
def test_joined_and_decorated_forms(written, expected):
    assert redact(f"posted {written} again", LAYLA) == f"posted {expected} again"


def test_words_that_merely_contain_a_name_are_left_alone():
    assert redact("Laylatulqadr in the Haddadiyya quarter", LAYLA) == "Laylatulqadr in the Haddadiyya quarter"


def test_organisations_are_matched_only_as_whole_names():
    text = "Equity and Empowerment said: and now? المساواة حق. تقرير المساواة والتمكين. #EquityAndEmpowerment"
    out = redact(text, ORG)
    assert out == "Organisation E said: and now? المساواة حق. تقرير Organisation E. #Organisation E"


def test_stop_words_and_particles_are_never_matched_alone():
    out = redact("Al said he can come; Hiba Al-Hajji and al-Hajji; Can Öztürk", HIBA)
    assert out == "Al said he can come; Defender H and al-Defender H; Defender H"


def test_plan_says_which_parts_are_matched_alone():
    plan = names.plan(HIBA.name, HIBA.aliases)
    assert plan.whole == ["Hiba Al-Hajji", "Can Öztürk"]
    assert plan.alone == ["Hiba", "Hajji", "Öztürk"]
    assert plan.common == ["Al", "Can"]
    org = names.plan(ORG.name, ORG.aliases, "organisation")
    assert org.whole == ["Equity and Empowerment", "المساواة والتمكين"] and org.alone == org.common == []
    text = names.describe(names.plan("Lulu H.", [])).replace("\u2068", "").replace("\u2069", "")
    assert "Also hidden on their own: Lulu\n" in text and text.endswith("too short alone): H")
    assert names.plan("and", ["و"], "organisation").whole == []  # a stop word is never a name


def test_letting_an_item_back_in_releases_only_that_item():
    text = "Equity and Empowerment (المساواة والتمكين) met Layla Haddad and Layla."
    red = Redactor(RedactionRules(persons=[ORG, LAYLA], allowed=["and", "المساواة"]))
    assert red.text(text) == "Organisation E (Organisation E) met Defender K and Defender K."
    assert red.released == set()
    red = Redactor(RedactionRules(persons=[ORG, LAYLA], allowed=[names.item_key("المساواة والتمكين")]))
    assert red.text(text) == "Organisation E (المساواة والتمكين) met Defender K and Defender K."
    assert red.released == {names.item_key("المساواة والتمكين")}
    # The whole name let back in: its parts are still items of their own.
    red = Redactor(RedactionRules(persons=[LAYLA], allowed=["Layla Haddad"]))
    assert red.text("Layla Haddad") == "Defender K Defender K"


def test_hits_carry_the_item_they_belong_to():
    red = Redactor(RedactionRules(persons=[LAYLA]))
    red.text("#LaylaHaddad LAYLA ليلى")
    assert [(h.original, h.item, h.label) for h in red.hits] == [
        ("LaylaHaddad", "layla haddad", "Layla Haddad"), ("LAYLA", "layla", "Layla"),
        ("ليلى", names.item_key("ليلى"), "ليلى")]


def test_match_key_positions_map_back_to_the_original():
    text = "ß Аyşe ﻟﻴﻠﻰ"
    keyed, origin = match_key_with_map(text)
    assert keyed == match_key(text) and len(origin) == len(keyed)
    assert keyed.startswith("ss ayse")
    assert origin[:3] == [0, 0, 1]


@pytest.mark.parametrize("pseudonym", ["Layla H.", "Defender LAYLA", "ليلى", "#LaylaH"])
def test_a_pseudonym_that_carries_the_name_is_refused(vault, pseudonym):
    from app.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="part of the real name"):
        vault.journal.persons.add(Person(name="Layla Haddad", pseudonym=pseudonym, aliases=["ليلى حداد"]))
    vault.journal.persons.add(Person(name="Layla Haddad", pseudonym="Defender K", aliases=["ليلى حداد"]))


def test_two_addresses_that_differ_only_in_punctuation_are_two_items():
    red = Redactor(RedactionRules(persons=[], allowed=["press.desk@example.org"]))
    assert red.text("press.desk@example.org, press-desk@example.org") == "press.desk@example.org, [e-mail removed]"
