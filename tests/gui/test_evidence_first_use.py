"""Evidence as a new user meets it: thumbnails named by her caption or the file (never a
bare "Image"), the viewer opens with the whole picture in view, saving a caption leaves the
focus in the caption, and closing a new incident that evidence already kept asks."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from app.gui.evidence.viewer import EvidenceViewer
from tests.gui.conftest import idle, run
from tests.gui.pointer import drop_files


def _titles(qtbot, main):
    return [i.title for i in run(qtbot, main.session, lambda v: v.journal.incidents.list())]


def viewer_of_dropped(qtbot, main, path) -> EvidenceViewer:
    """The viewer of a file dropped on a new incident, shown with its evidence loaded."""
    ed = main.open_incident(None)
    qtbot.keyClicks(ed.form.title, "Files")
    drop_files(ed.evidence.list, [path])
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    viewer = EvidenceViewer(main.session, ed.evidence.evidence_ids()[0], ed)
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: viewer.evidence is not None, timeout=10_000)
    return viewer


def test_thumbnails_are_named_by_file_not_by_kind(qtbot, main, tmp_path):
    path = tmp_path / "threat-from-account.png"
    Image.new("RGB", (30, 20), (10, 10, 10)).save(path)
    ed = main.open_incident(None)
    qtbot.keyClicks(ed.form.title, "Files")
    drop_files(ed.evidence.list, [path])
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    assert ed.evidence.list.item(0).text() == "threat-from-account.png"
    assert "caption" in ed.evidence.list.item(0).toolTip()


def test_the_viewer_opens_fitted_and_saving_keeps_focus_in_the_caption(qtbot, main, tmp_path):
    path = tmp_path / "big.png"
    Image.new("RGB", (3000, 2000), (200, 0, 0)).save(path)
    viewer = viewer_of_dropped(qtbot, main, path)
    qtbot.waitUntil(lambda: viewer.canvas.width() <= viewer.scroll.viewport().width()
                    and viewer.canvas.height() <= viewer.scroll.viewport().height())
    assert viewer.canvas.zoom < 1
    assert not viewer.caption.text() and viewer.caption.placeholderText()
    viewer.caption.setFocus()
    qtbot.keyClicks(viewer.caption, "Threat with the sender's handle")
    viewer.save_button.setFocus()  # where a user is when she presses Save
    qtbot.keyClick(viewer.save_button, Qt.Key.Key_Space)
    idle(qtbot, main.session)
    qtbot.waitUntil(lambda: not viewer.save_button.isEnabled())
    assert QApplication.focusWidget() is not viewer.export_button
    assert QApplication.focusWidget() is viewer.caption


def _paste_into_new_incident(qtbot, main):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#224466"))
    QGuiApplication.clipboard().setImage(image)
    ed = main.open_incident(None)
    qtbot.keyClicks(ed.form.title, "Kept for its screenshot")
    ed.evidence.paste()
    qtbot.waitUntil(lambda: ed.evidence.list.count() == 1, timeout=10_000)
    return ed


def test_close_without_saving_after_evidence_asks_and_keep_is_the_default(qtbot, main, messages):
    ed = _paste_into_new_incident(qtbot, main)
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert messages and "already kept" in messages[-1]
    idle(qtbot, main.session)
    assert _titles(qtbot, main) == ["Kept for its screenshot"]


def test_close_without_saving_after_evidence_can_delete_the_new_incident(qtbot, main, say_yes):
    ed = _paste_into_new_incident(qtbot, main)
    [cancel] = [b for b in ed.findChildren(type(ed.save_button)) if b.text() == "Close without saving"]
    cancel.click()
    assert say_yes and "already kept" in say_yes[-1]
    qtbot.waitUntil(lambda: _titles(qtbot, main) == [], timeout=10_000)


def test_close_without_saving_an_incident_saved_by_hand_asks_nothing(qtbot, main, messages):
    ed = _paste_into_new_incident(qtbot, main)
    ed.save(close=False)
    idle(qtbot, main.session)
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert not any("already kept" in m for m in messages)
