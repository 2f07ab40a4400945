"""A realistic (fictional) journal for rendering the views: used by the render test and for
looking at the views by hand (`python tests/gui/overviews/sample_data.py OUT_DIR`)."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.models import Actor, Assessment, Incident, Measure, Person, PlatformReport, ReportItem


def fill(journal, today: date | None = None) -> dict[str, int]:
    today = today or date.today()

    def ago(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    ids: dict[str, int] = {}
    ids["leila"] = journal.persons.add(Person(
        name="Leila Haddad", pseudonym="Defender A", aliases=["ليلى", "Lelo"], role="defender",
        profession="Lawyer", consent_un=True, consent_platform=True))
    journal.persons.add(Person(name="Omar Haddad", pseudonym="Relative 1", role="relative"))
    journal.persons.add(Person(name="سارة منصور", pseudonym="Colleague B", role="colleague",
                               consent_un=True, consent_public=True))
    actors = [
        Actor(handle="@watan_guard", platform="x", display_name="حارس الوطن", state_actor="state",
              first_seen=ago(150), last_seen=ago(5), follower_count=48200),
        Actor(handle="@truth_teller77", platform="facebook", state_actor="non_state",
              first_seen=ago(120), last_seen=ago(30)),
        Actor(kind="group", handle="Patriots channel", platform="telegram", state_actor="unknown",
              first_seen=ago(90), last_seen=ago(12)),
    ]
    actor_ids = [journal.actors.add(a) for a in actors]
    plan = [
        (150, "Insults under a post about the trial", ["hate_speech"], ["x"], 2, False),
        (140, "Comments calling her a foreign agent", ["defamation", "disinformation"], ["facebook"], 2, False),
        (121, "Threat to 'finish her' in replies", ["death_threat"], ["x"], 5, False),
        (110, "Edited photo shared in a channel", ["deepfake", "sexual_harassment"], ["telegram"], 4, False),
        (96, "Home address posted", ["doxxing"], ["telegram"], 4, False),
        (95, "Man waited outside the building", ["stalking"], ["in_person"], 4, True),
        (80, "Fake account in her name", ["impersonation"], ["instagram"], 3, False),
        (62, "Login attempts on her email", ["hacking"], ["email"], 3, False),
        (45, "Brother threatened by phone", ["threat_to_family"], ["phone"], 4, False),
        (44, "Wave of hateful replies", ["hate_speech"], ["x"], 2, False),
        (44, "Same wave on Facebook", ["hate_speech"], ["facebook"], 2, False),
        (30, "Confronted outside the court", ["offline_confrontation"], ["in_person"], 5, False),
        (12, "Video calling for violence", ["threat_of_violence"], ["youtube", "x"], 4, False),
        (5, "Threatening voice notes", ["threat_of_violence"], ["whatsapp"], 3, True),
    ]
    incident_ids = []
    for days, title, kinds, platforms, severity, offline in plan:
        incident_ids.append(journal.incidents.add(Incident(
            title=title, occurred_on=ago(days), kinds=kinds, platforms=platforms, severity=severity,
            offline_followup=offline)))
    for n, ident in enumerate(incident_ids):
        journal.incidents.link_person(ident, ids["leila"])
        journal.incidents.link_actor(ident, actor_ids[n % 3])
    journal.reports.add(PlatformReport(platform="x", filed_on=ago(120), reference="X-20931", items=[
        ReportItem(url="https://x.com/watan_guard/status/1", actor_id=actor_ids[0], outcome="kept",
                   rule="Violent speech"),
        ReportItem(url="https://x.com/watan_guard/status/2", actor_id=actor_ids[0], outcome="removed"),
    ], status="partly_removed", response_on=ago(100), incident_ids=[incident_ids[2]]))
    journal.reports.add(PlatformReport(platform="telegram", filed_on=ago(95), channel="email",
                                       incident_ids=[incident_ids[3], incident_ids[4]], items=[
        ReportItem(url="https://t.me/patriots/812", actor_id=actor_ids[2]),
        ReportItem(url="https://t.me/patriots/815", actor_id=actor_ids[2]),
    ]))
    journal.reports.add(PlatformReport(platform="instagram", filed_on=ago(78), status="removed",
                                       response_on=ago(70), incident_ids=[incident_ids[6]]))
    journal.reports.add(PlatformReport(platform="x", filed_on=ago(11), reference="X-31877",
                                       incident_ids=[incident_ids[12]]))
    journal.assessments.add(Assessment(assessed_on=ago(100), likelihood=2, impact=3,
                                       indicators=["coordinated_accounts"], next_review=ago(70)))
    journal.assessments.add(Assessment(
        assessed_on=ago(28), likelihood=4, impact=4, next_review=ago(-2),
        indicators=["specific_threat", "personal_data_exposed", "offline_contact", "escalation"],
        notes="After the confrontation at court: the address is known and the same group is behind it.",
        measures=[Measure("Vary the route and times to the office", "in_progress"),
                  Measure("Two-factor login on all accounts", "done"),
                  Measure("Ask the bar association for an observer at hearings", "planned")]))
    return ids


if __name__ == "__main__":
    import os
    import sys
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.core.vault import Vault
    from app.gui.overviews.actors import ActorsView
    from app.gui.overviews.people import PeopleView
    from app.gui.overviews.reports import ReportsView
    from app.gui.overviews.threat import ThreatView
    from app.gui.overviews.timeline import TimelineView
    from app.gui.session import Session
    from app.gui.tasks import TaskRunner

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        vault = Vault.create(Path(tmp) / "v", "pw", strength="test")
        fill(vault.journal)
        runner = TaskRunner()
        session = Session(runner, vault)
        for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
            for cls in (TimelineView, ActorsView, ReportsView, ThreatView, PeopleView):
                view = cls(session)
                view.setLayoutDirection(direction)
                view.resize(1100, 720)
                view.show()
                runner.wait_idle()
                for _ in range(5):
                    app.processEvents()
                suffix = "-rtl" if direction == Qt.LayoutDirection.RightToLeft else ""
                view.grab().save(str(out / f"{cls.__name__}{suffix}.png"))
                view.close()
        runner.shutdown()
        vault.lock()
