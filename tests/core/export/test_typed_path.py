"""Every free-text field reaches a dossier through the Redactor, by construction: the views take
only Redacted text and checked dates, a raw str fails, and dates are dates from input on."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from app.core import evidence
from app.core.errors import InvalidInput
from app.core.export import dossier
from app.core.export.content import EvidenceView, ExportOptions, StepView
from app.core.models import Incident, Person, PlatformReport, ReportItem, Step
from app.core.redaction.safe import IsoDate, IsoWhen, Redacted, plain, view, when
from app.core.redaction.text import RedactionRules, Redactor
from tests.core.export import adversary

red = Redactor(RedactionRules(persons=[Person(name="Layla Haddad", pseudonym="Defender K")]))


def step(**kw) -> StepView:
    fields = dict(taken_on=IsoDate("2026-03-15"), kind=red.code("police"), body=red.text("Beirut police"),
                  description=red.text(""), response=red.text(""), response_on=IsoDate(""))
    return StepView(**(fields | kw))


def test_only_the_redactor_makes_redacted_text():
    with pytest.raises(TypeError):
        Redacted("Layla Haddad")
    assert red.text("Layla Haddad called") == "Defender K called"
    assert isinstance(red.text("x"), Redacted) and isinstance(red.identifier("x"), Redacted)


@pytest.mark.parametrize("field, value", [
    ("body", "Layla Haddad"),                              # a raw str
    ("body", red.text("Layla") + " Haddad"),               # derived after redaction: plain str again
    ("body", f"{red.text('Layla')}"),
    ("response_on", "Layla Haddad"),                      # a date field holding text
    ("response_on", red.text("2026-03-15")),               # redacted text is not a date
])
def test_a_view_refuses_anything_that_skipped_the_redactor(field, value):
    with pytest.raises(TypeError):
        step(**{field: value})
    s = step()
    with pytest.raises(TypeError):
        setattr(s, field, value)


def test_a_field_declared_as_plain_str_fails_at_import():
    with pytest.raises(TypeError, match="declared"):
        @view
        class NewUNField:
            summary: str


def test_serialising_refuses_a_raw_string_slipped_into_a_list():
    s = step()
    holder = EvidenceView(1, 1, red.code("image"), red.code("image/jpeg"), 3, red.code("ab"), red.text(""),
                          red.text(""), IsoWhen(""))
    plain(holder)
    s.__dict__["body"] = "Layla Haddad"  # bypassing the checks on purpose
    with pytest.raises(TypeError):
        plain(s)


@pytest.mark.parametrize("value, out", [("2026-03-14", "2026-03-14"), ("Layla Haddad", ""), ("", ""),
                                        (" 2026-03-14T10:22Z ", "2026-03-14T10:22Z")])
def test_dates_are_checked_as_dates(value, out):
    assert when(IsoWhen, value) == out
    with pytest.raises(ValueError):
        IsoDate("14/03/2026 Layla")


def test_codes_refuse_prose():
    with pytest.raises(InvalidInput):
        red.code("Layla Haddad lives here")


def test_date_fields_refuse_text_at_input(vault, incident_id):
    j = vault.journal
    with pytest.raises(InvalidInput, match="time"):
        j.incidents.add(Incident(title="t", occurred_on="2026-03-14", occurred_time="Layla Haddad"))
    with pytest.raises(InvalidInput, match="date"):
        j.incidents.add_step(Step(incident_id=incident_id, taken_on="2026-03-15", response_on="Layla"))
    with pytest.raises(InvalidInput, match="posted"):
        j.reports.add(PlatformReport(platform="telegram", filed_on="2026-03-15", incident_ids=[incident_id],
                                     items=[ReportItem(url="t.me/x/1", posted_at="Layla Haddad")]))
    j.reports.add(PlatformReport(platform="telegram", filed_on="2026-03-15", incident_ids=[incident_id],
                                 items=[ReportItem(url="t.me/x/1", posted_at="2026-03-14 21:40",
                                                   captured_at="2026-03-14T21:45Z")]))


def _jpeg_with_exif_date(text: str) -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = text  # DateTimeOriginal
    out = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_exif_date_is_converted_or_dropped(vault, incident_id, tmp_path):
    good, bad = tmp_path / "good.jpg", tmp_path / "bad.jpg"
    good.write_bytes(_jpeg_with_exif_date("2026:03:14 10:22:01"))
    bad.write_bytes(_jpeg_with_exif_date("Layla Haddad, Rue de la Paix 12"))
    assert evidence.import_file(vault, incident_id, good).captured_at == "2026-03-14T10:22:01"
    assert evidence.import_file(vault, incident_id, bad).captured_at == ""


def test_text_stored_in_date_fields_before_validation_never_reaches_the_dossier(vault, incident_id, tmp_path):
    """Old journals may hold anything in these columns: the export leaves it out."""
    j = vault.journal
    j.persons.add(Person(name="Layla Haddad", pseudonym="Defender K"))
    j.incidents.link_person(incident_id, 1)
    j.incidents.add_step(Step(incident_id=incident_id, taken_on="2026-03-15"))
    img = tmp_path / "a.jpg"
    img.write_bytes(_jpeg_with_exif_date("2026:03:14 10:22:01"))
    ev = evidence.import_file(vault, incident_id, img)
    report = j.reports.add(PlatformReport(platform="telegram", filed_on="2026-03-15", incident_ids=[incident_id],
                                          items=[ReportItem(url="t.me/x/1")]))
    secret = "Layla Haddad"
    with j.conn:
        j.conn.execute("UPDATE incidents SET occurred_time = ? WHERE id = ?", (secret, incident_id))
        j.conn.execute("UPDATE steps SET response_on = ?", (secret,))
        j.conn.execute("UPDATE evidence SET captured_at = ? WHERE id = ?", (secret, ev.id))
        j.conn.execute("UPDATE report_items SET posted_at = ?, captured_at = ? WHERE report_id = ?",
                       (secret, secret, report))
    for template, kw in (("un", {}), ("platform", {"platform": "telegram"}), ("lawyer", {"redact": True})):
        built = dossier.build(vault, ExportOptions(template, [incident_id], json=True, csv=True, **kw))
        reading = adversary.read(built.pdf, tmp_path)
        assert reading.contains("Haddad") is None, template
        for data in built.sidecars.values():
            assert "haddad" not in data.decode("utf-8-sig").casefold(), template
        if built.sidecars:
            assert json.loads(built.sidecars[".json"])["incidents"][0]["occurred_time"] == ""
