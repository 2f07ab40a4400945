"""Pictures in the GUI: the viewer shows the upright picture the export burns, the text in
pictures is read in the background after an import, and the wizard lists the boxes burned
over recognised names (each can be let back in) or says the pictures were not checked."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from app.core import evidence, ocr
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.journal.recognised_text import DONE, RecognisedText
from app.core.models import Incident, Person
from app.gui.evidence.viewer import EvidenceViewer
from app.gui.export.wizard import ExportWizard
from tests.core.photos import BLUE, GREEN, count, rotated_photo
from tests.core.screens import needs_tesseract, png, screenshot, words
from tests.gui.conftest import INCIDENTS, idle, run
from tests.gui.pointer import drag, drop_files


def add_incident(qtbot, main) -> int:
    return run(qtbot, main.session, lambda v: v.journal.incidents.add(
        Incident("Threats", "2026-02-01", platforms=["telegram"])), changes=INCIDENTS)


def previewed(qtbot, main, inc: int) -> ExportWizard:
    wizard = ExportWizard(main.session, [inc], main)
    # Not qtbot.addWidget: the wizard deletes itself when saved, and pytest-qt would close it
    # again after its C++ side is gone; the main window, its parent, takes it down.
    wizard.show()
    qtbot.waitUntil(lambda: wizard.incidents.count() == 1)
    wizard.format.setCurrentIndex(wizard.format.findData("platform"))
    wizard.platform.setCurrentIndex(wizard.platform.findData("telegram"))
    wizard.preview_button.click()
    qtbot.waitUntil(lambda: wizard.built is not None and wizard.pages.currentIndex() == 1, timeout=30_000)
    return wizard


@pytest.mark.parametrize("orientation", [6, 8])
def test_the_viewer_shows_a_rotated_photo_upright_and_its_box_is_burned_there(qtbot, main, tmp_path, orientation):
    inc = add_incident(qtbot, main)
    ident = run(qtbot, main.session, lambda v: evidence.import_bytes(v, inc, rotated_photo(orientation)).id)
    viewer = EvidenceViewer(main.session, ident, main)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.evidence is not None, timeout=10_000)
    viewer.canvas.set_zoom(1.0)
    shown = viewer.canvas.grab().toImage()  # what she sees, one screen pixel per picture pixel
    assert (shown.width(), shown.height()) == (300, 400)  # upright, not the raw 400 x 300
    # Find the green square where the viewer shows it, and draw over it with the mouse.
    greens = [(x, y) for x in range(0, 300, 2) for y in range(0, 400, 2)
              if shown.pixelColor(x, y).green() > 180 and shown.pixelColor(x, y).red() < 80]
    left, top = min(x for x, _ in greens) - 4, min(y for _, y in greens) - 4
    right, bottom = max(x for x, _ in greens) + 6, max(y for _, y in greens) + 6
    viewer.redact.setChecked(True)
    drag(qtbot, viewer.canvas, QPoint(left, top), QPoint(right, bottom))
    viewer.save_button.click()
    idle(qtbot, main.session.runner)
    built = run(qtbot, main.session, lambda v: dossier.build(v, ExportOptions("platform", [inc], platform="telegram")))
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(built.pdf)
    subprocess.run(["pdfimages", "-all", str(pdf), str(tmp_path / "img")], check=True)
    (image,) = [Image.open(p) for p in sorted(tmp_path.glob("img-*")) if Image.open(p).width > 100]
    assert count(image, GREEN) == 0 and count(image, BLUE) > 2000


def test_the_wizard_lists_boxes_over_recognised_names_and_lets_one_back_in(qtbot, main, monkeypatch):
    monkeypatch.setattr(ocr, "_engine", lambda: None)  # the words are given below
    inc = add_incident(qtbot, main)

    def prepare(v):
        v.journal.persons.add(Person("Hiba Al-Hajji", "Defender H"))
        ev = evidence.import_bytes(v, inc, png(Image.new("RGB", (1000, 2000), "white")))
        found = words("kill Hiba here", "call +90 532 111 22 33", "the park")
        v.journal.recognised.save(RecognisedText(ev.id, DONE, "test", found.words, 1000, 2000))

    run(qtbot, main.session, prepare)
    wizard = previewed(qtbot, main, inc)
    listed = wizard.picture_hits
    texts = [listed.item(r).text() for r in range(listed.count())]
    assert len(texts) == 2 and "kill Hiba here" in texts[0] and "a phone number, blacked out" in texts[1]
    assert listed.isVisibleTo(wizard) and "2 areas of pictures blacked out" in wizard.summary.text()
    assert wizard.built.dossier.all_evidence()[0].regions_burned == 2
    listed.item(1).setCheckState(Qt.CheckState.Checked)
    wizard.rebuild_button.click()
    qtbot.waitUntil(lambda: wizard.built is not None and wizard.pages.currentIndex() == 1, timeout=30_000)
    assert wizard.built.dossier.all_evidence()[0].regions_burned == 1
    assert [listed.item(r).checkState() for r in range(listed.count())] == [Qt.CheckState.Unchecked,
                                                                            Qt.CheckState.Checked]
    assert "1 area of a picture blacked out" in wizard.summary.text()


def test_without_ocr_the_preview_says_the_pictures_were_not_checked(qtbot, main, monkeypatch):
    monkeypatch.setattr(ocr, "_engine", lambda: None)
    inc = add_incident(qtbot, main)
    ident = run(qtbot, main.session, lambda v: evidence.import_bytes(v, inc, png(screenshot(["Hiba"], (300, 200)))).id)
    wizard = previewed(qtbot, main, inc)
    note = wizard.picture_hits.note
    assert note.isVisibleTo(wizard) and "NOT checked for names" in note.text() and f"item {ident}" in note.text()


@needs_tesseract
@pytest.mark.slow
def test_pictures_dropped_on_an_incident_are_read_in_the_background_and_found_by_search(qtbot, main, tmp_path):
    inc = add_incident(qtbot, main)
    editor = main.open_incident(inc)
    qtbot.waitUntil(editor.isEnabled)
    path = tmp_path / "shot.png"
    path.write_bytes(png(screenshot(["kill Hiba Al-Hajji tonight", "سنقتل هبة الحجي"], (1080, 800))))
    drop_files(editor.evidence.list, [path])
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: run(qtbot, main.session, lambda v: v.journal.recognised.pending()) == []
                    and not main.session.parent().pictures.busy, timeout=60_000)
    assert run(qtbot, main.session, lambda v: (v.journal.search("hajji"), v.journal.search("الحجي"))) == ([inc], [inc])
