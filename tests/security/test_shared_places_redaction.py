"""A contact or place shared in a chat must not reach a dossier that removes contact details:
the shared number, the coordinates (however written: decimal pairs after a place word, geo:
URIs, maps links) and the map links built from them, in the PDF's text and streams, its
embedded JSON and the JSON and CSV beside it."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from app.core import importers
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from tests.core.export import adversary
from tests.core.importers import exports as ex
from tests.core.importers import shared_exports as sx

# Typed by people, not by the importer: the same places in the forms chats carry them.
TYPED = ["meet me at geo:36.2021,37.1343?z=16 tonight", "https://maps.google.com/?q=36.2021,37.1343",
         "Location: 36.2, 37.1", "موقع البيت: ٣٦٫٢٠٢١، ٣٧٫١٣٤٣", "konum 41.0082 28.9784 burada",
         "https://www.openstreetmap.org/#map=17/35.6892/51.3890", "36.2021° N, 37.1343° E"]
SECRETS = ["5550123", "2223344", "+491705550123", "36.202105", "37.13426", "-33.8688", "151.2093",
           "36.199", "37.1627", "maps.google", "36.2021", "37.1343", "٣٦٫٢٠٢١", "41.0082", "28.9784",
           "35.6892", "51.389", "36.2,37.1", "36.2, 37.1"]


def _import(vault, tmp_path, make):
    folder = make(tmp_path / "export")
    if make is sx.json_export:  # add the typed forms to the same chat
        doc = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        start = sx.START.replace(hour=11)
        doc["messages"] += [ex.telegram_message(20 + i, start, text=t) for i, t in enumerate(TYPED)]
        (folder / "result.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with importers.parse("telegram", folder) as p:
        return commit.import_messages(vault, p, filters.select(p), ImportTarget()).incident_ids


@pytest.mark.parametrize("make", [sx.json_export, sx.html_export])
@pytest.mark.parametrize("template", ["lawyer", "platform"])
def test_shared_numbers_and_places_do_not_reach_a_redacted_dossier(vault, tmp_path, make, template):
    incidents = _import(vault, tmp_path, make)
    built = dossier.build(vault, ExportOptions(template, incidents, platform="telegram", redact=True, json=True,
                                               csv=True))
    work = tmp_path / "read"
    work.mkdir()
    reading = adversary.read(built.pdf, work)
    embedded = [v[0] for v in PdfReader(io.BytesIO(built.pdf)).attachments.values()]
    beside = [data.decode("utf-8") for data in built.sidecars.values()]
    texts = [adversary.squash(t) for t in (*beside, *(e.decode("utf-8", "replace") for e in embedded))]
    assert len(beside) + len(embedded) >= 2  # a lawyer's JSON and CSV travel inside the PDF
    leaks = {s: where for s in SECRETS if (where := reading.contains(s))}
    leaks |= {s: "json/csv" for s in SECRETS if any(adversary.squash(s) in t for t in texts)}
    assert leaks == {}
    # what was shared is still said, only the detail is gone
    pages = reading.texts[0]
    assert adversary.squash("Contact shared: Rana Haddad") in pages and adversary.squash("Location shared") in pages
    assert {h.kind for h in built.dossier.hits} >= {"phone", "coordinates"}


def test_without_redaction_the_lawyer_copy_keeps_them(vault, tmp_path):
    """The test above can fail: the full record does carry the number and the place."""
    incidents = _import(vault, tmp_path, sx.json_export)
    built = dossier.build(vault, ExportOptions("lawyer", incidents, redact=False))
    pages = adversary.squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(built.pdf)).pages))
    assert adversary.squash("+49 170 5550123") in pages and adversary.squash("36.202105, 37.134260") in pages


@pytest.mark.parametrize("text", [
    "Location shared: 36.2, 37.1", "Konum paylaşıldı: 36.2, 37.1", "Position partagée : 36.2; 37.1",
    "Ubicación compartida: -12.05 -77.04", "موقع مُرسل: ٣٦٫٢، ٣٧٫١", "موقعیت ارسال‌شده: ۳۵٫۷, ۵۱٫۴",
    "Live location shared for 15 min: 36.2, 37.1", "coordinates 36.2/37.1", "GPS: 36.2° 37.1°"])
def test_a_coarse_pair_after_a_place_word_is_a_place(text):
    from app.core.redaction import contacts
    found = [text[s:e] for s, e, kind in contacts.find(text) if kind == "coordinates"]
    assert found and not any(c.isdigit() for c in text.replace("".join(found), "").split(":")[-1]), found


@pytest.mark.parametrize("text", ["Version 2.5, 3.1 released", "location 12, 500 people",
                                  "the location was 2.5 km away", "position 3 of 10"])
def test_numbers_without_a_place_are_kept(text):
    from app.core.redaction import contacts
    assert [k for _s, _e, k in contacts.find(text) if k == "coordinates"] == []
