"""Name redaction speed, run on demand (`make bench`). The baseline, in the same run, is the
search index's `fold` over the same text: the cost of looking at every character once."""

from __future__ import annotations

import statistics
import time

from app.core.models import Person
from app.core.redaction.text import RedactionRules, Redactor
from app.core.textnorm import fold
from tests.core.export.case import ARABIC_STORY, DESCRIPTION


def _median(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_redaction_against_folding(capsys):
    persons = [Person(name=f"Layla{i} Haddad{i}", pseudonym=f"Defender {i}", aliases=[f"ليلى{i} حداد{i}", f"Lulu{i} H."])
               for i in range(20)]
    persons.append(Person(name="Equity and Empowerment", pseudonym="Organisation E", aliases=["المساواة والتمكين"],
                          role="organisation"))
    text = (DESCRIPTION + " " + ARABIC_STORY) * 100  # about 55,000 characters, a long dossier's prose
    red = Redactor(RedactionRules(persons))
    red.text(text[:2000])  # warm the per-character caches
    folding = _median(lambda: fold(text))
    redaction = _median(lambda: red.text(text))
    with capsys.disabled():
        print(f"\nName redaction: {len(text)} characters, {len(persons)} persons ({len(red._terms)} terms)")
        print(f"  fold only (baseline): {folding * 1000:7.1f} ms")
        print(f"  full text redaction:  {redaction * 1000:7.1f} ms = {redaction / folding:.1f} x fold, "
              f"{redaction / len(text) * 1e6:.2f} µs per character")
