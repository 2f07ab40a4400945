"""Contact-detail redaction benchmark, run on demand, printing figures:

    .venv/bin/pytest -s tests/benchmarks/bench_contacts.py

1,000 paragraphs as a journal holds them (Arabic, Turkish, French, English; a third with phone
numbers, links, addresses and e-mails, the rest plain prose with dates and amounts), through the
redactor with contact details on, against the same redactor with names only, in the same run.
"""

from __future__ import annotations

import time

from app.core.models import Person
from app.core.redaction.text import RedactionRules, Redactor
from tests.core.export.case import ARABIC_STORY, DESCRIPTION

PARAGRAPHS = 1000
PLAIN = [
    ARABIC_STORY,
    "14.03.2026 tarihinde saat 22:15'te kanal yine paylaştı; 1.500.000 TL istediler ve 3 gün süre verdiler.",
    "Le 2026-03-14, le compte a publié trois messages en 10 minutes, vus 12 000 fois.",
    "On 2026-04-02 the channel posted her photo again, with 2,300 views within an hour.",
]
WITH_CONTACTS = [
    DESCRIPTION,
    "Numarası 0532 111 22 33, WhatsApp: https://wa.me/905321112233, ev: bağdat caddesi no 12 kat 3.",
    "Map: https://www.google.com/maps/@33.8938,35.5018,17z and mail hiba.k [at] protonmail [dot] com.",
]


def _paragraphs() -> list[str]:
    return [(WITH_CONTACTS if n % 3 == 0 else PLAIN)[n % len(WITH_CONTACTS if n % 3 == 0 else PLAIN)]
            for n in range(PARAGRAPHS)]


def _time(patterns: bool, texts: list[str]) -> float:
    red = Redactor(RedactionRules(persons=[Person(name="Layla Haddad", pseudonym="Defender K",
                                                  aliases=["ليلى حداد"])], patterns=patterns))
    start = time.perf_counter()
    for text in texts:
        red.text(text)
    return time.perf_counter() - start


def test_contact_redaction_cost():
    texts = _paragraphs()
    _time(True, texts[:20])  # warm up regex and libphonenumber metadata
    names_only = _time(False, texts)
    with_contacts = _time(True, texts)
    print(f"\n{PARAGRAPHS} paragraphs: names only {names_only * 1000:.0f} ms "
          f"({names_only * 1e6 / PARAGRAPHS:.0f} µs each); with contact details {with_contacts * 1000:.0f} ms "
          f"({with_contacts * 1e6 / PARAGRAPHS:.0f} µs each, x{with_contacts / names_only:.1f})")
