"""Names and contact details written inside pictures become boxes burned in at export.

The words OCR found at import (app/core/ocr.py) are put back together line by line and
asked one question of the text matcher: where in this line is a protected name, an alias, one
of her own terms or a contact detail? (`sensitive_spans`, answered by the text Redactor, so
whatever it learns to catch is caught in pictures too.) Over-redact rather than leak: a hit
covers its whole recognised line, padded, and a line pair is checked too so a phone number or
name broken over two lines is still found.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.journal.recognised_text import RecognisedText, Word
from app.core.redaction.text import RedactionRules, Redactor

PAD = 0.35  # of the line's height, on every side: OCR boxes hug the ink, anti-aliasing does not


@dataclass(frozen=True)
class PictureHit:
    """A proposed box. `text` (the recognised line) is shown in the wizard only."""

    evidence_id: int
    kind: str
    text: str
    box: tuple[float, float, float, float]

    @property
    def key(self) -> str:
        """What the defender ticks to let this one box back in (and only this one)."""
        return f"{self.evidence_id}@" + ",".join(f"{v:.4f}" for v in self.box)


class PictureMatcher:
    def __init__(self, rules: RedactionRules) -> None:
        self._probe = Redactor(rules)

    def sensitive_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of everything in `text` the dossier's text would lose."""
        self._probe.hits.clear()
        self._probe.text(text)
        spans, pos = [], 0
        for hit in self._probe.hits:
            at = text.find(hit.original, pos)
            if at < 0:
                at = text.find(hit.original)
            if at >= 0:
                spans.append((at, at + len(hit.original), hit.kind))
                pos = at + len(hit.original)
        return spans

    def propose(self, found: RecognisedText) -> list[PictureHit]:
        """One padded box per recognised line that holds (part of) something to remove."""
        lines: dict[int, list[Word]] = {}
        for word in found.words:
            lines.setdefault(word.line, []).append(word)
        order = sorted(lines)
        kinds: dict[int, str] = {}
        for n, line in enumerate(order):
            window = [line] + ([order[n + 1]] if n + 1 < len(order) else [])
            for ln, kind in self._lines_hit(window, lines):
                kinds.setdefault(ln, kind)
        aspect = found.width / found.height if found.height else 1.0
        return [PictureHit(found.evidence_id, kinds[ln], " ".join(w.text for w in lines[ln]),
                           _padded(lines[ln], aspect)) for ln in order if ln in kinds]

    def _lines_hit(self, window: list[int], lines: dict[int, list[Word]]) -> list[tuple[int, str]]:
        text, owners = "", []  # owners: (start, end, line) of each word in `text`
        for ln in window:
            for word in lines[ln]:
                if text:
                    text += " "
                owners.append((len(text), len(text) + len(word.text), ln))
                text += word.text
        out = []
        for start, end, kind in self.sensitive_spans(text):
            out += [(ln, kind) for a, b, ln in owners if a < end and start < b]
        return out


def _padded(words: list[Word], aspect: float) -> tuple[float, float, float, float]:
    left = min(w.x for w in words)
    top = min(w.y for w in words)
    right = max(w.x + w.w for w in words)
    bottom = max(w.y + w.h for w in words)
    pad_y = PAD * max(w.h for w in words)
    pad_x = pad_y / aspect  # the same number of pixels sideways as up and down
    left, top = max(0.0, left - pad_x), max(0.0, top - pad_y)
    right, bottom = min(1.0, right + pad_x), min(1.0, bottom + pad_y)
    return (round(left, 5), round(top, 5), round(right - left, 5), round(bottom - top, 5))
