"""Importing picked messages: what goes in is what the dossier cites; cancel, failure and a
changed export leave the journal as it was; authors become deduplicated actors."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from pypdf import PdfReader

from app.core import evidence, importers
from app.core.errors import Cancelled, FileRejected
from app.core.export import dossier, verify
from app.core.export.content import ExportOptions
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from app.core.importers.filters import MessageFilter
from tests.core.importers import exports as ex


def state(vault):
    """Everything an import may change: rows of every table, the audit trail, the blobs."""
    conn = vault.journal.conn
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("incidents", "evidence", "actors", "incident_actors", "audit")}
    return counts, vault.blobs.names()


def test_round_trip_telegram_reaches_evidence_and_dossier(vault, tmp_path):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    j = vault.journal
    [incident] = result.incident_ids
    items = {ev.metadata.get("import", {}).get("message_id"): ev for ev in j.evidence.of_incident(incident)}
    ev = items["1234567890:6"]
    assert ev.source_url == "https://t.me/c/1234567890/6" and ev.captured_at == "2023-07-04T10:36:15+03:00"
    facts = ev.metadata["import"]
    assert facts["author"] == {"display_name": "Harasser", "handle": "", "numeric_id": "777"}
    assert facts["reply_to"] == "2" and facts["edited"] == "2023-07-04T10:41:15+03:00"
    assert evidence.read_original(vault, ev.id) == b"we are watching"
    photo = items["1234567890:4"]
    assert photo.kind == "image" and photo.thumbnail_blob is None  # made when first shown (core/thumbnails.py)
    photo_file = (tmp_path / "tg/photos/photo_1@04-07-2023_10-34-15.jpg").read_bytes()
    assert evidence.read_original(vault, photo.id) == photo_file
    assert photo.sha256 == hashlib.sha256(photo_file).hexdigest()  # hashed once, by the store, as encrypted
    assert items["1234567890:5"].metadata["import"]["forwarded_from"] == "Hate channel"
    # the export file itself is evidence, with the hash the preview showed
    [export_ev] = result.export_evidence_ids
    original = (tmp_path / "tg/result.json").read_bytes()
    assert j.evidence.get(export_ev).sha256 == hashlib.sha256(original).hexdigest() == p.sources[0].sha256
    # the dossier cites link, message id, author id and time: in its signed JSON and on its pages
    built = dossier.build(vault, ExportOptions("lawyer", [incident], json=True))
    embedded = PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0]
    assert verify.verify_bytes(built.pdf).attachments["dossier.json"] == hashlib.sha256(embedded).hexdigest()
    content = json.dumps(json.loads(embedded), ensure_ascii=False)
    pages = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(built.pdf)).pages)
    for cited in ("https://t.me/c/1234567890/6", "Telegram message 6", "id 777", "2023-07-04T10:36:15+03:00",
                  "reply to message 2"):
        assert cited in content, cited
    for cited in ("Telegram message 6", "(id 777)", "reply to message 2", "t.me/c/1234567890/6"):
        assert cited in pages, cited


def test_round_trip_whatsapp_zip_photo_and_arabic_author(vault, tmp_path, incident_id):
    loc = next(x for x in ex.LOCALES if x.name == "ar-ios")
    path = ex.wa_export(tmp_path / "wa", loc, zipped=True)
    with importers.parse("whatsapp", path) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget(incident_id=incident_id))
    assert result.incident_ids == [] and result.target_incident_ids == [incident_id]
    evs = vault.journal.evidence.of_incident(incident_id)
    photos = [e for e in evs if e.kind == "image"]
    assert len(photos) == 1 and photos[0].captured_at == "2023-07-04T14:05:07"
    assert evidence.read_original(vault, photos[0].id) == ex.photo_bytes(5)
    assert any(e.original_name == "WhatsApp Chat - Harasser.zip" for e in evs)
    actors = {a.display_name: a for a in vault.journal.actors.list()}
    assert actors["+49 170 1234567"].numeric_id == "491701234567" and "ليلى" in actors
    assert actors["Harasser"].first_seen == "2023-07-04" and actors["Harasser"].last_seen == "2023-07-14"
    assert {a.id for a in vault.journal.incidents.actors_of(incident_id)} == {a.id for a in actors.values()}


def test_media_never_reaches_the_disk_in_plaintext(vault, tmp_path, vault_path):
    loc = ex.LOCALES[0]
    path = ex.wa_export(tmp_path / "wa", loc, zipped=True)
    with importers.parse("whatsapp", path) as p:
        commit.import_messages(vault, p, filters.select(p), ImportTarget())
    photo = ex.photo_bytes(5)
    for f in vault_path.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert photo[200:264] not in data and b"first line" not in data


def test_actors_are_deduplicated_by_platform_and_numeric_id(vault, tmp_path):
    from datetime import datetime
    first = [ex.telegram_message(2, datetime(2023, 7, 4, 10, 0), author=("Old name", 777))]
    later = [ex.telegram_message(3, datetime(2023, 9, 1, 10, 0), author=("New name", 777))]
    for n, msgs in enumerate((first, later)):
        with importers.parse("telegram", ex.telegram_export(tmp_path / f"tg{n}", msgs)) as p:
            result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    [actor] = vault.journal.actors.list()
    assert result.updated_actor_ids == [actor.id] and result.actor_ids == []
    assert (actor.first_seen, actor.last_seen, actor.numeric_id) == ("2023-07-04", "2023-09-01", "777")
    assert len(vault.journal.incidents.list()) == 2


@pytest.mark.parametrize(("split", "incidents"), [("one", 1), ("per-day", 2), ("per-file", 5), ("per-thread", 1)])
def test_new_incidents_per_day_thread_or_message(vault, tmp_path, split, incidents):
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", ex.LOCALES[4])) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget(split=split))
    assert len(result.incident_ids) == incidents
    days = sorted(i.occurred_on for i in vault.journal.incidents.list())
    assert days[0] == "2023-07-04" and days[-1] in ("2023-07-04", "2023-07-14")


def test_cancel_leaves_the_journal_and_the_blobs_unchanged(vault, tmp_path):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        before = state(vault)
        asked, seen = [], []
        with pytest.raises(Cancelled):
            commit.import_messages(vault, p, filters.select(p), ImportTarget(),
                                   progress=lambda d, t: seen.append((d, t)),
                                   cancel=lambda: asked.append(1) or len(asked) > 4)
        assert state(vault) == before and all(t == 7 for _d, t in seen)
        # after a cancel, the same preview imports in full
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget(),
                                        progress=lambda d, t: seen.append((d, t)))
        assert len(result.evidence_ids) == 6 and seen[-1] == (7, 7)


def test_a_failure_while_recording_rolls_back_and_removes_the_blobs(vault, tmp_path, monkeypatch):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        before = state(vault)

        def broken(*_a, **_k):
            raise RuntimeError("disk gone")
        monkeypatch.setattr(commit, "_record_actors", broken)
        with pytest.raises(RuntimeError):
            commit.import_messages(vault, p, filters.select(p), ImportTarget())
        assert state(vault) == before


def test_an_export_changed_after_the_preview_is_refused(vault, tmp_path):
    folder = ex.telegram_sample(tmp_path / "tg")
    with importers.parse("telegram", folder) as p:
        (folder / "result.json").write_text((folder / "result.json").read_text() + " ")
        before = state(vault)
        with pytest.raises(FileRejected):
            commit.import_messages(vault, p, filters.select(p), ImportTarget())
        assert state(vault) == before


def test_a_missing_photo_is_recorded_not_fatal(vault, tmp_path):
    folder = ex.telegram_sample(tmp_path / "tg")
    (folder / "photos/photo_1@04-07-2023_10-34-15.jpg").unlink()
    with importers.parse("telegram", folder) as p:
        picked = filters.select(p, MessageFilter(ids=["4"]))
        result = commit.import_messages(vault, p, picked, ImportTarget())
    ev = vault.journal.evidence.get(result.evidence_ids[0])
    assert ev.kind == "text" and ev.metadata["import"]["missing_attachments"] == [
        "photos/photo_1@04-07-2023_10-34-15.jpg"]


def test_imported_messages_are_found_by_the_journal_search(vault, tmp_path):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    assert vault.journal.search("سنجدك") == result.incident_ids


def test_folder_of_pictures_keeps_device_as_recorded_metadata(vault, tmp_path):
    from PIL import Image
    folder = tmp_path / "shots"
    folder.mkdir()
    for n, day in enumerate(("2023:07:04 10:00:00", "2023:07:05 11:00:00")):
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "Pixel", "7a"
        exif.get_ifd(0x8769)[0x9003] = day
        Image.new("RGB", (20, 20), "red").save(folder / f"shot{n}.jpg", exif=exif)
    (folder / "notes.txt").write_text("a note")
    (folder / "link.jpg").symlink_to(folder / "shot0.jpg")
    with importers.parse("folder", folder) as p:
        assert sorted(m.id for m in p.messages) == ["notes.txt", "shot0.jpg", "shot1.jpg"]  # no link followed
        shot = next(m for m in p.messages if m.id == "shot0.jpg")
        assert shot.when == "2023-07-04T10:00:00" and shot.recorded["device"] == "Pixel 7a"
        picked = filters.select(p, MessageFilter(kinds=["photo"]))
        result = commit.import_messages(vault, p, picked, ImportTarget(split="per-day"))
    assert len(result.incident_ids) == 2 and result.actor_ids == []
    ev = vault.journal.evidence.get(result.evidence_ids[0])
    assert ev.metadata["import"]["recorded"]["device"] == "Pixel 7a"


def _warc(path, with_screenshot=True):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=True)
        page = b"<html><head><title>Doxxing post</title></head><body>She lives at ...</body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://forum.example/thread/42", "response", payload=BytesIO(page),
                                            http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2023-07-04T07:30:15Z"}))
        if with_screenshot:
            w.write_record(w.create_warc_record("urn:screenshot:https://forum.example/thread/42", "resource",
                                                payload=BytesIO(ex.photo_bytes(2)), warc_content_type="image/png",
                                                warc_headers_dict={"WARC-Date": "2023-07-04T07:30:16Z"}))
    return path


def test_warc_page_with_screenshot_and_archive_digests(vault, tmp_path):
    path = _warc(tmp_path / "capture.warc.gz")
    with importers.parse("web", path) as p:
        [page] = p.messages
        assert page.link == "https://forum.example/thread/42" and page.when == "2023-07-04T07:30:15+00:00"
        assert page.text == "Doxxing post" and page.recorded["warc_payload_digest"].startswith("sha1:")
        assert [a.kind for a in page.attachments] == ["page", "photo"]
        result = commit.import_messages(vault, p, [0], ImportTarget())
    evs = vault.journal.evidence.of_incident(result.incident_ids[0])
    assert {e.kind for e in evs} == {"other", "text", "image"}
    assert all(e.source_url == "https://forum.example/thread/42" for e in evs if e.kind != "other")


def test_wacz_is_read_in_memory(tmp_path):
    import zipfile
    warc = _warc(tmp_path / "data.warc.gz", with_screenshot=False).read_bytes()
    with zipfile.ZipFile(tmp_path / "c.wacz", "w") as z:
        z.writestr("archive/data.warc.gz", warc)
        z.writestr("datapackage.json", json.dumps({"resources": [
            {"path": "archive/data.warc.gz", "hash": "sha256:" + hashlib.sha256(warc).hexdigest()}]}))
    with importers.parse("web", tmp_path / "c.wacz") as p:
        assert p.messages[0].link == "https://forum.example/thread/42" and p.notes == []
        assert p.messages[0].recorded["wacz_stated_hash"].endswith(hashlib.sha256(warc).hexdigest())


def test_single_file_html_keeps_the_saved_url(tmp_path):
    (tmp_path / "page.html").write_text("<!--\n Page saved with SingleFile \n url: https://x.example/p/1 \n"
                                        " saved date: Tue Jul 04 2023 10:30:15 GMT+0300\n-->"
                                        "<html><head><title>Threat</title></head></html>")
    with importers.parse("web", tmp_path / "page.html") as p:
        m = p.messages[0]
        assert m.link == "https://x.example/p/1" and m.text == "Threat" and "saved_date" in m.recorded


def test_a_user_and_a_channel_with_the_same_digits_are_two_actors(vault, tmp_path):
    from datetime import datetime
    post = ex.telegram_message(2, datetime(2023, 7, 4, 10, 0), author=("Hate channel", 555))
    post["from_id"] = "channel555"
    forward = ex.telegram_message(3, datetime(2023, 7, 4, 10, 0), author=("Samir", 555), forwarded="Hate channel")
    forward["forwarded_from_id"] = "channel555"
    group = ex.telegram_message(4, datetime(2023, 7, 4, 10, 0), author=("Old group", 555))
    group["from_id"] = "chat555"
    for n in range(2):  # the second import of the same export adds no one
        with importers.parse("telegram", ex.telegram_export(tmp_path / f"tg{n}", [post, forward, group])) as p:
            result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    actors = {a.numeric_id: a.display_name for a in vault.journal.actors.list()}
    assert actors == {"555": "Samir", "channel555": "Hate channel", "chat555": "Old group"}
    assert result.actor_ids == [] and len(result.updated_actor_ids) == 3


def test_a_channel_stored_by_an_older_import_is_found_again_and_keeps_its_kind(vault, tmp_path):
    """Journals written before kinds were kept stored a channel as its bare digits."""
    from datetime import datetime

    from app.core.models import Actor
    old = vault.journal.actors.add(Actor(platform="telegram", display_name="Hate channel", numeric_id="555"))
    user = vault.journal.actors.add(Actor(platform="telegram", display_name="Samir", numeric_id="556"))
    post = ex.telegram_message(2, datetime(2023, 7, 4, 10, 0), author=("Hate channel", 555))
    post["from_id"] = "channel555"
    other = ex.telegram_message(3, datetime(2023, 7, 4, 10, 0), author=("Other channel", 556))
    other["from_id"] = "channel556"  # same digits as the stored user, another name: another account
    with importers.parse("telegram", ex.telegram_export(tmp_path / "tg", [post, other])) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    assert result.updated_actor_ids == [old] and vault.journal.actors.get(old).numeric_id == "channel555"
    assert vault.journal.actors.get(user).numeric_id == "556" and len(result.actor_ids) == 1
