"""Domain rules that used to live in widgets: escalation, review overdue, and which consent
lets a real name into each kind of dossier (the wizard's warning and the redactor agree)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.export.assemble import assemble
from app.core.export.content import ExportOptions
from app.core.models import Assessment, Incident, Person


@pytest.mark.parametrize("followup, kinds, expected", [
    (False, ["doxxing"], False),
    (True, ["doxxing"], True),
    (False, ["hate_speech", "offline_confrontation"], True),
])
def test_an_escalation_is_offline_contact_after_or_an_offline_confrontation(followup, kinds, expected):
    assert Incident("t", "2026-01-01", kinds=kinds, offline_followup=followup).is_escalation is expected


@pytest.mark.parametrize("next_review, overdue", [("", False), ("2026-03-13", True), ("2026-03-14", False),
                                                  ("2026-04-01", False)])
def test_a_review_is_overdue_once_its_day_has_passed(next_review, overdue):
    a = Assessment("2026-01-01", 3, 3, next_review=next_review)
    assert a.review_overdue(date(2026, 3, 14)) is overdue


@pytest.mark.parametrize("template, redact, field", [
    ("un", None, "consent_un"), ("platform", None, "consent_platform"),
    ("lawyer", None, None), ("lawyer", True, "consent_public"), ("un", False, None),
])
def test_each_destination_asks_its_own_consent(template, redact, field):
    assert ExportOptions(template, [1], platform="x", redact=redact).consent_field == field


@pytest.mark.parametrize("redact", [None, True])
def test_a_lawyers_copy_names_whoever_the_redactor_lets_through_and_says_who_not(vault, redact):
    persons = vault.journal.persons
    hidden = persons.add(Person("Layla Haddad", "Defender K", consent_un=True, consent_platform=True))
    public = persons.add(Person("Maryam Saleh", "Colleague M", role="colleague", consent_public=True))
    inc = Incident("Threat", "2026-03-01", description="Layla Haddad and Maryam Saleh were threatened.")
    vault.journal.incidents.add(inc)
    for pid in (hidden, public):
        vault.journal.incidents.link_person(inc.id, pid)
    d = assemble(vault, ExportOptions("lawyer", [inc.id], redact=redact))
    text = d.incidents[0].description
    assert "Maryam Saleh" in text
    if redact:
        assert "Layla Haddad" not in text and "Defender K" in text
        assert [p.name for p in d.pseudonymised()] == ["Defender K"]
    else:
        assert "Layla Haddad" in text and d.pseudonymised() == []
