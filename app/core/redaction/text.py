"""Text redaction: persons become pseudonyms, contact details and exact places are removed.

Names and the defender's own terms are found by `names.py` (every casing, script, look-alike
and joined form) and the matching span of the *original* text is replaced. Contact details and
places (phones, e-mails, links, addresses, coordinates) are found by `contacts.py` on the
original text. Every replacement is logged as a `Hit` so the export wizard can show the
defender what was taken out; letting an item back in releases exactly the hits of that item
(`Hit.item`), never an overlapping one. What the Redactor returns is `safe.Redacted`, the only
text a dossier view accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.models import Person
from app.core.redaction import contacts, names
from app.core.redaction.contacts import KIND_ADDRESS, KIND_COORDINATES, KIND_EMAIL, KIND_PHONE
from app.core.redaction.safe import Redacted, _mint

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
    """One replacement, shown to the defender in the wizard. Never written to a dossier or log.
    `item` is the identity of what was matched (the name, alias, part, term or the pattern's
    text, as `names.item_key`): the wizard lists one row per item and lets items back in by it."""

    kind: str
    original: str
    replacement: str
    where: str = ""
    item: str = ""
    label: str = ""  # the item as the defender wrote it (a name, an alias) or as it was found


@dataclass
class RedactionRules:
    """What to take out. `allowed` holds the items the defender let back in (`Hit.item`, or
    the text of a name, term or pattern hit: compared exactly, as `names.item_key` for names
    and terms and `names.pattern_key` for contact details)."""

    persons: list[Person] = field(default_factory=list)
    consent_field: str | None = "consent_un"  # None: keep every real name (lawyer's copy)
    patterns: bool = True
    terms: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)


_Span = tuple[int, int, str, str, str, str]  # start, end, replacement, kind, item, label
_CODE = re.compile(r"[\w./+:-]{0,200}")


class Redactor:
    """Applies `RedactionRules` to strings and collects what it did in `hits`."""

    def __init__(self, rules: RedactionRules) -> None:
        self.rules = rules
        self.hits: list[Hit] = []
        self.allowed = {key(a) for a in rules.allowed for key in (names.item_key, names.pattern_key)} - {""}
        self.released: set[str] = set()  # allowed items that were found, and so let back in
        terms: dict[str, names.Term] = {}
        for person in rules.persons:
            if rules.consent_field is not None and not getattr(person, rules.consent_field):
                for term in names.terms_for(person, KIND_NAME):
                    terms.setdefault(term.key, term)
        for text in rules.terms:
            key = names.item_key(text)
            if key:
                terms[key] = names.Term(text.strip(), key, placeholder(KIND_TERM), KIND_TERM, True)
        self._terms = [t for t in terms.values() if t.key not in self.allowed]
        self._released_terms = [t for t in terms.values() if t.key in self.allowed]

    # Public ---------------------------------------------------------------------------------

    def text(self, value: str, where: str = "") -> Redacted:
        """Prose: names, own terms, and (by default) contact details and places."""
        if not value:
            return _mint("")
        value = names.readable_links(value)
        spans = self._term_spans(value)
        if self.rules.patterns:
            # A pattern hit's identity is the text it matched.
            spans += [(a, b, r, k, names.pattern_key(value[a:b]), value[a:b]) for a, b, r, k in self._pattern_spans(value)]
        return self._apply(value, spans, where)

    def identifier(self, value: str, where: str = "") -> Redacted:
        """Links, handles and ids: names and own terms only (digits in a link are not a phone)."""
        if not value:
            return _mint("")
        value = names.readable_links(value)
        return self._apply(value, self._term_spans(value), where)

    def reference(self, value: str, where: str = "", phone_ids: bool = False) -> Redacted:
        """An account's or a post's handle, id or link: as `identifier`, and when contact details
        go, a link that is one goes too (wa.me/, tel:, a map link), and with `phone_ids` (the
        platform names accounts by phone number, as WhatsApp does) the phone numbers in it."""
        if not (self.rules.patterns and value):
            return self.identifier(value, where)
        value = names.readable_links(value)
        kind = None if value.strip().isdigit() else contacts.link_kind(value.strip())
        if kind:
            found = [(0, len(value), kind)]
        else:
            found = [s for s in contacts.find(value) if s[2] == KIND_PHONE] if phone_ids else []
        spans = [(a, b, placeholder(k), k, names.pattern_key(value[a:b]), value[a:b]) for a, b, k in found]
        return self._apply(value, self._term_spans(value) + spans, where)

    def code(self, value: str, where: str = "") -> Redacted:
        """A vocabulary code, language, media type or hash: refused if it is prose."""
        if not _CODE.fullmatch(value or ""):
            raise InvalidInput(_("A code in the dossier holds unexpected text; the dossier was not made."))
        return self.identifier(value, where)

    def name_of(self, person: Person) -> Redacted:
        """How a person is named in this dossier."""
        if self.rules.consent_field is None or getattr(person, self.rules.consent_field):
            return _mint(person.name)
        return _mint(person.pseudonym)

    # Matching -------------------------------------------------------------------------------

    def _term_spans(self, value: str) -> list[_Span]:
        # A name let back in is not looked for at all (so its parts still are, inside it).
        self.released.update(t.key for _a, _b, t in names.find(self._released_terms, value))
        return [(a, b, t.replacement, t.kind, t.key, t.text) for a, b, t in names.find(self._terms, value)]

    def _pattern_spans(self, value: str) -> list[tuple[int, int, str, str]]:
        return [(start, end, placeholder(kind), kind) for start, end, kind in contacts.find(value)]

    def _apply(self, value: str, spans: list[_Span], where: str) -> Redacted:
        # Items let back in are dropped first, so they never shield an overlapping item; then
        # earlier and longer spans win and overlapping later ones are dropped.
        self.released.update(s[4] for s in spans if s[4] in self.allowed)
        spans = sorted((s for s in spans if s[4] not in self.allowed), key=lambda s: (s[0], -(s[1] - s[0])))
        out, pos = [], 0
        for start, end, replacement, kind, item, label in spans:
            if start < pos:
                continue
            original = value[start:end]
            out.append(value[pos:start])
            out.append(replacement)
            self.hits.append(Hit(kind, original, replacement, where, item, label))
            pos = end
        out.append(value[pos:])
        return _mint("".join(out))


def summarise(hits: Iterable[Hit]) -> dict[str, int]:
    """Counts per kind, for the wizard's summary line."""
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
    return counts
