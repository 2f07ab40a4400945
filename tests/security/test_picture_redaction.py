"""Names and contact details written inside pictures do not leave. Screenshots with Latin,
Arabic and Persian names (and a rotated phone photo of one) go through import and export;
the adversary pulls every image out of the PDF with pdfimages and reads it with tesseract in
all six languages, as exported and enlarged. None of the names may be read; the rest
of each picture must still be readable, so the test proves the boxes are where the text is."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.core import evidence, ocr
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.models import Incident, Person
from app.core.vault import Vault
from tests.core.export import adversary
from tests.core.screens import jpeg, needs_tesseract, png, read_text, screenshot

pytestmark = [pytest.mark.slow, needs_tesseract]
LANGS = "+".join(ocr.LANGUAGES)

PERSONS = [Person("Hiba Al-Hajji", "Defender H", aliases=["هبة الحجي"]),
           Person("Zahra Ahmadi", "Defender Z", aliases=["زهرا احمدی"]),
           Person("Ayşe Yılmaz", "Defender A")]
SHOTS = {
    "latin": ["We know where you live", "kill Hiba Al-Hajji tonight", "The meeting is near the park",
              "Ayşe Yılmaz is next", "Call +90 532 111 22 33 now", "Everyone will see the photos"],
    "arabic": ["نعرف أين تسكنين", "سنقتل هبة الحجي الليلة", "الاجتماع قرب الحديقة"],
    "persian": ["سلام به همه", "زهرا احمدی را پیدا می کنیم", "فردا در پارک"],
}
KEPT = {"latin": ["meeting", "park", "photos"], "arabic": ["الحديقة", "تسكنين"], "persian": ["فردا", "پارک"]}
NAME_PARTS = ["Hiba", "Hajji", "هبة", "الحجي", "Zahra", "Ahmadi", "زهرا", "احمدی", "احمدى", "Ayşe", "Ayse",
              "Yılmaz", "Yilmaz", "5321112233"]


def rotated_photo(lines: list[str]) -> bytes:
    """A phone photo of a screen: stored on its side, EXIF Orientation 6 turns it upright."""
    raw = screenshot(lines, size=(1080, 1400)).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    return jpeg(raw, exif=exif)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pictures")
    vault = Vault.create(folder / "vault", "pw", strength="test")
    for person in PERSONS:
        vault.journal.persons.add(person)
    inc = vault.journal.incidents.add(Incident("Threats", "2026-02-01", platforms=["telegram"]))
    for lines in SHOTS.values():
        evidence.import_bytes(vault, inc, png(screenshot(lines)))
    evidence.import_bytes(vault, inc, rotated_photo(SHOTS["latin"]))
    assert ocr.recognise_pending(vault) == 4
    # The picture boxes do not depend on the template (only on consent, which no one gave here):
    # the platform report is read back with OCR, the UN dossier must propose the same boxes.
    built = dossier.build(vault, ExportOptions("platform", [inc], platform="telegram"))
    un = dossier.build(vault, ExportOptions("un", [inc]))
    vault.lock()
    assert [h.key for h in un.dossier.picture_hits] == [h.key for h in built.dossier.picture_hits]
    reading = adversary.read(built.pdf, folder)
    # Tesseract as it comes, and enlarged, looking for sparse text, keeping rows of small marks.
    return built, ([read_text(data) for data in reading.images]
                   + [read_text(_enlarged(data), LANGS, "--psm", "11", *ocr._CONFIG) for data in reading.images])


def _enlarged(data: bytes) -> bytes:
    img = Image.open(io.BytesIO(data))
    return png(img.resize((img.width * 2, img.height * 2), Image.Resampling.LANCZOS))


def test_no_part_of_a_name_or_the_phone_number_can_be_read_in_the_exported_pictures(exported):
    built, texts = exported
    assert len(texts) == 8 and built.dossier.unchecked_pictures == []
    read = adversary.squash(" ".join(texts))
    assert [part for part in NAME_PARTS if adversary.squash(part) in read] == []


def test_the_rest_of_each_picture_stays_readable(exported):
    _built, texts = exported
    read = adversary.squash(" ".join(texts))
    missing = [word for words in KEPT.values() for word in words if adversary.squash(word) not in read]
    assert missing == []
    assert read.count(adversary.squash("photos")) >= 2  # the rotated photo is readable too


def test_the_boxes_are_listed_for_the_preview(exported):
    built, _texts = exported
    kinds = {hit.kind for hit in built.dossier.picture_hits}
    assert kinds == {"name", "phone"}
    assert {hit.evidence_id for hit in built.dossier.picture_hits} == {1, 2, 3, 4}
