from datetime import date

import pytest

from app.core.errors import InvalidInput, NotFound
from app.core.journal.incidents import SORTABLE, IncidentFilter
from app.core.journal.reports import describe
from app.core.models import (
    Actor,
    Assessment,
    Incident,
    Measure,
    Person,
    PlatformReport,
    ReportItem,
    Step,
    risk_level,
)


def add(j, title, day, **kw):
    return j.incidents.add(Incident(title=title, occurred_on=day, **kw))


def test_incident_round_trip_keeps_every_field(vault):
    j = vault.journal
    inc = Incident(title="Threat", occurred_on="2026-03-14", occurred_time="21:40", timezone="Europe/Istanbul",
                   approximate=True, location="Gaziantep", platforms=["telegram", "facebook"],
                   kinds=["death_threat", "doxxing"], description="نص", translation="text",
                   translation_language="en", current_situation="ongoing", severity=5, status="ongoing",
                   offline_followup=True, confidential=True, tags=["urgent"])
    ident = j.incidents.add(inc)
    assert j.incidents.get(ident) == inc


def test_update_and_delete(vault):
    j = vault.journal
    ident = add(j, "Before", "2026-01-01")
    inc = j.incidents.get(ident)
    inc.title = "After"
    j.incidents.update(inc)
    assert j.incidents.get(ident).title == "After"
    j.incidents.delete(ident)
    with pytest.raises(NotFound):
        j.incidents.get(ident)


@pytest.mark.parametrize("bad", [
    {"title": " "}, {"occurred_on": "14/03/2026"}, {"platforms": ["myspace"]}, {"kinds": ["rude"]},
    {"severity": 9}, {"status": "lost"},
])
def test_invalid_incidents_are_refused_with_a_message(vault, bad):
    fields = {"title": "ok", "occurred_on": "2026-01-01"} | bad
    with pytest.raises(InvalidInput) as info:
        vault.journal.incidents.add(Incident(**fields))
    assert info.value.message
    assert vault.journal.incidents.count() == 0


def test_filters_and_sorting(vault):
    j = vault.journal
    a = add(j, "A", "2026-01-05", platforms=["telegram"], kinds=["death_threat"], severity=5)
    b = add(j, "B", "2026-02-05", platforms=["x"], kinds=["doxxing"], severity=2, status="closed")
    c = add(j, "C", "2026-03-05", platforms=["telegram", "x"], kinds=["doxxing"], severity=4)
    ids = lambda f: [i.id for i in j.incidents.list(f)]  # noqa: E731
    assert ids(None) == [c, b, a]
    assert ids(IncidentFilter(platforms=["telegram"])) == [c, a]
    assert ids(IncidentFilter(kinds=["doxxing"], severities=[4])) == [c]
    assert ids(IncidentFilter(date_from="2026-02-01", date_to="2026-02-28")) == [b]
    assert ids(IncidentFilter(statuses=["closed"])) == [b]
    assert ids(IncidentFilter(ids=[a, c])) == [c, a]
    assert [i.id for i in j.incidents.list(order="severity", descending=False)] == [b, c, a]
    assert j.incidents.count(IncidentFilter(platforms=["x"])) == 2
    assert [i.id for i in j.incidents.list(limit=1, offset=1)] == [b]


def test_links_people_actors_and_steps(vault):
    j = vault.journal
    ident = add(j, "A", "2026-01-05")
    pid = j.persons.add(Person(name="Layla", pseudonym="Defender A", aliases=[" ليلى ", ""]))
    aid = j.actors.add(Actor(platform="telegram", handle="@hate"))
    j.incidents.link_person(ident, pid)
    j.incidents.link_actor(ident, aid)
    j.incidents.link_actor(ident, aid)  # linking twice is harmless
    assert [p.aliases for p in j.incidents.persons_of(ident)] == [["ليلى"]]
    assert [a.handle for a in j.incidents.actors_of(ident)] == ["@hate"]
    assert j.actors.incident_counts() == {aid: 1}
    j.incidents.link_actor(ident, aid, linked=False)
    assert j.incidents.actors_of(ident) == []
    with pytest.raises(NotFound):
        j.incidents.link_person(ident, 999)
    sid = j.incidents.add_step(Step(ident, "2026-01-06", kind="police", body="Police", response="none"))
    assert [s.id for s in j.incidents.steps_of(ident)] == [sid]
    j.exports.record([ident], "un", "OHCHR")
    assert [e.template for e in j.exports.of_incident(ident)] == ["un"]


def test_people_and_actors_validation(vault):
    j = vault.journal
    with pytest.raises(InvalidInput, match="pseudonym"):
        j.persons.add(Person(name="Layla", pseudonym=""))
    with pytest.raises(InvalidInput):
        j.actors.add(Actor())
    with pytest.raises(InvalidInput):
        j.actors.add(Actor(handle="@x", state_actor="maybe"))


def test_report_summary_counts_items_and_overdue(vault):
    j = vault.journal
    ident = add(j, "A", "2026-01-05")
    items = [ReportItem(url=f"https://t.me/chan/{k}", outcome="removed" if k < 2 else "pending") for k in range(7)]
    j.reports.add(PlatformReport(platform="telegram", filed_on="2026-01-06", items=items, incident_ids=[ident]))
    j.reports.add(PlatformReport(platform="facebook", filed_on="2026-03-01", status="refused"))
    summary = {s.platform: s for s in j.reports.summary(today=date(2026, 3, 10))}
    tg = summary["telegram"]
    assert (tg.items, tg.outcomes, tg.overdue, tg.pending) == (7, {"removed": 2}, 5, 0)
    assert describe(tg) == "7 reported: 2 posts removed, 5 no response after 30 days"
    assert describe(summary["facebook"]) == "1 reported: 1 kept online"
    early = {s.platform: s for s in j.reports.summary(today=date(2026, 1, 20))}
    assert (early["telegram"].overdue, early["telegram"].pending) == (0, 5)
    # The platform answered about some items: the rest still count as unanswered once late.
    report = j.reports.list(incident_id=ident)[0]
    report.status, report.response_on = "partly_removed", "2026-01-20"
    j.reports.update(report)
    late = {s.platform: s for s in j.reports.summary(today=date(2026, 3, 10))}["telegram"]
    assert (late.outcomes["removed"], late.overdue) == (2, 5)
    assert not j.reports.is_overdue(report, date(2026, 3, 10))
    report.status, report.response_on = "pending", ""
    j.reports.update(report)
    assert j.reports.is_overdue(report, date(2026, 2, 5), days=30)
    assert not j.reports.is_overdue(report, date(2026, 2, 4), days=30)


def test_closing_a_channel_suspending_an_account_and_appeals_are_not_removed_posts(vault):
    j = vault.journal
    ident = add(j, "A", "2026-01-05")
    outcomes = ["removed", "removed", "channel_closed", "account_suspended", "restricted", "age_gated",
                "geo_blocked", "no_violation", "appeal_pending", "appeal_won", "appeal_lost", "pending"]
    j.reports.add(PlatformReport(platform="telegram", filed_on="2026-01-06", incident_ids=[ident],
                                 items=[ReportItem(url=f"https://t.me/c/{k}", outcome=o) for k, o in enumerate(outcomes)]))
    s = j.reports.summary(today=date(2026, 3, 10))[0]
    assert s.outcomes == {o: outcomes.count(o) for o in outcomes if o != "pending"}
    assert describe(s) == (
        "12 reported: 2 posts removed, 1 channel closed, 1 account suspended, 1 restricted, 1 age-gated, "
        "1 geo-blocked, 1 no violation found, 1 appeal pending, 1 appeal won, 1 appeal lost, "
        "1 no response after 30 days")
    with pytest.raises(InvalidInput):
        j.reports.add(PlatformReport(platform="telegram", filed_on="2026-01-06",
                                     items=[ReportItem(url="https://t.me/c/1", outcome="deleted")]))


def test_report_summary_of_chosen_reports_only(vault):
    j = vault.journal
    mine, theirs = add(j, "Mine", "2026-01-05"), add(j, "Theirs", "2026-01-05")
    j.reports.add(PlatformReport(platform="x", filed_on="2026-01-06", incident_ids=[mine],
                                 items=[ReportItem(url="https://x.com/a/status/1", outcome="removed")]))
    j.reports.add(PlatformReport(platform="x", filed_on="2026-01-06", incident_ids=[theirs],
                                 items=[ReportItem(url="https://x.com/b/status/2", outcome="kept")]))
    chosen = j.reports.list(incident_id=mine)
    assert [describe(s) for s in j.reports.summary(date(2026, 1, 7), reports=chosen)] == ["1 reported: 1 post removed"]


def test_report_update_replaces_items(vault):
    j = vault.journal
    rid = j.reports.add(PlatformReport(platform="x", filed_on="2026-01-01", items=[ReportItem(url="a")]))
    report = j.reports.get(rid)
    report.items = [ReportItem(url="b", outcome="removed"), ReportItem(url="c")]
    report.status = "partly_removed"
    j.reports.update(report)
    again = j.reports.get(rid)
    assert [i.url for i in again.items] == ["b", "c"] and again.status == "partly_removed"


def test_assessments_levels_history_and_measures(vault):
    j = vault.journal
    j.assessments.add(Assessment("2026-01-01", 2, 2))
    newest = j.assessments.add(Assessment("2026-02-01", 4, 5, indicators=["offline_contact"],
                                          measures=[Measure("Change route", "in_progress")]))
    current = j.assessments.current()
    assert current.id == newest and current.level == "critical"
    assert [m.description for m in current.measures] == ["Change route"]
    assert [a.assessed_on for a in j.assessments.history()] == ["2026-02-01", "2026-01-01"]
    assert [risk_level(1, 1), risk_level(2, 3), risk_level(2, 5), risk_level(4, 4)] == ["low", "medium", "high", "critical"]
    with pytest.raises(InvalidInput):
        j.assessments.add(Assessment("2026-01-01", 6, 1))


def test_audit_trail_records_changes_without_content(vault):
    j = vault.journal
    ident = add(j, "Secret title", "2026-01-05", description="secret words")
    j.incidents.delete(ident)
    entries = j.audit.entries()
    assert [e.action for e in entries][-2:] == ["incident.add", "incident.delete"]
    assert all("Secret" not in e.target and "secret" not in e.action for e in entries)
    assert j.audit.verify() == (len(entries), None)


def test_audit_trail_is_append_only_and_tampering_is_found(vault):
    j = vault.journal
    for n in range(5):
        add(j, f"t{n}", "2026-01-05")
    with pytest.raises(Exception, match="append-only"):
        j.conn.execute("UPDATE audit SET action = 'x' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        j.conn.execute("DELETE FROM audit WHERE seq = 2")
    j.conn.execute("DROP TRIGGER audit_no_update")  # an attacker with the key could do this
    j.conn.execute("UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 3")
    assert j.audit.verify()[1] == 3


def test_failed_write_rolls_back_everything(vault):
    j = vault.journal
    before = (j.incidents.count(), len(j.audit.entries()))
    with pytest.raises(NotFound):
        j.incidents.update(Incident(title="ghost", occurred_on="2026-01-01", id=42))
    assert (j.incidents.count(), len(j.audit.entries())) == before


def test_settings_are_stored_in_the_journal(vault):
    vault.journal.set_setting("overdue_days", "14")
    assert vault.journal.get_setting("overdue_days") == "14"
    assert vault.journal.get_setting("missing", "30") == "30"


def test_outlines_say_what_the_whole_incidents_say(vault):
    """The timeline's read (SQL columns, lists parsed once per distinct text) gives, for every
    incident, what the full record says: day order with ties by id, escalation by either rule,
    empty and shared lists of kinds and platforms."""
    import random

    from app.core import models

    rng, j = random.Random(5), vault.journal
    for n in range(60):
        add(j, f"Incident {n}", f"2026-0{rng.randint(1, 3)}-0{rng.randint(1, 4)}",
            kinds=rng.sample(models.INCIDENT_KINDS, rng.randint(0, 2)) + (["offline_confrontation"] if n % 9 == 0 else []),
            platforms=rng.sample(models.PLATFORMS, rng.randint(0, 2)), severity=rng.randint(1, 5),
            offline_followup=n % 7 == 0)
    whole = sorted(j.incidents.list(), key=lambda i: (i.occurred_on, i.id))
    assert j.incidents.outlines() == [
        (i.id, date.fromisoformat(i.occurred_on), i.title, i.severity, i.is_escalation, tuple(i.kinds),
         tuple(i.platforms)) for i in whole]
    assert {o.escalation for o in j.incidents.outlines()} == {True, False}


def test_table_rows_are_the_listed_incidents_in_the_same_order(vault):
    """The incidents table's read (its columns only, as tuples) gives the rows `list` gives, in
    the same order, for every sortable column both ways (ties by id: many equal dates,
    severities and statuses), under filters and searches, page by page."""
    import random

    from app.core import models

    rng, j = random.Random(9), vault.journal
    for n in range(45):
        add(j, rng.choice(["Threat", "تهديد", "Fake account", "أخي"]) + f" {n % 7}", f"2026-01-0{rng.randint(1, 4)}",
            approximate=n % 4 == 0, kinds=rng.sample(models.INCIDENT_KINDS, rng.randint(0, 2)),
            platforms=rng.sample(models.PLATFORMS, rng.randint(0, 2)), severity=rng.randint(1, 5),
            status=rng.choice(models.INCIDENT_STATUSES))
    filters = [IncidentFilter(), IncidentFilter(severities=[4, 5]), IncidentFilter(ids=list(range(3, 40, 3))),
               IncidentFilter(date_from="2026-01-02", date_to="2026-01-03", kinds=[models.INCIDENT_KINDS[0]]),
               IncidentFilter(statuses=["closed"], platforms=[models.PLATFORMS[1]])]
    for filt in filters:
        for order in SORTABLE:
            for descending in (True, False):
                whole = j.incidents.list(filt, order, descending)
                assert j.incidents.rows(filt, order, descending) == [
                    (i.id, i.occurred_on, i.approximate, i.title, tuple(i.platforms), tuple(i.kinds), i.severity,
                     i.status) for i in whole]
                pages = [j.incidents.rows(filt, order, descending, 10, start) for start in range(0, 50, 10)]
                assert [r.id for page in pages for r in page] == [i.id for i in whole]
    assert {r.approximate for r in j.incidents.rows()} == {True, False}
    with pytest.raises(InvalidInput):
        j.incidents.rows(order="title; DROP TABLE incidents")


def test_reports_read_by_the_page_keep_their_incidents_items_and_counts(vault):
    """Reports read in bulk (two queries per 500, pages of any size) come back as they were
    saved, newest first; the summary counted in SQL over all reports equals the one counted
    over the records."""
    import random

    from app.core import models

    rng, j = random.Random(8), vault.journal
    incidents = [add(j, f"Incident {n}", "2026-01-01") for n in range(6)]
    saved = {}
    for n in range(37):
        report = PlatformReport(
            platform=rng.choice(models.PLATFORMS[:4]), filed_on=f"2026-0{rng.randint(1, 3)}-{rng.randint(10, 28)}",
            status=rng.choice(models.REPORT_STATUSES), reference=f"r{n}",
            incident_ids=rng.sample(incidents, rng.randint(0, 3)),
            items=[ReportItem(url=f"https://example.org/{n}/{k}", outcome=rng.choice(models.ITEM_OUTCOMES))
                   for k in range(rng.randint(0, 3))])
        saved[j.reports.add(report)] = report
    listed = j.reports.list()
    assert [r.id for r in listed] == sorted(saved, key=lambda i: (saved[i].filed_on, i), reverse=True)
    for r in listed:
        assert r.incident_ids == sorted(saved[r.id].incident_ids)
        assert [(i.url, i.outcome) for i in r.items] == [(i.url, i.outcome) for i in saved[r.id].items]
    pages = [r for start in range(0, 40, 7) for r in j.reports.list(limit=7, offset=start)]
    assert pages == listed and j.reports.count() == 37
    for today in (date(2026, 2, 1), date(2026, 6, 1)):
        assert j.reports.summary(today, 30) == j.reports.summary(today, 30, reports=listed)
