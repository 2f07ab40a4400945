"""Finding protected names (and the defender's own terms) in text.

Text and names are compared on `textnorm.match_key`: case (Turkish İ/ı too), diacritics,
tatweel, invisible characters, Arabic letter variants, letters NFKD does not split (ı ł ø đ ß,
by anyascii) and look-alikes from other scripts (the UTS #39 skeleton, by ICU).

What is looked for (`plan`):
- a person's full name and every alias, as a whole: its words in order with up to three
  spaces or punctuation marks between them, or none ("Layla Haddad", "LaylaHaddad",
  "layla_haddad", "ليلىحداد");
- each part of a person's names on its own, when it is distinctive: at least three letters and
  not a common word in English, Arabic, Persian, Turkish, French or Spanish ("Layla", "Haddad";
  not "al", "bin", "de", "Can", "and");
- an organisation (role "organisation") only by its full names, never by their parts, so
  "Equity and Empowerment" leaves "and" and "المساواة" ("equality") alone.

Where: at word boundaries, where an Arabic proclitic (و ف ب ل ك ال) or a short suffix
("Laylanın", "Layla's") may be joined to the name, at a change of case or between letters and
digits ("JusticeForLayla", "layla1990"), and anywhere inside a hashtag, @handle or link
("#JusticeForLayla", "@laylahaddad", "x.com/LaylaHaddad"; percent-encoded letters in links are
read as letters first, see `readable_links`).

A name or alias that is a phone number or a platform id ("+49 170 1234567", "user123456789")
is matched on its digits in every way of writing it (`numbers.py`), never by its parts.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import cache

from app.core.i18n import _
from app.core.models import PHONE_ID_PLATFORMS, Actor, Person
from app.core.redaction import numbers
from app.core.textnorm import match_key, match_key_with_map

MIN_PART = 3          # letters, in the key
_MAX_PROCLITICS = 4   # "ووليلى", "وبال..."
_MAX_SUFFIX = 3       # Turkish/Arabic suffixes joined to a name ("Ayşenin"): still the name
_SEPARATOR = r"[\W_]{0,3}"
_STOP_LANGUAGES = ("english", "arabic", "persian", "turkish", "french", "spanish")
# Name particles, common in names and in text alike.
_PARTICLES = ("al", "el", "bin", "bint", "ibn", "abu", "umm", "de", "del", "la", "le", "van", "von", "der",
              "da", "dos", "das", "ال", "بن", "بنت", "ابو", "ام")
# Hashtags, handles and links: a name part anywhere inside one is the name.
_JOINED_TOKEN = re.compile(r"[#@＃＠][^\s]+|[^\s]*(?:://|www\.|\.[a-z]{2,}/)[^\s]*", re.IGNORECASE)
_PERCENT_RUN = re.compile(r"(?:%[89a-f][0-9a-f])+", re.IGNORECASE)  # UTF-8 bytes of letters beyond ASCII
PERSON, ORGANISATION = "person", "organisation"


def readable_links(value: str) -> str:
    """Percent-encoded letters in links as the letters a browser shows ("x.com/hashtag/%D9%84…"
    is "x.com/hashtag/ل…"), so a name copied in a link is seen; ASCII escapes stay."""
    if "%" not in value:
        return value

    def decode(m: re.Match) -> str:
        try:
            return bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return m.group(0)

    return _JOINED_TOKEN.sub(lambda token: _PERCENT_RUN.sub(decode, token.group(0)), value)


@cache
def _proclitics() -> frozenset[str]:
    return frozenset(match_key("وفبلكا"))


@cache
def common_words() -> frozenset[str]:
    """Keys of the stop words of the supported languages, plus name particles."""
    from stop_words import get_stop_words

    words = [w for lang in _STOP_LANGUAGES for w in get_stop_words(lang)]
    return frozenset(match_key(w) for w in (*words, *_PARTICLES))


def words_of(text: str) -> list[str]:
    """The words of a name, as keys."""
    return re.findall(r"\w+", match_key(text))


def item_key(text: str) -> str:
    """The identity of a redacted item: what the wizard lists and `--allow` names. Exact, not
    a substring: letting "and" back in releases nothing but an item that is "and"."""
    return " ".join(words_of(text))


def pattern_key(text: str) -> str:
    """The identity of a phone number, address or other pattern hit: its exact text, folded,
    so "layla.h@example.org" and "layla-h@example.org" stay two items."""
    return " ".join(match_key(text).split())


@dataclass(frozen=True)
class Term:
    text: str          # as the defender wrote it (the wizard shows it)
    key: str           # item_key(text)
    replacement: str
    kind: str          # text.KIND_NAME or KIND_TERM
    whole: bool        # a full name or alias, not a part of one
    digits: tuple[str, ...] = ()  # a phone number or id: the digit strings it is written as

    @property
    def pattern(self) -> re.Pattern:
        return _compile(self.key)


@cache
def _compile(key: str) -> re.Pattern:
    return re.compile(_SEPARATOR.join(re.escape(w) for w in key.split(" ")))


@dataclass(frozen=True)
class NamePlan:
    """What will be looked for, for one person or organisation (shown as she types)."""

    whole: list[str]                 # full names and aliases, matched as a whole
    alone: list[str]                 # parts matched on their own
    common: list[str]                # parts too common to match alone
    short: list[str]                 # parts too short to match alone
    numbers: list[str] = field(default_factory=list)  # phone numbers and ids, matched on their digits


def _split_parts(text: str) -> list[str]:
    return [p for p in re.split(r"[\s\-‐.,_/]+", text) if re.search(r"\w", p)]


def plan(name: str, aliases: list[str], role: str = "defender") -> NamePlan:
    """Which forms of these names are matched (see the module docstring)."""
    whole, alone, common, short, seen = [], [], [], [], set()
    stop = common_words()
    numeric = [t.strip() for t in (name, *aliases) if numbers.forms(t)]
    seen.update(item_key(t) for t in numeric)
    for text in (name, *aliases):
        text = text.strip()
        if text in numeric:
            continue
        key = item_key(text)
        if key and key not in seen and len(key.replace(" ", "")) >= MIN_PART and not set(key.split(" ")) <= stop:
            whole.append(text)
        seen.add(key)
    if role != ORGANISATION:
        for text in (name, *aliases):
            if text.strip() in numeric:
                continue
            for part in _split_parts(text):
                key = item_key(part)
                if not key or key in seen:
                    continue
                seen.add(key)
                if key in stop:
                    common.append(part)
                elif len(key.replace(" ", "")) < MIN_PART:
                    short.append(part)
                else:
                    alone.append(part)
    return NamePlan(whole, alone, common, short, list(dict.fromkeys(numeric)))


def describe(p: NamePlan, role: str = "defender") -> str:
    """The plan in plain words, for the person and organisation editors."""
    def quote(items: list[str]) -> str:  # isolated, so an Arabic name does not reorder its neighbours
        return " · ".join(f"\u2068{item}\u2069" for item in items)

    lines = []
    if p.whole:
        lines.append(_("Hidden in exports as whole names: {names}").format(names=quote(p.whole)))
    if p.numbers:
        lines.append(_("Numbers hidden however they are written (spaces, country code, other digits): {numbers}")
                     .format(numbers=quote(p.numbers)))
    if role == ORGANISATION:
        if p.whole:
            lines.append(_("An organisation is matched only by its whole names, never by single words."))
        return "\n".join(lines)
    if p.alone:
        lines.append(_("Also hidden on their own: {parts}").format(parts=quote(p.alone)))
    if p.common or p.short:
        lines.append(_("Hidden only inside a whole name (too common or too short alone): {parts}")
                     .format(parts=quote(p.common + p.short)))
    return "\n".join(lines)


def terms_for(person: Person, kind: str) -> list[Term]:
    p = plan(person.name, person.aliases, person.role)
    return ([Term(t, item_key(t), person.pseudonym, kind, True) for t in p.whole]
            + [Term(t, item_key(t), person.pseudonym, kind, True, numbers.forms(t)) for t in p.numbers]
            + [Term(t, item_key(t), person.pseudonym, kind, False) for t in p.alone])


def with_accounts(persons: list[Person], actors: list[Actor], marked: Collection[int] = ()) -> list[Person]:
    """The persons, each with the handles and ids of the accounts named by one of her whole
    names: where her name is hidden, the id that names her as surely is hidden too.

    An account named by her whole names alone ("Layla Haddad", from_id user123456789) is hers.
    So, by default, is an account whose name holds one of her whole names among other words:
    her own with a title ("Av. Layla Haddad", "Layla Haddad | Lawyer"), but also an
    impersonator's ("Layla Haddad Fan"). The two cannot be told apart by the name, and the
    mistakes do not weigh the same: an impersonator's id hidden by mistake costs a report one
    detail (she can let it back in, in the export wizard), her own id shown costs her safety.
    Such an account is not taken as hers once she has marked it as attacking her (its id in
    `marked`: see `Actor.marked_as_attacker`, or named in one of her platform reports): its id
    is then what a report about it needs."""
    owner: dict[str, list[int]] = {}
    terms: dict[str, Term] = {}
    for n, person in enumerate(persons):
        for term in terms_for(person, PERSON):
            if term.whole:
                terms.setdefault(term.key, term)
                owner.setdefault(term.key, []).append(n)
    extra: list[list[str]] = [[] for _p in persons]
    for actor in actors:
        # An account id is a phone number only where the platform names accounts by one.
        number = ("+" if actor.platform in PHONE_ID_PLATFORMS else "id ") + actor.numeric_id
        ids = [v for v in (actor.handle, number if numbers.forms(number) else "") if v]
        alone = actor.id in marked or actor.marked_as_attacker
        for label in (actor.display_name, actor.handle):
            for n in _named_by(list(terms.values()), owner, label, alone):
                extra[n] += ids
    return [replace(p, aliases=[*p.aliases, *dict.fromkeys(more)]) if more else p
            for p, more in zip(persons, extra, strict=True)]


def recorded_as_hers(persons: list[Person], actor: Actor) -> bool:
    """Whether the account's id or handle is among a person's own names, as she recorded them
    or as an import of her own export added them (importers.own_account): her account, or a
    relative's, and never an attacker. Compared exactly: the id's digits, the handle with an
    alias written "@handle"; an account merely named like her is not one (an impersonator may be)."""
    number = ("+" if actor.platform in PHONE_ID_PLATFORMS else "id ") + actor.numeric_id
    digits = numbers.forms(number)[:1] if actor.numeric_id else ()
    handle = item_key(actor.handle.lstrip("@")) if actor.handle else ""
    for person in persons:
        for alias in person.aliases:
            handle_alias = alias.strip().startswith(("@", "＠"))  # a handle she wrote as one, not a nickname
            if (digits and digits[0] in numbers.forms(alias)) or (handle_alias and item_key(alias) == handle):
                return True
    return False


def _named_by(terms: list[Term], owner: dict[str, list[int]], label: str, alone: bool) -> set[int]:
    """The persons whose whole names are in `label`; with `alone`, only when they make up all
    of it (but marks and punctuation)."""
    found = find(terms, label)
    if not found:
        return set()
    rest = list(label)
    for a, b, _t in found:
        rest[a:b] = " " * (b - a)
    if alone and re.search(r"\w", "".join(rest)):
        return set()
    return {n for _a, _b, t in found for n in owner.get(t.key, [])}


def revealed_by(person: Person, text: str) -> list[str]:
    """The names or parts of them that `text` (a pseudonym) would give away."""
    return list(dict.fromkeys(t.text for _a, _b, t in find(terms_for(person, PERSON), text)))


def find(terms: list[Term], value: str) -> list[tuple[int, int, Term]]:
    """Non-overlapping (start, end, term) spans of `value`, longest terms first."""
    if not terms or not value:
        return []
    # Numbers first, on the text as written (the look-alike key reads "1" as "l", "0" as "o").
    spans = [(a, b, t) for t in terms if t.digits for a, b in numbers.find(value, t.digits)]
    terms = [t for t in terms if not t.digits]
    if not terms:
        return spans
    numbered = list(spans)
    keyed, origin = match_key_with_map(value)
    joined = [(m.start(), m.end()) for m in _JOINED_TOKEN.finditer(value)]
    taken = [False] * len(keyed)
    for term in sorted(terms, key=lambda t: -len(t.key)):
        pattern, pos = term.pattern, 0
        while (m := pattern.search(keyed, pos)) is not None:
            start, end = m.span()
            pos = start + 1
            if end == start or any(taken[start:end]):
                continue
            a, b = origin[start], origin[end] if end < len(origin) else len(value)
            inside = any(s <= a and b <= e for s, e in joined)
            if (inside or _bounded(keyed, origin, value, start, end)) and not any(
                    a < nb and na < b for na, nb, _t in numbered):
                taken[start:end] = [True] * (end - start)
                spans.append((a, b, term))
    return spans


def _bounded(keyed: str, origin: list[int], value: str, start: int, end: int) -> bool:
    """A word boundary on both sides, or a joined proclitic/suffix, case change or digit."""
    return _left_ok(keyed, origin, value, start) and _right_ok(keyed, origin, value, start, end)


def _left_ok(keyed: str, origin: list[int], value: str, start: int) -> bool:
    if start == 0 or not keyed[start - 1].isalnum():
        return True
    here, before = value[origin[start]], value[origin[start - 1]]
    if before.isdigit() != here.isdigit() or (here.isupper() and before.islower()):
        return True
    left = start
    while left > 0 and keyed[left - 1].isalnum():
        left -= 1
    prefix = keyed[left:start]
    return len(prefix) <= _MAX_PROCLITICS and set(prefix) <= _proclitics()


def _right_ok(keyed: str, origin: list[int], value: str, start: int, end: int) -> bool:
    if end == len(keyed) or not keyed[end].isalnum():
        return True
    last, after = value[origin[end - 1]], value[origin[end]]
    if after.isdigit() != last.isdigit() or (after.isupper() and last.islower()):
        return True
    right = end
    while right < len(keyed) and keyed[right].isalnum():
        right += 1
    return end - start >= 4 and right - end <= _MAX_SUFFIX
