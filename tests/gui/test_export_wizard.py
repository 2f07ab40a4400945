"""Export wizard: choose, preview the real pages from memory, let an item back in, save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.export import verify
from app.gui.export import wizard as export_wizard
from app.gui.export.wizard import ExportWizard
from tests.core.export.case import add_organisation, build_case
from tests.gui.conftest import INCIDENTS, gone, idle, run


def open_wizard(qtbot, main, tmp_path, template="un"):
    case = run(qtbot, main.session, lambda v: build_case(v, tmp_path), changes=INCIDENTS)
    wizard = ExportWizard(main.session, case.incidents, main)
    # Not qtbot.addWidget: the wizard deletes itself when saved, and pytest-qt would close it
    # again after its C++ side is gone; the main window, its parent, takes it down.
    wizard.show()
    qtbot.waitUntil(lambda: wizard.incidents.count() == 2)
    wizard.format.setCurrentIndex(wizard.format.findData(template))
    return wizard, case


def preview(qtbot, wizard):
    wizard.preview_button.click() if wizard.pages.currentIndex() == 0 else wizard.rebuild_button.click()
    if wizard.pages.currentIndex() == 0 and not wizard.busy:  # asked the consent questions first
        wizard.preview_button.click()
    qtbot.waitUntil(lambda: wizard.built is not None and wizard.pages.currentIndex() == 1, timeout=30_000)


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
    assert not any(h.original == "layla.h@example.org" for h in wizard.built.dossier.hits)
    assert any("Let back in: “layla.h@example.org”" in t for t in hit_texts(wizard))


def test_save_writes_the_previewed_bytes_and_records_the_export(qtbot, main, tmp_path, monkeypatch):
    wizard, case = open_wizard(qtbot, main, tmp_path)
    wizard.incidents.item(1).setCheckState(Qt.CheckState.Unchecked)
    preview(qtbot, wizard)
    previewed = wizard.built.pdf
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(target))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    idle(qtbot, main.session.runner)
    assert target.read_bytes() == previewed
    assert verify.verify_file(target).manifest["incidents"] == [{"id": case.incidents[0], "occurred_on": "2026-03-14"}]
    exports = run(qtbot, main.session, lambda v: v.journal.exports.of_incident(case.incidents[0]))
    assert [(e.template, e.sent_on) for e in exports] == [("un", "")]
    editor = main.open_incident(case.incidents[0])  # the incident says what was prepared, not "submitted"
    qtbot.waitUntil(editor.isEnabled)
    assert editor.exports.isVisibleTo(editor)
    assert editor.exports.text() == (f"Dossiers: prepared for the UN Special Procedures on {exports[0].prepared_at[:10]}, "
                                     "not marked as sent.")
    editor.close()


def test_cancel_stops_the_build_and_nothing_is_written(qtbot, main, tmp_path):
    wizard, _case = open_wizard(qtbot, main, tmp_path)
    wizard.preview_button.click()  # the first press asks the consent questions not asked yet
    wizard.preview_button.click()
    assert wizard.cancel_button.text().replace("&", "") == "Cancel"
    wizard.cancel_button.click()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=30_000)
    assert wizard.pages.currentIndex() == 0 and wizard.built is None


def test_export_history_reads_plainly():
    from app.core.models import ExportRecord
    from app.gui.incidents.editor import exports_text

    history = [ExportRecord("2026-03-02T10:00:00Z", "platform", "telegram", "2026-03-03", "TG-88213"),
               ExportRecord("2026-03-04T10:00:00Z", "un", "UN Special Procedures", "2026-03-06"),
               ExportRecord("2026-03-05T09:00:00Z", "lawyer", "lawyer (sealed)")]
    assert exports_text(history) == (
        "Dossiers: prepared for Telegram on 2026-03-02, sent on 2026-03-03 (reference TG-88213); "
        "prepared for the UN Special Procedures on 2026-03-04, sent on 2026-03-06; "
        "sealed for a lawyer on 2026-03-05, not marked as sent.")
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

    case = run(qtbot, main.session, lambda v: _with_organisation(v, tmp_path), changes=INCIDENTS)
    wizard = ExportWizard(main.session, case.incidents, main)
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
    assert {h.item for h in wizard.built.dossier.hits} == set(before) - {arabic}
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
def checked(wizard) -> dict[int, bool]:
    return {wizard.incidents.item(r).data(Qt.ItemDataRole.UserRole):
            wizard.incidents.item(r).checkState() == Qt.CheckState.Checked for r in range(wizard.incidents.count())}


def item_text(wizard, ident) -> str:
    return next(wizard.incidents.item(r).text() for r in range(wizard.incidents.count())
                if wizard.incidents.item(r).data(Qt.ItemDataRole.UserRole) == ident)


def test_off_platform_incidents_are_unticked_and_marked_until_she_adds_them(qtbot, main, tmp_path):
    from tests.core.export.case import FAMILY_MESSAGE, add_other_platforms, build_case

    def setup(v):
        case = build_case(v, tmp_path)
        return case, add_other_platforms(v, case, tmp_path)

    case, other = run(qtbot, main.session, setup, changes=INCIDENTS)
    family = other.whatsapp_incident
    wizard = ExportWizard(main.session, [*case.incidents, family], main)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.incidents.count() == 3)
    assert all(checked(wizard).values())  # a UN communication takes every platform
    wizard.format.setCurrentIndex(wizard.format.findData("platform"))
    wizard.platform.setCurrentIndex(wizard.platform.findData("telegram"))
    assert checked(wizard) == {case.incidents[0]: True, case.incidents[1]: True, family: False}
    assert "not on Telegram" in item_text(wizard, family) and "not on" not in item_text(wizard, case.incidents[0])
    assert wizard.off_platform_hint.isVisibleTo(wizard) and "1 incident did not happen" in wizard.off_platform_hint.text()
    assert wizard.options().incident_ids == case.incidents and wizard.options().off_platform_ids == []
    preview(qtbot, wizard)
    d = wizard.built.dossier
    assert [i.id for i in d.incidents] == case.incidents and other.facebook_evidence not in [e.id for e in d.all_evidence()]
    assert "Left out: 1 evidence item from another platform." in wizard.summary.text()
    wizard.back_button.click()
    row = next(r for r in range(wizard.incidents.count())
               if wizard.incidents.item(r).data(Qt.ItemDataRole.UserRole) == family)
    wizard.incidents.item(row).setCheckState(Qt.CheckState.Checked)  # deliberately
    assert wizard.options().off_platform_ids == [family]
    preview(qtbot, wizard)
    assert family in [i.id for i in wizard.built.dossier.incidents]
    assert f"Added deliberately although not on Telegram: incidents #{family}." in wizard.summary.text()
    assert FAMILY_MESSAGE in str(wizard.built.dossier.to_dict())
    wizard.back_button.click()
    wizard.format.setCurrentIndex(wizard.format.findData("un"))  # marks and automatic unticking go away
    assert all(checked(wizard).values()) and "not on" not in item_text(wizard, family)
    assert not wizard.off_platform_hint.isVisibleTo(wizard)


def test_she_marks_a_dossier_sent_in_the_incident_editor(qtbot, main, tmp_path):
    from app.core.export import dossier
    from app.core.export.content import ExportOptions

    def setup(v):
        case = build_case(v, tmp_path)
        options = ExportOptions("platform", case.incidents, platform="telegram")
        dossier.write(v, dossier.build(v, options), tmp_path / "tg.pdf")
        return case

    case = run(qtbot, main.session, setup, changes=INCIDENTS)
    editor = main.open_incident(case.incidents[0])
    qtbot.waitUntil(editor.isEnabled)
    assert "prepared for Telegram on" in editor.exports.text() and "not marked as sent" in editor.exports.text()
    assert editor.mark_sent_button.isVisibleTo(editor)
    editor.mark_sent_button.click()
    dialog = editor.mark_sent_dialog
    assert dialog.isVisible() and "not marked as sent" in dialog.record.currentText()
    today, today_iso = dialog.sent_on.text(), dialog.sent_on.iso()  # today, by default, as the locale writes it
    dialog.sent_on.setText("late March 2026")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "late March 2026" in dialog.error.text())
    assert dialog.isVisible()  # input kept, nothing recorded
    dialog.sent_on.setText(today)
    qtbot.keyClicks(dialog.reference, "TG-88213")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: f"sent on {today_iso} (reference TG-88213)" in editor.exports.text())
    records = run(qtbot, main.session, lambda v: v.journal.exports.of_incident(case.incidents[1]))
    assert [(r.sent_on, r.reference) for r in records] == [(today_iso, "TG-88213")]
    editor.close()


def test_an_incident_never_exported_offers_no_mark_sent(qtbot, main, tmp_path):
    case = run(qtbot, main.session, lambda v: build_case(v, tmp_path), changes=INCIDENTS)
    editor = main.open_incident(case.incidents[0])
    qtbot.waitUntil(editor.isEnabled)
    assert not editor.exports.isVisibleTo(editor) and not editor.mark_sent_button.isVisibleTo(editor)
    editor.close()


def test_sealed_copy_is_signed_for_that_lawyer_and_shows_the_fingerprint_to_give(qtbot, main, tmp_path, monkeypatch):
    from app.core.export import keys, seal

    _secret, public, _fp = seal.keygen(tmp_path / "lawyer")
    wizard, _case = open_wizard(qtbot, main, tmp_path, "lawyer")
    monkeypatch.setattr(export_wizard, "choose_files", lambda *a: [str(public)])
    wizard.key_button.click()
    preview(qtbot, wizard)
    lawyer = seal.read_public_key(public)
    expected = run(qtbot, main.session,
                   lambda v: keys.fingerprint_for(keys.root(v), keys.destination("lawyer", recipient=lawyer)))
    assert expected in wizard.summary.text() and "in person or by phone" in wizard.summary.text()
    assert wizard.built.recipient == lawyer
    wizard.key_button.click()  # choosing a key again drops the preview signed for the first one
    assert wizard.built is None and not wizard.save_button.isEnabled()
    target = tmp_path / "copy.sealed"
    preview(qtbot, wizard)
    monkeypatch.setattr(export_wizard, "choose_save_path", lambda *a: str(target))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: gone(wizard), timeout=30_000)
    idle(qtbot, main.session.runner)
    opened = verify.open_dossier(target, seal.read_secret_key(tmp_path / "lawyer" / "lawyer.key"), tmp_path / "out")
    assert opened.fingerprint == expected
def shown(wizard, widget) -> bool:
    return wizard.form.isRowVisible(widget)


def test_un_consent_questions_are_asked_of_each_person_and_kept_with_her(qtbot, main, tmp_path):
    wizard, case = open_wizard(qtbot, main, tmp_path)
    wizard.preview_button.click()
    # The wizard asks first: the UN tab, a question for each person it will name.
    assert wizard.choose_tabs.currentWidget() is wizard.un_tab and wizard.un_tab.prompt.isVisibleTo(wizard)
    assert sorted(wizard.un_tab.unanswered()) == ["Ayşe Yılmaz", "Layla Haddad"]
    letter, addressee, public = wizard.un_tab.questions_of(case.ayse)
    letter.setCurrentIndex(letter.findData("yes"))
    addressee.setCurrentIndex(addressee.findData("no"))
    public.setCurrentIndex(public.findData("initials"))
    wizard.un_tab.states.setText("Türkiye")
    preview(qtbot, wizard)
    ayse = next(p for p in wizard.built.dossier.persons if p.id == case.ayse)
    assert (ayse.un_aware_letter, ayse.un_name_to_addressee, ayse.un_public_report) == ("yes", "no", "initials")
    assert "Consent questions not asked yet (UN communication tab): Layla Haddad." in wizard.summary.text()
    assert wizard.built.dossier.un.states == "Türkiye"
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
    assert [c.currentData() for c in again.un_tab.questions_of(case.layla)] == ["yes", "yes", "full_name"]
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
