"""File names from outside (an imported file's name) made safe to show and to save under.

A name can carry control characters (a newline that forges a second line in a list, a
terminal escape) or bidirectional overrides: "invoice\u202Egnp.exe" shows as
"invoiceexe.png". Such characters are removed; Persian and Arabic names keep their
zero-width (non-)joiners, which spelling needs.
"""

from __future__ import annotations

import unicodedata

_KEEP_FORMAT = {"\u200c", "\u200d"}  # ZWNJ (Persian spelling), ZWJ (emoji, Indic scripts)
MAX_NAME_CHARS = 120


def safe_file_name(name: str) -> str:
    """`name` without control, bidi-override or other invisible format characters, without
    path separators, leading dots or surrounding spaces, at most MAX_NAME_CHARS long."""
    if name.isascii() and name.isprintable():  # most names (an import's thousands): nothing to remove
        text = name.replace("/", "_").replace("\\", "_")
    else:
        kept = []
        for ch in unicodedata.normalize("NFC", name):
            category = unicodedata.category(ch)
            if category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or (category == "Cf" and ch not in _KEEP_FORMAT):
                continue
            kept.append("_" if ch in "/\\" else ch)
        text = "".join(kept)
    clean = text.strip().lstrip(".").rstrip(". ")
    if len(clean) > MAX_NAME_CHARS:
        _stem, dot, suffix = clean.rpartition(".")
        suffix = dot + suffix if dot and len(suffix) <= 10 else ""
        clean = clean[:MAX_NAME_CHARS - len(suffix)] + suffix
    return clean
