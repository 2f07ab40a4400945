"""Text redaction: names in any case, script and spelling; contact details; places."""

from __future__ import annotations

import pytest

from app.core.models import Person
from app.core.redaction.text import RedactionRules, Redactor

LAYLA = Person(name="Layla Haddad", pseudonym="Defender K", aliases=["ليلى حداد", "Lulu H."])
AYSE = Person(name="Ayşe Yılmaz", pseudonym="Defender T", consent_un=True)


def redact(text: str, **rules) -> str:
    return Redactor(RedactionRules(persons=[LAYLA, AYSE], **rules)).text(text)


@pytest.mark.parametrize("written", [
    "Layla Haddad", "LAYLA HADDAD", "layla haddad", "Láylá Häddad", "Layla", "HADDAD", "Lulu H.",
    "ليلى حداد", "لَيْلى حدّاد", "ليلي حداد", "ليلى", "حداد", "وليلى", "بحداد", "ووليلى", "Layla's", "Laylanın",
])
def test_every_spelling_of_a_protected_name_becomes_the_pseudonym(written):
    out = redact(f"Yesterday {written} was threatened.")
    assert "Defender K" in out
    for part in ("layla", "haddad", "ليلى", "ليلي", "حداد", "حدّاد", "lulu"):
        assert part not in out.casefold()


def test_consent_for_the_destination_keeps_the_name():
    assert redact("Ayşe Yılmaz spoke") == "Ayşe Yılmaz spoke"
    assert redact("Ayşe Yılmaz spoke", consent_field="consent_platform") == "Defender T spoke"


def test_longer_words_that_merely_contain_a_name_are_left_alone():
    # A name plus a short suffix ("Laylanın", "Haddadin") is the name, redacted on the safe side;
    # a longer word that starts with it is another word.
    assert redact("the Haddadiyya quarter, Laylatulqadr") == "the Haddadiyya quarter, Laylatulqadr"
    assert redact("the Haddadin family") == "the Defender Kin family"


@pytest.mark.parametrize("text, kind", [
    ("call +90 532 123 45 67 now", "phone"), ("call 0532 123 45 67 now", "phone"),
    ("رقمها ٠٥٣٢١٢٣٤٥٦٧ الآن", "phone"), ("mail layla.h@example.org now", "email"),
    ("at 41.0082, 28.9784.", "coordinates"), ("at 33°53'12\"N 35°30'40\"E", "coordinates"),
    ("https://maps.google.com/?q=41.0,28.9 there", "coordinates"), ("lives at 12 Baker Street", "address"),
    ("lives at Rue de la Paix 12", "address"), ("Atatürk Caddesi No: 5 Kat 3", "address"),
    ("في شارع الحمرا رقم 12", "address"),
])
def test_contact_details_and_places_are_removed(text, kind):
    red = Redactor(RedactionRules(persons=[]))
    out = red.text(text)
    assert [h.kind for h in red.hits] == [kind]
    assert "removed]" in out


@pytest.mark.parametrize("text", ["on 2026-03-14 10:30", "severity 5 of 5", "t.me/c/1234567890/42",
                                  "https://t.me/northern_truth/1207", "in 2026 and 2027"])
def test_dates_links_and_numbers_are_not_phones(text):
    assert redact(text) == text


def test_identifiers_keep_digits_but_lose_names():
    red = Redactor(RedactionRules(persons=[LAYLA]))
    assert red.identifier("-1001783344120") == "-1001783344120"
    assert red.identifier("https://t.me/layla_haddad/12") == "https://t.me/Defender K/12"  # the whole name, joined


def test_own_terms_and_allowed_items():
    out = redact("Meet at Café Nour, mail press@example.org", terms=["cafe nour"],
                 allowed=["press@example.org"])
    assert out == "Meet at [removed], mail press@example.org"


def test_letting_an_address_back_in_does_not_release_the_name_inside_it():
    out = redact("mail layla.h@example.org", allowed=["layla.h@example.org"])
    assert out == "mail Defender K.h@example.org"


def test_patterns_off_and_no_consent_field_keep_everything():
    text = "Layla Haddad +90 532 123 45 67"
    assert redact(text, consent_field=None, patterns=False) == text


def test_hits_record_what_was_replaced():
    red = Redactor(RedactionRules(persons=[LAYLA]))
    red.text("LAYLA called layla@example.org", where="incident 3")
    assert [(h.kind, h.original, h.where) for h in red.hits] == [
        ("name", "LAYLA", "incident 3"), ("email", "layla@example.org", "incident 3")]
