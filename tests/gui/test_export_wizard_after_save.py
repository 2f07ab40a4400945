"""After "Save dossier…" the wizard says where the file went; the submitter of a UN
communication is remembered (in the journal) for the next export."""

from __future__ import annotations

from app.core import settings
from app.gui.export import wizard as export_wizard
from app.gui.export.wizard import ExportWizard
from tests.gui.conftest import gone, idle, run
from tests.gui.test_export_wizard import open_wizard, preview


def test_saving_says_the_file_and_its_folder(qtbot, main, tmp_path, monkeypatch, messages):
    wizard, _case = open_wizard(qtbot, main, tmp_path, "lawyer")
    preview(qtbot, wizard)
    target = tmp_path / "exports" / "for-the-lawyer.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(target))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    assert target.exists()
    assert str(target) in messages[-1] and str(target.parent) in messages[-1]


def test_the_submitter_is_remembered_for_the_next_un_communication(qtbot, main, tmp_path, monkeypatch, messages):
    wizard, case = open_wizard(qtbot, main, tmp_path, "un")
    for edit, value in zip(wizard.submitter, ("Women's Rights Centre", "colleague", "Signal +000 111"), strict=True):
        edit.clear()
        qtbot.keyClicks(edit, value)
    preview(qtbot, wizard)
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(tmp_path / "un.pdf"))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    idle(qtbot, main.session)
    stored = run(qtbot, main.session, lambda v: settings.read(v.journal, settings.SUBMITTER_NAME))
    assert stored == "Women's Rights Centre"

    again = ExportWizard(main.session, case.incidents, main)
    qtbot.addWidget(again)
    again.show()
    again.format.setCurrentIndex(again.format.findData("un"))
    qtbot.waitUntil(lambda: again.submitter[0].text() != "", timeout=10_000)
    assert [e.text() for e in again.submitter] == ["Women's Rights Centre", "colleague", "Signal +000 111"]
    assert again.submitter[0].isVisibleTo(again)
    again.format.setCurrentIndex(again.format.findData("platform"))  # a platform report: no UN fields
    assert not again.submitter[0].isVisibleTo(again) and not again.choose_tabs.isTabVisible(1)
