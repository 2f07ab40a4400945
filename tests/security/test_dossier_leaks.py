"""Leak tests: export real-looking cases and read the PDF as an adversary would (pypdf and
poppler text, every stream decompressed, pdfimages output, metadata, XMP). Nothing Layla did
not consent to, no camera or file metadata, nothing about this machine may be found."""

from __future__ import annotations

import getpass
import hashlib
import io
import socket
import time

import pytest
from PIL import Image

from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.vault import Vault
from tests.core.export import adversary
from tests.core.export.case import CAMERA_SERIAL, FORBIDDEN, TRAILER, build_case

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("leaks")
    vault = Vault.create(folder / "vault", "pw", strength="test")
    case = build_case(vault, folder)
    out = {}
    for template, kw in (("un", {}), ("platform", {"platform": "telegram"})):
        built = dossier.build(vault, ExportOptions(template, case.incidents, **kw))
        work = folder / template
        work.mkdir()
        out[template] = (built, adversary.read(built.pdf, work), case)
    yield out, folder
    vault.lock()


@pytest.mark.parametrize("template", ["un", "platform"])
def test_no_protected_name_contact_place_or_file_metadata(exported, template):
    (out, _folder) = exported
    _built, reading, _case = out[template]
    leaks = {secret: where for secret in FORBIDDEN if (where := reading.contains(secret))}
    assert leaks == {}


@pytest.mark.parametrize("template", ["un", "platform"])
def test_pseudonyms_and_kept_content_are_there(exported, template):
    (out, _folder) = exported
    built, reading, _case = out[template]
    text = reading.texts[1]
    assert adversary.squash("Defender K") in text
    assert adversary.squash("t.me/northern_truth/1207") in text or template == "un"
    assert adversary.squash("بدأت التهديدات في الصباح") in text  # Arabic stays extractable
    # Ayşe consented to the UN, not to platforms.
    assert (adversary.squash("Ayşe Yılmaz") in text) == (template == "un")
    assert {h.kind for h in built.dossier.hits} >= {"name", "phone", "email", "address", "coordinates"}


@pytest.mark.parametrize("template", ["un", "platform"])
def test_images_are_fresh_pixels_with_regions_burned(exported, template):
    (out, _folder) = exported
    built, reading, case = out[template]
    assert len(reading.images) == 2
    originals = {hashlib.sha256(b).hexdigest() for b in case.originals.values()}
    for data in reading.images:
        assert adversary.image_metadata(data) == {}
        assert b"Exif" not in data and b"ICC_PROFILE" not in data and b"http://ns.adobe.com" not in data
        assert CAMERA_SERIAL.encode() not in data and TRAILER not in data
        assert data.endswith(b"\xff\xd9")  # nothing after the JPEG end marker
        assert hashlib.sha256(data).hexdigest() not in originals
        img = Image.open(io.BytesIO(data)).convert("RGB")
        greenish = sum(1 for r, g, b in img.get_flattened_data() if g > 180 and r < 90 and b < 90)
        assert greenish == 0, "a region the defender blacked out is visible"
    shown = {hashlib.sha256(d).hexdigest() for d in reading.images}
    assert shown == {ev.rendition_sha256 for ev in built.dossier.all_evidence()}


def test_metadata_is_neutral(exported):
    (out, folder) = exported
    for _built, reading, _case in out.values():
        meta = reading.metadata
        assert meta["/Producer"] == meta["/Creator"] == "Sijil"
        # A fixed date in UTC (the export time is in the signed manifest): no local time zone.
        assert meta["/CreationDate"] == meta["/ModDate"] == "D:20000101000000+00'00'"
        assert all(meta[k] == "" for k in ("/Author", "/Title", "/Subject", "/Keywords"))
        assert set(meta) <= {"/Producer", "/Creator", "/CreationDate", "/ModDate", "/Author", "/Title",
                             "/Subject", "/Keywords", "/Trapped"}
        assert reading.xmp is None
        machine = [getpass.getuser(), socket.gethostname(), str(folder), "/tmp/", "/home/", *time.tzname]
        for value in reading.metadata.values():
            assert not any(m and m in value for m in machine if m not in ("UTC", "GMT"))
        blobs = b"".join(reading.streams)
        assert not any(m.encode() in blobs for m in (str(folder), "/tmp/", "/home/", "/work/"))


def test_no_hidden_text_annotations_forms_or_extra_attachments(exported):
    from pypdf import PdfReader

    (out, _folder) = exported
    for built, _reading, _case in out.values():
        reader = PdfReader(io.BytesIO(built.pdf))
        assert list(reader.attachments) == ["sijil-manifest.json"]
        root = reader.trailer["/Root"]
        assert not {"/AcroForm", "/OpenAction", "/AA", "/Metadata"} & set(root)
        assert all("/Annots" not in page for page in reader.pages)
        assert b"/JavaScript" not in built.pdf and b"/JS" not in built.pdf


def test_defender_terms_and_allowed_items(tmp_path):
    vault = Vault.create(tmp_path / "vault", "pw", strength="test")
    case = build_case(vault, tmp_path)
    options = ExportOptions("un", case.incidents, terms=["Beirut"], allowed=["+90 532 123 45 67"])
    built = dossier.build(vault, options)
    reading = adversary.read(built.pdf, tmp_path)
    assert reading.contains("Beirut") is None
    assert reading.contains("+90 532 123 45 67") is not None
    assert reading.contains("layla.h@example.org") is None  # letting one item in releases no other
    assert reading.contains("Haddad") is None
    vault.lock()


@pytest.mark.parametrize("template, kw", [("un", {}), ("platform", {"platform": "telegram"})])
def test_json_and_csv_beside_the_pdf_leak_nothing_either(tmp_path, template, kw):
    vault = Vault.create(tmp_path / "vault", "pw", strength="test")
    case = build_case(vault, tmp_path)
    vault.journal.set_setting("dossier.submitter_name", "Submitter Network")
    built = dossier.build(vault, ExportOptions(template, case.incidents, json=True, csv=True, **kw))
    vault.lock()
    for suffix, data in built.sidecars.items():
        text = adversary.squash(data.decode("utf-8-sig"))
        leaks = [s for s in FORBIDDEN if adversary.squash(s) in text or adversary.squash(s) in text[::-1]]
        assert leaks == [], suffix
        # Only what the PDF shows: a platform gets no submitter, no persons, no steps.
        assert (adversary.squash("Submitter Network") in text) == (template == "un" and suffix == ".json")
        assert (adversary.squash("Beirut police") in text) == (template == "un")


# Contact details as harassers and defenders write them: in links, spelled out, lower case,
# in Persian digits. Each secret is what an adversary could still use; each kept item is
# evidence the recipient needs.
CONTACT_STORY = (
    "He posted her WhatsApp https://wa.me/905321112233 and t.me/+905329998877 on 2026-03-14 at 10:30. "
    "Map pins: https://maps.apple.com/?ll=33.8938,35.5018&q=Home, https://yandex.com.tr/maps/?ll=35.5018%2C33.8938&z=17, "
    "https://www.openstreetmap.org/#map=18/33.89380/35.50180 and https://www.google.com/maps/@33.8938,35.5018,17z. "
    "Write to hiba.k [at] protonmail [dot] com or hiba.k＠protonmail．com; she lives at 14 kasr el nil street, "
    "bağdat caddesi no 12 kat 3. شماره‌اش ۰۹۱۲۳۴۵۶۷۸۹ است. He offered 1500000 lira. See https://t.me/northern_truth/1207"
)
CONTACT_SECRETS = ["905321112233", "5321112233", "905329998877", "33.8938", "35.5018", "33.89380", "maps.apple",
                   "yandex", "openstreetmap", "google.com/maps", "hiba.k", "protonmail", "kasr el nil", "bağdat",
                   "۰۹۱۲۳۴۵۶۷۸۹", "09123456789"]
CONTACT_KEPT = ["2026-03-14", "10:30", "1500000 lira", "t.me/northern_truth/1207"]


@pytest.mark.parametrize("template, kw", [("un", {}), ("platform", {"platform": "telegram"})])
def test_contact_details_in_links_spelled_out_or_lower_case_leave_nothing(tmp_path, template, kw):
    from app.core.models import Incident
    vault = Vault.create(tmp_path / "vault", "pw", strength="test")
    case = build_case(vault, tmp_path)
    j = vault.journal
    ident = j.incidents.add(Incident(title="Doxxing on Telegram", occurred_on="2026-03-14", platforms=["telegram"],
                                     kinds=["doxxing"], description=CONTACT_STORY))
    png = j.evidence.get(case.png)
    png.caption = "Her number: wa.me/905321112233, geo:33.8938,35.5018"
    j.evidence.update(png)
    built = dossier.build(vault, ExportOptions(template, [*case.incidents, ident], json=True, csv=True, **kw))
    vault.lock()
    reading = adversary.read(built.pdf, tmp_path)
    assert {s: where for s in CONTACT_SECRETS if (where := reading.contains(s))} == {}
    sidecars = {suffix: adversary.squash(data.decode("utf-8-sig")) for suffix, data in built.sidecars.items()}
    for suffix, text in sidecars.items():
        assert [s for s in CONTACT_SECRETS if adversary.squash(s) in text or adversary.squash(s) in text[::-1]] == [], suffix
    for kept in CONTACT_KEPT:
        assert adversary.squash(kept) in reading.texts[1], kept
        assert adversary.squash(kept) in sidecars[".json"], kept
    assert {"phone", "email", "address", "coordinates"} <= {h.kind for h in built.dossier.hits}


def test_a_telegram_report_carries_nothing_from_whatsapp_or_facebook(tmp_path):
    from tests.core.export.case import FACEBOOK_CAPTION, FAMILY_MESSAGE, add_other_platforms
    vault = Vault.create(tmp_path / "vault", "pw", strength="test")
    case = build_case(vault, tmp_path)
    other = add_other_platforms(vault, case, tmp_path)
    built = dossier.build(vault, ExportOptions("platform", [*case.incidents, other.whatsapp_incident],
                                               platform="telegram", json=True, csv=True))
    vault.lock()
    reading = adversary.read(built.pdf, tmp_path)
    for secret in (FAMILY_MESSAGE, FACEBOOK_CAPTION, "Family message on WhatsApp", "facebook.com"):
        assert reading.contains(secret) is None, secret
        assert all(adversary.squash(secret) not in adversary.squash(d.decode("utf-8-sig"))
                   for d in built.sidecars.values()), secret
    assert len(reading.images) == 2  # the Telegram photo and the unlinked chat screenshot, not the Facebook one
    assert other.facebook_evidence not in [e["id"] for e in built.manifest["evidence"]]
