"""Text folding for matching across scripts, shared by search and redaction.

Folding makes "Layla", "LAYLA", "Láylá", "ليلى" and "لَيْلي" comparable: NFKD, drop combining
marks (Latin accents, Arabic harakat), drop tatweel and invisible format characters, unify
Arabic letter variants (alef forms, alef maqsura, ta marbuta, hamza carriers, Persian/Urdu
kaf and yeh), case-fold. Mapping is one character in, at most one out, so positions can be
carried back to the original text (see `fold_with_map`).
"""

from __future__ import annotations

import unicodedata

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


def _fold_char(ch: str) -> str:
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        cat = unicodedata.category(part)
        if cat in ("Mn", "Me", "Cf"):
            continue
        out.append(part)
    return "".join(out).translate(_ARABIC_VARIANTS).casefold()


def fold(text: str) -> str:
    """Fold text for comparison; see the module docstring."""
    return "".join(_fold_char(ch) for ch in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold text and return, for each folded character, the index of its source character."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        folded.append(piece)
        origin.extend([i] * len(piece))
    return "".join(folded), origin
