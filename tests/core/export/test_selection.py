"""What goes where: a platform dossier holds that platform's incidents and evidence unless the
defender adds others deliberately; a dossier written is "prepared", and she marks it sent."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.core import db
from app.core.errors import InvalidInput, NotFound
from app.core.export import dossier, selection
from app.core.export.content import ExportOptions
from app.core.journal.exports import describe
from tests.core.export.case import FACEBOOK_CAPTION, FAMILY_MESSAGE, add_other_platforms, build_case


@pytest.fixture
def case(vault, tmp_path):
    c = build_case(vault, tmp_path)
    return c, add_other_platforms(vault, c, tmp_path)


def telegram(ids, **kw) -> ExportOptions:
    return ExportOptions("platform", ids, platform="telegram", json=True, **kw)


def everything(built) -> str:
    return json.dumps(built.dossier.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("link, platform", [
    ("https://t.me/s/northern_truth/1207?single", "telegram"), ("t.me/c/1655091877/42", "telegram"),
    ("https://m.facebook.com/story.php?story_fbid=1", "facebook"), ("https://fb.watch/abc/", "facebook"),
    ("https://www.instagram.com/p/Cx1/", "instagram"), ("https://wa.me/905321112233", "whatsapp"),
    ("https://chat.whatsapp.com/AbC", "whatsapp"), ("https://twitter.com/troll/status/1", "x"),
    ("https://x.com/troll", "x"), ("https://vm.tiktok.com/ZM1/", "tiktok"), ("https://youtu.be/abc", "youtube"),
    ("https://example.org/t.me/x", ""), ("https://notfacebook.com/", ""), ("", ""), ("http://[::1", ""),
])
def test_an_evidence_link_says_its_platform(link, platform):
    assert selection.platform_of_link(link) == platform


def test_a_platform_dossier_leaves_other_platforms_out_by_default(vault, case):
    c, other = case
    built = dossier.build(vault, telegram([*c.incidents, other.whatsapp_incident]))
    d = built.dossier
    assert [i.id for i in d.incidents] == c.incidents and d.left_out == [other.whatsapp_incident]
    assert other.facebook_evidence not in [e.id for e in d.all_evidence()] and d.evidence_left_out == 1
    assert {c.jpeg, c.png} <= {e.id for e in d.all_evidence()}  # Telegram's own, and the unlinked one
    assert FAMILY_MESSAGE not in everything(built) and FACEBOOK_CAPTION not in everything(built)
    assert [i["id"] for i in built.manifest["incidents"]] == c.incidents
    assert "left_out" not in everything(built)


def test_she_adds_an_off_platform_incident_deliberately(vault, case):
    c, other = case
    built = dossier.build(vault, telegram([*c.incidents, other.whatsapp_incident],
                                          off_platform_ids=[other.whatsapp_incident]))
    assert other.whatsapp_incident in [i.id for i in built.dossier.incidents] and built.dossier.left_out == []
    assert FAMILY_MESSAGE in everything(built)
    assert other.facebook_evidence not in [e.id for e in built.dossier.all_evidence()]  # still Telegram's only


def test_include_other_platforms_keeps_everything_chosen(vault, case):
    c, other = case
    built = dossier.build(vault, telegram([*c.incidents, other.whatsapp_incident], include_other_platforms=True))
    assert built.dossier.left_out == [] and built.dossier.evidence_left_out == 0
    assert other.facebook_evidence in [e.id for e in built.dossier.all_evidence()]
    assert FACEBOOK_CAPTION in everything(built) and FAMILY_MESSAGE in everything(built)


def test_evidence_reported_to_a_platform_belongs_to_it(vault, case):
    c, _other = case
    from app.core.models import PlatformReport, ReportItem
    vault.journal.reports.add(PlatformReport(platform="facebook", filed_on="2026-03-16", incident_ids=[c.incidents[1]],
                                             items=[ReportItem(url="https://facebook.com/x", evidence_id=c.png)]))
    built = dossier.build(vault, telegram(c.incidents))
    assert c.png not in [e.id for e in built.dossier.all_evidence()]


def test_un_and_lawyer_dossiers_keep_every_platform(vault, case):
    c, other = case
    for template in ("un", "lawyer"):
        built = dossier.build(vault, ExportOptions(template, [*c.incidents, other.whatsapp_incident]))
        assert len(built.dossier.incidents) == 3 and other.facebook_evidence in [e.id for e in built.dossier.all_evidence()]


def test_nothing_on_the_platform_is_refused_plainly(vault, case):
    _c, other = case
    with pytest.raises(InvalidInput, match="None of the chosen incidents happened on Telegram"):
        dossier.build(vault, telegram([other.whatsapp_incident]))


def test_writing_records_prepared_not_sent_then_she_marks_it_sent(vault, case, tmp_path):
    c, _other = case
    built = dossier.build(vault, telegram(c.incidents))
    ident = dossier.write(vault, built, tmp_path / "d.pdf")
    exports = vault.journal.exports
    record = exports.get(ident)
    assert (record.template, record.destination, record.sent_on, record.incident_ids) == (
        "platform", "telegram", "", c.incidents)
    assert describe(record, str.title) == f"prepared for Telegram on {record.prepared_at[:10]}, not marked as sent"
    assert vault.journal.audit.entries()[-1].action == "export.platform"
    today = date.today().isoformat()
    marked = exports.mark_sent(ident, today, "  TG-88213 ")
    assert (marked.sent_on, marked.reference) == (today, "TG-88213")
    assert [r.sent_on for r in exports.of_incident(c.incidents[0])] == [today]
    assert describe(exports.get(ident), str.title).endswith(f", sent on {today} (reference TG-88213)")
    assert vault.journal.audit.entries()[-1].action == "export.mark_sent"
    assert vault.journal.audit.verify()[1] is None


@pytest.mark.parametrize("day, reference, message", [
    ("02/01/2026", "", "YYYY-MM-DD"), ("", "", "YYYY-MM-DD"), ("2000-01-01", "", "cannot have been sent"),
    ("2099-01-02", "", "until today"), (date.today().isoformat(), "x" * 201, "too long"),
])
def test_marking_sent_refuses_bad_input_and_changes_nothing(vault, case, tmp_path, day, reference, message):
    c, _other = case
    ident = dossier.write(vault, dossier.build(vault, telegram(c.incidents)), tmp_path / "d.pdf")
    with pytest.raises(InvalidInput, match=message):
        vault.journal.exports.mark_sent(ident, day, reference)
    assert vault.journal.exports.get(ident).sent_on == ""
    with pytest.raises(NotFound):
        vault.journal.exports.mark_sent(ident + 1, date.today().isoformat())


def test_migration_turns_earlier_exports_into_unsent_records(tmp_path):
    import os

    import sqlcipher3
    key = os.urandom(32)
    path = tmp_path / "old.db"
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    db.migrate(conn, target=2)
    for title in ("A", "B"):
        conn.execute("INSERT INTO incidents (title, occurred_on, created_at, updated_at) "
                     "VALUES (?, '2026-01-01', 'now', 'now')", (title,))
    rows = [(1, "2026-02-01T10:00:00Z", "un", "UN Special Procedures"),
            (2, "2026-02-01T10:00:00Z", "un", "UN Special Procedures"),
            (1, "2026-02-03T09:00:00Z", "platform", "telegram")]
    conn.executemany("INSERT INTO incident_exports (incident_id, exported_at, template, destination) "
                     "VALUES (?, ?, ?, ?)", rows)
    conn.close()
    from app.core.journal import Journal
    j = Journal(db.open_database(path, key))
    records = j.exports.list()
    assert [(r.template, r.incident_ids, r.sent_on) for r in records] == [("platform", [1], ""), ("un", [1, 2], "")]
    assert [r.template for r in j.exports.of_incident(2)] == ["un"]
    j.conn.close()
