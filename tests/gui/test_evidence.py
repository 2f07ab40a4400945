"""Evidence in the incident editor: drop, paste, file dialog, viewer, redactions, export."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from app.core.models import Incident
from app.gui.evidence.viewer import EvidenceViewer
from tests.gui.conftest import INCIDENTS, idle, run
from tests.gui.pointer import IGNORE_DRAG_DEPRECATION, drag, drop_files

pytestmark = IGNORE_DRAG_DEPRECATION



def png_file(path, colour=(200, 30, 30), size=(64, 48)):
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


@pytest.fixture
def editor(qtbot, main):
    ident = run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident("Screenshots", "2026-01-05")),
                changes=INCIDENTS)
    ed = main.open_incident(ident)
    qtbot.waitUntil(ed.isEnabled)
    return ed


def stored_evidence(qtbot, main, incident_id):
    return run(qtbot, main.session, lambda v: v.journal.evidence.of_incident(incident_id))


def test_files_dropped_on_the_panel_are_imported_with_thumbnails(qtbot, main, editor, tmp_path):
    files = [png_file(tmp_path / f"shot{i}.png", (i * 40, 10, 10)) for i in range(3)]
    drop = drop_files(editor.evidence.list, files)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 3, timeout=10_000)
    items = stored_evidence(qtbot, main, editor.incident_id)
    assert sorted(e.sha256 for e in items) == sorted(hashlib.sha256(f.read_bytes()).hexdigest() for f in files)
    icon = editor.evidence.list.item(0).icon()
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()
    assert not editor.evidence.empty_hint.isVisible()


def test_text_dropped_is_refused(qtbot, editor):
    mime = QMimeData()
    mime.setText("just words")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor.evidence.list.viewport(), enter)
    assert not enter.isAccepted()


def test_pasted_screenshot_is_saved_as_png_into_a_new_incident(qtbot, main):
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    QGuiApplication.clipboard().setImage(image)
    ed = main.open_incident(None)
    qtbot.keyClicks(ed.form.title, "Pasted straight away")
    ed.evidence.list.setFocus()
    ed.evidence.paste()
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    assert ed.incident_id is not None  # the new incident was saved first, nothing asked
    (ev,) = stored_evidence(qtbot, main, ed.incident_id)
    assert (ev.kind, ev.media_type, ev.width, ev.height) == ("image", "image/png", 120, 80)
    original = run(qtbot, main.session, lambda v: __import__("app.core.evidence", fromlist=["x"]).read_original(v, ev.id))
    assert Image.open(io.BytesIO(original)).getpixel((5, 5)) == (0x33, 0x66, 0xCC)


def test_paste_without_a_picture_explains(qtbot, editor, messages):
    QGuiApplication.clipboard().setText("no picture here")
    editor.evidence.paste()
    assert messages and "no picture" in messages[-1]
    assert editor.evidence.list.count() == 0


def test_add_files_with_the_dialog(qtbot, main, editor, tmp_path, monkeypatch):
    chosen = [str(png_file(tmp_path / "a.png")), str(tmp_path / "notes.txt")]
    (tmp_path / "notes.txt").write_text("a threatening message copied as text", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QFileDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: chosen)
    editor.evidence.add_button.click()
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 2, timeout=10_000)
    kinds = sorted(e.kind for e in stored_evidence(qtbot, main, editor.incident_id))
    assert kinds == ["image", "text"]


def test_a_file_that_cannot_be_read_is_reported_and_the_others_kept(qtbot, main, editor, tmp_path, messages):
    good = png_file(tmp_path / "good.png")
    drop_files(editor.evidence.list, [good, tmp_path / "vanished.png"])
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "vanished.png" in messages[-1] and "could not be read" in messages[-1]
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1, timeout=10_000)


def open_viewer(qtbot, main, editor, tmp_path):
    drop_files(editor.evidence.list, [png_file(tmp_path / "v.png", size=(400, 300))])
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1, timeout=10_000)
    ident = editor.evidence.evidence_ids()[0]
    viewer = EvidenceViewer(main.session, ident, editor)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.evidence is not None, timeout=10_000)
    return viewer, ident


def test_text_evidence_is_shown_in_the_viewer_and_a_pdf_is_not_parsed(qtbot, main, editor, tmp_path):
    statement, pdf = tmp_path / "statement.txt", tmp_path / "letter.pdf"
    statement.write_text("شهادة: رأيت الرجل أمام المكتب.\nWitness statement.", encoding="utf-8")
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    drop_files(editor.evidence.list, [statement, pdf])
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 2, timeout=10_000)
    shown = {}
    for ident in editor.evidence.evidence_ids():
        viewer = EvidenceViewer(main.session, ident, editor)
        viewer.show()
        qtbot.waitUntil(lambda v=viewer: v.evidence is not None, timeout=10_000)
        shown[viewer.evidence.kind] = (viewer.text_view.isVisible(), viewer.text_view.toPlainText(),
                                  viewer.no_preview.isVisible())
        viewer.close()
    assert shown["text"] == (True, "شهادة: رأيت الرجل أمام المكتب.\nWitness statement.", False)
    assert shown["pdf"] == (False, "", True)


def test_viewer_shows_details_and_saves_the_caption(qtbot, main, editor, tmp_path):
    viewer, ident = open_viewer(qtbot, main, editor, tmp_path)
    digest = hashlib.sha256((tmp_path / "v.png").read_bytes()).hexdigest()
    assert viewer.details["sha256"].text().replace(" ", "") == digest
    assert "400 × 300 pixels" in viewer.details["size"].text()
    assert viewer.details["imported"].text().endswith(" UTC")   # when, as she reads dates, and in which zone
    zoom = viewer.canvas.zoom
    viewer.zoom_in.click()
    assert viewer.canvas.zoom == pytest.approx(zoom * 1.25)
    qtbot.keyClicks(viewer.caption, "Post from the fake account")
    viewer.save_button.click()
    idle(qtbot, main.session.runner)
    ev = run(qtbot, main.session, lambda v: v.journal.evidence.get(ident))
    assert ev.caption == "Post from the fake account"
    qtbot.waitUntil(lambda: editor.evidence.list.item(0).text() == "Post from the fake account")


def test_redaction_boxes_are_drawn_moved_deleted_and_stored_normalised(qtbot, main, editor, tmp_path):
    viewer, ident = open_viewer(qtbot, main, editor, tmp_path)
    canvas = viewer.canvas
    canvas.set_zoom(1.0)
    viewer.redact.setChecked(True)
    drag(qtbot, canvas, QPoint(40, 30), QPoint(240, 90))       # draw
    drag(qtbot, canvas, QPoint(300, 200), QPoint(360, 260))    # draw a second one
    assert len(canvas.rects) == 2
    drag(qtbot, canvas, QPoint(100, 50), QPoint(140, 80))      # move the first by (40, 30)
    viewer.save_button.click()
    idle(qtbot, main.session.runner)
    ev = run(qtbot, main.session, lambda v: v.journal.evidence.get(ident))
    assert ev.redactions[0] == pytest.approx([80 / 400, 60 / 300, 200 / 400, 60 / 300], abs=0.01)
    assert ev.redactions[1] == pytest.approx([300 / 400, 200 / 300, 60 / 400, 60 / 300], abs=0.01)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(320, 220))  # select the second
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    viewer.close()  # closing saves what changed
    idle(qtbot, main.session.runner)
    ev = run(qtbot, main.session, lambda v: v.journal.evidence.get(ident))
    assert len(ev.redactions) == 1


def test_redaction_boxes_can_be_made_with_the_keyboard_alone(qtbot, main, editor, tmp_path):
    viewer, ident = open_viewer(qtbot, main, editor, tmp_path)
    canvas = viewer.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Insert)                 # a box in the middle, selected
    for _ in range(5):
        qtbot.keyClick(canvas, Qt.Key.Key_Left)               # 5 x 2 % to the left
    qtbot.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # 0.5 % up
    qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # 2 % wider
    qtbot.keyClick(canvas, Qt.Key.Key_Insert)                 # a second box
    qtbot.keyClick(canvas, Qt.Key.Key_Space)                  # back to the first
    assert canvas.selected == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)                 # remove the second
    viewer.close()
    idle(qtbot, main.session.runner)
    ev = run(qtbot, main.session, lambda v: v.journal.evidence.get(ident))
    assert ev.redactions == [pytest.approx([0.30, 0.445, 0.22, 0.10], abs=1e-4)]


def test_export_original_warns_then_writes_the_exact_bytes(qtbot, main, editor, tmp_path, say_yes, monkeypatch):
    viewer, _ident = open_viewer(qtbot, main, editor, tmp_path)
    target = tmp_path / "out" / "copy.png"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QFileDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(target)])
    viewer.export_button.click()
    assert say_yes and "unencrypted" in say_yes[0]
    qtbot.waitUntil(target.exists, timeout=10_000)
    idle(qtbot, main.session.runner)
    assert target.read_bytes() == (tmp_path / "v.png").read_bytes()


def test_removing_evidence_asks_and_deletes(qtbot, main, editor, tmp_path, say_yes):
    drop_files(editor.evidence.list, [png_file(tmp_path / "x.png")])
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1, timeout=10_000)
    editor.evidence.list.setCurrentRow(0)
    editor.evidence.delete_button.click()
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 0, timeout=10_000)
    assert stored_evidence(qtbot, main, editor.incident_id) == []


def test_two_quick_pastes_into_a_new_incident_make_one_incident(qtbot, main):
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#228844"))
    QGuiApplication.clipboard().setImage(image)
    ed = main.open_incident(None)
    qtbot.keyClicks(ed.form.title, "Two screenshots")
    ed.evidence.paste()
    ed.evidence.paste()  # before the first save came back
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 2, timeout=10_000)
    assert run(qtbot, main.session, lambda v: v.journal.incidents.count()) == 1


def test_the_file_dialog_leaves_no_folder_history_behind(qtbot, editor, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    folder = tmp_path / "evidence-folder-name"
    folder.mkdir()
    chosen = png_file(folder / "a.png")

    def pick(self):
        self.setDirectory(str(folder))
        self.selectFile(str(chosen))
        QFileDialog.accept(self)  # the real accept: Qt remembers the folder here
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", pick)
    editor.evidence.add_button.click()
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1, timeout=10_000)
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    remembered = " ".join(str(settings.value(f"FileDialog/{key}", "")) for key in ("history", "lastVisited", "shortcuts"))
    assert "evidence-folder-name" not in remembered


def test_a_box_drawn_just_before_a_lock_is_kept(qtbot, main, controller, editor, tmp_path):
    from tests.gui.conftest import PASSPHRASE

    viewer, ident = open_viewer(qtbot, main, editor, tmp_path)
    viewer.canvas.set_zoom(1.0)
    viewer.redact.setChecked(True)
    drag(qtbot, viewer.canvas, QPoint(40, 30), QPoint(240, 90))
    controller.lock()
    idle(qtbot, controller)
    page = controller.gate.unlock
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    ev = run(qtbot, controller.main.session, lambda v: v.journal.evidence.get(ident))
    assert len(ev.redactions) == 1


def test_a_hostile_stored_file_name_is_cleaned_on_display_and_as_the_save_name(qtbot, main, editor, tmp_path,
                                                                               say_yes, monkeypatch):
    """A name stored before names were cleaned (or by an older Sijil): right-to-left override and
    a newline never reach the screen or the suggested file name."""
    drop_files(editor.evidence.list, [png_file(tmp_path / "v.png")])
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1, timeout=10_000)
    ident = editor.evidence.evidence_ids()[0]
    run(qtbot, main.session, lambda v: v.journal.conn.execute(
        "UPDATE evidence SET original_name = ? WHERE id = ?", ("photo\u202egnp.exe\nok", ident)))
    viewer = EvidenceViewer(main.session, ident, editor)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.evidence is not None, timeout=10_000)
    assert viewer.details["name"].text() == "photognp.exeok"
    suggested = []
    monkeypatch.setattr(QFileDialog, "selectFile", lambda self, name: suggested.append(name))
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QFileDialog.DialogCode.Rejected)
    viewer.export_button.click()
    assert suggested == ["photognp.exeok"]


def test_files_dropped_on_a_new_incident_are_one_call_and_save_keeps_that_incident(qtbot, main, tmp_path,
                                                                                  monkeypatch):
    """The route is widget -> session.call -> one operation: the drop saves the new incident with
    its evidence in one task; Save pressed before it came back updates that incident."""
    ed = main.open_incident(None)
    qtbot.waitUntil(ed.isEnabled)
    qtbot.keyClicks(ed.form.title, "Dropped straight away")
    calls: list = []
    real_call = main.session.call
    monkeypatch.setattr(main.session, "call", lambda owner, fn, **kw: (calls.append(fn), real_call(owner, fn, **kw))[1])
    drop_files(ed.evidence.list, [png_file(tmp_path / "a.png"), png_file(tmp_path / "b.png", (9, 9, 9))])
    assert len(calls) == 1
    qtbot.keyClicks(ed.form.title, ", then saved")
    ed.save(close=False)  # before the drop came back: waits for it, then updates
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not ed.has_changes(), timeout=10_000)
    monkeypatch.undo()
    incidents = run(qtbot, main.session, lambda v: v.journal.incidents.list())
    assert [(i.id, i.title) for i in incidents] == [(ed.incident_id, "Dropped straight away, then saved")]
    assert len(stored_evidence(qtbot, main, ed.incident_id)) == 2


def test_files_dropped_while_a_new_incident_is_being_saved_go_to_that_incident(qtbot, main, tmp_path):
    ed = main.open_incident(None)
    qtbot.waitUntil(ed.isEnabled)
    qtbot.keyClicks(ed.form.title, "Saved, then dropped")
    ed.save(close=False)
    drop_files(ed.evidence.list, [png_file(tmp_path / "c.png")])  # before the save came back
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    assert run(qtbot, main.session, lambda v: v.journal.incidents.count()) == 1
    assert len(stored_evidence(qtbot, main, ed.incident_id)) == 1
