"""Text in pictures: recognised at import (Latin and Arabic), stored in the journal with boxes
on the upright picture, searchable, and turned into boxes over names and contact details."""

from __future__ import annotations

import pytest
from PIL import Image

from app.core import evidence, ocr
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.journal.recognised_text import DONE, RecognisedText
from app.core.models import Person
from app.core.redaction.pictures import PictureMatcher
from app.core.redaction.text import RedactionRules
from tests.conftest import run_cli
from tests.core.screens import needs_tesseract, png, screenshot, words

HIBA = Person("Hiba Al-Hajji", "Defender H", aliases=["هبة الحجي"])
LINES = ["We know where you live", "kill Hiba Al-Hajji tonight", "The meeting is near the park",
         "سنقتل هبة الحجي الليلة", "Everyone will see the photos"]


def matcher(*persons: Person, patterns: bool = True) -> PictureMatcher:
    return PictureMatcher(RedactionRules(list(persons), consent_field="consent_platform", patterns=patterns))


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("pt", [38, 50])  # sizes where tesseract's noise filter dropped the Arabic row
def test_latin_and_arabic_words_are_stored_with_upright_boxes_and_found_by_search(vault, incident_id, pt):
    shot = screenshot(LINES, pt=pt)
    ev = evidence.import_bytes(vault, incident_id, png(shot))
    assert vault.journal.recognised.pending() == [ev.id]
    assert ocr.recognise_pending(vault) == 1
    found = vault.journal.recognised.get(ev.id)
    assert found.status == DONE and (found.width, found.height) == shot.size
    texts = [w.text for w in found.words]
    assert "Hiba" in texts and "الحجي" in texts and "meeting" in texts
    hiba = next(w for w in found.words if w.text == "Hiba")
    # Drawn on the second line (y = 80 + 2.2 pt px of 1920), after "kill " at x = 60 px.
    assert 0.07 < hiba.y < 0.11 and 0.08 < hiba.x < 0.2
    assert vault.journal.recognised.pending() == []
    for query in ("hajji", "HIBA", "الحجي", "meeting park"):
        assert vault.journal.search(query) == [incident_id], query


def test_tsv_boxes_are_fractions_of_the_page_and_direction_marks_are_dropped():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t2000\t1000\t-1\t\n"
           "4\t1\t1\t1\t1\t0\t100\t100\t800\t50\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t100\t100\t200\t50\t91\tHiba\n"
           "5\t1\t1\t1\t1\t2\t400\t100\t300\t50\t88\t\u200eالحجي\u200f\n"
           "5\t1\t1\t1\t2\t1\t100\t300\t200\t50\t95\t \n"
           "5\t1\t2\t1\t1\t1\t100\t500\t200\t50\t90\tpark\n")
    found = ocr.parse_tsv(tsv)
    assert [(w.text, w.line) for w in found] == [("Hiba", 0), ("الحجي", 0), ("park", 1)]
    assert (found[0].x, found[0].y, found[0].w, found[0].h) == (0.05, 0.1, 0.1, 0.05)


def test_a_hit_covers_its_whole_line_padded_and_leaves_the_other_lines():
    hits = matcher(HIBA).propose(words("we know where", "kill Hiba tonight", "the park"))
    assert [h.text for h in hits] == ["kill Hiba tonight"]
    x, y, w, h = hits[0].box
    assert x < 0.05 and x + w > 0.05 + 0.12 * 2 + 0.1  # every word of the line, and more
    assert y < 0.15 and y + h > 0.17 and y > 0.12      # padded, but not into the next lines


def test_arabic_alias_contact_details_and_a_name_broken_over_two_lines_are_found():
    found = words("سنقتل هبة الحجي", "call +90 532", "111 22 33 now", "see you Hiba", "Al-Hajji soon", "fine")
    kinds = {h.text: h.kind for h in matcher(HIBA).propose(found)}
    assert set(kinds) == {"سنقتل هبة الحجي", "call +90 532", "111 22 33 now", "see you Hiba", "Al-Hajji soon"}
    assert kinds["call +90 532"] == "phone"


def test_a_person_who_consented_or_a_stop_word_gives_no_box():
    consenting = Person("Hiba Al-Hajji", "Defender H", consent_platform=True)
    assert matcher(consenting, patterns=False).propose(words("kill Hiba Al-Hajji")) == []
    assert matcher(HIBA).propose(words("and the al of")) == []


def test_letting_one_box_back_in_releases_only_that_box(vault, incident_id, monkeypatch):
    vault.journal.persons.add(HIBA)
    ev = evidence.import_bytes(vault, incident_id, png(Image.new("RGB", (1000, 2000), "white")))
    monkeypatch.setattr(ocr, "_engine", lambda: None)  # the words below stand for tesseract's
    vault.journal.recognised.save(RecognisedText(ev.id, DONE, "test", words("Hiba here", "Hiba there").words,
                                                 1000, 2000))
    options = ExportOptions("platform", [incident_id], platform="telegram")
    first = dossier.build(vault, options)
    assert len(first.dossier.picture_hits) == 2 and first.dossier.unchecked_pictures == []
    assert first.dossier.all_evidence()[0].regions_burned == 2
    options.allowed_boxes = [first.dossier.picture_hits[0].key]
    again = dossier.build(vault, options)
    assert again.dossier.all_evidence()[0].regions_burned == 1
    assert [h.key for h in again.dossier.picture_hits] == [h.key for h in first.dossier.picture_hits]


def test_without_ocr_the_export_works_and_names_the_unchecked_pictures(vault, incident_id, monkeypatch):
    monkeypatch.setattr(ocr, "_engine", lambda: None)
    ev = evidence.import_bytes(vault, incident_id, png(screenshot(LINES, size=(400, 300), pt=20)))
    assert ocr.recognise_pending(vault) == 0
    built = dossier.build(vault, ExportOptions("platform", [incident_id], platform="telegram"))
    assert built.pdf.startswith(b"%PDF") and built.dossier.unchecked_pictures == [ev.id]
    assert "unchecked_pictures" not in built.dossier.to_dict() and "picture_hits" not in built.dossier.to_dict()


def test_a_flat_picture_is_read_as_empty_without_running_tesseract(vault, incident_id, monkeypatch):
    flat = evidence.import_bytes(vault, incident_id, png(Image.new("RGB", (64, 48), (200, 30, 30))))
    shot = evidence.import_bytes(vault, incident_id, png(screenshot(["Hiba"], (300, 200))))
    assert ocr.prepare(vault, flat.id).pgm == b"" and ocr.prepare(vault, shot.id).pgm != b""
    monkeypatch.setattr(ocr, "_engine", lambda: ("/nonexistent/tesseract", "eng"))
    assert ocr.recognise(vault, flat.id).status == DONE  # the engine was never started
    assert ocr.recognise(vault, shot.id).status == "failed"


@pytest.mark.slow
def test_the_cli_says_on_stderr_when_pictures_were_not_read_or_checked(tmp_path):
    no_ocr = {"PATH": str(tmp_path / "empty")}  # no tesseract to be found
    vault = str(tmp_path / "vault")
    run_cli("--vault", vault, "init", check=True, env=no_ocr)
    run_cli("--vault", vault, "incident", "add", "--title", "T", "--occurred", "2026-01-01", "--platform", "telegram",
            check=True, env=no_ocr)
    shot = tmp_path / "shot.png"
    shot.write_bytes(png(screenshot(LINES, size=(600, 400), pt=20)))
    added = run_cli("--vault", vault, "evidence", "add", "1", str(shot), check=True, env=no_ocr)
    assert "not read" in added.stderr and "tesseract" in added.stderr
    out = tmp_path / "d.pdf"
    done = run_cli("--vault", vault, "export", "1", "--format", "platform", "--platform", "telegram", "--out",
                   str(out), check=True, env=no_ocr)
    assert out.exists() and "NOT checked for names" in done.stderr and "evidence item 1" in done.stderr
