"""Export wizard: choose, preview the real pages from memory, let an item back in, save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.export import verify
from app.gui import export_wizard
from app.gui.export_wizard import ExportWizard
from tests.core.export.case import build_case
from tests.gui.conftest import gone, idle, run


def open_wizard(qtbot, main, tmp_path, template="un"):
    case = run(qtbot, main.session, lambda v: build_case(v, tmp_path), changes="incidents")
    wizard = ExportWizard(main.session, case.incidents, main)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.incidents.count() == 2)
    wizard.format.setCurrentIndex(wizard.format.findData(template))
    return wizard, case


def preview(qtbot, wizard):
    wizard.preview_button.click() if wizard.pages.currentIndex() == 0 else wizard.rebuild_button.click()
    qtbot.waitUntil(lambda: wizard._built is not None and wizard.pages.currentIndex() == 1, timeout=30_000)


def hit_texts(wizard) -> list[str]:
    return [wizard.hits.item(r).text() for r in range(wizard.hits.count())]


def test_preview_shows_the_pages_and_what_was_redacted(qtbot, main, tmp_path):
    wizard, case = open_wizard(qtbot, main, tmp_path)
    assert wizard.chosen_ids() == case.incidents
    preview(qtbot, wizard)
    assert wizard.preview.page_count >= 3
    texts = hit_texts(wizard)
    assert any("“Layla Haddad” → Defender K" in t for t in texts)
    assert any("phone number removed" in t for t in texts)
    assert "items redacted" in wizard.summary.text() and wizard.save_button.isEnabled()
    assert "shown only by pseudonym: Defender K." in wizard.summary.text()


def test_letting_an_item_back_in_rebuilds_without_it(qtbot, main, tmp_path):
    wizard, _case = open_wizard(qtbot, main, tmp_path, "platform")
    wizard.platform.setCurrentIndex(wizard.platform.findData("telegram"))
    preview(qtbot, wizard)
    row = next(r for r in range(wizard.hits.count()) if "layla.h@example.org" in wizard.hits.item(r).text())
    wizard.hits.item(row).setCheckState(Qt.CheckState.Checked)
    preview(qtbot, wizard)
    assert not any(h.original == "layla.h@example.org" for h in wizard._built.dossier.hits)
    assert any("Let back in: “layla.h@example.org”" in t for t in hit_texts(wizard))


def test_save_writes_the_previewed_bytes_and_records_the_export(qtbot, main, tmp_path, monkeypatch):
    wizard, case = open_wizard(qtbot, main, tmp_path)
    wizard.incidents.item(1).setCheckState(Qt.CheckState.Unchecked)
    preview(qtbot, wizard)
    previewed = wizard._built.pdf
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(target))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    idle(qtbot, main.session.runner)
    assert target.read_bytes() == previewed
    assert verify.verify_file(target).manifest["incidents"] == [{"id": case.incidents[0], "occurred_on": "2026-03-14"}]
    exports = run(qtbot, main.session, lambda v: v.journal.incidents.exports_of(case.incidents[0]))
    assert [e.template for e in exports] == ["un"]
    editor = main.open_incident(case.incidents[0])  # the incident says where it went
    qtbot.waitUntil(editor.isEnabled)
    assert editor.exports.isVisibleTo(editor)
    assert editor.exports.text() == f"Dossiers: submitted to the UN Special Procedures on {exports[0].exported_at[:10]}."
    editor.close()


def test_cancel_stops_the_build_and_nothing_is_written(qtbot, main, tmp_path):
    wizard, _case = open_wizard(qtbot, main, tmp_path)
    wizard.preview_button.click()
    assert wizard.cancel_button.text().replace("&", "") == "Cancel"
    wizard.cancel_button.click()
    qtbot.waitUntil(lambda: wizard._task is None, timeout=30_000)
    assert wizard.pages.currentIndex() == 0 and wizard._built is None


def test_export_history_reads_plainly():
    from app.core.models import IncidentExport
    from app.gui.incident_editor import exports_text

    history = [IncidentExport(1, "2026-03-02T10:00:00Z", "platform", "telegram"),
               IncidentExport(1, "2026-03-05T09:00:00Z", "lawyer", "lawyer (sealed)")]
    assert exports_text(history) == "Dossiers: reported to Telegram on 2026-03-02; sent to a lawyer on 2026-03-05."
    assert exports_text([]) == ""


def test_sealed_copy_is_signed_for_that_lawyer_and_shows_the_fingerprint_to_give(qtbot, main, tmp_path, monkeypatch):
    from app.core.export import keys, seal

    _secret, public, _fp = seal.keygen(tmp_path / "lawyer")
    wizard, _case = open_wizard(qtbot, main, tmp_path, "lawyer")
    monkeypatch.setattr(export_wizard, "choose_files", lambda *a: [str(public)])
    wizard._choose_key()
    preview(qtbot, wizard)
    lawyer = seal.read_public_key(public)
    expected = run(qtbot, main.session,
                   lambda v: keys.fingerprint_for(keys.root(v), keys.destination("lawyer", recipient=lawyer)))
    assert expected in wizard.summary.text() and "in person or by phone" in wizard.summary.text()
    assert wizard._built.recipient == lawyer
    wizard._choose_key()  # choosing a key again drops the preview signed for the first one
    assert wizard._built is None and not wizard.save_button.isEnabled()
    target = tmp_path / "copy.sealed"
    preview(qtbot, wizard)
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(target))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    idle(qtbot, main.session.runner)
    opened = verify.open_dossier(target, seal.read_secret_key(tmp_path / "lawyer" / "lawyer.key"), tmp_path / "out")
    assert opened.fingerprint == expected
