"""Rendering: Arabic shaped, right to left, lines in order, extractable; Latin accents;
long dossiers. Read back with poppler (pdftotext -bbox, pdftoppm)."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from app.core import evidence
from app.core.export import dossier, textflow, verify
from app.core.export.content import ExportOptions
from app.core.journal.recognised_text import DONE, RecognisedText
from app.core.models import Incident
from tests.core.export.adversary import squash
from tests.core.export.case import ARABIC_STORY, build_case


def words_with_boxes(pdf: bytes, tmp_path) -> list[tuple[str, float, float, int]]:
    """(word NFKC, x, y, page) for every word poppler finds."""
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', line)
        if m:
            out.append((unicodedata.normalize("NFKC", m.group(3)), float(m.group(1)), float(m.group(2)), page))
    return out


def test_arabic_paragraph_is_right_to_left_in_reading_order_and_extractable(vault, tmp_path):
    case = build_case(vault, tmp_path)
    built = dossier.build(vault, ExportOptions("lawyer", case.incidents[:1]))
    words = words_with_boxes(built.pdf, tmp_path)
    # -bbox lists Arabic words in visual order, letters reversed; plain pdftotext reorders them.
    first = next(w for w in words if w[0] in ("بدأت", "بدأت"[::-1]))    # first word of the story
    last = next(w for w in words if w[0] in ("خاتمة", "خاتمة"[::-1]))    # first word of its last sentence
    assert (first[3], first[2]) < (last[3], last[2]), "the last line came before the first"
    # The original sits in the left column, its English translation in the right one.
    line_of_first = [w for w in words if abs(w[2] - first[2]) < 1 and w[3] == first[3] and w[1] < 297]
    assert first[1] == max(w[1] for w in line_of_first), "RTL: the first word sits at the right"
    text = squash(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True).stdout.decode())
    assert squash(" ".join(ARABIC_STORY.split()[:7])) in text  # copy and paste gives the words, in order


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="لَيْلى حدّاد قُتِلَ ()[]-/?;:!«»،؟ 0123 abc Ç", max_size=40))
def test_every_character_is_drawn_with_a_font_that_has_its_glyph(text):
    """Noto Naskh Arabic lacks brackets, '-', '/', '?': those must fall back to Noto Sans,
    or they would vanish from the page while still being in the text layer."""
    for bold in (False, True):
        for font, run in textflow.font_runs(text, bold):
            covered = textflow.glyphs_of(font)
            assert all(ord(ch) in covered for ch in run), (font, run)


def test_brackets_in_right_to_left_text_face_the_right_way():
    """Visual order of "رقم (مرتين)": the bracket drawn leftmost must be "(" (mirrored)."""
    block = textflow.TextBlock("رقم هاتفي (مرتين) [phone removed] نشر")
    (line, right_aligned), = block.lines(400)
    assert right_aligned
    assert line.index("(") < line.index(")") and line.index("[") < line.index("]")


def test_harakat_are_kept_as_written(vault, tmp_path):
    ident = vault.journal.incidents.add(Incident(title="x", occurred_on="2026-01-01",
                                                 description="نُشِرَ رقمي (مرتين) - ١٢/٣"))
    built = dossier.build(vault, ExportOptions("lawyer", [ident]))
    path = tmp_path / "h.pdf"
    path.write_bytes(built.pdf)
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                                        check=True).stdout.decode())
    assert "\u064f" in text and "\u0650" in text  # damma and kasra survive into the text layer


def test_latin_accents_render_and_extract(vault, tmp_path):
    case = build_case(vault, tmp_path)
    built = dossier.build(vault, ExportOptions("un", case.incidents, language="es"))
    path = tmp_path / "a.pdf"
    path.write_bytes(built.pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    for word in ("Ayşe", "Yılmaz", "çğışöü", "éèêç", "İzmir", "Comunicación", "Víctima"):
        assert word in text


def test_pages_render_with_poppler(vault, tmp_path):
    case = build_case(vault, tmp_path)
    path = tmp_path / "p.pdf"
    path.write_bytes(dossier.build(vault, ExportOptions("un", case.incidents)).pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(path), str(tmp_path / "pg")], check=True)
    pages = sorted(tmp_path.glob("pg-*.png"))
    assert len(pages) == 2
    for page in pages:
        img = Image.open(page).convert("L")
        assert img.getextrema()[0] < 100  # ink on the page


@pytest.mark.slow
def test_long_dossier_of_100_incidents_and_300_images(vault, tmp_path):
    for n in range(100):
        inc = vault.journal.incidents.add(Incident(
            title=f"Incident {n} تهديد رقم {n}", occurred_on=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            description=(ARABIC_STORY + "\n") * (1 + n % 3) + "English summary of the events. " * (n % 7),
            translation="Translation of the events. " * 20, platforms=["telegram"]))
        for k in range(3):
            img = Image.new("RGB", (400, 300), (n * 2 % 255, k * 80, 120))
            ImageDraw.Draw(img).text((10, 10), f"{n}-{k}", fill="white")
            buf = io.BytesIO()
            img.save(buf, format="PNG")
            ev = evidence.import_bytes(vault, inc, buf.getvalue(), name=f"s{n}-{k}.png")
            # Read as at import (OCR has tests of its own): the export does not read 300 again.
            vault.journal.recognised.save(RecognisedText(ev.id, DONE, "test", [], 400, 300))
    built = dossier.build(vault, ExportOptions("un", [i.id for i in vault.journal.incidents.list()]))
    result = verify.verify_bytes(built.pdf)
    assert len(result.manifest["incidents"]) == 100 and len(result.manifest["evidence"]) == 300
    path = tmp_path / "long.pdf"
    path.write_bytes(built.pdf)
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True).stdout.decode()
    assert len(listed.strip().splitlines()) - 2 == 300
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) > 100
