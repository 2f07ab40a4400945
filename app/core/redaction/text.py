"""Text redaction: persons become pseudonyms, contact details and exact places are removed.

Names are matched in folded text (app.core.textnorm: case, diacritics, Arabic letter
variants) and the matching span of the *original* text is replaced, so "LAYLA", "Láyla" and
"ليلى" all go. Contact details and places (phones, e-mails, links, addresses, coordinates) are
found by app.core.redaction.contacts on the original text. Every replacement is logged as a `Hit`
so the export wizard can show the defender what was taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.i18n import _
from app.core.models import Person
from app.core.redaction import contacts
from app.core.redaction.contacts import KIND_ADDRESS, KIND_COORDINATES, KIND_EMAIL, KIND_PHONE
from app.core.textnorm import fold, fold_with_map

# Arabic proclitics are written joined to the next word: "وليلى" is "and Layla", "بال" "with the".
_PROCLITIC_LETTERS = frozenset("وفبلكا")
_MAX_PROCLITICS = 4
# Name particles too common to redact alone; the full name and aliases are still matched.
_PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "abu", "umm", "de", "del", "la", "le", "van",
                        "von", "der", "da", "dos", "das", "ال", "بن", "بنت", "ابو", "ام"})
_MAX_SUFFIX = 3  # Turkish/Arabic suffixes joined to a name ("Ayşenin"): still the name

KIND_NAME = "name"
KIND_TERM = "term"


def kind_label(kind: str) -> str:
    return {
        KIND_NAME: _("name replaced by a pseudonym"), KIND_PHONE: _("phone number removed"),
        KIND_EMAIL: _("e-mail address removed"), KIND_ADDRESS: _("address removed"),
        KIND_COORDINATES: _("coordinates or map link removed"), KIND_TERM: _("your own term removed"),
    }[kind]


def placeholder(kind: str) -> str:
    return {
        KIND_PHONE: "[phone removed]", KIND_EMAIL: "[e-mail removed]", KIND_ADDRESS: "[address removed]",
        KIND_COORDINATES: "[location removed]", KIND_TERM: "[removed]",
    }[kind]


@dataclass(frozen=True)
class Hit:
    """One replacement, shown to the defender in the wizard. Never written to a dossier or log."""

    kind: str
    original: str
    replacement: str
    where: str = ""


@dataclass
class RedactionRules:
    """What to take out. `allowed` holds items the defender let back in (compared folded)."""

    persons: list[Person] = field(default_factory=list)
    consent_field: str | None = "consent_un"  # None: keep every real name (lawyer's copy)
    patterns: bool = True
    terms: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)


@dataclass
class _Term:
    folded: str
    replacement: str
    kind: str


def _name_terms(person: Person) -> list[str]:
    """Full name, every alias, and each distinctive part of them (a first name alone leaks too)."""
    whole = [person.name, *person.aliases]
    parts = [p for name in whole for p in re.split(r"[\s\-‐.,]+", name)]
    return whole + [p for p in parts if len(fold(p)) >= 3 and fold(p) not in _PARTICLES]


class Redactor:
    """Applies `RedactionRules` to strings and collects what it did in `hits`."""

    def __init__(self, rules: RedactionRules) -> None:
        self.rules = rules
        self.hits: list[Hit] = []
        self._allowed = {fold(a).strip() for a in rules.allowed if a.strip()}
        terms: dict[str, _Term] = {}
        for person in rules.persons:
            if rules.consent_field is not None and not getattr(person, rules.consent_field):
                for name in _name_terms(person):
                    key = fold(name).strip()
                    if key and key not in self._allowed:
                        terms.setdefault(key, _Term(key, person.pseudonym, KIND_NAME))
        for term in rules.terms:
            key = fold(term).strip()
            if key and key not in self._allowed:
                terms[key] = _Term(key, placeholder(KIND_TERM), KIND_TERM)
        # Longest first, so "Layla Haddad" wins over "Layla".
        self._terms = sorted(terms.values(), key=lambda t: -len(t.folded))

    # Public ---------------------------------------------------------------------------------

    def text(self, value: str, where: str = "") -> str:
        """Prose: names, own terms, and (by default) contact details and places."""
        if not value:
            return value
        spans = self._term_spans(value)
        if self.rules.patterns:
            spans += self._pattern_spans(value)
        return self._apply(value, spans, where)

    def identifier(self, value: str, where: str = "") -> str:
        """Links, handles and ids: names and own terms only (digits in a link are not a phone)."""
        if not value:
            return value
        return self._apply(value, self._term_spans(value), where)

    def name_of(self, person: Person) -> str:
        """How a person is named in this dossier."""
        if self.rules.consent_field is None or getattr(person, self.rules.consent_field):
            return person.name
        return person.pseudonym

    # Matching -------------------------------------------------------------------------------

    def _term_spans(self, value: str) -> list[tuple[int, int, str, str]]:
        folded, origin = fold_with_map(value)
        spans: list[tuple[int, int, str, str]] = []
        taken = [False] * len(folded)
        for term in self._terms:
            start = folded.find(term.folded)
            while start >= 0:
                end = start + len(term.folded)
                if not any(taken[start:end]) and self._bounded(folded, start, end):
                    for i in range(start, end):
                        taken[i] = True
                    spans.append((origin[start], self._orig_end(origin, end, len(value)), term.replacement, term.kind))
                start = folded.find(term.folded, start + 1)
        return spans

    @staticmethod
    def _orig_end(origin: list[int], end: int, length: int) -> int:
        # Marks folded away after the last letter (harakat, accents) belong to the name too.
        return origin[end] if end < len(origin) else length

    @staticmethod
    def _bounded(folded: str, start: int, end: int) -> bool:
        left = start
        while left > 0 and folded[left - 1].isalnum():
            left -= 1
        prefix = folded[left:start]
        if prefix and not (len(prefix) <= _MAX_PROCLITICS and set(prefix) <= _PROCLITIC_LETTERS):
            return False
        right = end
        while right < len(folded) and folded[right].isalnum():
            right += 1
        return right - end == 0 or (end - start >= 4 and right - end <= _MAX_SUFFIX)

    def _pattern_spans(self, value: str) -> list[tuple[int, int, str, str]]:
        return [(start, end, placeholder(kind), kind) for start, end, kind in contacts.find(value)]

    def _allowed_spans(self, value: str) -> list[tuple[int, int]]:
        """Where the items the defender allowed back occur; nothing inside them is replaced."""
        if not self._allowed:
            return []
        folded, origin = fold_with_map(value)
        found = []
        for item in self._allowed:
            start = folded.find(item)
            while start >= 0:
                found.append((origin[start], self._orig_end(origin, start + len(item), len(value))))
                start = folded.find(item, start + 1)
        return found

    def _apply(self, value: str, spans: list[tuple[int, int, str, str]], where: str) -> str:
        # Earlier and longer spans win; overlapping later ones are dropped.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        allowed = self._allowed_spans(value)
        out, pos = [], 0
        for start, end, replacement, kind in spans:
            if start < pos or any(a < end and start < b for a, b in allowed):
                continue
            original = value[start:end]
            out.append(value[pos:start])
            out.append(replacement)
            self.hits.append(Hit(kind, original, replacement, where))
            pos = end
        out.append(value[pos:])
        return "".join(out)


def summarise(hits: Iterable[Hit]) -> dict[str, int]:
    """Counts per kind, for the wizard's summary line."""
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
    return counts
