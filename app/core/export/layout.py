"""Shared page furniture for the dossier templates: headings, field tables, images, the
confidentiality mark, the integrity page, and rendering a story to PDF bytes in memory.

reportlab runs in invariant mode (no local time, fixed ids) and images go in only as the
re-encoded JPEGs of `redaction.images` (reportlab embeds a JPEG file as it is).
"""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.core.export.content import EvidenceView
from app.core.export.jpegflow import JpegImage
from app.core.export.labels import label
from app.core.export.textflow import TextBlock, draw_line, register_fonts
from app.core.export.vocabulary import word
from app.core.i18n import is_rtl

MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
MAX_IMAGE_HEIGHT = 110 * mm
GREY = colors.HexColor("#555555")
RED = colors.HexColor("#a40000")
PRODUCER = "Sijil"  # with invariant mode: no user, host, path, local time or random ids in /Info


FRAME_HEIGHT = A4[1] - 2 * MARGIN - 4 * mm


class _ShortTable(Table):
    """A field table that moves whole to the next page rather than leave a row or two
    behind on a nearly empty one; a table taller than a third of a page still splits."""

    def split(self, availWidth, availHeight):
        if self._height <= FRAME_HEIGHT / 3:
            return []
        return super().split(availWidth, availHeight)


class Story:
    """Builds the flowables of one dossier in its language."""

    def __init__(self, language: str) -> None:
        register_fonts()
        self.language = language
        self.rtl = is_rtl(language)  # Arabic and Persian dossiers: labels on the right
        self.items: list[Flowable] = []
        self._numbers: dict[int, int] = {}  # evidence id -> its number in this dossier

    def L(self, key: str, **fmt: object) -> str:
        text = label(key, self.language)
        return text.format(**fmt) if fmt else text

    def codes(self, *codes: str) -> str:
        """Vocabulary codes as words in the dossier's language ("death_threat" -> "menace de mort")."""
        return self.L("comma").join(word(c, self.language) for c in codes if c)

    def title(self, text: str, subtitle: str = "") -> None:
        self.items.append(TextBlock(text, size=17, bold=True, space_after=4, align_right=self.rtl))
        if subtitle:
            self.items.append(TextBlock(subtitle, size=11, color=GREY, space_after=8, align_right=self.rtl))

    def heading(self, text: str, level: int = 1, confidential: bool = False) -> None:
        size = {1: 13.5, 2: 11.5, 3: 10}[level]
        block = [Spacer(1, 8 if level == 1 else 4), TextBlock(text, size=size, bold=True, space_after=3, align_right=self.rtl)]
        if confidential:
            block += [self.confidential_mark(), Spacer(1, 3)]
        # Never alone at the bottom of a page: the doc template keeps these with what follows
        # (plain flowables, since reportlab does not chain keepWithNext through a KeepTogether).
        for flowable in block:
            flowable.keepWithNext = 1
        self.items.extend(block)

    def confidential_mark(self) -> Flowable:
        mark = Table([[TextBlock(self.L("confidential"), size=8.5, bold=True, color=RED, space_after=0)]],
                     colWidths=[40 * mm], hAlign="RIGHT" if self.rtl else "LEFT")
        mark.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, RED), ("TOPPADDING", (0, 0), (-1, -1), 1),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        return mark

    def text(self, value: str, **kw: object) -> None:
        if value:
            self.items.append(TextBlock(value, **{"align_right": self.rtl, **kw}))

    def fields(self, rows: list[tuple[str, str]]) -> None:
        """Label/value pairs in two columns; empty values are left out."""
        right = self.rtl
        data = [[TextBlock(k, size=8.5, bold=True, color=GREY, space_after=0, align_right=right),
                 TextBlock(v, space_after=0, align_right=right)]
                for k, v in rows if v not in ("", None)]
        widths = [48 * mm, FRAME_WIDTH - 48 * mm]
        if right:
            data, widths = [row[::-1] for row in data], widths[::-1]
        if data:
            table = _ShortTable(data, colWidths=widths, hAlign="LEFT", splitInRow=1)
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
            self.items.append(table)
            self.items.append(Spacer(1, 4))

    def side_by_side(self, left_title: str, left: str, right_title: str, right: str) -> None:
        """The original-language text beside its translation."""
        if not right:
            self.text(left)
            return
        half = FRAME_WIDTH / 2
        rows = [[TextBlock(left_title, size=8.5, bold=True, color=GREY, align_right=self.rtl),
                 TextBlock(right_title, size=8.5, bold=True, color=GREY, align_right=self.rtl)],
                [TextBlock(left), TextBlock(right)]]
        if self.rtl:  # the original first, on the right, as a right-to-left reader starts
            rows = [row[::-1] for row in rows]
        table = Table(rows, colWidths=[half, half], hAlign="LEFT", splitInRow=1, repeatRows=1)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEAFTER", (0, 0), (0, -1), 0.25, colors.HexColor("#bbbbbb"))]))
        self.items.append(table)

    def evidence(self, ev: EvidenceView) -> None:
        """An image rendition (or, for other files, a line) with its caption and hashes."""
        number = ev.number or ev.id
        self._numbers[ev.id] = number
        lines = [f"{self.L('evidence')} {number} · {word(ev.kind, self.language)} · {ev.media_type}"]
        if ev.regions_burned:
            lines[0] += f" · {ev.regions_burned} {self.L('redacted_regions')}"
        block: list[Flowable] = [TextBlock(lines[0], size=8.5, bold=True, space_after=1, align_right=self.rtl)]
        if ev.confidential:
            block += [self.confidential_mark(), Spacer(1, 3)]
        if ev.rendition is not None:
            w, h = ev.rendition.width, ev.rendition.height
            scale = min(FRAME_WIDTH / w, MAX_IMAGE_HEIGHT / h, 0.75)  # 0.75 pt per pixel ~ 96 dpi at most
            block.append(JpegImage(ev.rendition, w * scale, h * scale))
        details = [(self.L("caption"), ev.caption), (self.L("source"), ev.source_url),
                   (self.L("captured"), ev.captured_at)]
        block.append(TextBlock("\n".join(f"{k}{self.L('colon')}{v}" for k, v in details if v), size=8.5, space_after=1,
                                   align_right=self.rtl))
        self.items.append(KeepTogether(block))
        self.items.append(Spacer(1, 6))

    def integrity_page(self, manifest: dict, template_title: str) -> None:
        """The last page: what the signature covers, the key's fingerprint, every hash."""
        self.items.append(PageBreak())
        self.heading(self.L("integrity"))
        self.text(self.L("integrity_note"), size=9)
        self.fields([(self.L("template"), template_title), (self.L("exported_at"), manifest["exported_at"]),
                     (self.L("key_fingerprint"), manifest["signing"]["fingerprint"]),
                     (self.L("incidents"), self.L("comma").join(self.L("number", n=i["id"]) for i in manifest["incidents"]))])
        rows = [[TextBlock(t, size=7.5, bold=True, space_after=0)
                 for t in ("#", self.L("original_sha"), self.L("rendition_sha"))]]
        for ev in manifest["evidence"]:
            rows.append([TextBlock(str(self._numbers.get(ev["id"], ev["id"])), size=7, space_after=0),
                         TextBlock(ev["original_sha256"], size=6.5, space_after=0),
                         TextBlock(ev.get("rendition_sha256") or "-", size=6.5, space_after=0)])
        table = Table(rows, colWidths=[12 * mm, (FRAME_WIDTH - 12 * mm) / 2, (FRAME_WIDTH - 12 * mm) / 2],
                      hAlign="LEFT", repeatRows=1)
        table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        self.items.append(table)


def render(story: Story, footer: str) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes (never written to disk)."""
    rl_config.useA85 = 0  # image streams stay the exact JPEG bytes whose hash the manifest records

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(GREY)
        # Mirrored in a right-to-left dossier: the footer on the right, the page number on the left.
        left, right = MARGIN, A4[0] - MARGIN
        draw_line(canvas, right if story.rtl else left, 10 * mm, footer, 7.5, align_right=story.rtl)
        draw_line(canvas, left if story.rtl else right, 10 * mm, story.L("page", n=doc.page), 7.5,
                  align_right=not story.rtl)
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, invariant=1, title="", author="", subject="",
                            creator=PRODUCER, producer=PRODUCER, keywords="")
    doc.build(story.items, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()
