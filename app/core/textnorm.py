"""Text folding for matching across scripts, shared by search and redaction.

Folding makes "Layla", "LAYLA", "Láylá", "ليلى" and "لَيْلي" comparable: NFKD, drop combining
marks (Latin accents, Arabic harakat), drop tatweel and invisible format characters, unify
Arabic letter variants (alef forms, alef maqsura, ta marbuta, hamza carriers, Persian/Urdu
kaf and yeh), case-fold, Turkish dotless ı and Eastern Arabic digits. `match_key` goes further for redaction (see below).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from anyascii import anyascii

_ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي", "ئ": "ي",
        "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
        "ؤ": "و",
        "ک": "ك", "ڪ": "ك",
        "ـ": "",  # tatweel
    }
)
# Search only (redaction has its own transliteration, see `match_key`): Turkish dotless ı meets i
# ("KADIN" casefolds to "kadin", typed "kadın"), and Arabic-Indic and Persian digits meet 0-9.
_SEARCH_VARIANTS = str.maketrans(
    {"ı": "i", **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)


def _fold_char(ch: str) -> str:
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        cat = unicodedata.category(part)
        if cat in ("Mn", "Me", "Cf"):
            continue
        out.append(part)
    return "".join(out).translate(_ARABIC_VARIANTS).casefold()


def fold(text: str) -> str:
    """Fold text for comparison; see the module docstring. Turkish "I", "İ", "ı" and "i" all fold
    to "i"; "٢٠٢٣" and "۲۰۲۳" to "2023"."""
    if text.isascii():  # NFKD leaves ASCII as it is and it has no marks: casefold is the whole fold
        return text.casefold()
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict):
    """code point -> folded text, filled on first sight: str.translate then runs in C for
    every character already seen (importers fold 100,000 messages at once)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code)).translate(_SEARCH_VARIANTS)
        return folded


_FOLD_TABLE = _FoldTable()


# Matching keys for redaction ---------------------------------------------------------------
# `fold` stays as it is for the search index (its folded text is stored); redaction compares on a
# stronger key, computed here one character at a time so positions map back to the original.

_spoof = None


def _skeleton(text: str) -> str:
    """UTS #39 confusable skeleton (ICU's SpoofChecker): Cyrillic "а" and Greek "ο" become "a", "o"."""
    global _spoof
    if _spoof is None:
        import icu  # PyICU: loaded on first use, so the search and the GUI start without it

        _spoof = icu.SpoofChecker()
    return _spoof.getSkeleton(0, text)


def _is_arabic_script(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


def _settled(text: str) -> bool:
    return all(c.isascii() or _is_arabic_script(c) for c in text)


def _bare_skeleton(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", _skeleton(text))
                   if unicodedata.category(c) not in ("Mn", "Me", "Cf")).casefold()


def _prototype(letter: str) -> str:
    """One letter's look-alike prototype, folded. ASCII is folded first, so "I" is "i" (not the
    skeleton's "l") and Turkish "YILMAZ" meets "Yılmaz". Other letters are taken as they look
    as written: the skeleton is case-sensitive (Greek "Η" looks like "H", its small "η" like
    "n"; Cyrillic "К" like "K", "к" like "ĸ"), so the first plain-ASCII prototype of the
    letter as written, its small form or its capital wins; else anyascii transliterates."""
    if letter.isascii():
        return _bare_skeleton(letter.casefold())
    small = letter.casefold()
    for candidate in (letter, small, letter.upper()):
        proto = _bare_skeleton(candidate)
        if proto == "l" and candidate == letter != small:
            continue  # a capital-I look-alike: like "I", it is "i"
        if _settled(proto):
            return proto
    return "".join(c if _settled(c) else anyascii(c) for c in _bare_skeleton(small)).casefold()


@lru_cache(maxsize=8192)
def _key_char(ch: str) -> str:
    # Marks, tatweel and invisibles go, Arabic variants unify, look-alikes take their prototype
    # (with case, see `_prototype`), letters NFKD leaves whole (ı ł ø đ ß æ) are transliterated
    # by anyascii; Arabic script is kept, folded.
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(part) in ("Mn", "Me", "Cf"):
            continue
        part = part.translate(_ARABIC_VARIANTS)
        if part:
            out.append(_prototype(part))
    return "".join(out)


def match_key(text: str) -> str:
    """The key redaction compares names on: `fold` plus Turkish casing, transliteration of
    letters NFKD does not split, and the confusable skeleton. "AYŞE YILMAZ", "Ayse Yilmaz" and
    "Аyşе Yılmаz" (Cyrillic а, е) have one key."""
    return "".join(_key_char(ch) for ch in text)


def match_key_with_map(text: str) -> tuple[str, list[int]]:
    """`match_key` and, for each key character, the index of its source character."""
    keyed: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = _key_char(ch)
        keyed.append(piece)
        origin.extend([i] * len(piece))
    return "".join(keyed), origin
