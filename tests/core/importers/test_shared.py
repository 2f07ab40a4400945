"""Shared contacts and places are imported as words a person can read, in the JSON and the
HTML export; a contact's vCard is kept as encrypted evidence with its hash."""

from __future__ import annotations

import hashlib

import pytest

from app.core import evidence, importers
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from app.core.importers.filters import MessageFilter
from tests.core.importers import exports as ex
from tests.core.importers import shared_exports as sx


def test_json_contacts_and_places_read_as_words(tmp_path):
    with importers.parse("telegram", sx.json_export(tmp_path / "tg")) as p:
        m = {x.id.rpartition(":")[2]: x for x in p.messages}
    assert (m["2"].kind, m["2"].text) == ("contact", "Contact shared: Rana Haddad, +49 170 5550123")
    assert [(a.name, a.present) for a in m["2"].attachments] == [("contacts/contact_1.vcard", True)]
    assert (m["3"].kind, m["3"].text) == ("location", "Location shared: 36.202105, 37.134260")
    assert m["4"].text == "Live location shared for 15 min: -33.868800, 151.209300\nwe see you"
    assert m["5"].text == "Location shared: 36.199000, 37.162700 (Citadel of Aleppo, Al-Qalaa, Aleppo)"
    assert m["6"].text == "Contact shared: Omar, 0049 171 2223344" and not m["6"].attachments[0].present
    assert (m["7"].kind, m["7"].text) == ("text", "message 7")


def test_html_contacts_and_places_read_as_words(tmp_path):
    with importers.parse("telegram", sx.html_export(tmp_path / "h")) as p:
        m = {x.id: x for x in p.messages}
    assert (m["2"].kind, m["2"].text) == ("contact", "Contact shared: Rana Haddad, +49 170 5550123")
    assert [a.name for a in m["2"].attachments] == ["contacts/contact_1.vcard"]
    assert (m["3"].kind, m["3"].text) == ("location", "Location shared: 36.202105, 37.134260")
    assert not m["3"].attachments  # the maps link is not a file of the export
    assert m["4"].text == "Location shared: 36.199000, 37.162700 (Citadel of Aleppo, Al-Qalaa, Aleppo)"
    assert (m["5"].kind, m["5"].text) == ("contact", "Contact shared: Omar, 0049 171 2223344\ncall him")
    assert (m["6"].kind, m["6"].text) == ("text", "just text")


@pytest.mark.parametrize("make", [sx.json_export, sx.html_export])
def test_the_kind_filter_finds_them(tmp_path, make):
    with importers.parse("telegram", make(tmp_path / "x")) as p:
        contacts = [p.messages[i].text for i in filters.select(p, MessageFilter(kinds=["contact"]))]
        places = [p.messages[i].text for i in filters.select(p, MessageFilter(kinds=["location"]))]
    assert len(contacts) == 2 and all(t.startswith("Contact shared") for t in contacts)
    assert len(places) == (3 if make is sx.json_export else 2) and all("ocation shared" in t for t in places)


@pytest.mark.parametrize("make", [sx.json_export, sx.html_export])
def test_the_vcard_is_kept_encrypted_with_its_hash(vault, tmp_path, vault_path, make):
    with importers.parse("telegram", make(tmp_path / "x")) as p:
        result = commit.import_messages(vault, p, filters.select(p, MessageFilter(kinds=["contact"])), ImportTarget())
    items = [vault.journal.evidence.get(i) for i in result.evidence_ids]
    [card] = [ev for ev in items if ev.sha256 == hashlib.sha256(sx.VCARD).hexdigest()]
    assert evidence.read_original(vault, card.id) == sx.VCARD
    assert any("Contact shared: Rana Haddad, +49 170 5550123" in ev.caption for ev in items)
    for f in vault_path.rglob("*"):
        if f.is_file():
            assert b"safe house contact" not in f.read_bytes() and b"5550123" not in f.read_bytes()


@pytest.mark.parametrize("point", [{"latitude": "abc", "longitude": 1}, {"latitude": 1e400, "longitude": 2},
                                   {"latitude": 91.5, "longitude": 2}, {"latitude": [1], "longitude": {}}, "36,37",
                                   None])
def test_a_place_that_is_not_on_the_globe_is_said_without_numbers(tmp_path, point):
    m = ex.telegram_message(2, sx.START, text="")
    m["location_information"], m["address"] = point, "Aleppo"
    with importers.parse("telegram", ex.telegram_export(tmp_path / "tg", [m])) as p:
        assert (p.messages[0].kind, p.messages[0].text) == ("location", "Location shared: Aleppo")


def test_a_contact_whose_name_is_not_text_is_refused_in_words(tmp_path):
    from app.core.errors import MalformedExport
    m = ex.telegram_message(2, sx.START, text="")
    m["contact_information"] = {"first_name": {"x": 1}, "phone_number": "+49 170 5550123"}
    with pytest.raises(MalformedExport, match="message 2"):
        importers.parse("telegram", ex.telegram_export(tmp_path / "tg", [m]))
