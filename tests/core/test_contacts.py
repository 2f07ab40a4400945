"""Contact details and places in free text, the way defenders and harassers actually write them.

Each positive case must lose its whole detail (no digits of the number, no part of the
address, no coordinate left beside the placeholder); each negative case must come out
unchanged: over-redaction hides the evidence the dossier is for.
"""

from __future__ import annotations

import re

import pytest

from app.core.redaction import contacts
from app.core.redaction.text import RedactionRules, Redactor


def redact(text: str) -> tuple[str, list[str]]:
    red = Redactor(RedactionRules(persons=[]))
    out = red.text(text)
    return out, [h.kind for h in red.hits]


PHONES = [
    # International, every region, written every way.
    "+90 532 123 45 67", "+905321234567", "0090 532 123 45 67", "+90 (532) 123-45-67", "+33 6 12 34 56 78",
    "+34 612 34 56 78", "+961 3 123 456", "+963 944 123 456", "+20 100 123 4567", "+98 912 345 6789",
    "+93 70 123 4567", "+212 6 12 34 56 78", "+1 (212) 555-0142", "+44 7911 123456", "+49 1512 3456789",
    # National, recognised through the regions where Sijil's languages are spoken.
    "0532 123 45 67", "0532 1234567", "06 12 34 56 78", "06.12.34.56.78", "612 345 678", "03 123 456",
    "0912 345 6789", "07911 123456", "(212) 555-0142", "0791234567",
    # Arabic-Indic and Persian digits, and mixed with Latin separators.
    "٠٥٣٢١٢٣٤٥٦٧", "+٩٠ ٥٣٢ ١٢٣ ٤٥ ٦٧", "۰۹۱۲۳۴۵۶۷۸۹", "۰۹۱۲ ۳۴۵ ۶۷۸۹", "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
]


@pytest.mark.parametrize("text", [
    "call 0532\u2009123\u200945\u200967", "appelez le 06\u202f12\u202f34\u202f56\u202f78", "call 0532\u200b1234567",
    "رقم \u200f+90 532 123 45 67\u200f", "call ０５３２１２３４５６７", "call +90‑532‑123‑45‑67",
    "telefon: 5321234567", "5321234567 numaralı hat", "his number is 987654321", "Numara 50123456",
    "واتساب 987654321", "شماره 9123456789", "defanged wa[.]me/905321112233 link",
])
def test_phones_with_odd_spaces_marks_or_written_in_one_run_are_removed(text):
    out, kinds = redact(text)
    assert kinds == ["phone"], (out, kinds)
    assert not re.search(r"\d{3}", unicodedata_digits(out)), out


def unicodedata_digits(text: str) -> str:
    return "".join(str(int(ch)) if ch.isdigit() else ch for ch in text)


@pytest.mark.parametrize("number", PHONES)
@pytest.mark.parametrize("frame", ["call {} now", "رقمها {} الآن", "numara: {}.", "شماره‌اش {} است"])
def test_phone_numbers_in_every_region_and_script_are_removed(number, frame):
    out, kinds = redact(frame.format(number))
    assert kinds == ["phone"], (out, kinds)
    assert out == frame.format("[phone removed]")


LINKS_WITH_PHONES = [
    "https://wa.me/905321112233", "wa.me/905321112233", "https://wa.me/+905321112233?text=merhaba",
    "https://api.whatsapp.com/send?phone=905321112233", "whatsapp://send?phone=905321112233",
    "https://t.me/+905321112233", "t.me/+905321112233", "tel:+905321112233", "tel:0532-111-22-33",
    "sms:+33612345678", "viber://chat?number=%2B905321112233", "viber://add?number=905321112233",
    "https://signal.me/#p/+905321112233", "sgnl://signal.me/#p/+905321112233",
    "tg://resolve?phone=905321112233", "https://example.org/contact?phone=%2B961%203%20123%20456",
]


@pytest.mark.parametrize("link", LINKS_WITH_PHONES)
def test_phone_numbers_inside_links_take_the_whole_link(link):
    out, kinds = redact(f"he wrote from {link}, then blocked her")
    assert kinds == ["phone"], (out, kinds)
    assert out == "he wrote from [phone removed], then blocked her"


MAP_LINKS = [
    "https://maps.apple.com/?ll=41.0082,28.9784&q=Home", "https://maps.apple.com/?q=41.0082,28.9784",
    "maps.apple.com/?address=Bagdat+Caddesi", "https://yandex.com.tr/maps/?ll=28.9784%2C41.0082&z=16",
    "https://yandex.ru/maps/?pt=28.9784,41.0082&z=17&l=map", "https://maps.yandex.ru/?text=istanbul",
    "https://www.openstreetmap.org/#map=17/41.00820/28.97840", "https://www.openstreetmap.org/?mlat=41.0082&mlon=28.9784",
    "https://osm.org/go/xdoL0~", "https://www.google.com/maps/@41.0082,28.9784,17z",
    "https://www.google.com/maps/place/Kad%C4%B1k%C3%B6y/@40.99,29.02,15z/data=!3m1", "https://maps.google.com/?q=41.0082,28.9784",
    "https://www.google.com.tr/maps/search/?api=1&query=41.0082,28.9784", "https://goo.gl/maps/AbCdEf123",
    "https://maps.app.goo.gl/Xyz123AbC", "geo:41.0082,28.9784", "geo:41.0082,28.9784?z=19",
    "https://www.bing.com/maps?cp=41.0082~28.9784&lvl=16", "https://2gis.ae/dubai/geo/70000001",
    "https://waze.com/ul?ll=41.0082,28.9784&navigate=yes", "https://share.example.net/loc?lat=41.0082&lon=28.9784",
    "https://example.net/pin?where=41.0082,28.9784", "https://share.here.com/p/s-Yz1hZGRy", "maps:?q=cafe&sll=41.0,28.9",
]


@pytest.mark.parametrize("link", MAP_LINKS)
def test_map_links_and_coordinates_inside_links_are_removed(link):
    out, kinds = redact(f"she lives here: {link} (sent by him)")
    assert kinds == ["coordinates"], (out, kinds)
    assert out == "she lives here: [location removed] (sent by him)"


@pytest.mark.parametrize("link, pair", [
    ("https://maps.apple.com/?ll=41.0082,28.9784", (41.0082, 28.9784)),
    ("https://yandex.ru/maps/?pt=28.9784,41.0082", (28.9784, 41.0082)),
    ("https://www.openstreetmap.org/#map=17/41.00820/28.97840", (41.0082, 28.9784)),
    ("https://www.openstreetmap.org/?mlat=41.0082&mlon=28.9784", (41.0082, 28.9784)),
    ("https://www.google.com/maps/@41.0082,28.9784,17z", (41.0082, 28.9784)),
    ("https://maps.google.com/?q=41.0082,28.9784", (41.0082, 28.9784)),
])
def test_coordinates_are_read_from_the_parsed_link(link, pair):
    from urllib.parse import parse_qsl, urlsplit
    parts = urlsplit(link)
    assert contacts.coordinates(parts.path, parse_qsl(parts.query), parts.fragment) == pair


EMAILS = [
    "layla.h@example.org", "LAYLA.H@EXAMPLE.ORG", "layla+ngo@mail.example.co.uk", "layla.h＠example．org",
    "layla.h [at] example [dot] org", "layla.h[at]example[dot]org", "layla.h (at) example (dot) org",
    "layla.h {at} example {dot} org", "layla.h <at> example <dot> org", "layla.h [AT] example.org",
    "layla.h @ example.org", "layla.h at example dot org", "layla.h at gmail.com", "layla (arroba) ejemplo (punto) es",
    "layla [arobase] exemple [point] fr", "ليلى layla_h@proton.me", "mailto:layla.h@example.org",
    "mailto:layla.h@example.org?subject=hi", "ayşe.yılmaz@örnek.com.tr",
]


@pytest.mark.parametrize("email", EMAILS)
def test_plain_and_obfuscated_emails_are_removed(email):
    out, kinds = redact(f"write to {email} today")
    assert "email" in kinds and set(kinds) <= {"email"}, (out, kinds)
    assert "example" not in out and "gmail" not in out and "proton" not in out and "layla" not in out.casefold()


ADDRESSES = [
    # English, any case.
    ("lives at 12 Baker Street", "lives at "), ("lives at 12 baker street", "lives at "),
    ("lives at 221b baker st. now", "lives at "), ("lives at 40 old kent road", "lives at "),
    ("lives at 14 kasr el nil street", "lives at "), ("lives at 12-14 baker street", "lives at "),
    ("lives on Hamra Street, building 12", "lives on "), ("lives at 12 BAKER STREET", "lives at "), ("lives at 14 Kasr El Nil St.", "lives at "),
    # French and Spanish.
    ("habite au 12, rue de la Paix", "habite au "), ("habite au 12 rue de la paix", "habite au "),
    ("habite rue de la paix 12", "habite "), ("habite 3 bis avenue victor hugo", "habite "),
    ("vive en calle mayor 5, piso 3", "vive en "), ("vive en calle Alcalá 42, 3º izq", "vive en "),
    ("vive en Cra. 7 # 32-16", "vive en "), ("vive en C/ Mayor 5", "vive en "), ("habite au 12, avenue des Champs-Élysées", "habite au "), ("vive en Calle de Alcalá nº 42", "vive en "),
    # Turkish.
    ("Atatürk Caddesi No: 5 Kat 3", ""), ("atatürk caddesi no: 5 kat 3", ""), ("bağdat caddesi no 12 d 4", ""),
    ("Moda sokak 7", ""), ("Moda Mah. Bahariye Cad. No:12 D:4", ""), ("oturuyor: gül sokağı no:3", "oturuyor: "),
    # Arabic and Persian.
    ("في شارع الحمرا رقم 12", "في "), ("في شارع الحمرا رقم ١٢ الطابق ٣", "في "),
    ("عمارة النور ٤", ""), ("خیابان ولیعصر پلاک ۱۲", ""), ("خيابان وليعصر، كوچه ۵", ""),
    ("کوچه بهار پلاک ۷ طبقه ۲", ""), ("حي السلام، شارع ١٠، منزل ٥", ""),
]


@pytest.mark.parametrize("text, kept", ADDRESSES)
def test_street_addresses_in_any_case_and_language_are_removed(text, kept):
    out, kinds = redact(text)
    assert "address" in kinds, (out, kinds)
    assert out.startswith(kept + "[address removed]"), out
    assert not re.search(r"\d", out.replace("[address removed]", "")), out


@pytest.mark.parametrize("text", [
    "at 41.0082, 28.9784.", "at 41.0082,28.9784", "at -33.8688, 151.2093", "at 41.0082 N, 28.9784 E",
    "at 33°53'12\"N 35°30'40\"E", "at ٤١٫٠٠٨٢, ٢٨٫٩٧٨٤", "at N 33° 53.628' E 35° 30.108'",
    "at 33°53'37.7\"N 35°30'06.5\"E", "at 8G4P+XX", "at 8G4PXX2X+X5", "at ///filled.count.soap", "at lat: 33.8938, lon: 35.5018", "at Latitude=33.8938 Longitude=35.5018",
])
def test_bare_coordinates_are_removed(text):
    out, kinds = redact(text)
    assert kinds == ["coordinates"], (out, kinds)
    assert out.rstrip(".") == "at [location removed]"


KEPT = [
    # Dates and times in every order and separator.
    "on 2026-03-14 10:30", "on 14.03.2026 at 22:15", "on 14/03/2026", "on 06.12.2026", "on 06-12-26", "on 03/14/2026", "on 2026/03/14",
    "on ١٤/٠٣/٢٠٢٦", "on ۱۴۰۵/۰۱/۱۲", "from 2026-03-14 to 2026-04-02", "20260314",
    # Years, amounts, counts, ids, versions.
    "in 2026 and 2027", "severity 5 of 5", "paid 1500000 lira", "1.500.000 TL", "$1,250,000",
    "12 000 followers", "1 234 567 views", "case 2026/1234", "case number 2026/1234", "price 33.8938", "report #4815162342", "version 10.4.1",
    "message 123456789 of 987654321", "score 3-2", "tweet id 1783344120123456789",
    # Telegram and other links whose digits are ids, not phones; handles with dots.
    "t.me/c/1234567890/42", "https://t.me/northern_truth/1207", "https://t.me/s/northern_truth/1207?single",
    "https://t.me/+AbCdEfGhIjK12", "https://x.com/troll/status/1783344120123456789",
    "https://www.facebook.com/groups/1234567890/posts/9876543210", "https://chat.whatsapp.com/AbC123dEf",
    "contact @layla.troll on instagram", "C++ and COVID+2 posts", "score 2+2", "posted by @troll. Then he left", "https://www.google.com/search?q=sijil",
    # Chat exports as WhatsApp and Telegram write them: dates, times, file names, ids.
    "[14/03/2026, 10:22:01] Troll: you will pay", "14.03.26, 10:22 - Troll: hi", "3/14/26, 10:22 PM - Troll: hi",
    "\u200e<attached: 00000012-PHOTO-2026-03-14-10-22-01.jpg>", "IMG-20260314-WA0012.jpg (file attached)",
    "PTT-20260314-WA0003.opus", "photo_12@14-03-2026_10-22-01.jpg", "video_3@14-03-2026_10-22-01.mp4",
    '"date": "2026-03-14T10:22:01", "date_unixtime": "1773483721"', '"from_id": "user5312345678"',
    # Streets as words, not addresses.
    "2 hours on the street", "5 police cars on the road", "the route took 3 hours",
    "waited 3 days in the square", "calle 5 veces", "bir sokak",
]


@pytest.mark.parametrize("text", KEPT)
def test_dates_ids_amounts_and_ordinary_words_are_kept(text):
    out, kinds = redact(text)
    assert out == text, (out, kinds)


def test_the_bare_number_and_the_link_beside_it_both_go():
    out, kinds = redact("Numarası 0532 111 22 33, WhatsApp: https://wa.me/905321112233, ev: bağdat caddesi no 12")
    assert out == "Numarası [phone removed], WhatsApp: [phone removed], ev: [address removed]"
    assert kinds.count("phone") == 2 and kinds.count("address") == 1


def test_a_sender_number_in_a_whatsapp_export_line_goes_and_the_timestamp_stays():
    out, kinds = redact("[14/03/2026, 10:22:01] \u202a+90 532 111 22 33\u202c: you will pay")
    assert out == "[14/03/2026, 10:22:01] \u202a[phone removed]\u202c: you will pay" and kinds == ["phone"]
    out, _kinds = redact('"phone_number": "+905321112233", "date": "2026-03-14T10:22:01"')
    assert out == '"phone_number": "[phone removed]", "date": "2026-03-14T10:22:01"'


def test_hits_keep_their_kinds_for_the_wizard():
    red = Redactor(RedactionRules(persons=[]))
    red.text("mail a [at] b [dot] org, call +90 532 123 45 67, pin geo:41.0,28.9, 12 baker street", where="incident 1")
    assert sorted(h.kind for h in red.hits) == ["address", "coordinates", "email", "phone"]
    assert all(h.where == "incident 1" for h in red.hits)


def test_an_allowed_number_stays():
    red = Redactor(RedactionRules(persons=[], allowed=["+90 532 123 45 67"]))
    assert red.text("the police line +90 532 123 45 67") == "the police line +90 532 123 45 67"


@pytest.mark.parametrize("text, expected", [
    ("رابط https://wa.me/905321112233\u200f الآن", "رابط [phone removed]\u200f الآن"),
    ("رابط https://wa.me/905321112233، ثم", "رابط [phone removed]، ثم"),
    ("هذا wa.me/905321112233؟", "هذا [phone removed]؟"),
    ("«https://maps.apple.com/?ll=33.8938,35.5018»", "«[location removed]»"),
    ("link https://wa.me/905321112233\u200b.", "link [phone removed]\u200b."),
    ("wa.me/90 532 111 22 33 again", "[phone removed] again"),
    ("https://t.me/+90 532 111 22 33 again", "[phone removed] again"),
    ("tel:0532 111 22 33 and 5 more", "[phone removed] and 5 more"),
    ("https://t.me/northern_truth/1207 12 times", "https://t.me/northern_truth/1207 12 times"),
])
def test_links_end_at_arabic_punctuation_and_invisible_marks_and_take_their_spaced_number(text, expected):
    assert redact(text)[0] == expected
