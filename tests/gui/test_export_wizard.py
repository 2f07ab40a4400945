"""Export wizard: choose, preview the real pages from memory, let an item back in, save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.export import verify
from app.gui import export_wizard
from app.gui.export_wizard import ExportWizard
from tests.core.export.case import add_organisation, build_case
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


def _with_organisation(vault, tmp_path):
    case = build_case(vault, tmp_path)
    add_organisation(vault, case)
    return case


def rows(wizard, checked=False) -> dict[str, str]:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    return {wizard.hits.item(r).data(Qt.ItemDataRole.UserRole): wizard.hits.item(r).text()
            for r in range(wizard.hits.count()) if wizard.hits.item(r).checkState() == state}


def test_letting_one_item_back_in_never_releases_another(qtbot, main, tmp_path, monkeypatch):
    from app.core.redaction.names import item_key
    from tests.core.export import adversary

    case = run(qtbot, main.session, lambda v: _with_organisation(v, tmp_path), changes="incidents")
    wizard = ExportWizard(main.session, case.incidents, main)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.incidents.count() == 2)
    preview(qtbot, wizard)
    before = rows(wizard)
    whole, arabic = item_key("Equity and Empowerment"), item_key("المساواة والتمكين")
    assert {whole, arabic} <= set(before)
    assert item_key("and") not in before and item_key("المساواة") not in before  # never matched alone
    row = next(r for r in range(wizard.hits.count()) if wizard.hits.item(r).data(Qt.ItemDataRole.UserRole) == arabic)
    wizard.hits.item(row).setCheckState(Qt.CheckState.Checked)
    preview(qtbot, wizard)
    assert set(rows(wizard)) == set(before) - {arabic}  # the list after is the list before minus the ticked row
    assert list(rows(wizard, checked=True)) == [arabic]
    assert {h.item for h in wizard._built.dossier.hits} == set(before) - {arabic}
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(target))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    idle(qtbot, main.session.runner)
    work = tmp_path / "read"
    work.mkdir()
    reading = adversary.read(target.read_bytes(), work)
    assert reading.contains("Equity and Empowerment") is None and reading.contains("Haddad") is None
    assert reading.contains("والتمكين") is not None  # the alias let back in (bidi reorders the pair of words)
    assert reading.contains("Organisation E") is not None
