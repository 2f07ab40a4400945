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
    if wizard.pages.currentIndex() == 0 and wizard._task is None:  # asked the consent questions first
        wizard.preview_button.click()
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
    assert "Defender K appear only by pseudonym" in wizard.summary.text()


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
    wizard.preview_button.click()  # the first press asks the consent questions not asked yet
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


def shown(wizard, widget) -> bool:
    return wizard.form.isRowVisible(widget)


def test_un_consent_questions_are_asked_of_each_person_and_kept_with_her(qtbot, main, tmp_path):
    wizard, case = open_wizard(qtbot, main, tmp_path)
    wizard.preview_button.click()
    # The wizard asks first: the UN tab, a question for each person it will name.
    assert wizard.choose_tabs.currentWidget() is wizard.un_tab and wizard.un_tab.prompt.isVisibleTo(wizard)
    assert sorted(wizard.un_tab.unanswered()) == ["Ayşe Yılmaz", "Layla Haddad"]
    letter, addressee, public = wizard.un_tab._questions[case.ayse]
    letter.setCurrentIndex(letter.findData("yes"))
    addressee.setCurrentIndex(addressee.findData("no"))
    public.setCurrentIndex(public.findData("initials"))
    wizard.un_tab.states.setText("Türkiye")
    preview(qtbot, wizard)
    ayse = next(p for p in wizard._built.dossier.persons if p.id == case.ayse)
    assert (ayse.un_aware_letter, ayse.un_name_to_addressee, ayse.un_public_report) == ("yes", "no", "initials")
    assert "Consent questions not asked yet (UN communication tab): Layla Haddad." in wizard.summary.text()
    assert wizard._built.dossier.un.states == "Türkiye"
    stored = run(qtbot, main.session, lambda v: v.journal.persons.get(case.ayse))
    assert (stored.un_aware_letter, stored.un_name_to_addressee, stored.un_public_report) == ("yes", "no", "initials")
    untouched = run(qtbot, main.session, lambda v: v.journal.persons.get(case.layla))
    assert (untouched.un_aware_letter, untouched.un_public_report) == ("", "")


def test_a_new_wizard_asks_with_her_earlier_answers_filled_in(qtbot, main, tmp_path):
    _wizard, case = open_wizard(qtbot, main, tmp_path)
    run(qtbot, main.session, lambda v: _answer(v, case.layla))
    again = ExportWizard(main.session, case.incidents, main)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.incidents.count() == 2)
    assert [c.currentData() for c in again.un_tab._questions[case.layla]] == ["yes", "yes", "full_name"]
    assert again.un_tab.unanswered() == ["Ayşe Yılmaz"]


def test_what_she_wrote_is_kept_for_the_same_incidents_only(qtbot, main, tmp_path):
    wizard, case = open_wizard(qtbot, main, tmp_path)
    wizard.un_tab.summary.setPlainText("Threats since March.")
    wizard.un_tab.states.setText("Lebanon")
    wizard.un_tab.other.setCurrentIndex(wizard.un_tab.other.findData("no"))
    preview(qtbot, wizard)
    wizard.close()
    again = ExportWizard(main.session, case.incidents, main)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.incidents.count() == 2)
    kept = again.un_tab.communication()
    assert (kept.summary, kept.states, kept.other_mechanisms) == ("Threats since March.", "Lebanon", "no")
    other = ExportWizard(main.session, case.incidents[:1], main)  # another communication starts blank
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.incidents.count() == 2)
    assert other.un_tab.communication().summary == ""


def _answer(vault, person_id):
    person = vault.journal.persons.get(person_id)
    person.un_aware_letter, person.un_name_to_addressee, person.un_public_report = "yes", "yes", "full_name"
    vault.journal.persons.update(person)


def test_only_the_fields_the_format_uses_and_platform_names(qtbot, main, tmp_path):
    wizard, _case = open_wizard(qtbot, main, tmp_path, "platform")
    names = [wizard.platform.itemText(i) for i in range(wizard.platform.count())]
    assert "Telegram" in names and "X (Twitter)" in names and "In person" in names
    assert not any("_" in n or n.islower() for n in names)
    assert shown(wizard, wizard.platform) and not any(shown(wizard, e) for e in wizard.submitter)
    assert not shown(wizard, wizard.key_button) and not wizard.choose_tabs.isTabVisible(1)
    wizard.platform.setCurrentIndex(wizard.platform.findData("telegram"))
    assert shown(wizard, wizard.dsa) and not shown(wizard, wizard.notifier[0])
    wizard.dsa.setChecked(True)
    assert shown(wizard, wizard.notifier[0]) and shown(wizard, wizard.good_faith)
    wizard.csam.setChecked(True)
    assert not shown(wizard, wizard.notifier[1])
    wizard.platform.setCurrentIndex(wizard.platform.findData("sms"))  # not a hosting service: no notice
    assert not shown(wizard, wizard.dsa) and not wizard.dsa.isChecked()
    wizard.format.setCurrentIndex(wizard.format.findData("un"))
    assert not shown(wizard, wizard.platform) and all(shown(wizard, e) for e in wizard.submitter)
    assert wizard.choose_tabs.isTabVisible(1) and not shown(wizard, wizard.dsa)
    wizard.format.setCurrentIndex(wizard.format.findData("lawyer"))
    assert shown(wizard, wizard.key_button) and not wizard.choose_tabs.isTabVisible(1)


def test_the_wizard_warns_where_a_draft_risks_being_set_aside(qtbot, main, tmp_path):
    wizard, _case = open_wizard(qtbot, main, tmp_path)
    wizard.un_tab.summary.setPlainText("These thugs threatened me.")
    wizard.un_tab.request.setPlainText("The government must resign.")
    preview(qtbot, wizard)
    text = wizard.summary.text()
    assert "Anonymous communications are not considered" in text
    assert "abusive language are set aside: rephrase “thugs”" in text
    assert "“must resign” may make the communication look politically motivated" in text
    for edit, value in zip(wizard.submitter, ("Layla's network", "colleague", "signal: on request"), strict=True):
        edit.setText(value)
    wizard.un_tab.summary.setPlainText("Men threatened me after my report.")
    wizard.un_tab.request.setPlainText("Ask the State to investigate.")
    wizard.back_button.click()
    preview(qtbot, wizard)
    text = wizard.summary.text()
    assert "Anonymous" not in text and "abusive" not in text and "politically" not in text
