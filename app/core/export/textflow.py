"""Text for dossier PDFs: bundled Noto fonts, Arabic shaping, right-to-left lines.

reportlab does not shape Arabic. `arabic_reshaper` gives the joined letter forms and
`bidi.get_display` the visual order, but applied to a whole paragraph it puts the lines in
reverse order. So `TextBlock` shapes the logical text, wraps it into lines, and only then
reorders each line. Each line is drawn in runs: Arabic-script runs in Noto Naskh Arabic,
everything else in Noto Sans. No markup is parsed, so journal text can never turn into a
link, an annotation or a font change.
"""

from __future__ import annotations

import functools
import re

import arabic_reshaper
from bidi.algorithm import get_display  # python-bidi's default one does not mirror brackets
from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from app.core import paths

SANS, SANS_BOLD, NASKH, NASKH_BOLD = "SijilSans", "SijilSans-Bold", "SijilNaskh", "SijilNaskh-Bold"
_FILES = {SANS: "NotoSans-Regular.ttf", SANS_BOLD: "NotoSans-Bold.ttf",
          NASKH: "NotoNaskhArabic-Regular.ttf", NASKH_BOLD: "NotoNaskhArabic-Bold.ttf"}

_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC_CHARS = re.compile(r"[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
# Keep harakat: a defender's text is evidence and leaves as she wrote it (the reshaper's
# default drops them). The font's marks have zero advance and sit over their letters.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
# Direction marks steer the bidi algorithm (app/core/export/dossier.py ends an Arabic title
# with one) and are dropped before drawing: the fonts have no glyph for them.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))
_LTR_CHARS = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


@functools.cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", file))))


def is_rtl(text: str) -> bool:
    """Paragraph direction from its first strong character (Unicode bidi rule P2)."""
    rtl, ltr = _RTL_CHARS.search(text), _LTR_CHARS.search(text)
    if rtl is None:
        return False
    return ltr is None or rtl.start() < ltr.start()


@functools.cache
def glyphs_of(font: str) -> frozenset[int]:
    """Code points the font has glyphs for (Noto Naskh Arabic lacks brackets, '-', '/', '?')."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def font_runs(text: str, bold: bool) -> list[tuple[str, str]]:
    """Split a line into (font, text) runs. Arabic letters take the Arabic font; spaces and
    punctuation stay with the run they are in when its font has them, else take Noto Sans."""
    latin, arabic = (SANS_BOLD, NASKH_BOLD) if bold else (SANS, NASKH)
    runs: list[tuple[str, str]] = []
    for ch in text:
        if _ARABIC_CHARS.match(ch):
            font = arabic
        elif ch.isalnum() or not runs or ord(ch) not in glyphs_of(runs[-1][0]):
            font = latin
        else:
            font = runs[-1][0]
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _width(text: str, bold: bool, size: float) -> float:
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in font_runs(text, bold))


def _wrap(paragraph: str, width: float, bold: bool, size: float) -> list[str]:
    """Greedy word wrap of one logical (shaped, not yet reordered) paragraph."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        candidate = f"{current} {word}" if current else word
        if _width(candidate, bold, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(word, bold, size) > width and len(word) > 1:  # a long link: cut it
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], bold, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


class TextBlock(Flowable):
    """A paragraph (or several, split on newlines) in any script; splits across pages."""

    def __init__(self, text: str, size: float = 9.5, bold: bool = False, color: Color = black,
                 space_after: float = 3, indent: float = 0, align_right: bool = False) -> None:
        super().__init__()
        register_fonts()
        # One kind of line break, no tabs: a stray \r or \t has no glyph in the fonts.
        self.text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        self.size, self.bold, self.color = size, bold, color
        self.space_after, self.indent = space_after, indent
        # In a right-to-left dossier every paragraph lines up on the right, a link or a date
        # too; each still reads in its own direction.
        self.align_right = align_right
        arabic = bool(_ARABIC_CHARS.search(self.text))
        self.leading = size * (1.75 if arabic else 1.3)
        self._lines: list[tuple[str, bool]] | None = None  # (visual line, right-aligned)
        self._for_width: float | None = None

    def lines(self, width: float) -> list[tuple[str, bool]]:
        """The lines as drawn at `width`: (visual order, right-aligned)."""
        if self._lines is None or self._for_width != width:
            out: list[tuple[str, bool]] = []
            for paragraph in self.text.split("\n"):
                rtl = is_rtl(paragraph)
                shaped = _RESHAPER.reshape(paragraph) if _ARABIC_CHARS.search(paragraph) else paragraph
                for line in _wrap(shaped, width - self.indent, self.bold, self.size):
                    visual = get_display(line, base_dir="R" if rtl else "L").translate(_MARKS)
                    out.append((visual, rtl or self.align_right))
            self._lines, self._for_width = out, width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.lines(avail_width)) * self.leading
        return avail_width, self.height

    def getSpaceAfter(self) -> float:
        return self.space_after

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self.lines(avail_width)
        fit = int(avail_height // self.leading)
        if fit <= 0 or fit >= len(lines):
            return []  # nothing to split here: the frame (or table row) moves on whole
        return [self._part(lines[:fit], avail_width), self._part(lines[fit:], avail_width)]

    def _part(self, lines: list[tuple[str, bool]], width: float) -> TextBlock:
        part = TextBlock("", self.size, self.bold, self.color, self.space_after, self.indent, self.align_right)
        part.leading, part._lines, part._for_width = self.leading, lines, width
        return part

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.color)
        lines = self.lines(self.width)
        for i, (line, right) in enumerate(lines):
            y = self.height - (i + 1) * self.leading + self.leading * 0.3
            runs = font_runs(line, self.bold)
            total = sum(pdfmetrics.stringWidth(t, f, self.size) for f, t in runs)
            x = self.width - total if right else self.indent
            for font, text in runs:
                canvas.setFont(font, self.size)
                canvas.drawString(x, y, text)
                x += pdfmetrics.stringWidth(text, font, self.size)


def draw_line(canvas, x: float, y: float, text: str, size: float, bold: bool = False,
              align_right: bool = False) -> None:
    """One line of any script drawn straight on the canvas (page furniture): shaped, in visual
    order, in font runs; `x` is its left edge, or its right edge when `align_right`."""
    block = TextBlock(text, size=size, bold=bold)
    (line, _rtl), *_ = block.lines(float("inf"))
    runs = font_runs(line, bold)
    if align_right:
        x -= sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
    for font, part in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, font, size)
